/**
 * A branch's loan officer: a role scoped to an office reaches the loans booked at that office and the offices
 * below it, and nothing else (404, as if the loan did not exist).
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";

describe("loans reached through a role scoped to a branch", () => {
  const testApp = useTestApp();
  let admin: Client;
  let committee: Client;
  let branchOfficer: Client;
  let productId: string;
  const offices: Record<string, string> = {};
  const loans: Record<string, string> = {};

  const office = async (name: string, parentId: string | null) => {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/offices",
      payload: { parentId, names: { kk: name, ru: name, en: name }, regionId: "KZ-19" },
    });
    expect(created.statusCode, created.body).toBe(201);
    offices[name] = created.json().id;
  };

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "mco" });
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    committee = await signIn(app, (await buildUser(database, orgId, ["credit_committee_member"])).email);
    await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } });
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
    await office("Head", null);
    await office("Talgar", offices.Head ?? null);
    await office("Talgar village", offices.Talgar ?? null);
    await office("Esik", offices.Head ?? null);
    for (const [name, at] of [
      ["Talgar", "Talgar"],
      ["Village", "Talgar village"],
      ["Esik", "Esik"],
    ] as const) {
      const personId = await buildConsentingPerson(admin, { surname: name, givenName: "Айгүл" }, ["credit"]);
      loans[name] = await buildActiveLoan(
        { officer: admin, committee, disburser: admin },
        { productId, personId, officeId: offices[at] },
      );
    }
    branchOfficer = await signIn(
      app,
      (
        await buildUser(database, orgId, [
          { role: "loan_officer", scopeKind: "office", scopeId: offices.Talgar ?? null },
        ])
      ).email,
    );
  });

  it("lists and opens the loans of her branch and the offices below it, and no other", async () => {
    const list = (await branchOfficer.request({ url: "/api/v1/loans" })).json().items as { id: string }[];
    expect(list.map((l) => l.id).sort()).toEqual([loans.Talgar, loans.Village].sort());
    expect((await branchOfficer.request({ url: `/api/v1/loans/${loans.Village}` })).statusCode).toBe(200);
    for (const url of [
      `/api/v1/loans/${loans.Esik}`,
      `/api/v1/loans/${loans.Esik}/payoff?on=2026-03-01`,
      `/api/v1/loans/${loans.Esik}/guarantees`,
      `/api/v1/loans/${loans.Esik}/term-change-requests`,
    ])
      expect((await branchOfficer.request({ url })).statusCode, url).toBe(404);
  });

  it("records a payment on her branch's loan and is refused another branch's, which stays as it was", async () => {
    const pay = (loanId: string | undefined) =>
      branchOfficer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/repayments`,
        payload: { valueDate: "2026-02-15", amountMinor: "100000", channel: "cash" },
      });
    expect((await pay(loans.Talgar)).statusCode).toBe(200);
    const before = (await admin.request({ url: `/api/v1/loans/${loans.Esik}` })).body;
    expect((await pay(loans.Esik)).statusCode).toBe(404);
    expect((await admin.request({ url: `/api/v1/loans/${loans.Esik}` })).body).toBe(before);
  });

  it("books her applications at an office of her branch, never elsewhere", async () => {
    const personId = await buildConsentingPerson(admin, { surname: "New", givenName: "Сәуле" }, ["credit"]);
    const apply = (officeId?: string) =>
      branchOfficer.request({
        method: "POST",
        url: "/api/v1/loans",
        payload: {
          productId,
          personId,
          principalMinor: "10000000",
          installments: 6,
          expectedDisbursementOn: "2026-03-01",
          purpose: "Бизнес",
          monthlyIncomeMinor: "50000000",
          monthlyExpensesMinor: "0",
          ...(officeId === undefined ? {} : { officeId }),
        },
      });
    for (const refused of [await apply(), await apply(offices.Esik)])
      expect(refused.json().error.code).toBe("scope_must_exist");
    expect((await apply(offices["Talgar village"])).statusCode).toBe(201);
  });
});
