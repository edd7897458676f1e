/**
 * PAR30/PAR90 by branch and product (PERFORMANCE.md): the application's own `portfolioReport`, grouped by office
 * and then by product, over N loans loaded by the close of business benchmark's loader and spread over 20
 * offices and 4 products. The loans' arrears (days past due, overdue amount, bucket) are set by one SQL statement
 * (one loan in twenty is behind since its first due date), not by a close of business: the report only reads
 * them. The snapshot of the business date is then kept by the application's `finishRun`, as a close of business
 * ends. Timed: both reports as of the closed date (from the snapshot) and as of today (live, from the running
 * loans' positions, migration 0024). Beside them, on the same data, for a before/after on one load: the statement
 * the report used before migration 0022 to sum the money paid out and repaid (the JSON of every loan event to the
 * date), and the scan of the wide loan rows the live report ran before migration 0024.
 */
import { asSystem, type Database, sql, withTenant } from "@moldir/db";
import { addDays } from "@moldir/domain";
import { finishRun } from "@moldir/server/loans/cob";
import { portfolioReport } from "@moldir/server/loans/reports";
import { businessDate, loadPortfolio } from "./cob";
import { type Goal, summarize } from "./harness";
import { bySize, count, type DatabaseBenchmark, engineLabel, seconds } from "./suite";

const parGoal: Goal = {
  text: "≤ 2 s at 1,000,000 loans (stretch ≤ 500 ms)",
  must: 2,
  stretch: 0.5,
  unit: "s",
};
const offices = 20;
const products = 4;
const rounds = 5;

/** Spreads the loaded loans over offices and products and sets their arrears; keeps the date's PAR snapshot. */
async function prepareReportData(database: Database, orgId: string): Promise<void> {
  await asSystem(database, async (trx) => {
    await sql`INSERT INTO offices (org_id, id, name_kk, name_ru, name_en)
      SELECT ${orgId}::uuid, gen_random_uuid(), 'Филиал ' || o, 'Филиал ' || o, 'Branch ' || o
      FROM generate_series(1, ${offices}::int) AS o`.execute(trx);
    await sql`INSERT INTO loan_products (org_id, id, code, name_kk, name_ru, name_en, client_kind, loan_kind,
        currency, settings, created_by)
      SELECT p.org_id, gen_random_uuid(), p.code || '-' || n, p.name_kk, p.name_ru, p.name_en, p.client_kind,
        p.loan_kind, p.currency, p.settings, p.created_by
      FROM loan_products p, generate_series(2, ${products}::int) AS n
      WHERE p.org_id = ${orgId}::uuid`.execute(trx);
    // Loans that pay nothing (one in twenty) are behind since their first due date, 30 days after disbursement.
    await sql`WITH o AS (SELECT array_agg(id ORDER BY name_en) AS ids FROM offices WHERE org_id = ${orgId}::uuid),
        p AS (SELECT array_agg(id ORDER BY code) AS ids FROM loan_products WHERE org_id = ${orgId}::uuid),
        behind AS (
          SELECT l.id, CASE WHEN l.number % 20 = 0
            THEN greatest(0, ${businessDate}::date - (l.disbursed_on + 30)) ELSE 0 END AS dpd
          FROM loans l WHERE l.org_id = ${orgId}::uuid)
      UPDATE loans l SET
        office_id = o.ids[1 + l.number % ${offices}::int],
        product_id = p.ids[1 + (l.number / ${offices}::int) % ${products}::int],
        days_past_due = b.dpd,
        overdue_minor = CASE WHEN b.dpd > 0 THEN l.principal_minor * least(12, 1 + b.dpd / 30) / 12 ELSE 0 END,
        arrears_bucket = CASE WHEN b.dpd >= 91 THEN 4 WHEN b.dpd >= 61 THEN 3 WHEN b.dpd >= 31 THEN 2
          WHEN b.dpd >= 1 THEN 1 ELSE 0 END
      FROM o, p, behind b
      WHERE l.org_id = ${orgId}::uuid AND b.id = l.id`.execute(trx);
    // Closed on the business date, as a close of business leaves its loans (migration 0023).
    await sql`INSERT INTO loan_accruals (org_id, loan_id, number, book_id, product_id, cob_date)
      SELECT org_id, id, number, book_id, product_id, ${businessDate}::date FROM loans
      WHERE org_id = ${orgId}::uuid`.execute(trx);
    await sql`ANALYZE loans`.execute(trx);
    await sql`ANALYZE loan_positions`.execute(trx);
  });
  const tenant = { orgId, userId: null };
  await withTenant(database, tenant, async (trx) => {
    await trx.insertInto("cob_runs").values({ org_id: orgId, business_date: businessDate }).execute();
    const finished = await finishRun(trx, orgId, businessDate);
    if (!finished) throw new Error("the PAR snapshot was not kept");
  });
}

/** Seconds for PAR by office and by product as of `asOf`, with the loans at risk found (a checksum). */
async function timeReports(
  database: Database,
  orgId: string,
  asOf: typeof businessDate,
  today: typeof businessDate,
): Promise<{ elapsed: number; loans: number; atRisk: bigint }> {
  const started = process.hrtime.bigint();
  const reports = await withTenant(database, { orgId, userId: null }, async (trx) => [
    await portfolioReport(trx, orgId, asOf, today, "office"),
    await portfolioReport(trx, orgId, asOf, today, "product"),
  ]);
  const elapsed = seconds(started);
  const [byOffice, byProduct] = reports;
  if (byOffice === undefined || byProduct === undefined) throw new Error("no report");
  if (byOffice.total.loans !== byProduct.total.loans) throw new Error("the two groupings disagree");
  return { elapsed, loans: byOffice.total.loans, atRisk: byOffice.total.atRiskMinor[1] ?? 0n };
}

/** Seconds for the sums of money out and back the way the report took them before 0022: from every event. */
async function timeFlowsFromEvents(database: Database, orgId: string, asOf: typeof businessDate) {
  const started = process.hrtime.bigint();
  await withTenant(database, { orgId, userId: null }, (trx) =>
    sql<{ disbursed: string | null; repaid: string | null }>`
      SELECT sum(coalesce((details->'posted'->>'disbursed')::bigint, 0))::text AS disbursed,
        sum(coalesce((details->'posted'->>'principal')::bigint, 0))::text AS repaid
      FROM loan_events WHERE org_id = ${orgId} AND value_date <= ${asOf}::date`.execute(trx),
  );
  return { elapsed: seconds(started) };
}

/** Seconds for the live PAR rows by office and by product the way the report read them before 0024: from loans. */
async function timeLoansScan(database: Database, orgId: string) {
  const started = process.hrtime.bigint();
  await withTenant(database, { orgId, userId: null }, async (trx) => {
    for (const key of ["office_id", "product_id"]) {
      await sql`
        SELECT ${sql.ref(key)}::text AS key, days_past_due AS days, count(*)::text AS loans,
          sum(principal_outstanding_minor)::text AS outstanding, sum(overdue_minor)::text AS overdue
        FROM loans WHERE org_id = ${orgId} AND status = 'active'
        GROUP BY 1, 2`.execute(trx);
    }
  });
  return { elapsed: seconds(started) };
}

export const parReportBenchmark: DatabaseBenchmark = {
  name: "PAR report",
  async run({ size, databases, log }) {
    const results = [];
    for (const engine of databases.engines) {
      const loans = bySize(size, {
        quick: 300,
        small: 20_000,
        full: engine === "embedded" ? 100_000 : 1_000_000,
      });
      const database = await databases.open(engine);
      try {
        const loadStarted = process.hrtime.bigint();
        const orgId = await loadPortfolio(database, loans);
        await prepareReportData(database, orgId);
        log(`PAR report, ${engine}: loaded ${count(loans)} loans in ${seconds(loadStarted).toFixed(1)} s`);
        const today = addDays(businessDate, 1);
        for (const source of ["snapshot", "live"] as const) {
          const asOf = source === "snapshot" ? businessDate : today;
          const samples: number[] = [];
          let found = { loans: 0, atRisk: 0n };
          // One warm-up run, then the recorded ones.
          for (let round = -1; round < (size === "quick" ? 1 : rounds); round++) {
            const run = await timeReports(database, orgId, asOf, today);
            if (round >= 0) samples.push(run.elapsed);
            found = run;
          }
          if (found.loans !== loans) throw new Error(`PAR ${source}: ${found.loans} loans of ${loans}`);
          const before: number[] = [];
          for (let round = 0; round < (size === "quick" ? 1 : rounds); round++) {
            before.push((await timeFlowsFromEvents(database, orgId, asOf)).elapsed);
          }
          log(
            `PAR report, ${engine}, ${source}: the flows from every event (before 0022) ` +
              `${before.map((s) => (s * 1000).toFixed(0)).join(", ")} ms`,
          );
          log(`PAR report, ${engine}, ${source}: ${samples.map((s) => (s * 1000).toFixed(0)).join(", ")} ms`);
          if (source === "live") {
            const scans: number[] = [];
            for (let round = 0; round < (size === "quick" ? 1 : 3); round++) {
              scans.push((await timeLoansScan(database, orgId)).elapsed);
            }
            log(
              `PAR report, ${engine}, live: the rows from the loans (before 0024) ` +
                `${scans.map((s) => (s * 1000).toFixed(0)).join(", ")} ms`,
            );
            results.push(
              summarize(
                `Live PAR rows from the loans (before 0024), ${count(loans)} loans, ${engineLabel(engine)}`,
                null,
                "s",
                scans,
                "the two statements (by office, by product) the live report ran on the wide loan rows " +
                  "before migration 0024; now it reads loan_positions",
              ),
            );
          }
          results.push(
            summarize(
              `PAR by office and by product, ${count(loans)} loans, ${source}, ${engineLabel(engine)}`,
              loans >= 1_000_000 ? parGoal : null,
              "s",
              samples,
              `portfolioReport grouped by office (${offices}) then by product (${products}), as of ` +
                `${source === "snapshot" ? "the closed date (PAR snapshot)" : "today (the loans' state)"}; ` +
                `PAR30 ${found.atRisk.toString()} minor; goal ${parGoal.text}`,
            ),
            summarize(
              `Flows from every loan event (before 0022), ${count(loans)} loans, ${source}, ${engineLabel(engine)}`,
              null,
              "s",
              before,
              "the one statement the report ran per call before migration 0022 to sum money out and back; " +
                "the report ran it twice (by office, by product)",
            ),
          );
        }
      } finally {
        await database.drop();
      }
    }
    return results;
  },
};
