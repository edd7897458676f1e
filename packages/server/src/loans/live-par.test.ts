/**
 * The portfolio of today reads `loan_positions`, the narrow copy of the running loans that a trigger on `loans`
 * keeps (migration 0024, ADR 0024), instead of scanning the wide loan rows. Through every way a loan's
 * position changes — applied, approved, disbursed, repaid, a repayment reversed, paid off, written off, moved
 * to another office and officer, aged by close of business — the copy holds exactly the running loans' columns,
 * and the report by office, officer and product gives what the scan of `loans` it ran before gave. Another
 * organization's positions stay out of sight, and no request can write the copy. On whichever engine the run uses.
 */
import { asSystem, type Database, sql, type Tx, withTenant } from "@moldir/db";
import { addDays, addMonths, arrearsBucketOf, type PlainDate } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { todayOf } from "../http/dates";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";
import { closeBusinessThrough } from "./cob";
import {
  bucketStarts,
  type PortfolioGrouping,
  type PortfolioReport,
  portfolioGroupings,
  portfolioReport,
} from "./reports";

/** Figures of one report row, comparable with `toEqual`. */
type Figures = { loans: number; outstanding: string; overdue: string; atRisk: string[] };

function figuresOf(report: PortfolioReport): Map<string, Figures> {
  return new Map(
    report.rows.map((r) => [
      r.key ?? "",
      {
        loans: r.loans,
        outstanding: r.outstandingMinor.toString(),
        overdue: r.overdueMinor.toString(),
        atRisk: r.atRiskMinor.map(String),
      },
    ]),
  );
}

const keyColumns = {
  office: "office_id",
  officer: "officer_user_id",
  product: "product_id",
} as const satisfies Record<PortfolioGrouping, string>;

/** The figures from the scan of the running loans the live report ran before migration 0024. */
async function figuresFromLoans(
  trx: Tx,
  orgId: string,
  groupBy: PortfolioGrouping,
  starts: readonly number[],
): Promise<Map<string, Figures>> {
  const { rows } = await sql<{
    key: string | null;
    days: number;
    loans: string;
    outstanding: string;
    overdue: string;
  }>`
    SELECT ${sql.ref(keyColumns[groupBy])}::text AS key, days_past_due AS days, count(*)::text AS loans,
      sum(principal_outstanding_minor)::text AS outstanding, sum(overdue_minor)::text AS overdue
    FROM loans WHERE org_id = ${orgId} AND status = 'active'
    GROUP BY 1, 2`.execute(trx);
  const byKey = new Map<string, { loans: number; outstanding: bigint; overdue: bigint; atRisk: bigint[] }>();
  for (const row of rows) {
    const entry = byKey.get(row.key ?? "") ?? {
      loans: 0,
      outstanding: 0n,
      overdue: 0n,
      atRisk: starts.map(() => 0n),
    };
    const bucket = arrearsBucketOf(row.days, starts);
    entry.loans += Number(row.loans);
    entry.outstanding += BigInt(row.outstanding);
    entry.overdue += BigInt(row.overdue);
    entry.atRisk = entry.atRisk.map((v, i) => (bucket >= i + 1 ? v + BigInt(row.outstanding) : v));
    byKey.set(row.key ?? "", entry);
  }
  return new Map(
    [...byKey].map(([key, e]) => [
      key,
      {
        loans: e.loans,
        outstanding: e.outstanding.toString(),
        overdue: e.overdue.toString(),
        atRisk: e.atRisk.map(String),
      },
    ]),
  );
}

describe("the portfolio of today reads the positions the database keeps", () => {
  const testApp = useTestApp();

  /** A micro-credit organization with its staff, book, two offices and two products. */
  async function lender(database: Database) {
    const { app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "mco" });
    const admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    const officerUser = await buildUser(database, orgId, ["loan_officer"]);
    const officer = await signIn(app, officerUser.email);
    const otherOfficer = await buildUser(database, orgId, ["loan_officer"]);
    const committee = await signIn(
      app,
      (await buildUser(database, orgId, ["credit_committee_member"])).email,
    );
    const accountant = await signIn(app, (await buildUser(database, orgId, ["accountant"])).email);
    await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } });
    const created = async (url: string, payload: Record<string, unknown>) => {
      const answer = await admin.request({ method: "POST", url, payload });
      expect(answer.statusCode, answer.body).toBe(201);
      return answer.json().id as string;
    };
    const product = (code: string, interestRecalculation: boolean) =>
      created("/api/v1/loan-products", {
        code,
        names: { kk: code, ru: code, en: code },
        clientKind: "individual",
        loanKind: "mfo_microloan",
        settings: { ...berekeSettings, interestRecalculation },
      });
    const office = (name: string) =>
      created("/api/v1/offices", { parentId: null, names: { kk: name, ru: name, en: name } });
    const today = await withTenant(database, { orgId, userId: null }, (trx) => todayOf(trx, orgId));
    return {
      orgId,
      admin,
      officer,
      otherOfficerId: otherOfficer.userId,
      committee,
      accountant,
      products: [await product("B", false), await product("R", true)] as const,
      offices: [await office("Алматы"), await office("Шымкент")] as const,
      today,
    };
  }

  type Lender = Awaited<ReturnType<typeof lender>>;

  /** A running loan of `lender` paid out `monthsAgo` months before today. */
  async function runningLoan(l: Lender, surname: string, monthsAgo: number, index: 0 | 1): Promise<string> {
    const personId = await buildConsentingPerson(l.admin, { surname, givenName: "Айгүл" }, ["credit"]);
    return buildActiveLoan(
      { officer: l.officer, committee: l.committee, disburser: l.admin },
      {
        productId: l.products[index],
        officeId: l.offices[index],
        personId,
        expectedDisbursementOn: addMonths(l.today, -monthsAgo),
        monthlyIncomeMinor: "100000000000",
      },
    );
  }

  /**
   * The positions kept equal the running loans' columns, and the live report by each grouping equals the scan
   * of the loans; returns how many loans are running.
   */
  async function expectKeptAsLoans(database: Database, l: Lender): Promise<number> {
    const columns = sql`office_id::text AS office, officer_user_id::text AS officer, product_id::text AS product,
      principal_outstanding_minor::text AS outstanding, overdue_minor::text AS overdue, days_past_due AS days`;
    const { running, kept } = await asSystem(database, async (trx) => ({
      running: (
        await sql`SELECT id::text AS loan, ${columns} FROM loans
          WHERE org_id = ${l.orgId} AND status = 'active' ORDER BY id`.execute(trx)
      ).rows,
      kept: (
        await sql`SELECT loan_id::text AS loan, ${columns} FROM loan_positions
          WHERE org_id = ${l.orgId} ORDER BY loan_id`.execute(trx)
      ).rows,
    }));
    expect(kept).toEqual(running);
    await withTenant(database, { orgId: l.orgId, userId: null }, async (trx) => {
      const starts = await bucketStarts(trx, l.orgId, l.today);
      for (const groupBy of portfolioGroupings) {
        const report = await portfolioReport(trx, l.orgId, l.today, l.today, groupBy);
        expect(report.source).toBe("live");
        expect(report.total.loans).toBe(running.length);
        expect(figuresOf(report)).toEqual(await figuresFromLoans(trx, l.orgId, groupBy, starts));
      }
    });
    return running.length;
  }

  async function approve(client: Client, approvalId: string): Promise<void> {
    const approved = await client.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
  }

  it("keeps the running loans' positions through their whole life and reports from them", async () => {
    const { database } = testApp();
    const l = await lender(database);
    // Another lender's running loan, which must stay out of everything below.
    const other = await lender(database);
    await runningLoan(other, "Бөтен", 2, 0);

    // Applied, then approved: not running yet.
    const personId = await buildConsentingPerson(l.admin, { surname: "Жаңа", givenName: "Айгүл" }, [
      "credit",
    ]);
    const applied = await l.officer.request({
      method: "POST",
      url: "/api/v1/loans",
      payload: {
        productId: l.products[0],
        officeId: l.offices[0],
        personId,
        principalMinor: "10000000",
        installments: 6,
        expectedDisbursementOn: addMonths(l.today, -4),
        purpose: "Бизнес",
        monthlyIncomeMinor: "100000000000",
        monthlyExpensesMinor: "0",
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const lateId: string = applied.json().id;
    expect(await expectKeptAsLoans(database, l)).toBe(0);
    const decided = await l.committee.request({
      method: "POST",
      url: `/api/v1/loans/${lateId}/decision`,
      payload: { decision: "approve", comment: "ok", version: 1 },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await expectKeptAsLoans(database, l)).toBe(0);

    // Disbursed: running. This one never pays, so it falls behind.
    const disbursed = await l.admin.request({
      method: "POST",
      url: `/api/v1/loans/${lateId}/disbursements`,
      payload: { valueDate: addMonths(l.today, -4), channel: "cash" },
    });
    expect(disbursed.statusCode, disbursed.body).toBe(200);
    expect(await expectKeptAsLoans(database, l)).toBe(1);
    const repaidId = await runningLoan(l, "Төлеуші", 3, 1);
    const paidOffId = await runningLoan(l, "Толық", 2, 0);
    const writtenOffId = await runningLoan(l, "Есептен", 5, 1);
    const movedId = await runningLoan(l, "Ауысқан", 1, 0);
    expect(await expectKeptAsLoans(database, l)).toBe(5);

    // Repaid, once back-dated and once today; then the back-dated repayment reversed.
    const repay = async (valueDate: PlainDate, amountMinor: string) => {
      const paid = await l.officer.request({
        method: "POST",
        url: `/api/v1/loans/${repaidId}/repayments`,
        payload: { valueDate, amountMinor, channel: "cash", kind: "repayment" },
      });
      expect(paid.statusCode, paid.body).toBe(200);
      return paid.json().events as { id: string; kind: string; valueDate: string }[];
    };
    await repay(addMonths(l.today, -2), "2000000");
    const events = await repay(l.today, "1500000");
    expect(await expectKeptAsLoans(database, l)).toBe(5);
    const backDated = events.find((e) => e.kind === "repayment" && e.valueDate !== l.today);
    expect(backDated).toBeDefined();
    const asked = await l.officer.request({
      method: "POST",
      url: `/api/v1/loans/${repaidId}/events/${backDated?.id}/reversal`,
      payload: { reason: "Қате / Ошибка" },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    await approve(l.accountant, asked.json().approvalId);
    expect(await expectKeptAsLoans(database, l)).toBe(5);

    // Paid off: closed, no longer running.
    const quote = await l.officer.request({ url: `/api/v1/loans/${paidOffId}/payoff?on=${l.today}` });
    expect(quote.statusCode, quote.body).toBe(200);
    const paidOff = await l.officer.request({
      method: "POST",
      url: `/api/v1/loans/${paidOffId}/repayments`,
      payload: {
        valueDate: l.today,
        amountMinor: quote.json().totalMinor,
        channel: "cash",
        kind: "prepayment",
      },
    });
    expect(paidOff.statusCode, paidOff.body).toBe(200);
    expect(paidOff.json().status).toBe("closed");
    expect(await expectKeptAsLoans(database, l)).toBe(4);

    // Written off (asked by the committee, approved by the administrator): no longer running.
    const writeOff = await l.committee.request({
      method: "POST",
      url: `/api/v1/loans/${writtenOffId}/write-off`,
      payload: { valueDate: l.today, reason: "Көшіп кетті" },
    });
    expect(writeOff.statusCode, writeOff.body).toBe(202);
    await approve(l.admin, writeOff.json().approvalId);
    expect(await expectKeptAsLoans(database, l)).toBe(3);

    // Moved to another office and officer (nothing in the API does it yet; the database keeps up all the same).
    await asSystem(database, (trx) =>
      trx
        .updateTable("loans")
        .set({ office_id: l.offices[1], officer_user_id: l.otherOfficerId })
        .where("org_id", "=", l.orgId)
        .where("id", "=", movedId)
        .execute(),
    );
    expect(await expectKeptAsLoans(database, l)).toBe(3);

    // Close of business to yesterday ages the loans behind; today stays live.
    await closeBusinessThrough(database, l.orgId, addDays(l.today, -1), { requestedBy: null });
    expect(await expectKeptAsLoans(database, l)).toBe(3);
    const behind = await asSystem(database, (trx) =>
      trx
        .selectFrom("loan_positions")
        .select("days_past_due")
        .where("org_id", "=", l.orgId)
        .where("loan_id", "=", lateId)
        .executeTakeFirstOrThrow(),
    );
    expect(behind.days_past_due).toBeGreaterThan(30);

    // A request sees only its organization's positions and cannot write them.
    const seen = await withTenant(database, { orgId: l.orgId, userId: null }, (trx) =>
      trx.selectFrom("loan_positions").select("org_id").execute(),
    );
    expect(seen.map((row) => row.org_id)).toEqual([l.orgId, l.orgId, l.orgId]);
    await expect(
      withTenant(database, { orgId: l.orgId, userId: null }, (trx) =>
        trx.deleteFrom("loan_positions").where("loan_id", "=", movedId).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    expect(await expectKeptAsLoans(database, other)).toBe(1);
  }, 300_000);
});
