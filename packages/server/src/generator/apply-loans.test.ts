import { sql } from "@moldir/db";
import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, testPassword } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { type Api, signedInApi } from "./api";
import { type AppliedLoanCounts, applyLoanPortfolio } from "./apply-loans";
import { generateLoanPortfolio, loanPortfolioSizes } from "./loans";
import { generatePlan, generatorSizes } from "./plan";
import { apiRegistry } from "./registry";

describe("a micro-credit portfolio written through the loans API", () => {
  const testApp = useTestApp();
  const lastDay = plainDate("2026-03-31");
  const plan = generatePlan(5, generatorSizes.tiny, lastDay);
  const portfolio = generateLoanPortfolio(5, plan, loanPortfolioSizes.tiny, lastDay, 12);
  let orgId: string;
  let counts: AppliedLoanCounts;
  let reader: Api;

  beforeAll(async () => {
    const { app, database } = testApp();
    orgId = (await buildOrganization(database, { kind: "mco" })).orgId;
    const apiAs = async (role: "administrator" | "loan_officer" | "credit_committee_member" | "accountant") =>
      signedInApi(app, (await buildUser(database, orgId, [role])).email, testPassword);
    const manager = await apiAs("administrator");
    reader = manager;
    const staff = {
      manager,
      officer: await apiAs("loan_officer"),
      committee: await apiAs("credit_committee_member"),
      accountant: await apiAs("accountant"),
    };
    // Borrowers registered one request at a time, as a user would.
    counts = await applyLoanPortfolio(staff, portfolio, plan, apiRegistry(manager));
  }, 240_000);

  it("writes every loan of the plan, with its payments, reschedules, write-offs and recoveries", async () => {
    const paidOut = portfolio.loans.filter(
      (l) => !["applied", "approved", "rejected"].includes(l.story.kind),
    );
    expect(counts).toMatchObject({
      products: 4,
      groups: 1,
      loans: portfolio.loans.length,
      disbursements: paidOut.length,
      reschedules: 1,
      writeOffs: 1,
    });
    expect(counts.repayments).toBeGreaterThan(paidOut.length);
    const db = testApp().database.db;
    const loans = await db
      .selectFrom("loans")
      .select(["status", "days_past_due"])
      .where("org_id", "=", orgId)
      .execute();
    const statuses = new Set(loans.map((l) => l.status));
    expect(statuses).toEqual(new Set(["applied", "approved", "rejected", "active", "closed", "written_off"]));
  });

  it("ends each loan where its story ends: closed, written off, late or on time", async () => {
    // Applications are taken in the plan's order, so the loan numbered n is the plan's n-th.
    const loans = await testApp()
      .database.db.selectFrom("loans")
      .select(["id", "number", "status", "principal_outstanding_minor"])
      .where("org_id", "=", orgId)
      .orderBy("number")
      .execute();
    const expected = {
      applied: "applied",
      approved: "approved",
      rejected: "rejected",
      on_time: "active",
      arrears: "active",
      repaid: "closed",
      repaid_early: "closed",
      rescheduled: "active",
      written_off: "written_off",
    } as const;
    for (const [index, planned] of portfolio.loans.entries()) {
      const loan = loans[index];
      expect(loan?.status, `${planned.key} ${planned.story.kind}`).toBe(expected[planned.story.kind]);
      // Late or not on the last day of the history (today the test's history is long over).
      if (planned.story.kind === "arrears" || planned.story.kind === "on_time") {
        const detail = await reader<{ daysPastDue: number }>(
          "GET",
          `/api/v1/loans/${loan?.id}?asOf=${lastDay}`,
        );
        if (planned.story.kind === "arrears") expect(detail.daysPastDue, planned.key).toBeGreaterThan(0);
        else expect(detail.daysPastDue, planned.key).toBe(0);
      }
      if (loan?.status === "closed") expect(loan.principal_outstanding_minor).toBe(0n);
    }
  });

  it("leaves the organization's books balanced", async () => {
    const { rows } = await sql<{ debit: string; credit: string }>`
      SELECT sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
      FROM journal_lines WHERE org_id = ${orgId} GROUP BY book_id`.execute(testApp().database.db);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.debit).toBe(row.credit);
  });

  it("registers each borrower once, with her IIN and her consent to credit checks", async () => {
    const db = testApp().database.db;
    const persons = await db
      .selectFrom("persons")
      .select(["id", "iin"])
      .where("org_id", "=", orgId)
      .execute();
    expect(persons.length).toBe(counts.borrowers);
    expect(persons.every((p) => p.iin !== null)).toBe(true);
    const consents = await db
      .selectFrom("consents")
      .select("person_id")
      .where("org_id", "=", orgId)
      .where("purpose", "=", "credit")
      .execute();
    expect(new Set(consents.map((c) => c.person_id))).toEqual(new Set(persons.map((p) => p.id)));
  });
});
