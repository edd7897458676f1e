/**
 * The rest of a loan's life: write-off (four eyes) and recovery, rescheduling, and a group meeting's
 * collection sheet recorded at once, all or nothing.
 */
import { withTenant } from "@moldir/db";
import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { trialBalance } from "../ledger/statements";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
  testShgBylaws,
} from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";
import { closeBusinessThrough } from "./cob";

describe("write-off, recovery, rescheduling and collection sheets", () => {
  const testApp = useTestApp();
  let orgId: string;
  let bookId: string;
  let admin: Client;
  let officer: Client;
  let committee: Client;
  let secondMember: Client;
  let productId: string;
  let groupId: string;

  async function balances() {
    return withTenant(testApp().database, { orgId, userId: null }, async (trx) => {
      const tb = await trialBalance(trx, orgId, bookId, plainDate("2026-12-31"));
      expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
      const accounts = await trx
        .selectFrom("accounts")
        .select(["id", "purpose"])
        .where("org_id", "=", orgId)
        .where("purpose", "is not", null)
        .execute();
      const purposeOf = new Map(accounts.map((a) => [a.id, a.purpose as string]));
      const result: Record<string, bigint> = {};
      for (const row of tb.rows) {
        const purpose = purposeOf.get(row.accountId);
        if (purpose !== undefined) result[purpose] = row.balanceMinor;
      }
      return result;
    });
  }

  async function activeLoan(surname: string): Promise<string> {
    const personId = await buildConsentingPerson(admin, { surname, givenName: "Гүлжан" }, [
      "credit",
      "membership",
    ]);
    await admin.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/members`,
      payload: { personId, joinedOn: "2025-06-01" },
    });
    return buildActiveLoan({ officer, committee, disburser: admin }, { productId, personId });
  }

  beforeAll(async () => {
    const { database, app } = testApp();
    orgId = (await buildOrganization(database, { kind: "mco" })).orgId;
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["loan_officer"])).email);
    committee = await signIn(app, (await buildUser(database, orgId, ["credit_committee_member"])).email);
    secondMember = await signIn(app, (await buildUser(database, orgId, ["credit_committee_member"])).email);
    bookId = (
      await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } })
    ).json().id;
    productId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "B",
          names: { kk: "B", ru: "B", en: "B" },
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      })
    ).json().id;
    groupId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: "Шұғыла",
          methodology: "shg",
          frequency: "weekly",
          meetingDay: 3,
          formedOn: "2025-01-01",
          bylaws: testShgBylaws,
        },
      })
    ).json().id;
  });

  it("writes a loan off only with a second person, gives back unpaid income, and takes recoveries", async () => {
    const loanId = await activeLoan("Жазылған");
    await closeBusinessThrough(testApp().database, orgId, plainDate("2026-05-31"), { requestedBy: null });
    const before = await balances();
    expect(before.interest_receivable).toBeGreaterThan(0n);
    const recoveryOnActive = await officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/recoveries`,
      payload: { valueDate: "2026-06-01", amountMinor: "100", channel: "cash" },
    });
    expect(recoveryOnActive.json().error.code).toBe("loan_must_be_written_off");
    const asked = await committee.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/write-off`,
      payload: { valueDate: "2026-06-01", reason: "Қарыз алушы көшіп кетті" },
    });
    expect(asked.statusCode).toBe(202);
    expect((await officer.request({ url: `/api/v1/loans/${loanId}` })).json().status).toBe("active");
    const approved = await secondMember.request({
      method: "POST",
      url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await officer.request({ url: `/api/v1/loans/${loanId}` })).json().status).toBe("written_off");
    const after = await balances();
    expect(after.loans_to_customers).toBe(0n);
    expect(after.write_off_expense).toBe(10_000_000n);
    expect(after.interest_receivable).toBe(0n);
    expect(after.penalty_receivable).toBe(0n);
    const tooMuch = await officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/recoveries`,
      payload: { valueDate: "2026-06-10", amountMinor: "99999999999", channel: "cash" },
    });
    expect(tooMuch.statusCode).toBe(422);
    const recovered = await officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/recoveries`,
      payload: { valueDate: "2026-06-10", amountMinor: "300000", channel: "cash" },
    });
    expect(recovered.statusCode, recovered.body).toBe(200);
    const final = await balances();
    expect(final.recoveries).toBe(300_000n);
    expect((final.cash ?? 0n) - (after.cash ?? 0n)).toBe(300_000n);
  });

  it("reschedules the principal not yet due over more installments, posting nothing", async () => {
    const loanId = await activeLoan("Ұзартылған");
    const before = await balances();
    const rescheduled = await committee.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/reschedule`,
      payload: { valueDate: "2026-03-01", installments: 10, reason: "Егін шықпады" },
    });
    expect(rescheduled.statusCode, rescheduled.body).toBe(200);
    expect(rescheduled.json().schedule.length).toBeGreaterThan(6);
    expect(await balances()).toEqual(before);
    const byOfficer = await officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/reschedule`,
      payload: { valueDate: "2026-03-01", installments: 10, reason: "x" },
    });
    expect(byOfficer.statusCode).toBe(403);
  });

  it("records a group's collection sheet all at once, or not at all", async () => {
    const first = await activeLoan("Бірінші");
    const second = await activeLoan("Екінші");
    const sheet = (
      await officer.request({ url: `/api/v1/loans/collection-sheet?groupId=${groupId}&on=2026-02-15` })
    ).json();
    const rows = sheet.items.filter((r: { loanId: string }) => r.loanId === first || r.loanId === second);
    expect(rows).toHaveLength(2);
    const due = BigInt(rows[0].dueMinor);
    expect(due).toBeGreaterThan(0n);
    const before = await balances();
    const refused = await officer.request({
      method: "POST",
      url: "/api/v1/loans/collection-sheet",
      payload: {
        valueDate: "2026-02-15",
        channel: "cash",
        items: [
          { loanId: first, amountMinor: due.toString() },
          { loanId: second, amountMinor: "99999999999" },
        ],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: "payment_must_not_exceed_amount_owed",
      details: { field: "items.1" },
    });
    expect(await balances()).toEqual(before);
    const recorded = await officer.request({
      method: "POST",
      url: "/api/v1/loans/collection-sheet",
      payload: {
        valueDate: "2026-02-15",
        channel: "cash",
        items: [
          { loanId: first, amountMinor: due.toString() },
          { loanId: second, amountMinor: due.toString() },
        ],
      },
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(((await balances()).cash ?? 0n) - (before.cash ?? 0n)).toBe(2n * due);
  });

  it("sends a receipt for a payment in the borrower's language, and shows her credit history", async () => {
    const personId = await buildConsentingPerson(
      admin,
      { surname: "Төлеген", givenName: "Ақмарал", phones: ["+77015559999"], languages: ["kk"] },
      ["credit", "membership"],
    );
    await admin.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/members`,
      payload: { personId, joinedOn: "2025-06-01" },
    });
    const loanId = (
      await officer.request({
        method: "POST",
        url: "/api/v1/loans",
        payload: {
          productId,
          personId,
          principalMinor: "10000000",
          installments: 6,
          expectedDisbursementOn: "2026-01-15",
          purpose: "Бизнес",
          monthlyIncomeMinor: "50000000",
          monthlyExpensesMinor: "0",
        },
      })
    ).json().id;
    await committee.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/decision`,
      payload: { decision: "approve", comment: "ok", version: 1 },
    });
    await admin.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/disbursements`,
      payload: { valueDate: "2026-01-15", channel: "cash" },
    });
    const paid = await officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/repayments`,
      payload: { valueDate: "2026-02-15", amountMinor: "1000000", channel: "cash" },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const receipts = await withTenant(testApp().database, { orgId, userId: null }, (trx) =>
      trx
        .selectFrom("notifications")
        .select(["recipient", "locale", "template"])
        .where("org_id", "=", orgId)
        .where("template", "=", "loan_receipt")
        .execute(),
    );
    expect(receipts).toEqual([{ recipient: "+77015559999", locale: "kk", template: "loan_receipt" }]);
    const history = (await officer.request({ url: `/api/v1/persons/${personId}/credit-history` })).json();
    expect(history.loans).toHaveLength(1);
    expect(history.loans[0]).toMatchObject({ status: "active", principalMinor: "10000000" });
    expect(history.groups).toEqual([{ groupId, name: "Шұғыла", grade: expect.stringMatching(/^[ABC]$/) }]);
  });

  it("lends to a self-help group as a whole, on the account of loans to groups", async () => {
    const shgProduct = (
      await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "SHG",
          names: { kk: "ӨКТ", ru: "ГСП", en: "SHG" },
          clientKind: "shg",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      })
    ).json().id;
    const asPerson = await officer.request({
      method: "POST",
      url: "/api/v1/loans",
      payload: {
        productId: shgProduct,
        personId: await buildConsentingPerson(admin, { surname: "Жеке", givenName: "Адам" }, ["credit"]),
        principalMinor: "20000000",
        installments: 6,
        expectedDisbursementOn: "2026-01-15",
        purpose: "Топ қоры",
        monthlyIncomeMinor: "100000000",
        monthlyExpensesMinor: "0",
      },
    });
    expect(asPerson.json().error.code).toBe("borrower_must_exist");
    const applied = await officer.request({
      method: "POST",
      url: "/api/v1/loans",
      payload: {
        productId: shgProduct,
        groupId,
        principalMinor: "20000000",
        installments: 6,
        expectedDisbursementOn: "2026-01-15",
        purpose: "Топ қоры",
        monthlyIncomeMinor: "100000000",
        monthlyExpensesMinor: "0",
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({ clientKind: "shg", borrowerName: "Шұғыла" });
    const loanId = applied.json().id;
    await committee.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/decision`,
      payload: { decision: "approve", comment: "ok", version: 1 },
    });
    const before = await balances();
    await admin.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/disbursements`,
      payload: { valueDate: "2026-01-15", channel: "bank" },
    });
    const after = await balances();
    expect((after.loans_to_shgs ?? 0n) - (before.loans_to_shgs ?? 0n)).toBe(20_000_000n);
    expect((before.bank ?? 0n) - (after.bank ?? 0n)).toBe(20_000_000n);
  });

  it("disburses a multi-tranche loan tranche by tranche, and no more", async () => {
    const personId = await buildConsentingPerson(admin, { surname: "Траншова", givenName: "Әлия" }, [
      "credit",
    ]);
    const applied = await officer.request({
      method: "POST",
      url: "/api/v1/loans",
      payload: {
        productId,
        personId,
        principalMinor: "20000000",
        installments: 10,
        expectedDisbursementOn: "2026-01-15",
        purpose: "Жылыжай",
        monthlyIncomeMinor: "80000000",
        monthlyExpensesMinor: "0",
        tranches: [{ disbursedOn: "2026-03-15", amountMinor: "8000000" }],
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const loanId = applied.json().id;
    expect(applied.json().tranches).toEqual([
      { disbursedOn: "2026-03-15", amountMinor: "8000000", disbursed: false },
    ]);
    await committee.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/decision`,
      payload: { decision: "approve", comment: "ok", version: 1 },
    });
    const before = await balances();
    const first = await admin.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/disbursements`,
      payload: { valueDate: "2026-01-15", channel: "cash" },
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().principalOutstandingMinor).toBe("12000000");
    const early = await admin.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/disbursements`,
      payload: { valueDate: "2026-01-10", channel: "cash" },
    });
    expect(early.json().error.code).toBe("value_date_must_not_be_before_disbursement");
    const second = await admin.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/disbursements`,
      payload: { valueDate: "2026-03-15", channel: "cash" },
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().tranches[0].disbursed).toBe(true);
    const after = await balances();
    expect((after.loans_to_customers ?? 0n) - (before.loans_to_customers ?? 0n)).toBe(
      20_000_000n - BigInt(second.json().principalMinor) + BigInt(second.json().principalOutstandingMinor),
    );
    const third = await admin.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/disbursements`,
      payload: { valueDate: "2026-03-20", channel: "cash" },
    });
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe("loan_must_be_approved");
  });
});
