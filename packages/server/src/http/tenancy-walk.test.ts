/**
 * Walks every API route, from the app's own route list, as an administrator of organization A against the
 * records of organization B. A route that names a record must answer 404 (never B's data, never a change);
 * a list must not contain anything of B. A new route with a new kind of parameter fails here until the walk
 * knows how to fill it, so no route escapes the check.
 */
import { asSystem } from "@moldir/db";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { berekeSettings } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";

const names = (n: string) => ({ kk: n, ru: n, en: n });

describe("no organization sees another's data", () => {
  const testApp = useTestApp();
  let a: Client;
  let b: Client;
  const bRecords: Record<string, string> = {};
  const bSecrets: string[] = [];

  beforeAll(async () => {
    const { database } = testApp();
    const orgA = await buildOrganization(database, { name: "Alpha" });
    const orgB = await buildOrganization(database, { name: "Bravo-Secret-Org" });
    a = await signIn(
      testApp().app,
      (await buildUser(database, orgA.orgId, ["administrator", "network_coordinator"])).email,
    );
    const bAdmin = await buildUser(database, orgB.orgId, ["administrator"], {
      displayName: "Bravo-Secret-Admin",
    });
    b = await signIn(testApp().app, bAdmin.email);
    await buildUser(database, orgB.orgId, ["administrator"], { displayName: "Bravo-Second-Admin" });
    const office = (
      await b.request({
        method: "POST",
        url: "/api/v1/offices",
        payload: { parentId: null, names: names("Bravo-Secret-Office") },
      })
    ).json();
    const bUser = (
      await b.request({
        method: "POST",
        url: "/api/v1/users",
        payload: {
          displayName: "Bravo-Secret-User",
          email: "bravo-user@example.kz",
          password: "long enough phrase 12",
          roles: [],
        },
      })
    ).json();
    const token = (
      await b.request({
        method: "POST",
        url: "/api/v1/api-tokens",
        payload: { name: "Bravo-Secret-Token", permissions: ["organization.read"], expiresInDays: 5 },
      })
    ).json();
    await b.request({
      method: "PUT",
      url: "/api/v1/approval-policies",
      payload: { policies: [{ action: "user.roles.change", requiresApproval: true }] },
    });
    const approval = (
      await b.request({
        method: "PUT",
        url: `/api/v1/users/${bUser.id}/roles`,
        payload: { roles: [{ role: "trainer", scopeKind: "organization", scopeId: null }] },
      })
    ).json();
    const book = (
      await b.request({ method: "POST", url: "/api/v1/books", payload: { template: "ngo" } })
    ).json();
    const accounts = (await b.request({ url: `/api/v1/books/${book.id}/accounts` })).json().items;
    const cash = accounts.find((x: { purpose: string | null }) => x.purpose === "cash").id;
    const bank = accounts.find((x: { purpose: string | null }) => x.purpose === "bank").id;
    const entry = (
      await b.request({
        method: "POST",
        url: `/api/v1/books/${book.id}/journal-entries`,
        payload: {
          valueDate: "2025-01-10",
          narration: "Bravo-Secret-Entry",
          lines: [
            { accountId: cash, side: "debit", amountMinor: "100" },
            { accountId: bank, side: "credit", amountMinor: "100" },
          ],
        },
      })
    ).json();
    const person = (
      await b.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: {
          surname: "Bravo-Secret-Person",
          givenName: "Айгүл",
          sex: "female",
          iin: "900315400017",
          birthDate: "1990-03-15",
        },
      })
    ).json();
    const consent = (
      await b.request({
        method: "POST",
        url: `/api/v1/persons/${person.id}/consents`,
        payload: {
          purpose: "credit",
          givenOn: "2025-01-01",
          allowsThirdParties: false,
          allowsCrossBorder: false,
        },
      })
    ).json();
    const household = (
      await b.request({
        method: "POST",
        url: "/api/v1/households",
        payload: {
          name: "Bravo-Secret-Household",
          members: [{ personId: person.id, relationship: "mother" }],
        },
      })
    ).json();
    const shgBylaws = {
      methodology: "shg",
      savingsPerMeetingMinor: "50000",
      sharePriceMinor: "0",
      maxSharesPerMeeting: 0,
      socialFundPerMeetingMinor: "0",
      loanRateBpsPerMonth: 200,
      loanTermMonthsMax: 6,
      loanMaxMultipleOfSavings: 3,
      fines: { late: "0", absent: "0", missed_repayment: "0", other: "0" },
    };
    const group = (
      await b.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: "Bravo-Secret-Group",
          methodology: "shg",
          frequency: "weekly",
          formedOn: "2025-01-01",
          bylaws: shgBylaws,
        },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/persons/${person.id}/consents`,
      payload: {
        purpose: "membership",
        givenOn: "2025-01-01",
        allowsThirdParties: false,
        allowsCrossBorder: false,
      },
    });
    const joined = (
      await b.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/members`,
        payload: { personId: person.id, joinedOn: "2025-01-01" },
      })
    ).json();
    const memberId = joined.members[0].id;
    const officerId = (
      await b.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/officers`,
        payload: { role: "leader", memberId, fromOn: "2025-01-01" },
      })
    ).json().current[0].id;
    const meetingId = crypto.randomUUID();
    await b.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: meetingId,
        heldOn: "2025-01-08",
        attendance: [{ memberId, status: "present" }],
        savings: [{ memberId, amountMinor: "50000" }],
        cashCountedMinor: "50000",
      },
    });
    const product = (
      await b.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "BRAVO",
          names: names("Bravo-Secret-Product"),
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      })
    ).json();
    // A loan of B written directly (B keeps an NGO book here): the walk needs only that it exists.
    const loanId = newId();
    const loanEventId = newId();
    await asSystem(database, async (trx) => {
      await trx
        .insertInto("loans")
        .values({
          org_id: orgB.orgId,
          id: loanId,
          number: 1,
          product_id: product.id,
          product_version: 1,
          client_kind: "individual",
          person_id: person.id,
          group_id: null,
          office_id: null,
          officer_user_id: null,
          book_id: book.id,
          principal_minor: 10_000_000n,
          installments: 12,
          expected_disbursement_on: "2025-01-15",
          first_repayment_on: null,
          purpose: "Bravo-Secret-Purpose",
          monthly_income_minor: 1n,
          monthly_expenses_minor: 0n,
          monthly_payment_minor: 1n,
          debt_burden_basis_points: 1,
          terms: "{}",
          gesv_tenths: 1,
          applied_by: bAdmin.userId,
        })
        .execute();
      await trx
        .insertInto("loan_events")
        .values({
          org_id: orgB.orgId,
          id: loanEventId,
          loan_id: loanId,
          kind: "repayment",
          value_date: "2025-02-15",
          amount_minor: 100n,
          details: "{}",
          reason: null,
          entry_id: null,
          created_by: bAdmin.userId,
        })
        .execute();
    });
    // A request of B's borrower to change her terms (the walk needs only that it exists).
    const termRequestId = newId();
    await asSystem(database, (trx) =>
      trx
        .insertInto("loan_term_change_requests")
        .values({
          org_id: orgB.orgId,
          id: termRequestId,
          loan_id: loanId,
          received_on: "2025-02-20",
          delay_started_on: "2025-02-16",
          window_ends_on: "2025-03-18",
          answer_due_on: "2025-03-07",
          proposal: "Bravo-Secret-Proposal",
          created_by: bAdmin.userId,
        })
        .execute(),
    );
    Object.assign(bRecords, { requestId: termRequestId });
    await asSystem(database, (trx) =>
      trx
        .insertInto("cob_runs")
        .values({ org_id: orgB.orgId, business_date: "2025-03-01", requested_by: null })
        .execute(),
    );
    const expense = accounts.find((x: { purpose: string | null }) => x.purpose === "assistance_grants").id;
    const project = (
      await b.request({
        method: "POST",
        url: "/api/v1/projects",
        payload: {
          code: "BRAVO-SECRET",
          name: "Bravo-Secret-Project",
          donor: "Bravo-Secret-Donor",
          donorCurrency: "KZT",
          ratePpm: "1000000",
          startsOn: "2025-01-01",
          endsOn: "2025-12-31",
          bookId: book.id,
          budgetLines: [{ name: "Grants", accountId: expense, donorAmountMinor: "100000" }],
        },
      })
    ).json();
    const beneficiaryPerson = (
      await b.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname: "Bravo-Secret-Beneficiary", givenName: "Сәуле", sex: "female" },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/persons/${beneficiaryPerson.id}/consents`,
      payload: {
        purpose: "project",
        givenOn: "2025-01-01",
        allowsThirdParties: false,
        allowsCrossBorder: false,
      },
    });
    const beneficiary = (
      await b.request({
        method: "POST",
        url: `/api/v1/projects/${project.id}/beneficiaries`,
        payload: { personId: beneficiaryPerson.id, enrolledOn: "2025-02-01" },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/projects/${project.id}/services`,
      payload: {
        personId: beneficiaryPerson.id,
        kind: "grant",
        deliveredOn: "2025-02-02",
        valueMinor: "5000",
      },
    });
    const childPerson = (
      await b.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname: "Bravo-Secret-Child", givenName: "Әсем", sex: "female", birthDate: "2016-05-05" },
      })
    ).json();
    const child = (
      await b.request({
        method: "POST",
        url: "/api/v1/children-center/children",
        payload: { personId: childPerson.id, motherPersonId: person.id, enrolledOn: "2025-02-01" },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/children-center/children/${child.id}/case-notes`,
      payload: { writtenOn: "2025-02-02", note: "Bravo-Secret-Note" },
    });
    const course = (
      await b.request({
        method: "POST",
        url: "/api/v1/training-courses",
        payload: { name: "Bravo-Secret-Course", topic: "financial_literacy", hours: 8 },
      })
    ).json();
    const session = (
      await b.request({
        method: "POST",
        url: "/api/v1/training-sessions",
        payload: {
          courseId: course.id,
          place: "Bravo-Secret-Place",
          startsOn: "2025-03-03",
          endsOn: "2025-03-03",
        },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/training-sessions/${session.id}/participants`,
      payload: { personId: person.id, groupId: group.id },
    });
    await b.request({
      method: "PATCH",
      url: `/api/v1/training-sessions/${session.id}/participants/${person.id}`,
      payload: { daysAttended: 1 },
    });
    const builtIndicator = (
      await b.request({
        method: "POST",
        url: `/api/v1/projects/${project.id}/built-indicators`,
        payload: {
          name: "Bravo-Secret-Indicator",
          definition: { measure: "unique_persons", events: { source: "enrolment", project: "this" } },
          target: "1",
        },
      })
    ).json();
    // A guarantee on B's loan (the walk needs only that it exists).
    const guaranteeId = newId();
    await asSystem(database, (trx) =>
      trx
        .insertInto("loan_guarantees")
        .values({
          org_id: orgB.orgId,
          id: guaranteeId,
          loan_id: loanId,
          group_id: group.id,
          guarantor_person_id: person.id,
          created_by: bAdmin.userId,
        })
        .execute(),
    );
    Object.assign(bRecords, { guaranteeId, officerId });
    Object.assign(bRecords, {
      businessDate: "2025-03-01",
      productId: product.id,
      loanId,
      eventId: loanEventId,
      groupId: group.id,
      memberId,
      meetingId,
      personId: person.id,
      consentId: consent.id,
      householdId: household.id,
      officeId: office.id,
      userId: bUser.id,
      tokenId: token.token.id,
      approvalId: approval.approvalId,
      orgId: orgB.orgId,
      bookId: book.id,
      accountId: cash,
      entryId: entry.id,
      projectId: project.id,
      beneficiaryId: beneficiary.id,
      childId: child.id,
      sessionId: session.id,
      indicatorId: builtIndicator.id,
      day: "2025-03-01",
      courseId: course.id,
    });
    // Federations: a node of B with its book, a second group of B in it, a fund loan disbursed from it.
    const fundedGroup = (
      await b.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: "Bravo-Secret-Funded-Group",
          methodology: "shg",
          frequency: "weekly",
          formedOn: "2025-01-01",
          bylaws: shgBylaws,
        },
      })
    ).json();
    const fundedMemberId = (
      await b.request({
        method: "POST",
        url: `/api/v1/groups/${fundedGroup.id}/members`,
        payload: { personId: person.id, joinedOn: "2025-01-01" },
      })
    ).json().members[0].id;
    const node = (
      await b.request({
        method: "POST",
        url: "/api/v1/federation-nodes",
        payload: { name: "Bravo-Secret-Node", level: "village", formedOn: "2025-01-01" },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node.id}/groups`,
      payload: { groupId: fundedGroup.id, joinedOn: "2025-01-01" },
    });
    await b.request({
      method: "PUT",
      url: `/api/v1/federation-nodes/${node.id}/fund-rules`,
      payload: {
        fund: "cif",
        effectiveFrom: "2025-01-01",
        rules: {
          allowedGrades: ["A", "B", "C"],
          regularMonthsMin: 0,
          amountMaxMinor: "100000",
          termMonthsMax: 6,
          rateBpsPerMonth: 0,
        },
      },
    });
    const nodeAccounts = (await b.request({ url: `/api/v1/books/${node.bookId}/accounts` })).json().items;
    const nodeAccount = (purpose: string) =>
      nodeAccounts.find((x: { purpose: string | null }) => x.purpose === purpose).id;
    await b.request({
      method: "POST",
      url: `/api/v1/books/${node.bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-09",
        narration: "Bravo-Secret-Capital",
        lines: [
          { accountId: nodeAccount("cash"), side: "debit", amountMinor: "100000" },
          { accountId: nodeAccount("cif_capital"), side: "credit", amountMinor: "100000" },
        ],
      },
    });
    const fundApplication = (
      await b.request({
        method: "POST",
        url: `/api/v1/federation-nodes/${node.id}/fund-applications`,
        payload: {
          groupId: fundedGroup.id,
          fund: "cif",
          appliedOn: "2025-01-10",
          amountMinor: "100000",
          termMonths: 2,
          plan: [{ memberId: fundedMemberId, amountMinor: "100000", purpose: "Bravo-Secret-Plan" }],
        },
      })
    ).json();
    await b.request({
      method: "POST",
      url: `/api/v1/fund-applications/${fundApplication.id}/approve`,
      payload: { appraisal: "Bravo-Secret-Appraisal" },
    });
    const fundLoan = (
      await b.request({
        method: "POST",
        url: `/api/v1/fund-applications/${fundApplication.id}/disburse`,
        payload: { disbursedOn: "2025-01-10" },
      })
    ).json();
    Object.assign(bRecords, { nodeId: node.id, applicationId: fundApplication.id, loanId: fundLoan.id });
    const formation = (
      await b.request({
        method: "POST",
        url: "/api/v1/formations",
        payload: { name: "Bravo-Secret-Formation", startedOn: "2025-01-01" },
      })
    ).json();
    Object.assign(bRecords, { formationId: formation.id });
    // B is no network and lists no partners: the id of any record of B stands for a partner of B.
    Object.assign(bRecords, { partnerId: formation.id });
    const importJob = (
      await b.request({
        method: "POST",
        url: "/api/v1/persons/import-jobs?mode=dry_run",
        headers: { "content-type": "text/csv" },
        payload: "Фамилия,Имя,Пол\r\nBravo-Secret-Import,Айгүл,ж\r\n",
      })
    ).json();
    Object.assign(bRecords, { jobId: importJob.id });
    bSecrets.push(...Object.values(bRecords), "Bravo-Secret", bAdmin.email, "900315400017", "90•••••••017");
  });

  /** Bodies that pass validation, so that the route's own tenancy is what answers. */
  const validBodies: Record<string, unknown> = {
    "PATCH /api/v1/offices/:officeId": { version: 1, names: names("Taken") },
    "PATCH /api/v1/users/:userId": { displayName: "Taken" },
    "PUT /api/v1/users/:userId/roles": { roles: [] },
    "POST /api/v1/approvals/:approvalId/approve": {},
    "POST /api/v1/approvals/:approvalId/reject": {},
    "POST /api/v1/books/:bookId/accounts": {
      parentId: null,
      code: "9999",
      type: "asset",
      names: names("Taken"),
    },
    "PATCH /api/v1/accounts/:accountId": { version: 1, names: names("Taken") },
    "POST /api/v1/books/:bookId/journal-entries": {
      valueDate: "2025-01-11",
      narration: "Taken",
      lines: [
        { accountId: "01890a5d-ac96-774b-bcce-b302099a8057", side: "debit", amountMinor: "1" },
        { accountId: "01890a5d-ac96-774b-bcce-b302099a8058", side: "credit", amountMinor: "1" },
      ],
    },
    "POST /api/v1/journal-entries/:entryId/reverse": { reason: "Taken" },
    "POST /api/v1/books/:bookId/periods/close": { through: "2025-01-31" },
    "POST /api/v1/books/:bookId/periods/reopen": { from: "2025-01-01", reason: "Taken" },
    "POST /api/v1/books/:bookId/year-end-close": { year: 2024 },
    "PATCH /api/v1/persons/:personId": { version: 1, surname: "Taken" },
    "POST /api/v1/persons/:personId/merge": { duplicateId: "01890a5d-ac96-774b-bcce-b302099a8057" },
    "POST /api/v1/persons/:personId/erase": { reason: "Taken" },
    "POST /api/v1/persons/:personId/consents": {
      purpose: "photo",
      givenOn: "2025-01-01",
      allowsThirdParties: false,
      allowsCrossBorder: false,
    },
    "POST /api/v1/consents/:consentId/withdraw": { withdrawnOn: "2025-02-01" },
    "POST /api/v1/households/:householdId/members": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
      relationship: "child",
    },
    "PUT /api/v1/groups/:groupId/bylaws": {
      effectiveFrom: "2025-02-01",
      bylaws: {
        methodology: "shg",
        savingsPerMeetingMinor: "1",
        sharePriceMinor: "0",
        maxSharesPerMeeting: 0,
        socialFundPerMeetingMinor: "0",
        loanRateBpsPerMonth: 0,
        loanTermMonthsMax: 1,
        loanMaxMultipleOfSavings: 0,
        fines: { late: "0", absent: "0", missed_repayment: "0", other: "0" },
      },
    },
    "POST /api/v1/meetings/:meetingId/reverse": { reason: "Taken" },
    "POST /api/v1/groups/:groupId/members": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
      joinedOn: "2025-01-01",
    },
    "POST /api/v1/groups/:groupId/officers": {
      role: "cashier",
      memberId: "01890a5d-ac96-774b-bcce-b302099a8057",
      fromOn: "2025-02-01",
    },
    "POST /api/v1/groups/:groupId/officers/:officerId/end": { toOn: "2025-12-31" },
    "PUT /api/v1/loan-products/:productId/settings": { version: 1, settings: berekeSettings },
    "PATCH /api/v1/loan-products/:productId": { active: false },
    "POST /api/v1/loans/:loanId/decision": { decision: "approve", comment: "Taken", version: 1 },
    "POST /api/v1/loans/:loanId/disbursements": { valueDate: "2025-01-15", channel: "cash" },
    "POST /api/v1/loans/:loanId/repayments": { valueDate: "2025-02-15", amountMinor: "100", channel: "cash" },
    "POST /api/v1/loans/:loanId/events/:eventId/reversal": { reason: "Taken" },
    "POST /api/v1/loans/:loanId/write-off": { valueDate: "2025-02-15", reason: "Taken" },
    "POST /api/v1/loans/:loanId/recoveries": { valueDate: "2025-02-15", amountMinor: "100", channel: "cash" },
    "POST /api/v1/loans/:loanId/reschedule": { valueDate: "2025-02-15", installments: 6, reason: "Taken" },
    "POST /api/v1/loans/:loanId/guarantees": {
      groupId: "01890a5d-ac96-774b-bcce-b302099a8057",
      guarantorPersonId: "01890a5d-ac96-774b-bcce-b302099a8058",
    },
    "POST /api/v1/loans/:loanId/term-change-requests": { receivedOn: "2025-02-20", proposal: "Taken" },
    "POST /api/v1/loans/:loanId/term-change-requests/:requestId/decision": {
      decision: "refuse",
      reason: "Taken",
      version: 1,
    },
    "POST /api/v1/groups/:groupId/meetings": {
      id: "01890a5d-ac96-774b-bcce-b302099a8059",
      heldOn: "2025-02-01",
      attendance: [],
      cashCountedMinor: "0",
    },
    "POST /api/v1/federation-nodes/:nodeId/groups": {
      groupId: "01890a5d-ac96-774b-bcce-b302099a8057",
      joinedOn: "2025-02-01",
    },
    "POST /api/v1/federation-nodes/:nodeId/groups/:groupId/leave": { leftOn: "2025-02-01" },
    "POST /api/v1/federation-nodes/:nodeId/office-bearers": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
      role: "president",
      fromOn: "2025-02-01",
    },
    "PUT /api/v1/federation-nodes/:nodeId/fund-rules": {
      fund: "rf",
      effectiveFrom: "2025-02-01",
      rules: {
        allowedGrades: ["A"],
        regularMonthsMin: 1,
        amountMaxMinor: "1",
        termMonthsMax: 1,
        rateBpsPerMonth: 0,
      },
    },
    "POST /api/v1/federation-nodes/:nodeId/fund-applications": {
      groupId: "01890a5d-ac96-774b-bcce-b302099a8057",
      fund: "cif",
      appliedOn: "2025-02-01",
      amountMinor: "1",
      termMonths: 1,
      plan: [{ memberId: "01890a5d-ac96-774b-bcce-b302099a8057", amountMinor: "1", purpose: "Taken" }],
    },
    "POST /api/v1/fund-applications/:applicationId/approve": { appraisal: "Taken" },
    "POST /api/v1/fund-applications/:applicationId/refuse": { appraisal: "Taken" },
    "POST /api/v1/fund-applications/:applicationId/disburse": { disbursedOn: "2025-02-01" },
    "POST /api/v1/fund-loans/:loanId/repayments": {
      paidOn: "2025-02-01",
      principalMinor: "1",
      interestMinor: "0",
    },
    "POST /api/v1/federation-nodes/:nodeId/fees": {
      groupId: "01890a5d-ac96-774b-bcce-b302099a8057",
      period: "2025-02",
      paidOn: "2025-02-01",
      amountMinor: "1",
    },
    "POST /api/v1/formations/:formationId/checklist": {
      item: "registered",
      doneOn: "2025-02-01",
      evidence: "Taken",
    },
    "POST /api/v1/federation-nodes/:nodeId/grade-reviews": {
      groupId: "01890a5d-ac96-774b-bcce-b302099a8057",
      asOf: "2025-02-01",
      agreedGrade: "A",
    },
    "POST /api/v1/projects/:projectId/beneficiaries": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
      enrolledOn: "2025-02-01",
    },
    "POST /api/v1/beneficiaries/:beneficiaryId/exit": { exitedOn: "2025-03-01", reason: "Taken" },
    "POST /api/v1/projects/:projectId/services": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
      kind: "consultation",
      deliveredOn: "2025-03-01",
    },
    "POST /api/v1/projects/:projectId/attendance": {
      kind: "training",
      deliveredOn: "2025-03-01",
      personIds: ["01890a5d-ac96-774b-bcce-b302099a8057"],
    },
    "POST /api/v1/children-center/children/:childId/services": { kind: "meals", deliveredOn: "2025-03-01" },
    "POST /api/v1/children-center/children/:childId/case-notes": { writtenOn: "2025-03-01", note: "Taken" },
    "POST /api/v1/training-sessions/:sessionId/participants": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
    },
    "PATCH /api/v1/training-sessions/:sessionId/participants/:personId": { daysAttended: 0 },
    "PUT /api/v1/training-sessions/:sessionId/roll-calls/:day": { personIds: [] },
    "PATCH /api/v1/training-courses/:courseId": { name: "Taken" },
    "PATCH /api/v1/training-sessions/:sessionId": { place: "Taken" },
    "POST /api/v1/projects/:projectId/stories": {
      personId: "01890a5d-ac96-774b-bcce-b302099a8057",
      toldOn: "2025-03-01",
      story: "Taken",
    },
    "POST /api/v1/groups/:groupId/share-outs/preview": {
      id: "01890a5d-ac96-774b-bcce-b302099a8059",
      heldOn: "2025-12-01",
      cycleNumber: 1,
      cashCountedMinor: "0",
    },
    "POST /api/v1/groups/:groupId/share-outs": {
      id: "01890a5d-ac96-774b-bcce-b302099a8059",
      heldOn: "2025-12-01",
      cycleNumber: 1,
      cashCountedMinor: "0",
    },
    "POST /api/v1/groups/:groupId/opening-balances": {
      id: "01890a5d-ac96-774b-bcce-b302099a8059",
      asOf: "2025-01-01",
      cashMinor: "0",
      socialFundMinor: "0",
      members: [],
    },
    "POST /api/v1/persons/import-jobs/:jobId/commit": { skipInvalid: false },
    "PATCH /api/v1/projects/:projectId": { version: 1, name: "Taken" },
    "POST /api/v1/projects/:projectId/indicator-previews": {
      definition: { measure: "unique_persons", events: { source: "enrolment", project: "this" } },
    },
    "POST /api/v1/projects/:projectId/built-indicators": {
      name: "Taken",
      definition: { measure: "unique_persons", events: { source: "enrolment", project: "this" } },
    },
    "PATCH /api/v1/projects/:projectId/built-indicators/:indicatorId": { version: 1, name: "Taken" },
  };

  /** Query strings that pass validation. */
  const validQueries: Record<string, string> = {
    "GET /api/v1/books/:bookId/trial-balance": "?asOf=2025-12-31",
    "GET /api/v1/loans/:loanId/payoff": "?on=2025-03-01",
    "GET /api/v1/books/:bookId/balance-sheet": "?asOf=2025-12-31",
    "GET /api/v1/books/:bookId/consolidated-trial-balance": "?asOf=2025-12-31",
    "GET /api/v1/books/:bookId/consolidated-balance-sheet": "?asOf=2025-12-31&eliminate=false",
    "GET /api/v1/books/:bookId/consolidated-trial-balance/export": "?asOf=2025-12-31&format=csv",
    "GET /api/v1/books/:bookId/consolidated-balance-sheet/export": "?asOf=2025-12-31&format=pdf",
    "GET /api/v1/books/:bookId/journal/export": "?from=2025-01-01&to=2025-12-31&format=xlsx",
    "GET /api/v1/books/:bookId/income-statement": "?from=2025-01-01&to=2025-12-31",
    "GET /api/v1/accounts/:accountId/ledger": "?from=2025-01-01&to=2025-12-31",
    "GET /api/v1/books/:bookId/trial-balance/export": "?asOf=2025-12-31&format=csv",
    "GET /api/v1/books/:bookId/balance-sheet/export": "?asOf=2025-12-31&format=xlsx",
    "GET /api/v1/books/:bookId/income-statement/export": "?from=2025-01-01&to=2025-12-31&format=pdf",
    "GET /api/v1/accounts/:accountId/ledger/export": "?from=2025-01-01&to=2025-12-31&format=csv",
    "GET /api/v1/federation-nodes/:nodeId/rollup": "?asOf=2025-12-31",
    "GET /api/v1/projects/:projectId/budget": "?asOf=2025-12-31",
    "GET /api/v1/projects/:projectId/indicators": "?from=2025-01-01&to=2025-12-31",
    "GET /api/v1/projects/:projectId/built-indicators": "?from=2025-01-01&to=2025-12-31",
    "GET /api/v1/projects/:projectId/donor-report": "?format=pdf&locale=en",
    "GET /api/v1/groups/:groupId/internal-loans": "?asOf=2025-12-31&status=all",
  };

  function fill(url: string): string {
    return url.replace(/:(\w+)/g, (_whole, name: string) => {
      const value = bRecords[name];
      if (value === undefined)
        throw new Error(
          `the tenancy walk does not know the parameter :${name} of ${url}; add a record of B for it`,
        );
      return value;
    });
  }

  it("answers 404 for every route that names a record of another organization", async () => {
    const routes = testApp().app.apiRoutes.filter((r) => r.url.includes(":") && r.access.kind !== "public");
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const body = route.method === "GET" || route.method === "DELETE" ? undefined : (validBodies[key] ?? {});
      const response = await a.request({
        method: route.method as "GET",
        url: fill(route.url) + (validQueries[key] ?? ""),
        ...(body === undefined ? {} : { payload: body as object }),
      });
      expect(response.statusCode, key).toBe(404);
      for (const secret of bSecrets.filter((s) => s !== bRecords[route.url.match(/:(\w+)/)?.[1] ?? ""])) {
        expect(response.body, `${key} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it("lists nothing of another organization on any route without parameters", async () => {
    const routes = testApp().app.apiRoutes.filter(
      (r) => r.method === "GET" && !r.url.includes(":") && r.access.kind !== "public",
    );
    expect(routes.length).toBeGreaterThanOrEqual(8);
    for (const route of routes) {
      const response = await a.request({ url: route.url });
      expect(response.statusCode, route.url).toBeLessThan(500);
      for (const secret of bSecrets)
        expect(response.body, `${route.url} leaks ${secret}`).not.toContain(secret);
    }
  });

  it("finds nothing of another organization by searching for it", async () => {
    for (const q of ["900315400017", "Bravo-Secret-Person", ""]) {
      const response = await a.request({ method: "POST", url: "/api/v1/persons/search", payload: { q } });
      expect(response.json().items).toEqual([]);
    }
    const duplicates = await a.request({
      method: "POST",
      url: "/api/v1/persons/duplicates",
      payload: {
        surname: "Bravo-Secret-Person",
        givenName: "Айгүл",
        sex: "female",
        iin: "900315400017",
        birthDate: "1990-03-15",
      },
    });
    expect(duplicates.json()).toEqual({ sameIin: null, similar: [] });
  });

  it("refuses to switch into another organization", async () => {
    const response = await a.request({
      method: "POST",
      url: "/api/v1/session/organization",
      payload: { orgId: bRecords.orgId },
    });
    expect(response.statusCode).toBe(404);
  });

  it("left every record of the other organization as it was", async () => {
    const office = (await b.request({ url: "/api/v1/offices" })).json().items[0];
    expect(office).toMatchObject({ version: 1, names: names("Bravo-Secret-Office") });
    const user = (await b.request({ url: `/api/v1/users/${bRecords.userId}` })).json();
    expect(user).toMatchObject({ displayName: "Bravo-Secret-User", isActive: true, roles: [] });
    const token = (await b.request({ url: "/api/v1/api-tokens" })).json().items[0];
    expect(token.revokedAt).toBeNull();
    const approval = (await b.request({ url: `/api/v1/approvals/${bRecords.approvalId}` })).json();
    expect(approval.status).toBe("pending");
    const entry = (await b.request({ url: `/api/v1/journal-entries/${bRecords.entryId}` })).json();
    expect(entry.reversedByEntryId).toBeNull();
    const book = (await b.request({ url: "/api/v1/books" })).json().items[0];
    expect(book.closedThrough).toBeNull();
    const person = (await b.request({ url: `/api/v1/persons/${bRecords.personId}` })).json();
    expect(person).toMatchObject({
      version: 1,
      surname: "Bravo-Secret-Person",
      isErased: false,
      consents: [{ isActive: true }, { isActive: true }],
    });
    const group = (await b.request({ url: `/api/v1/groups/${bRecords.groupId}` })).json();
    expect((await b.request({ url: `/api/v1/meetings/${bRecords.meetingId}` })).json().reversedAt).toBeNull();
    expect(group).toMatchObject({
      cashMinor: "50000",
      members: [{ savingsMinor: "50000" }],
      bylaws: { savingsPerMeetingMinor: "50000" },
    });
    const household = (await b.request({ url: `/api/v1/households/${bRecords.householdId}` })).json();
    expect(household.members).toHaveLength(1);
    const chart = (await b.request({ url: `/api/v1/books/${bRecords.bookId}/accounts` })).json().items;
    expect(chart.some((x: { code: string }) => x.code === "9999")).toBe(false);
    const fundLoan = (await b.request({ url: `/api/v1/fund-loans/${bRecords.loanId}` })).json();
    expect(fundLoan).toMatchObject({ outstandingMinor: "100000", repayments: [] });
    const node = (await b.request({ url: `/api/v1/federation-nodes/${bRecords.nodeId}` })).json();
    expect(node).toMatchObject({
      officeBearers: [],
      fundRules: [{ fund: "cif" }],
      groups: [{ leftOn: null }],
    });
    const beneficiaries = (
      await b.request({ url: `/api/v1/projects/${bRecords.projectId}/beneficiaries` })
    ).json().items;
    expect(beneficiaries).toMatchObject([{ exitedOn: null, services: 1 }]);
    const notes = (
      await b.request({ url: `/api/v1/children-center/children/${bRecords.childId}/case-notes` })
    ).json().items;
    expect(notes).toMatchObject([{ note: "Bravo-Secret-Note" }]);
    const training = (await b.request({ url: `/api/v1/training-sessions/${bRecords.sessionId}` })).json();
    expect(training.participants).toMatchObject([{ daysAttended: 1 }]);
  });
});
