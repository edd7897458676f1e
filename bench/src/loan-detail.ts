/**
 * "Loan detail with 5 years of history": one loan of a micro-credit organization, paid out five years ago
 * and repaid every week since through the loans API (so its events, schedule and postings are the application's
 * own), then its page — `GET /api/v1/loans/:id`, which replays the loan from its events — asked for again and
 * again through the built app (`inject`, no socket). Each round's p99 is a sample; the figure is their median.
 */

import { addDays, addMonths, plainDate, plainDateAt } from "@moldir/domain";
import { buildApp } from "@moldir/server/app";
import { type Api, signedInApi } from "@moldir/server/generator/api";
import { loanProducts } from "@moldir/server/generator/loans";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  signIn,
  testPassword,
} from "@moldir/server/testing/fixtures";
import { type Goal, percentile, summarize } from "./harness";
import { profiled } from "./profile";
import { countingDatabase, type StatementCounter } from "./requests";
import { bySize, count, type DatabaseBenchmark, engineLabel } from "./suite";

const goal: Goal = { text: "p99 ≤ 30 ms (stretch ≤ 10 ms)", must: 30, stretch: 10, unit: "ms" };

/** A product for a five-year loan: the demo's business loan, stretched to 60 monthly installments. */
const longProduct = (() => {
  const isker = loanProducts.find((p) => p.code === "ISKER");
  if (isker === undefined) throw new Error("the generator's products include ISKER");
  return { ...isker, code: "UZAQ", settings: { ...isker.settings, maxInstallments: 60 } };
})();

/** Pays out a loan `years` ago and pays it every `everyDays` days until yesterday; answers its id and events. */
async function loanWithHistory(
  manager: Api,
  staff: { officer: Api; committee: Api },
  personId: string,
  years: number,
  everyDays: number,
): Promise<{ loanId: string; events: number }> {
  await manager("POST", "/api/v1/books", { template: "mco" });
  const product = await manager<{ id: string }>("POST", "/api/v1/loan-products", {
    code: longProduct.code,
    names: longProduct.names,
    clientKind: "individual",
    loanKind: "mfo_microloan",
    settings: longProduct.settings,
  });
  const today = plainDateAt(Date.now(), "Asia/Almaty");
  const disbursedOn = addMonths(plainDate(today), -12 * years);
  const loan = await staff.officer<{ id: string; version: number }>("POST", "/api/v1/loans", {
    productId: product.id,
    personId,
    principalMinor: "100000000",
    installments: 60,
    expectedDisbursementOn: disbursedOn,
    purpose: "Бес жылдық несие / Заём на пять лет",
    monthlyIncomeMinor: "50000000",
    monthlyExpensesMinor: "10000000",
  });
  await staff.committee("POST", `/api/v1/loans/${loan.id}/decision`, {
    decision: "approve",
    comment: "Бенчмарк / Бенчмарк",
    version: loan.version,
  });
  await manager("POST", `/api/v1/loans/${loan.id}/disbursements`, {
    valueDate: disbursedOn,
    channel: "bank",
  });
  let events = 1;
  // A weekly part of the monthly installment (about 2.88 million tiyn on these terms): a little less, so that
  // no payment ever exceeds what is owed.
  for (let on = addDays(disbursedOn, everyDays); on < today; on = addDays(on, everyDays)) {
    await staff.officer("POST", `/api/v1/loans/${loan.id}/repayments`, {
      valueDate: on,
      amountMinor: String(Math.round((2_800_000 * everyDays) / 30.4 / 100) * 100),
      channel: "cash",
    });
    events += 1;
  }
  return { loanId: loan.id, events };
}

export const loanDetailHistory: DatabaseBenchmark = {
  name: "Loan detail with 5 years of history",
  async run({ databases, size, log }) {
    const { years, everyDays, rounds, requests } = bySize(size, {
      quick: { years: 1, everyDays: 30, rounds: 1, requests: 10 },
      small: { years: 5, everyDays: 7, rounds: 5, requests: 100 },
      full: { years: 5, everyDays: 7, rounds: 9, requests: 300 },
    });
    const results = [];
    for (const engine of databases.engines) {
      const database = await databases.open(engine);
      const counter: StatementCounter = { statements: 0, transactions: 0 };
      const app = await buildApp({
        config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
        database: countingDatabase(database, counter),
      });
      try {
        await app.ready();
        const { orgId } = await buildOrganization(database, { kind: "mco" });
        const apiAs = async (role: "administrator" | "loan_officer" | "credit_committee_member") =>
          signedInApi(app, (await buildUser(database, orgId, [role])).email, testPassword);
        const manager = await apiAs("administrator");
        const officer = await apiAs("loan_officer");
        const committee = await apiAs("credit_committee_member");
        const client = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
        const personId = await buildConsentingPerson(client, { surname: "Ахметова", givenName: "Гүлнар" }, [
          "credit",
        ]);
        log(`loan detail: paying a ${years}-year loan every ${everyDays} days through the API (${engine})`);
        const { loanId, events } = await loanWithHistory(
          manager,
          { officer, committee },
          personId,
          years,
          everyDays,
        );
        const p99s: number[] = [];
        const p50s: number[] = [];
        const cpuPerRequest: number[] = [];
        let statements = 0;
        let answerBytes = 0;
        await profiled(`loan-detail-${engine}`, async () => {
          for (let round = -1; round < rounds; round++) {
            const latencies: number[] = [];
            counter.statements = 0;
            counter.transactions = 0;
            const cpu = process.cpuUsage();
            for (let request = 0; request < requests; request++) {
              const started = process.hrtime.bigint();
              const page = await manager("GET", `/api/v1/loans/${loanId}`);
              latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
              if (request === 0) answerBytes = Buffer.byteLength(JSON.stringify(page));
            }
            const used = process.cpuUsage(cpu);
            statements = (counter.statements + 2 * counter.transactions) / requests;
            if (round >= 0) cpuPerRequest.push((used.user + used.system) / 1000 / requests);
            // The first round warms the app up and is not recorded.
            if (round >= 0) {
              p99s.push(percentile(latencies, 99));
              p50s.push(percentile(latencies, 50));
              log(
                `loan detail, ${engine}: round ${round + 1}, p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
                  `p99 ${percentile(latencies, 99).toFixed(1)} ms`,
              );
            }
          }
        });
        const p50 = percentile(p50s, 50);
        log(
          `loan detail, ${engine}: CPU ${percentile(cpuPerRequest, 50).toFixed(1)} ms a request (median of rounds), ` +
            `${statements.toFixed(1)} statements a request, answer ${count(answerBytes)} bytes`,
        );
        results.push(
          summarize(
            `Loan detail with ${years === 1 ? "1 year" : `${years} years`} of history (${count(events)} events), ${engineLabel(engine)}`,
            goal,
            "ms",
            p99s,
            `${rounds} rounds of ${count(requests)} requests in process (inject); median of the rounds' p99 ` +
              `(median of their p50: ${p50.toFixed(1)} ms)`,
          ),
          summarize(
            `Loan detail, CPU of the process per request, ${engineLabel(engine)}`,
            null,
            "ms",
            cpuPerRequest,
            `process.cpuUsage over each round ÷ ${count(requests)} requests (the client's parsing included; ` +
              `on PostgreSQL the server's own CPU is not); ${statements.toFixed(1)} SQL statements a request ` +
              `(BEGIN/COMMIT included); answer ${count(answerBytes)} bytes of JSON`,
          ),
        );
      } finally {
        await app.close();
        await database.drop();
      }
    }
    return results;
  },
};
