import { beforeAll, describe, expect, it } from "vitest";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { berekeSettings } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";

const names = { kk: "Береке", ru: "Береке", en: "Bereke" };

describe("micro-credit operations", () => {
  const testApp = useTestApp();
  let admin: Client;
  let officer: Client;
  let committee: Client;
  let accountant: Client;
  let productId: string;
  let borrowerId: string;
  let loanId: string;
  let orgId: string;

  async function balances(client: Client, asOf = "2026-12-31") {
    const books = (await client.request({ url: "/api/v1/books" })).json().items;
    const bookId = books[0].id;
    const accounts = (await client.request({ url: `/api/v1/books/${bookId}/accounts` })).json().items as {
      id: string;
      purpose: string | null;
    }[];
    const tb = (await client.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=${asOf}` })).json();
    const byPurpose = (purpose: string) => {
      const account = accounts.find((a) => a.purpose === purpose);
      const row = tb.rows.find((r: { accountId: string }) => r.accountId === account?.id);
      return row?.balanceMinor ?? "0";
    };
    return { tb, byPurpose };
  }

  function application(overrides: Record<string, unknown> = {}) {
    return {
      productId,
      personId: borrowerId,
      principalMinor: "10000000",
      installments: 12,
      expectedDisbursementOn: "2026-01-15",
      purpose: "Сиыр сатып алу",
      monthlyIncomeMinor: "30000000",
      monthlyExpensesMinor: "10000000",
      ...overrides,
    };
  }

  beforeAll(async () => {
    const { database, app } = testApp();
    orgId = (await buildOrganization(database, { kind: "mco" })).orgId;
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["loan_officer"])).email);
    committee = await signIn(app, (await buildUser(database, orgId, ["credit_committee_member"])).email);
    accountant = await signIn(app, (await buildUser(database, orgId, ["accountant"])).email);
    expect(
      (await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } }))
        .statusCode,
    ).toBe(201);
    borrowerId = await buildConsentingPerson(admin, { surname: "Ахметова", givenName: "Гүлнар" }, ["credit"]);
  });

  describe("products", () => {
    it("creates a product within the caps", async () => {
      const created = await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "BEREKE",
          names,
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ code: "BEREKE", version: 1, active: true, currency: "KZT" });
      productId = created.json().id;
    });

    it.each([
      ["a rate whose GESV breaks the cap", { interestRatePercent: "3.5" }, 422, "gesv_must_not_exceed_cap"],
      ["limits in the wrong order", { minInstallments: 13 }, 422, "product_limits_must_be_ordered"],
      ["an unknown setting", { colour: "red" }, 400, "request_must_be_valid"],
      ["a negative amount", { minPrincipalMinor: "-5" }, 400, "request_must_be_valid"],
    ])("refuses %s and keeps nothing", async (_name, change, status, code) => {
      const refused = await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "BAD",
          names,
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: { ...berekeSettings, ...change },
        },
      });
      expect(refused.statusCode).toBe(status);
      expect(refused.json().error.code).toBe(code);
      const list = (await admin.request({ url: "/api/v1/loan-products" })).json().items;
      expect(list.map((p: { code: string }) => p.code)).not.toContain("BAD");
    });

    it("takes products with fees of every kind", async () => {
      const withFees = await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "FEES",
          names,
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: {
            ...berekeSettings,
            interestRatePercent: "2",
            fees: [
              { kind: "upfront", amountMinor: "50000" },
              { kind: "upfront", percent: "0.5" },
              { kind: "per_installment", amountMinor: "10000" },
            ],
          },
        },
      });
      expect(withFees.statusCode, withFees.body).toBe(201);
      expect(withFees.json().settings.fees).toHaveLength(3);
      expect((await admin.request({ url: "/api/v1/loan-products" })).statusCode).toBe(200);
      await admin.request({
        method: "PATCH",
        url: `/api/v1/loan-products/${withFees.json().id}`,
        payload: { active: false },
      });
    });

    it("refuses a second product with the same code", async () => {
      const again = await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "BEREKE",
          names,
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("product_code_must_be_unique");
    });

    it("changes a rate only as a new version approved by a second person", async () => {
      const asked = await admin.request({
        method: "PUT",
        url: `/api/v1/loan-products/${productId}/settings`,
        payload: { version: 1, settings: { ...berekeSettings, interestRatePercent: "2.4" } },
      });
      expect(asked.statusCode).toBe(202);
      const unchanged = (await admin.request({ url: `/api/v1/loan-products/${productId}` })).json();
      expect(unchanged.settings.interestRatePercent).toBe("2.5");
      const capBreaking = await admin.request({
        method: "PUT",
        url: `/api/v1/loan-products/${productId}/settings`,
        payload: { version: 1, settings: { ...berekeSettings, interestRatePercent: "4" } },
      });
      expect(capBreaking.json().error.code).toBe("gesv_must_not_exceed_cap");
      const own = await admin.request({
        method: "POST",
        url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
        payload: {},
      });
      expect(own.json().error.code).toBe("approval_must_be_decided_by_another_user");
      const { database, app } = testApp();
      const checker = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
      const approved = await checker.request({
        method: "POST",
        url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      const changed = (await admin.request({ url: `/api/v1/loan-products/${productId}` })).json();
      expect(changed).toMatchObject({ version: 2, settings: { interestRatePercent: "2.4" } });
      expect(changed.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      // Back to the contract's example rate for the loans below.
      const back = await admin.request({
        method: "PUT",
        url: `/api/v1/loan-products/${productId}/settings`,
        payload: { version: 2, settings: berekeSettings },
      });
      await checker.request({
        method: "POST",
        url: `/api/v1/approvals/${back.json().approvalId}/approve`,
        payload: {},
      });
    });
  });

  describe("from application to repayment", () => {
    it("previews the schedule with the GESV and the debt burden", async () => {
      const preview = await officer.request({
        method: "POST",
        url: "/api/v1/loans/preview",
        payload: application(),
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({ gesvPercent: "34.7", debtBurdenMaxPercent: 50 });
      expect(preview.json().schedule).toHaveLength(12);
    });

    it.each([
      [
        "an amount above the product's limit",
        { principalMinor: "60000000" },
        "principal_must_be_within_product_limits",
      ],
      ["too many installments", { installments: 24 }, "installments_must_be_within_product_limits"],
      ["a debt burden above 50 %", { monthlyIncomeMinor: "1900000" }, "debt_burden_must_not_exceed_limit"],
      ["no income", { monthlyIncomeMinor: "0" }, "monthly_income_must_be_positive"],
      ["an unknown borrower", { personId: "0190a000-0000-7000-8000-000000000000" }, "borrower_must_exist"],
      ["a date that is not a date", { expectedDisbursementOn: "2026-02-30" }, "date_must_be_valid"],
    ])("refuses %s and records nothing", async (_name, change, code) => {
      const refused = await officer.request({
        method: "POST",
        url: "/api/v1/loans",
        payload: application(change),
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe(code);
      expect((await officer.request({ url: "/api/v1/loans" })).json().items).toHaveLength(0);
    });

    it("refuses a borrower who has not consented to credit", async () => {
      const noConsent = await buildConsentingPerson(admin, { surname: "Серікова", givenName: "Әйгерім" });
      const refused = await officer.request({
        method: "POST",
        url: "/api/v1/loans",
        payload: application({ personId: noConsent }),
      });
      expect(refused.json().error.code).toBe("consent_must_be_given");
    });

    it("records an application with its frozen terms", async () => {
      const created = await officer.request({ method: "POST", url: "/api/v1/loans", payload: application() });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        status: "applied",
        number: 1,
        borrowerName: "Ахметова Гүлнар",
        gesvPercent: "34.7",
        productVersion: 3,
      });
      loanId = created.json().id;
    });

    it("lets neither the applicant decide nor anyone disburse before approval", async () => {
      const disburse = await accountant.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/disbursements`,
        payload: { valueDate: "2026-01-15", channel: "cash" },
      });
      expect(disburse.json().error.code).toBe("loan_must_be_approved");
      const byAdminApplicant = await officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/decision`,
        payload: { decision: "approve", comment: "ok", version: 1 },
      });
      expect(byAdminApplicant.statusCode).toBe(403);
    });

    it("prints the contract in Kazakh and in Russian", async () => {
      for (const locale of ["kk", "ru"]) {
        const pdf = await officer.request({ url: `/api/v1/loans/${loanId}/contract?locale=${locale}` });
        expect(pdf.statusCode).toBe(200);
        expect(pdf.headers["content-type"]).toBe("application/pdf");
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
        expect(pdf.rawPayload.length).toBeGreaterThan(5_000);
      }
      const english = await officer.request({ url: `/api/v1/loans/${loanId}/contract?locale=en` });
      expect(english.statusCode).toBe(400);
    });

    it("is approved by the credit committee with a comment", async () => {
      const stale = await committee.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/decision`,
        payload: { decision: "approve", comment: "Бизнес-жоспар сенімді", version: 7 },
      });
      expect(stale.json().error.code).toBe("version_must_match");
      const decided = await committee.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/decision`,
        payload: { decision: "approve", comment: "Бизнес-жоспар сенімді", version: 1 },
      });
      expect(decided.statusCode).toBe(200);
      expect(decided.json()).toMatchObject({ status: "approved", decisionComment: "Бизнес-жоспар сенімді" });
      const twice = await committee.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/decision`,
        payload: { decision: "reject", comment: "no", version: 2 },
      });
      expect(twice.json().error.code).toBe("loan_must_be_applied");
    });

    it("disburses once, posting the principal out of the cash box", async () => {
      const disbursed = await accountant.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/disbursements`,
        payload: { valueDate: "2026-01-15", channel: "cash" },
      });
      expect(disbursed.statusCode).toBe(200);
      expect(disbursed.json()).toMatchObject({ status: "active", disbursedOn: "2026-01-15" });
      const again = await accountant.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/disbursements`,
        payload: { valueDate: "2026-01-15", channel: "cash" },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("loan_must_be_approved");
      const { byPurpose, tb } = await balances(accountant);
      expect(byPurpose("loans_to_customers")).toBe("10000000");
      expect(byPurpose("cash")).toBe("-10000000");
      expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
    });

    it("quotes a payoff on the day of disbursement", async () => {
      const quote = (await officer.request({ url: `/api/v1/loans/${loanId}/payoff?on=2026-01-15` })).json();
      expect(quote.totalMinor).toBe("10000000");
    });

    it("takes a repayment, allocated to interest then principal", async () => {
      const detail = (await officer.request({ url: `/api/v1/loans/${loanId}?asOf=2026-02-15` })).json();
      const first = detail.schedule[0];
      const paid = await officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/repayments`,
        payload: { valueDate: "2026-02-15", amountMinor: first.totalDueMinor, channel: "cash" },
      });
      expect(paid.statusCode).toBe(200);
      const { byPurpose } = await balances(accountant);
      expect(byPurpose("interest_income")).toBe(first.interestMinor);
      expect(BigInt(byPurpose("loans_to_customers"))).toBe(10_000_000n - BigInt(first.principalMinor));
      expect(paid.json().principalOutstandingMinor).toBe(
        (10_000_000n - BigInt(first.principalMinor)).toString(),
      );
    });

    it.each([
      ["more than is owed", { amountMinor: "99999999" }, "payment_must_not_exceed_amount_owed"],
      [
        "a date before the disbursement",
        { valueDate: "2026-01-01" },
        "value_date_must_not_be_before_disbursement",
      ],
      ["a date in the future", { valueDate: "2099-01-01" }, "value_date_must_not_be_in_the_future"],
    ])("refuses a payment of %s and posts nothing", async (_name, change, code) => {
      const before = await balances(accountant);
      const refused = await officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/repayments`,
        payload: { valueDate: "2026-03-15", amountMinor: "100000", channel: "cash", ...change },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe(code);
      expect((await balances(accountant)).tb).toEqual(before.tb);
    });

    it("quotes the payoff and reverses a repayment only with a second person", async () => {
      const quote = (await officer.request({ url: `/api/v1/loans/${loanId}/payoff?on=2026-03-01` })).json();
      expect(BigInt(quote.totalMinor)).toBeGreaterThan(BigInt(quote.futurePrincipalMinor));
      const detail = (await officer.request({ url: `/api/v1/loans/${loanId}` })).json();
      const repayment = detail.events.find((e: { kind: string }) => e.kind === "repayment");
      const asked = await officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/events/${repayment.id}/reversal`,
        payload: { reason: "Қате сома" },
      });
      expect(asked.statusCode).toBe(202);
      const approved = await accountant.request({
        method: "POST",
        url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
        payload: {},
      });
      expect(approved.statusCode).toBe(200);
      const after = (await officer.request({ url: `/api/v1/loans/${loanId}` })).json();
      expect(after.principalOutstandingMinor).toBe("10000000");
      expect(after.events.find((e: { id: string }) => e.id === repayment.id).reversed).toBe(true);
      const { byPurpose } = await balances(accountant);
      expect(byPurpose("loans_to_customers")).toBe("10000000");
      expect(byPurpose("interest_income")).toBe("0");
      const twice = await officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/events/${repayment.id}/reversal`,
        payload: { reason: "again" },
      });
      expect(twice.json().error.code).toBe("loan_event_must_be_reversible");
    });

    it("pays the loan off and closes it", async () => {
      const quote = (await officer.request({ url: `/api/v1/loans/${loanId}/payoff?on=2026-03-10` })).json();
      const paid = await officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/repayments`,
        payload: {
          valueDate: "2026-03-10",
          amountMinor: quote.totalMinor,
          channel: "bank",
          kind: "prepayment",
        },
      });
      expect(paid.statusCode).toBe(200);
      expect(paid.json()).toMatchObject({ status: "closed", principalOutstandingMinor: "0" });
      const { byPurpose, tb } = await balances(accountant);
      expect(byPurpose("loans_to_customers")).toBe("0");
      expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
    });

    it("lists loans by status and finds them by the borrower's name", async () => {
      const closed = (await officer.request({ url: "/api/v1/loans?status=closed" })).json().items;
      expect(closed.map((l: { id: string }) => l.id)).toEqual([loanId]);
      expect((await officer.request({ url: "/api/v1/loans?q=Ахмет" })).json().items).toHaveLength(1);
      expect((await officer.request({ url: "/api/v1/loans?q=Нет" })).json().items).toHaveLength(0);
    });
  });

  it("keeps another organization's loans out of reach", async () => {
    const { database, app } = testApp();
    const other = await buildOrganization(database, { kind: "mco" });
    const stranger = await signIn(app, (await buildUser(database, other.orgId, ["administrator"])).email);
    expect((await stranger.request({ url: `/api/v1/loans/${loanId}` })).statusCode).toBe(404);
    expect((await stranger.request({ url: "/api/v1/loans" })).json().items).toHaveLength(0);
    const repay = await stranger.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/repayments`,
      payload: { valueDate: "2026-03-15", amountMinor: "100", channel: "cash" },
    });
    expect(repay.statusCode).toBe(404);
  });
});
