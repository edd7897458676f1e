/**
 * Joint-liability groups as guarantee circles (who may guarantee whom) and a borrower's request to change
 * her terms within 30 days of a delay, decided with a reason and, when approved, rescheduled.
 */
import { asSystem } from "@moldir/db";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
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

describe("guarantee circles and requests to change terms", () => {
  const testApp = useTestApp();
  let admin: Client;
  let officer: Client;
  let committee: Client;
  let circleProductId: string;
  let individualProductId: string;
  let groupId: string;
  let orgId: string;

  async function product(code: string, clientKind: string): Promise<string> {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/loan-products",
      payload: {
        code,
        names: { kk: code, ru: code, en: code },
        clientKind,
        loanKind: "mfo_microloan",
        settings: berekeSettings,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id;
  }

  async function person(surname: string, member: boolean): Promise<string> {
    const personId = await buildConsentingPerson(admin, { surname, givenName: "Айгүл" }, [
      "credit",
      "membership",
    ]);
    if (member) {
      const joined = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/members`,
        payload: { personId, joinedOn: "2025-06-01" },
      });
      expect(joined.statusCode, joined.body).toBeLessThan(300);
    }
    return personId;
  }

  async function application(personId: string, productId = circleProductId): Promise<string> {
    const applied = await officer.request({
      method: "POST",
      url: "/api/v1/loans",
      payload: {
        productId,
        personId,
        principalMinor: "10000000",
        installments: 6,
        expectedDisbursementOn: "2026-01-15",
        purpose: "Сиыр",
        monthlyIncomeMinor: "50000000",
        monthlyExpensesMinor: "0",
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    return applied.json().id;
  }

  const guarantee = (loanId: string, guarantorPersonId: string) =>
    officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/guarantees`,
      payload: { groupId, guarantorPersonId },
    });

  beforeAll(async () => {
    const { database, app } = testApp();
    orgId = (await buildOrganization(database, { kind: "mco" })).orgId;
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["loan_officer"])).email);
    committee = await signIn(app, (await buildUser(database, orgId, ["credit_committee_member"])).email);
    await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } });
    circleProductId = await product("JL", "joint_liability");
    individualProductId = await product("IND", "individual");
    groupId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: "Кепіл шеңбері",
          methodology: "shg",
          frequency: "weekly",
          meetingDay: 3,
          formedOn: "2025-01-01",
          bylaws: testShgBylaws,
        },
      })
    ).json().id;
  });

  it("lets members of the borrower's group guarantee her loan and refuses everyone else", async () => {
    const borrower = await person("Қарызалушы", true);
    const guarantor = await person("Кепілгер", true);
    const outsider = await person("Бөтен", false);
    const late = await person("Кешіккен", true);
    // Disbursed in January and never paid: in arrears today.
    await buildActiveLoan(
      { officer, committee, disburser: admin },
      { productId: circleProductId, personId: late },
    );
    const loanId = await application(borrower);

    const added = await guarantee(loanId, guarantor);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().guarantors).toMatchObject([{ guarantorPersonId: guarantor, groupId }]);

    const refusals: [string, string][] = [
      [guarantor, "guarantee_must_be_new"],
      [borrower, "guarantor_must_not_be_borrower"],
      [outsider, "guarantor_must_be_group_member"],
      [late, "guarantor_must_not_be_in_arrears"],
    ];
    for (const [personId, code] of refusals) {
      const refused = await guarantee(loanId, personId);
      expect(refused.statusCode, code).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
      expect(refused.json().error.code).toBe(code);
    }
    const individual = await application(await person("Жеке", true), individualProductId);
    expect((await guarantee(individual, guarantor)).json().error.code).toBe("loan_must_be_joint_liability");
    const outsidersLoan = await application(outsider);
    expect((await guarantee(outsidersLoan, guarantor)).json().error.code).toBe(
      "borrower_must_be_group_member",
    );

    // Nothing was added by the refusals; the guarantor's own loan shows whose loan she guarantees.
    const list = (await officer.request({ url: `/api/v1/loans/${loanId}/guarantees` })).json();
    expect(list.guarantors).toHaveLength(1);
    const guarantorsLoan = await application(guarantor);
    const hers = (await officer.request({ url: `/api/v1/loans/${guarantorsLoan}/guarantees` })).json();
    expect(hers.guaranteedLoans).toMatchObject([{ loanId, status: "applied" }]);
    // The contract names the guarantors: it is longer than the same contract without one.
    const contract = (id: string) => officer.request({ url: `/api/v1/loans/${id}/contract?locale=ru` });
    const guaranteed = await contract(loanId);
    expect(guaranteed.statusCode).toBe(200);
    expect(guaranteed.rawPayload.length).toBeGreaterThan((await contract(outsidersLoan)).rawPayload.length);
  });

  it("removes a guarantor before disbursement, audited, and refuses after it or for a guarantee not on the loan", async () => {
    const { database } = testApp();
    const borrower = await person("Алып тастау", true);
    const first = await person("Бірінші", true);
    const second = await person("Екінші", true);
    const loanId = await application(borrower);
    const kept = (await guarantee(loanId, first)).json().guarantors[0].id as string;
    const removedId = (await guarantee(loanId, second)).json().guarantors[1].id as string;
    const remove = (id: string, guaranteeId: string, client = officer) =>
      client.request({ method: "DELETE", url: `/api/v1/loans/${id}/guarantees/${guaranteeId}` });

    const removed = await remove(loanId, removedId);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().guarantors).toMatchObject([{ id: kept, guarantorPersonId: first }]);
    const audited = await asSystem(database, (trx) =>
      trx
        .selectFrom("audit_events")
        .select(["action", "summary"])
        .where("record_id", "=", loanId)
        .where("action", "=", "loan.guarantee_remove")
        .execute(),
    );
    expect(audited).toMatchObject([{ summary: { guaranteeId: removedId, guarantorPersonId: second } }]);

    // Refusals change nothing: removed twice, named on another loan, by someone without loans.manage.
    const otherLoan = await application(await person("Басқа", true));
    const refusals: [string, string, Client, number, string][] = [
      [loanId, removedId, officer, 404, "record_must_exist"],
      [otherLoan, kept, officer, 404, "record_must_exist"],
      [loanId, kept, committee, 403, "permission_must_be_granted"],
    ];
    for (const [id, guaranteeId, client, status, code] of refusals) {
      const refused = await remove(id, guaranteeId, client);
      expect(refused.statusCode, code).toBe(status);
      expect(refused.json().error.code).toBe(code);
    }
    expect(
      (await officer.request({ url: `/api/v1/loans/${loanId}/guarantees` })).json().guarantors,
    ).toHaveLength(1);

    // Once the loan is disbursed the guarantee is part of the contract.
    const active = await buildActiveLoan(
      { officer, committee, disburser: admin },
      { productId: circleProductId, personId: await person("Берілген", true) },
    );
    const guaranteeId = newId();
    await asSystem(database, (trx) =>
      trx
        .insertInto("loan_guarantees")
        .values({
          org_id: orgId,
          id: guaranteeId,
          loan_id: active,
          group_id: groupId,
          guarantor_person_id: first,
          created_by: null,
        })
        .execute(),
    );
    const late = await remove(active, guaranteeId);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe("guarantor_removal_needs_open_application");
    expect(late.json().error.message).toMatch(/guarantor|поручител|кепілгер/i);
    // Refused, so nothing changed: the guarantee is still there.
    const stillThere = await asSystem(database, (trx) =>
      trx.selectFrom("loan_guarantees").select("id").where("id", "=", guaranteeId).execute(),
    );
    expect(stillThere).toHaveLength(1);
  });

  it("tracks a request to change terms within 30 days of a delay to a decision and the rescheduling", async () => {
    const loanId = await buildActiveLoan(
      { officer, committee, disburser: admin },
      { productId: individualProductId, personId: await person("Өтініш", false) },
    );
    const ask = (receivedOn: string) =>
      officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/term-change-requests`,
        payload: { receivedOn, proposal: "Төлемді екі айға кейінге қалдыру" },
      });
    // Before the first due date (15 February) there is no delay to ask about.
    expect((await ask("2026-02-10")).json().error.code).toBe("loan_must_be_in_arrears");
    const late = (await ask("2026-04-01")).json();
    expect(late.error).toMatchObject({
      code: "term_change_request_must_be_within_window",
      details: { delayStartedOn: "2026-02-16", windowEndsOn: "2026-03-18" },
    });
    expect((await ask("2099-01-01")).json().error.code).toBe("value_date_must_not_be_in_the_future");

    const received = await ask("2026-02-20");
    expect(received.statusCode, received.body).toBe(201);
    expect(received.json()).toMatchObject({
      status: "pending",
      delayStartedOn: "2026-02-16",
      windowEndsOn: "2026-03-18",
      answerDueOn: "2026-03-07",
      answerOverdue: true,
    });
    expect((await ask("2026-02-21")).json().error.code).toBe("term_change_request_must_be_only_pending");

    const decide = (requestId: string, payload: Record<string, unknown>, by = committee) =>
      by.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/term-change-requests/${requestId}/decision`,
        payload,
      });
    const first = received.json().id;
    expect(
      (await decide(first, { decision: "refuse", reason: "Табысы жоқ", version: 1 }, officer)).statusCode,
    ).toBe(403);
    expect(
      (await decide(first, { decision: "refuse", reason: "Табысы жоқ", version: 9 })).json().error.code,
    ).toBe("version_must_match");
    const refused = await decide(first, { decision: "refuse", reason: "Табысы расталмады", version: 1 });
    expect(refused.json()).toMatchObject({ status: "refused", decisionReason: "Табысы расталмады" });
    expect((await decide(first, { decision: "refuse", reason: "Қайта", version: 2 })).json().error.code).toBe(
      "term_change_request_must_be_pending",
    );

    const second = (await ask("2026-03-10")).json().id;
    expect(
      (await decide(second, { decision: "approve", reason: "Келісілді", version: 1 })).json().error,
    ).toMatchObject({ code: "request_must_be_valid", details: { field: "reschedule" } });
    const approved = await decide(second, {
      decision: "approve",
      reason: "Келісілді",
      version: 1,
      reschedule: { valueDate: "2026-03-10", installments: 8 },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const loan = (await officer.request({ url: `/api/v1/loans/${loanId}` })).json();
    const reschedule = loan.events.find((e: { kind: string }) => e.kind === "reschedule");
    expect(approved.json()).toMatchObject({ status: "approved", rescheduleEventId: reschedule.id });
    const list = (await officer.request({ url: `/api/v1/loans/${loanId}/term-change-requests` })).json()
      .items;
    expect(list.map((r: { status: string }) => r.status)).toEqual(["approved", "refused"]);
  });
});
