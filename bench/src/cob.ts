/**
 * Close of business of PERFORMANCE.md: N running loans of one micro-credit organization, loaded by SQL
 * (INSERT … SELECT generate_series: the loans with their frozen terms, a disbursement each and monthly
 * repayments, one loan in twenty missing its payments), then one business date closed by the application's own
 * `closeBusinessThrough`: every loan replayed, accrued, aged, bucketed, the postings summarized per product and
 * the PAR snapshot kept. Then the next day is closed, as the nightly run does: only the loans with something
 * new are replayed, the quiet ones accrued by their kept days (ADR 0023); the goal is judged on this run.
 * Reported for both: seconds, SQL statements per 1,000 loans and the process's peak memory.
 */
import { randomUUID } from "node:crypto";
import { asSystem, type Database, sql } from "@moldir/db";
import { addDays, type PlainDate, plainDate } from "@moldir/domain";
import { closeBusinessThrough, defaultChunkSize } from "@moldir/server/loans/cob";
import { berekeSettings } from "@moldir/server/testing/loan-fixtures";
import type { EngineName } from "./databases";
import { buildLedgerFixture } from "./fixtures";
import { type Goal, summarize } from "./harness";
import { countingDatabase, type StatementCounter } from "./requests";
import { bySize, count, type DatabaseBenchmark, engineLabel, seconds } from "./suite";

const goals: Record<EngineName, Goal> = {
  embedded: { text: "≤ 15 s at 100,000 loans (stretch ≤ 5 s)", must: 15, stretch: 5, unit: "s" },
  postgres: { text: "≤ 60 s at 1,000,000 loans (stretch ≤ 20 s)", must: 60, stretch: 20, unit: "s" },
};
const roundTripGoal: Goal = { text: "≤ 1 per 1,000 loans", must: 1, stretch: 1, unit: "statements" };

export const businessDate = plainDate("2026-06-30");

/** Loads `loans` running loans (and their events) into a fresh organization; returns its id. */
export async function loadPortfolio(database: Database, loans: number, chunk = 50_000): Promise<string> {
  const fixture = await buildLedgerFixture(database);
  const { orgId, userId, bookId } = fixture;
  const productId = randomUUID();
  const personId = randomUUID();
  const prefix = randomUUID().slice(0, 24);
  await asSystem(database, async (trx) => {
    await trx
      .insertInto("loan_products")
      .values({
        org_id: orgId,
        id: productId,
        code: "BENCH",
        name_kk: "Bench",
        name_ru: "Bench",
        name_en: "Bench",
        client_kind: "individual",
        loan_kind: "mfo_microloan",
        currency: "KZT",
        settings: JSON.stringify(berekeSettings),
        created_by: userId,
      })
      .execute();
    await trx
      .insertInto("persons")
      .values({
        org_id: orgId,
        id: personId,
        surname: "Бенчмарк",
        given_name: "Айгүл",
        patronymic: null,
        name_key: "benchmark aigul",
        sex: "female",
        birth_date: null,
        iin: null,
        address: null,
        region_id: null,
        documents: "[]",
        income_band: null,
        dependants: null,
        merged_into_id: null,
        erased_at: null,
        created_at: new Date(),
      })
      .execute();
  });
  const loanId = sql`(${prefix}::text || lpad(to_hex(g), 12, '0'))::uuid`;
  const principal = sql`(5000000 + (g % 40) * 100000)`;
  const disbursedOn = sql`(${businessDate}::date - 1 - (g % 330)::int)`;
  const settings = JSON.stringify(berekeSettings);
  for (let from = 1; from <= loans; from += chunk) {
    const to = Math.min(loans, from + chunk - 1);
    await database.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO loans (org_id, id, number, product_id, product_version, client_kind, person_id, book_id,
          status, principal_minor, installments, expected_disbursement_on, purpose, monthly_income_minor,
          monthly_expenses_minor, monthly_payment_minor, debt_burden_basis_points, terms, gesv_tenths, applied_by,
          disbursed_on, principal_outstanding_minor, posted_disbursed_minor)
        SELECT ${orgId}::uuid, ${loanId}, g, ${productId}::uuid, 1, 'individual', ${personId}::uuid, ${bookId}::uuid,
          'active', ${principal}, 12, ${disbursedOn}, 'Bench', 100000000, 0, 1000000, 1000,
          jsonb_build_object('loanKind', 'mfo_microloan', 'settings', ${settings}::jsonb, 'request',
            jsonb_build_object('currency', 'KZT', 'principalMinor', ${principal}::text, 'installments', 12,
              'disbursementOn', ${disbursedOn}::text, 'firstRepaymentOn', null)),
          347, ${userId}::uuid, ${disbursedOn}, ${principal}, ${principal}
        FROM generate_series(${from}::int, ${to}::int) AS g`.execute(trx);
      await sql`INSERT INTO loan_events (org_id, id, loan_id, kind, value_date, amount_minor, details)
        SELECT ${orgId}::uuid, gen_random_uuid(), ${loanId}, 'disbursement', ${disbursedOn}, ${principal},
          jsonb_build_object('posted', jsonb_build_object('disbursed', ${principal}::text))
        FROM generate_series(${from}::int, ${to}::int) AS g`.execute(trx);
      // A monthly repayment of about the annuity for every month gone by; one loan in twenty pays nothing.
      await sql`INSERT INTO loan_events (org_id, id, loan_id, kind, value_date, amount_minor, details)
        SELECT ${orgId}::uuid, gen_random_uuid(), ${loanId}, 'repayment', (${disbursedOn} + 30 * m), 
          (${principal} / 100000) * 9800, '{}'::jsonb
        FROM generate_series(${from}::int, ${to}::int) AS g, generate_series(1, 11) AS m
        WHERE g % 20 <> 0 AND ${disbursedOn} + 30 * m < ${businessDate}::date`.execute(trx);
    });
  }
  return orgId;
}

/** Closes one business date with the application's own `closeBusinessThrough`: seconds, statements, peak RSS. */
async function timedClose(
  database: Database,
  orgId: string,
  date: PlainDate,
): Promise<{ elapsed: number; statements: number; rssPeak: number }> {
  const counter: StatementCounter = { statements: 0, transactions: 0 };
  const counted = countingDatabase(database, counter);
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 100);
  const started = process.hrtime.bigint();
  try {
    const closed = await closeBusinessThrough(counted, orgId, date, { requestedBy: null });
    if (closed.length !== 1) throw new Error(`closing ${date} closed ${closed.length} dates`);
  } finally {
    clearInterval(sampler);
  }
  return { elapsed: seconds(started), statements: counter.statements + 2 * counter.transactions, rssPeak };
}

export const closeOfBusinessBenchmark: DatabaseBenchmark = {
  name: "Close of business",
  async run({ size, databases, log }) {
    const results = [];
    for (const engine of databases.engines) {
      const loans = bySize(size, {
        quick: 300,
        small: engine === "embedded" ? 10_000 : 20_000,
        full: engine === "embedded" ? 100_000 : 1_000_000,
      });
      const database = await databases.open(engine);
      try {
        const loadStarted = process.hrtime.bigint();
        const orgId = await loadPortfolio(database, loans);
        log(
          `close of business, ${engine}: loaded ${count(loans)} loans in ${seconds(loadStarted).toFixed(1)} s`,
        );
        // The first close replays every loan; the next day's, the nightly run, replays only the loans with
        // something new (an event, a due date passed unpaid, arrears) and accrues the quiet ones in SQL.
        const first = await timedClose(database, orgId, businessDate);
        const next = await timedClose(database, orgId, addDays(businessDate, 1));
        for (const [label, run] of [
          ["first close", first],
          ["next day", next],
        ] as const) {
          log(
            `close of business, ${engine}, ${label}: ${count(loans)} loans in ${run.elapsed.toFixed(1)} s, ${count(run.statements)} statements, peak ${Math.round(run.rssPeak / 1e6)} MB`,
          );
        }
        // The goal is judged only at its own size, on the nightly run; smaller runs show figures without a verdict.
        const goalSize = engine === "embedded" ? 100_000 : 1_000_000;
        const atGoalSize = loans >= goalSize;
        for (const [label, run, goal] of [
          ["first close, every loan replayed", first, null],
          ["next day", next, atGoalSize ? goals[engine] : null],
        ] as const) {
          const perLoanUs = (run.elapsed * 1e6) / loans;
          results.push(
            summarize(
              `Close of business, ${count(loans)} loans, ${label}, ${engineLabel(engine)}`,
              goal,
              "s",
              [run.elapsed],
              `one business date; ~5 repayments a loan, 5 % in arrears; ${perLoanUs.toFixed(0)} µs a loan` +
                ` (${((perLoanUs * goalSize) / 1e6).toFixed(0)} s at ${count(goalSize)}, goal ${goals[engine].text});` +
                ` chunks of ${count(defaultChunkSize)}; peak RSS ${Math.round(run.rssPeak / 1e6)} MB`,
            ),
          );
        }
        results.push(
          summarize(
            `Close of business SQL statements per 1,000 loans, ${engineLabel(engine)}`,
            atGoalSize ? roundTripGoal : null,
            "statements",
            [(Math.max(first.statements, next.statements) * 1000) / loans],
            `${count(first.statements)} statements (BEGIN/COMMIT included) for the first close of ${count(loans)} loans, ${count(next.statements)} for the next day`,
          ),
        );
      } finally {
        await database.drop();
      }
    }
    return results;
  },
};
