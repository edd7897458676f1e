/**
 * "Repayments through the API, sustained 10 min": a micro-credit organization's running loans, opened through
 * the loans API in process (application, committee decision, payout 45 days ago, so each has an installment due
 * and the ledger holds the payouts), then `moldir serve` on them and autocannon posting repayments at the goal's
 * rate (300 a second) over 127.0.0.1 with an API token: `POST /api/v1/loans/:id/repayments`, 100 ₸ each, the loans
 * taken in turn so that none is ever paid more than it owes. Every answer that is not 2xx counts as an error.
 * Reported per run: the rate of accepted repayments, the p99 latency, the errors.
 */
import { asSystem, type Database } from "@moldir/db";
import { addDays, plainDate, plainDateAt } from "@moldir/domain";
import { buildApp } from "@moldir/server/app";
import { signedInApi } from "@moldir/server/generator/api";
import { loanProducts } from "@moldir/server/generator/loans";
import { apiTokenPrefix } from "@moldir/server/http/access";
import { newId, newSecretToken, sha256 } from "@moldir/server/identity/secrets";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  signIn,
  testPassword,
} from "@moldir/server/testing/fixtures";
import autocannon from "autocannon";
import { type Goal, summarize } from "./harness";
import { type SpawnedServer, spawnServer } from "./http";
import { bySize, count, type DatabaseBenchmark, engineLabel } from "./suite";

const rateGoal: Goal = {
  text: "300 req/s for 10 min, no errors (stretch 1,000)",
  must: 300,
  stretch: 1_000,
  unit: "req/s",
  higherIsBetter: true,
};
const p99Goal: Goal = { text: "p99 ≤ 50 ms at 300 req/s", must: 50, stretch: 50, unit: "ms" };

/** One repayment: 100 ₸, far below what any of these loans owes even after thousands of them. */
export const repaymentMinor = "10000";

export interface RepaymentFixture {
  readonly orgId: string;
  readonly loanIds: readonly string[];
  /** `Authorization: Bearer …` of the organization's administrator, limited to loans and repayments. */
  readonly token: string;
  /** The value date of the repayments: the organization's today (Asia/Almaty). */
  readonly today: string;
}

const product = (() => {
  const isker = loanProducts.find((p) => p.code === "ISKER");
  if (isker === undefined) throw new Error("the generator's products include ISKER");
  return isker;
})();

/** Opens `loans` running loans through the API (in process, on `database`); ~4 requests a loan. */
export async function buildRepaymentFixture(
  database: Database,
  loans: number,
  log: (line: string) => void = () => undefined,
): Promise<RepaymentFixture> {
  const app = await buildApp({
    config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
    database,
  });
  try {
    await app.ready();
    const { orgId } = await buildOrganization(database, { kind: "mco", name: "Bench MCO" });
    const admin = await buildUser(database, orgId, ["administrator"]);
    const manager = await signedInApi(app, admin.email, testPassword);
    const officer = await signedInApi(
      app,
      (await buildUser(database, orgId, ["loan_officer"])).email,
      testPassword,
    );
    const committee = await signedInApi(
      app,
      (await buildUser(database, orgId, ["credit_committee_member"])).email,
      testPassword,
    );
    const client = await signIn(app, admin.email);
    await manager("POST", "/api/v1/books", { template: "mco" });
    const created = await manager<{ id: string }>("POST", "/api/v1/loan-products", {
      code: product.code,
      names: product.names,
      clientKind: "individual",
      loanKind: "mfo_microloan",
      settings: product.settings,
    });
    const today = plainDateAt(Date.now(), "Asia/Almaty");
    const disbursedOn = addDays(plainDate(today), -45);
    const loanIds: string[] = [];
    let personId = "";
    for (let index = 0; index < loans; index++) {
      // A borrower for every 25 loans; her income is large enough for all of them.
      if (index % 25 === 0)
        personId = await buildConsentingPerson(
          client,
          { surname: "Бенчмарк", givenName: `Айгүл ${index / 25 + 1}` },
          ["credit"],
        );
      const loan = await officer<{ id: string; version: number }>("POST", "/api/v1/loans", {
        productId: created.id,
        personId,
        principalMinor: "50000000",
        installments: 12,
        expectedDisbursementOn: disbursedOn,
        purpose: "Бенчмарк / Бенчмарк",
        monthlyIncomeMinor: "100000000000",
        monthlyExpensesMinor: "0",
      });
      await committee("POST", `/api/v1/loans/${loan.id}/decision`, {
        decision: "approve",
        comment: "Бенчмарк / Бенчмарк",
        version: loan.version,
      });
      await manager("POST", `/api/v1/loans/${loan.id}/disbursements`, {
        valueDate: disbursedOn,
        channel: "cash",
      });
      loanIds.push(loan.id);
      if ((index + 1) % 100 === 0) log(`repayments: ${index + 1} loans opened`);
    }
    const token = newSecretToken(apiTokenPrefix);
    await asSystem(database, (trx) =>
      trx
        .insertInto("api_tokens")
        .values({
          org_id: orgId,
          id: newId(),
          user_id: admin.userId,
          name: "bench",
          token_hash: sha256(token),
          permissions: ["loans.read", "repayments.record"],
          expires_at: new Date(Date.now() + 86_400_000),
        })
        .execute(),
    );
    return { orgId, loanIds, token, today };
  } finally {
    await app.close();
  }
}

/** Autocannon's options for repayments on the fixture's loans, each request on the next loan in turn. */
export function repaymentLoad(
  server: SpawnedServer,
  fixture: RepaymentFixture,
  options: {
    connections: number;
    duration: number;
    overallRate?: number;
    /** Told of every answer that is not 2xx (the first few are logged, to say what went wrong). */
    onRefusal?: (status: number, body: string) => void;
  },
): autocannon.Options {
  const body = JSON.stringify({ valueDate: fixture.today, amountMinor: repaymentMinor, channel: "cash" });
  let next = 0;
  return {
    url: server.url,
    connections: options.connections,
    duration: options.duration,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    requests: [
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${fixture.token}`,
          "content-type": "application/json",
          "accept-language": "en",
        },
        body,
        setupRequest: (request) => {
          const loanId = fixture.loanIds[next++ % fixture.loanIds.length];
          return { ...request, path: `/api/v1/loans/${loanId}/repayments` };
        },
        onResponse: (status, body) => {
          if (status < 200 || status >= 300) options.onRefusal?.(status, body);
        },
      },
    ],
  };
}

/** Logs the first few refusals of a run, with their bodies. */
export function refusalLogger(log: (line: string) => void, limit = 3) {
  let seen = 0;
  return (status: number, body: string) => {
    if (seen++ < limit) log(`  refused: ${status} ${body.slice(0, 300)}`);
  };
}

export const repaymentsSustained: DatabaseBenchmark = {
  name: "Repayments through the API, sustained",
  async run({ size, databases, log }) {
    const { loans, rounds, durationSeconds, rate, connections } = bySize(size, {
      quick: { loans: 4, rounds: 1, durationSeconds: 2, rate: 20, connections: 4 },
      small: { loans: 60, rounds: 3, durationSeconds: 20, rate: 300, connections: 32 },
      full: { loans: 1_000, rounds: 1, durationSeconds: 600, rate: 300, connections: 32 },
    });
    const results = [];
    for (const engine of databases.engines) {
      log(`repayments, ${engine}: opening ${count(loans)} loans through the API`);
      const prepared = await databases.forServer(engine, (database) =>
        buildRepaymentFixture(database, loans, log),
      );
      let server: SpawnedServer | undefined;
      try {
        server = await spawnServer(prepared.where, { CLOSE_OF_BUSINESS_SCHEDULE: "false" });
        await autocannon(repaymentLoad(server, prepared.prepared, { connections, duration: 2 })); // warm-up
        const rates: number[] = [];
        const p99s: number[] = [];
        let errors = 0;
        let accepted = 0;
        for (let round = 1; round <= rounds; round++) {
          const result = await autocannon(
            repaymentLoad(server, prepared.prepared, {
              connections,
              duration: durationSeconds,
              overallRate: rate,
              onRefusal: refusalLogger(log),
            }),
          );
          const ok = result["2xx"];
          const failed = result.non2xx + result.errors + result.timeouts;
          accepted += ok;
          errors += failed;
          rates.push(ok / (result.duration || durationSeconds));
          p99s.push(result.latency.p99);
          log(
            `repayments, ${engine}: ${count(ok)} in ${result.duration.toFixed(1)} s ` +
              `(${(ok / (result.duration || durationSeconds)).toFixed(0)}/s), p99 ${result.latency.p99} ms, ` +
              `${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
          );
        }
        const detail =
          `${rounds} × ${durationSeconds} s at ${rate}/s offered, ${connections} connections, ` +
          `${count(loans)} loans, ${count(accepted)} repayments, ${errors} errors (non-2xx included)` +
          (durationSeconds >= 600 ? "" : `; goal (${rateGoal.text}) judged at --size full only`);
        // The goal is judged only when sustained for its 10 minutes (--size full); a run with errors does not
        // meet it, whatever its rate.
        const judged = durationSeconds >= 600;
        const rateMeasurement = summarize(
          `Repayments through the API, ${durationSeconds} s runs, ${engineLabel(engine)}`,
          judged ? rateGoal : null,
          "req/s",
          rates,
          detail,
        );
        results.push(
          judged && errors > 0 ? { ...rateMeasurement, verdict: "not met" as const } : rateMeasurement,
          summarize(
            `Repayments through the API, p99, ${durationSeconds} s runs, ${engineLabel(engine)}`,
            judged ? p99Goal : null,
            "ms",
            p99s,
            `median of the runs' p99 at ${rate}/s offered`,
          ),
        );
      } finally {
        await server?.stop();
        await prepared.drop();
      }
    }
    return results;
  },
};
