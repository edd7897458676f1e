import { beforeAll, describe, expect, it } from "vitest";
import { type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { demoPassword, seedDemo } from "./seed-demo";

describe("the demo's micro-credit portfolio", () => {
  const testApp = useTestApp();
  let officer: Client;
  let loans: {
    id: string;
    status: string;
    daysPastDue: number;
    principalOutstandingMinor: string;
    personId: string | null;
    groupId: string | null;
  }[];

  beforeAll(async () => {
    await seedDemo(testApp().database);
    officer = await signIn(testApp().app, "loan-officer@moldir.demo", demoPassword);
    const listed = await officer.request({ url: "/api/v1/loans?limit=100" });
    expect(listed.statusCode, listed.body).toBe(200);
    loans = listed.json().items;
  }, 120_000);

  it("has loans in every state: applied, approved, rejected, on time, in arrears and closed", () => {
    const count = (status: string) => loans.filter((loan) => loan.status === status).length;
    expect(loans.length).toBeGreaterThanOrEqual(10);
    expect(count("applied")).toBeGreaterThan(0);
    expect(count("approved")).toBeGreaterThan(0);
    expect(count("rejected")).toBeGreaterThan(0);
    expect(count("closed")).toBeGreaterThan(0);
    const active = loans.filter((loan) => loan.status === "active");
    expect(active.some((loan) => loan.daysPastDue === 0)).toBe(true);
    expect(active.some((loan) => loan.daysPastDue > 0)).toBe(true);
    for (const loan of loans.filter((l) => l.status === "closed"))
      expect(loan.principalOutstandingMinor).toBe("0");
  });

  it("keeps the book balanced and its loan account equal to the loans' principal outstanding", async () => {
    // The loan officer does not read the ledger: the accountant does, in the micro-credit organization.
    const accountant = await signIn(testApp().app, "accountant@moldir.demo", demoPassword);
    const session = (await accountant.request({ url: "/api/v1/session" })).json();
    const mco = session.organizations.find((o: { kind: string }) => o.kind === "mco");
    const switched = await accountant.request({
      method: "POST",
      url: "/api/v1/session/organization",
      payload: { orgId: mco.orgId },
    });
    expect(switched.statusCode, switched.body).toBeLessThan(300);
    const mcoBooks = (await accountant.request({ url: "/api/v1/books" })).json().items as {
      id: string;
      template: string;
    }[];
    const book = mcoBooks.find((b) => b.template === "mco");
    expect(book).toBeDefined();
    const accounts = (await accountant.request({ url: `/api/v1/books/${book?.id}/accounts` })).json()
      .items as {
      id: string;
      purpose: string | null;
    }[];
    const tb = (
      await accountant.request({ url: `/api/v1/books/${book?.id}/trial-balance?asOf=2099-12-31` })
    ).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
    // Loans to women and loans to groups have an account each; together they are the portfolio outstanding.
    const balanceOf = (purpose: string) => {
      const account = accounts.find((a) => a.purpose === purpose);
      return BigInt(
        tb.rows.find((r: { accountId: string }) => r.accountId === account?.id)?.balanceMinor ?? "0",
      );
    };
    const outstanding = loans.reduce((sum, loan) => sum + BigInt(loan.principalOutstandingMinor), 0n);
    expect(balanceOf("loans_to_customers") + balanceOf("loans_to_shgs")).toBe(outstanding);
    expect(balanceOf("loans_to_shgs")).toBeGreaterThan(0n);
  });

  it("tells every story through the loans API: rescheduled, repaid early, written off with a recovery", async () => {
    const eventKinds = new Map<string, string[]>();
    for (const loan of loans.filter((l) => l.status !== "applied" && l.status !== "approved")) {
      const detail = await officer.request({ url: `/api/v1/loans/${loan.id}` });
      expect(detail.statusCode, detail.body).toBe(200);
      eventKinds.set(
        loan.id,
        detail.json().events.map((e: { kind: string }) => e.kind),
      );
    }
    const withEvent = (kind: string) => [...eventKinds.values()].filter((kinds) => kinds.includes(kind));
    expect(withEvent("reschedule").length).toBeGreaterThan(0);
    expect(withEvent("write_off").length).toBeGreaterThan(0);
    expect(loans.filter((l) => l.status === "written_off").length).toBe(withEvent("write_off").length);
    // Repaid early: closed with fewer payments than its installments, the last one the payoff.
    expect(loans.some((l) => l.status === "closed")).toBe(true);
    // A group borrows as a group; the loan officer's collection sheets took the payments of shared days.
    expect(loans.some((l) => l.groupId !== null && l.status === "active")).toBe(true);
    const running = loans.filter((l) => l.status === "active");
    const late = running.filter((l) => l.daysPastDue > 0);
    expect(late.length).toBeGreaterThan(0);
    expect(late.length / running.length).toBeLessThanOrEqual(0.25);
  });

  it("lets the loan officer preview a new loan for a demo borrower with a demo product", async () => {
    const listed = await officer.request({ url: "/api/v1/loan-products" });
    expect(listed.statusCode, listed.body).toBe(200);
    const products = listed.json().items as {
      id: string;
      code: string;
    }[];
    expect(products.map((p) => p.code).sort()).toEqual(["BEREKE", "EGIN", "ISKER", "TOP"]);
    const closed = loans.find((loan) => loan.status === "closed");
    const preview = await officer.request({
      method: "POST",
      url: "/api/v1/loans/preview",
      payload: {
        productId: products.find((p) => p.code === "BEREKE")?.id,
        personId: closed?.personId,
        principalMinor: "10000000",
        installments: 6,
        expectedDisbursementOn: "2026-01-15",
        purpose: "Тағы бір сиыр",
        monthlyIncomeMinor: "30000000",
        monthlyExpensesMinor: "10000000",
      },
    });
    expect(preview.statusCode, preview.body).toBe(200);
  });
});
