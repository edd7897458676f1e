import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

const bylaws = {
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

describe("federations: tiers, community funds in both books, grading, roll-up", () => {
  const testApp = useTestApp();
  let admin: Client;
  let orgId: string;
  const nodes: Record<string, { id: string; bookId: string }> = {};
  const groups: Record<string, { id: string; bookId: string; members: string[] }> = {};
  let applicationId: string;
  let loanId: string;

  async function createNode(name: string, level: string, parentId: string | null) {
    const response = await admin.request({
      method: "POST",
      url: "/api/v1/federation-nodes",
      payload: { name, level, parentId, formedOn: "2024-12-01" },
    });
    expect(response.statusCode, response.body).toBe(201);
    nodes[name] = { id: response.json().id, bookId: response.json().bookId };
  }

  async function createGroup(name: string, meetings: readonly string[]) {
    const group = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: { name, methodology: "shg", frequency: "monthly", formedOn: "2025-01-01", bylaws },
    });
    expect(group.statusCode, group.body).toBe(201);
    const members: string[] = [];
    for (const surname of [`${name}-A`, `${name}-B`]) {
      const joined = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.json().id}/members`,
        payload: {
          personId: await buildConsentingPerson(admin, { surname, givenName: "Айгүл" }),
          joinedOn: "2025-01-01",
        },
      });
      members.push(
        joined.json().members.find((m: { person: { surname: string } }) => m.person.surname === surname).id,
      );
    }
    let cash = 0;
    for (const heldOn of meetings) {
      cash += 100_000;
      const meeting = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.json().id}/meetings`,
        payload: {
          id: newId(),
          heldOn,
          attendance: members.map((memberId) => ({ memberId, status: "present" })),
          savings: members.map((memberId) => ({ memberId, amountMinor: "50000" })),
          cashCountedMinor: String(cash),
        },
      });
      expect(meeting.statusCode, meeting.body).toBe(201);
    }
    groups[name] = { id: group.json().id, bookId: group.json().bookId, members };
  }

  /** Balances by account purpose of a book as of a date, natural sign. */
  async function balances(bookId: string, asOf = "2025-12-31"): Promise<Record<string, bigint>> {
    const accounts = (await admin.request({ url: `/api/v1/books/${bookId}/accounts` })).json().items as {
      id: string;
      purpose: string | null;
    }[];
    const tb = (await admin.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=${asOf}` })).json();
    const result: Record<string, bigint> = {};
    for (const row of tb.rows as { accountId: string; balanceMinor: string }[]) {
      const purpose = accounts.find((a) => a.id === row.accountId)?.purpose;
      if (purpose) result[purpose] = BigInt(row.balanceMinor);
    }
    return result;
  }

  async function expectBooksAgree() {
    let owedByGroups = 0n;
    for (const g of Object.values(groups)) owedByGroups += (await balances(g.bookId)).federation_loan ?? 0n;
    let lentByNodes = 0n;
    for (const n of Object.values(nodes)) {
      const b = await balances(n.bookId);
      lentByNodes += (b.cif_loans_to_groups ?? 0n) + (b.rf_loans_to_groups ?? 0n);
    }
    expect(lentByNodes).toBe(owedByGroups);
    return lentByNodes;
  }

  beforeAll(async () => {
    orgId = (await buildOrganization(testApp().database, { kind: "federation" })).orgId;
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    await createNode("Region", "regional", null);
    await createNode("Cluster", "cluster", nodes.Region?.id ?? null);
    await createNode("Village-1", "village", nodes.Cluster?.id ?? null);
    await createNode("Village-2", "village", nodes.Cluster?.id ?? null);
    await createGroup("Regular", ["2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10"]);
    await createGroup("Young", ["2025-04-10"]);
    await createGroup("Other", ["2025-02-10", "2025-03-10", "2025-04-10"]);
    // The first village organization receives community investment capital from a donor.
    const accounts = (
      await admin.request({ url: `/api/v1/books/${nodes["Village-1"]?.bookId}/accounts` })
    ).json().items;
    const id = (purpose: string) =>
      accounts.find((a: { purpose: string | null }) => a.purpose === purpose).id;
    const capital = await admin.request({
      method: "POST",
      url: `/api/v1/books/${nodes["Village-1"]?.bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-05",
        narration: "CIF capital from the donor",
        lines: [
          { accountId: id("cash"), side: "debit", amountMinor: "5000000" },
          { accountId: id("cif_capital"), side: "credit", amountMinor: "5000000" },
        ],
      },
    });
    expect(capital.statusCode, capital.body).toBe(201);
  });

  const node = (name: string) => nodes[name]?.id ?? "";
  const group = (name: string) => groups[name]?.id ?? "";

  it("keeps a tree of nodes, each with its own federation book", async () => {
    const list = (await admin.request({ url: "/api/v1/federation-nodes" })).json().items;
    expect(list.map((n: { name: string; parentId: string | null }) => [n.name, n.parentId])).toEqual([
      ["Cluster", node("Region")],
      ["Region", null],
      ["Village-1", node("Cluster")],
      ["Village-2", node("Cluster")],
    ]);
    const book = (await admin.request({ url: "/api/v1/books" }))
      .json()
      .items.find((b: { id: string }) => b.id === nodes.Region?.bookId);
    expect(book).toMatchObject({ ownerKind: "federation_node", template: "federation" });
  });

  it.each([
    [
      "a level not below its parent",
      { level: "cluster", parentId: "Cluster" },
      422,
      "node_level_must_be_below_parent",
    ],
    [
      "a parent that does not exist",
      { level: "village", parentId: "missing" },
      422,
      "node_parent_must_exist",
    ],
    ["a bad date", { level: "regional", parentId: null, formedOn: "2025-02-30" }, 422, "date_must_be_valid"],
  ] as const)("refuses a node with %s", async (_why, change, status, code) => {
    const before = (await admin.request({ url: "/api/v1/federation-nodes" })).json().items.length;
    const parentId =
      change.parentId === null ? null : change.parentId === "missing" ? newId() : node(change.parentId);
    const response = await admin.request({
      method: "POST",
      url: "/api/v1/federation-nodes",
      payload: { name: "X", formedOn: "2025-01-01", ...change, parentId },
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect((await admin.request({ url: "/api/v1/federation-nodes" })).json().items).toHaveLength(before);
  });

  it("refuses nodes in a micro-credit organization", async () => {
    const mco = (await buildOrganization(testApp().database, { kind: "mco" })).orgId;
    const mcoAdmin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, mco, ["administrator"])).email,
    );
    const response = await mcoAdmin.request({
      method: "POST",
      url: "/api/v1/federation-nodes",
      payload: { name: "X", level: "village", formedOn: "2025-01-01" },
    });
    expect(response.json().error.code).toBe("organization_must_hold_federations");
  });

  it("lets groups join a node with a date, one node at a time, and keeps their history when they leave", async () => {
    for (const [g, n] of [
      ["Regular", "Village-1"],
      ["Young", "Village-1"],
      ["Other", "Village-2"],
    ] as const) {
      const joined = await admin.request({
        method: "POST",
        url: `/api/v1/federation-nodes/${node(n)}/groups`,
        payload: { groupId: group(g), joinedOn: "2025-01-01" },
      });
      expect(joined.statusCode, joined.body).toBe(200);
    }
    const twice = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-2")}/groups`,
      payload: { groupId: group("Regular"), joinedOn: "2025-02-01" },
    });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, "group_must_not_be_in_another_node"]);
    const early = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-2")}/groups/${group("Other")}/leave`,
      payload: { leftOn: "2024-12-31" },
    });
    expect(early.json().error.code).toBe("date_must_not_precede_start");
    const left = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-2")}/groups/${group("Other")}/leave`,
      payload: { leftOn: "2025-03-01" },
    });
    expect(left.json().groups).toMatchObject([
      { groupName: "Other", joinedOn: "2025-01-01", leftOn: "2025-03-01" },
    ]);
    const back = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-2")}/groups`,
      payload: { groupId: group("Other"), joinedOn: "2025-03-15" },
    });
    expect(back.json().groups.map((g: { leftOn: string | null }) => g.leftOn)).toEqual(["2025-03-01", null]);
    expect(back.json().groupCount).toBe(1);
  });

  it("names office bearers of a node", async () => {
    const personId = await buildConsentingPerson(admin, { surname: "President", givenName: "Сәуле" });
    const response = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/office-bearers`,
      payload: { personId, role: "president", fromOn: "2025-01-01" },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().officeBearers).toMatchObject([
      { role: "president", name: "President Сәуле", untilOn: null },
    ]);
  });

  it("signs off a group's computed grade with the federation's own grade and observations", async () => {
    const response = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/grade-reviews`,
      payload: {
        groupId: group("Young"),
        asOf: "2025-04-12",
        agreedGrade: "B",
        observations: "New, but keeps good books",
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ agreedGrade: "B", observations: "New, but keeps good books" });
    expect(["A", "B", "C"]).toContain(response.json().computedGrade);
    const outside = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-2")}/grade-reviews`,
      payload: { groupId: group("Young"), asOf: "2025-04-12", agreedGrade: "A" },
    });
    expect(outside.json().error.code).toBe("group_must_belong_to_node");
    const list = (
      await admin.request({ url: `/api/v1/federation-nodes/${node("Village-1")}/grade-reviews` })
    ).json();
    expect(list.items).toHaveLength(1);
  });

  it("refuses an ineligible group with the reason, and changes nothing", async () => {
    const apply = (g: string, change: Record<string, unknown> = {}) =>
      admin.request({
        method: "POST",
        url: `/api/v1/federation-nodes/${node("Village-1")}/fund-applications`,
        payload: {
          groupId: group(g),
          fund: "cif",
          appliedOn: "2025-04-15",
          amountMinor: "1000000",
          termMonths: 4,
          plan: (groups[g]?.members ?? []).map((memberId) => ({
            memberId,
            amountMinor: "500000",
            purpose: "Sheep",
          })),
          ...change,
        },
      });
    const young = await apply("Young");
    expect(young.statusCode).toBe(422);
    expect(young.json().error).toMatchObject({
      code: "group_must_meet_regularly",
      details: { months: 1, required: 3 },
      message: "The group met without a break in only 1 of the last 3 months.",
    });
    await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/grade-reviews`,
      payload: {
        groupId: group("Regular"),
        asOf: "2025-04-12",
        agreedGrade: "C",
        observations: "Cash not counted",
      },
    });
    const graded = await apply("Regular");
    expect(graded.json().error).toMatchObject({
      code: "group_grade_must_be_allowed",
      details: { grade: "C" },
    });
    await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/grade-reviews`,
      payload: { groupId: group("Regular"), asOf: "2025-04-13", agreedGrade: "A" },
    });
    const tooMuch = await apply("Regular", {
      amountMinor: "60000000",
      plan: [{ memberId: groups.Regular?.members[0], amountMinor: "60000000", purpose: "Cow" }],
    });
    expect(tooMuch.json().error.code).toBe("amount_must_not_exceed_fund_limit");
    const badPlan = await apply("Regular", { amountMinor: "999" });
    expect(badPlan.json().error.code).toBe("credit_plan_must_add_up");
    const notMember = await apply("Other");
    expect(notMember.json().error.code).toBe("group_must_belong_to_node");
    const detail = (await admin.request({ url: `/api/v1/federation-nodes/${node("Village-1")}` })).json();
    expect(detail.applications).toEqual([]);
  });

  it("follows the node's own rules when it sets them", async () => {
    const strict = await admin.request({
      method: "PUT",
      url: `/api/v1/federation-nodes/${node("Village-2")}/fund-rules`,
      payload: {
        fund: "rf",
        effectiveFrom: "2025-01-01",
        rules: {
          allowedGrades: ["A"],
          regularMonthsMin: 2,
          amountMaxMinor: "100",
          termMonthsMax: 3,
          rateBpsPerMonth: 0,
        },
      },
    });
    expect(strict.statusCode, strict.body).toBe(200);
    expect(strict.json().fundRules).toMatchObject([{ fund: "rf", rules: { amountMaxMinor: "100" } }]);
    const bad = await admin.request({
      method: "PUT",
      url: `/api/v1/federation-nodes/${node("Village-2")}/fund-rules`,
      payload: {
        fund: "rf",
        effectiveFrom: "2025-01-01",
        rules: {
          allowedGrades: [],
          regularMonthsMin: 2,
          amountMaxMinor: "100",
          termMonthsMax: 3,
          rateBpsPerMonth: 0,
        },
      },
    });
    expect(bad.json().error).toMatchObject({
      code: "fund_rules_must_be_valid",
      details: { field: "rules.allowedGrades" },
    });
  });

  it("appraises, approves and disburses a credit plan: balanced entries in both books that agree", async () => {
    const applied = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/fund-applications`,
      payload: {
        groupId: group("Regular"),
        fund: "cif",
        appliedOn: "2025-04-15",
        amountMinor: "1000000",
        termMonths: 4,
        plan: (groups.Regular?.members ?? []).map((memberId, i) => ({
          memberId,
          amountMinor: i === 0 ? "600000" : "400000",
          purpose: i === 0 ? "Sheep" : "Sewing machine",
        })),
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json()).toMatchObject({
      status: "submitted",
      eligibility: { grade: "A", regularMonths: 3 },
      rateBpsPerMonth: 100,
    });
    applicationId = applied.json().id;
    const early = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applicationId}/disburse`,
      payload: { disbursedOn: "2025-04-20" },
    });
    expect([early.statusCode, early.json().error.code]).toEqual([409, "application_must_be_approved"]);
    const approved = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applicationId}/approve`,
      payload: { appraisal: "Plans are sound; members have repaid internal loans on time" },
    });
    expect(approved.json().status).toBe("approved");
    const again = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applicationId}/refuse`,
      payload: { appraisal: "Changed my mind" },
    });
    expect(again.json().error.code).toBe("application_must_be_submitted");
    const loan = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applicationId}/disburse`,
      payload: { disbursedOn: "2025-04-20" },
    });
    expect(loan.statusCode, loan.body).toBe(201);
    loanId = loan.json().id;
    expect(loan.json()).toMatchObject({
      outstandingMinor: "1000000",
      arrearsMinor: "0",
      schedule: [{ dueOn: "2025-05-20", principalMinor: "250000", interestMinor: "10000" }, {}, {}, {}],
    });
    const nodeBook = await balances(nodes["Village-1"]?.bookId ?? "");
    const groupBook = await balances(groups.Regular?.bookId ?? "");
    expect(nodeBook).toMatchObject({ cif_loans_to_groups: 1_000_000n, cash: 4_000_000n });
    expect(groupBook).toMatchObject({ federation_loan: 1_000_000n, cash: 1_400_000n });
    expect(await expectBooksAgree()).toBe(1_000_000n);
    const twice = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applicationId}/disburse`,
      payload: { disbursedOn: "2025-04-20" },
    });
    expect(twice.json().error.code).toBe("application_must_be_approved");
    expect(await expectBooksAgree()).toBe(1_000_000n);
  });

  it("refuses to lend more than the node has in cash", async () => {
    await admin.request({
      method: "PUT",
      url: `/api/v1/federation-nodes/${node("Village-1")}/fund-rules`,
      payload: {
        fund: "rf",
        effectiveFrom: "2025-01-01",
        rules: {
          allowedGrades: ["A", "B"],
          regularMonthsMin: 0,
          amountMaxMinor: "90000000",
          termMonthsMax: 12,
          rateBpsPerMonth: 0,
        },
      },
    });
    const members = groups.Young?.members ?? [];
    const applied = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/fund-applications`,
      payload: {
        groupId: group("Young"),
        fund: "rf",
        appliedOn: "2025-04-15",
        amountMinor: "80000000",
        termMonths: 6,
        plan: [{ memberId: members[0], amountMinor: "80000000", purpose: "Shop" }],
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applied.json().id}/approve`,
      payload: { appraisal: "ok" },
    });
    const loan = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${applied.json().id}/disburse`,
      payload: { disbursedOn: "2025-04-20" },
    });
    expect(loan.json().error).toMatchObject({
      code: "node_cash_must_cover_loan",
      details: { cashMinor: "4000000" },
    });
    expect(await expectBooksAgree()).toBe(1_000_000n);
  });

  it("moves both books with each repayment, counts arrears, and refuses overpayment", async () => {
    const repay = (paidOn: string, principalMinor: string, interestMinor: string) =>
      admin.request({
        method: "POST",
        url: `/api/v1/fund-loans/${loanId}/repayments`,
        payload: { paidOn, principalMinor, interestMinor },
      });
    const first = await repay("2025-05-20", "250000", "10000");
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ outstandingMinor: "750000", arrearsMinor: "0" });
    expect(await expectBooksAgree()).toBe(750_000n);
    expect((await balances(nodes["Village-1"]?.bookId ?? "")).interest_income).toBe(10_000n);
    expect((await balances(groups.Regular?.bookId ?? "")).interest_expense).toBe(10_000n);
    const over = await repay("2025-06-20", "750001", "0");
    expect(over.json().error).toMatchObject({
      code: "repayment_must_not_exceed_outstanding",
      details: { outstandingMinor: "750000" },
    });
    const nothing = await repay("2025-06-20", "0", "0");
    expect(nothing.json().error.code).toBe("repayment_must_pay_something");
    const before = await repay("2025-04-19", "1", "0");
    expect(before.json().error.code).toBe("date_must_not_precede_start");
    expect(await expectBooksAgree()).toBe(750_000n);
    const late = (await admin.request({ url: `/api/v1/fund-loans/${loanId}?asOf=2025-07-25` })).json();
    expect(late).toMatchObject({ outstandingMinor: "750000", arrearsMinor: "500000", daysPastDue: 35 });
    const arrears = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/fund-applications`,
      payload: {
        groupId: group("Regular"),
        fund: "rf",
        appliedOn: "2025-07-25",
        amountMinor: "1000",
        termMonths: 1,
        plan: [{ memberId: groups.Regular?.members[0], amountMinor: "1000", purpose: "Seeds" }],
      },
    });
    expect(arrears.json().error).toMatchObject({
      code: "group_must_have_no_fund_arrears",
      details: { arrearsMinor: "500000" },
    });
  });

  it("records membership fees in both books, once a month", async () => {
    const pay = () =>
      admin.request({
        method: "POST",
        url: `/api/v1/federation-nodes/${node("Village-1")}/fees`,
        payload: { groupId: group("Young"), period: "2025-04", paidOn: "2025-04-10", amountMinor: "5000" },
      });
    const paid = await pay();
    expect(paid.statusCode, paid.body).toBe(201);
    expect((await balances(nodes["Village-1"]?.bookId ?? "")).member_fee_income).toBe(5_000n);
    expect((await balances(groups.Young?.bookId ?? "")).other_expenses).toBe(5_000n);
    const twice = await pay();
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, "fee_period_must_be_unpaid"]);
  });

  it("rolls up any node as of a date: the sum of its groups, and of the nodes below it", async () => {
    const rollup = async (name: string) =>
      (
        await admin.request({ url: `/api/v1/federation-nodes/${node(name)}/rollup?asOf=2025-04-30&months=4` })
      ).json();
    const cluster = await rollup("Cluster");
    const v1 = await rollup("Village-1");
    const v2 = await rollup("Village-2");
    // The savings-group metrics of the node are recomputed from the sums of its groups.
    expect(cluster.metrics.savingsPerMemberMinor).toBe(
      (BigInt(cluster.total.savingsMinor) / BigInt(cluster.total.members)).toString(),
    );
    expect(cluster.metrics.attendanceRate).toBeCloseTo(cluster.total.attendanceRate, 5);
    expect(cluster.metrics.portfolioAtRisk).toBeCloseTo(cluster.total.portfolioAtRisk, 5);
    expect(cluster.groups.map((g: { groupName: string }) => g.groupName)).toEqual([
      "Other",
      "Regular",
      "Young",
    ]);
    for (const field of ["members", "groups", "attendancePresent", "attendanceExpected"] as const)
      expect(cluster.total[field]).toBe(v1.total[field] + v2.total[field]);
    for (const field of ["savingsMinor", "loansOutstandingMinor", "fundLoansOutstandingMinor"] as const)
      expect(BigInt(cluster.total[field])).toBe(BigInt(v1.total[field]) + BigInt(v2.total[field]));
    let members = 0;
    let savings = 0n;
    for (const g of Object.values(groups)) {
      const detail = (await admin.request({ url: `/api/v1/groups/${g.id}` })).json();
      members += detail.members.length;
      savings += detail.members.reduce(
        (s: bigint, m: { savingsMinor: string }) => s + BigInt(m.savingsMinor),
        0n,
      );
    }
    expect(cluster.total).toMatchObject({
      members,
      savingsMinor: savings.toString(),
      fundLoansOutstandingMinor: "1000000",
    });
    expect(cluster.total.grades).toEqual({ A: 1, B: 2, C: 0, ungraded: 0 });
    expect(cluster.trend.map((t: { monthEnd: string }) => t.monthEnd)).toEqual([
      "2025-01-31",
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
    ]);
    // "Other" left Village-2 on 1 March and came back on 15 March: in the node at every month end, but not
    // on 10 March.
    expect(cluster.trend.map((t: { groups: number }) => t.groups)).toEqual([3, 3, 3, 3]);
    const feb = (
      await admin.request({
        url: `/api/v1/federation-nodes/${node("Village-2")}/rollup?asOf=2025-03-10&months=1`,
      })
    ).json();
    expect(feb.total.groups).toBe(0);
  });

  it("reaches only the nodes of a role scoped to a federation node, and those below it", async () => {
    const scoped = await buildUser(testApp().database, orgId, [
      { role: "administrator", scopeKind: "federation", scopeId: node("Village-1") },
    ]);
    const client = await signIn(testApp().app, scoped.email);
    const list = (await client.request({ url: "/api/v1/federation-nodes" })).json().items;
    expect(list.map((n: { name: string }) => n.name)).toEqual(["Village-1"]);
    expect((await client.request({ url: `/api/v1/federation-nodes/${node("Village-1")}` })).statusCode).toBe(
      200,
    );
    expect((await client.request({ url: `/api/v1/fund-loans/${loanId}` })).statusCode).toBe(200);
    for (const url of [
      `/api/v1/federation-nodes/${node("Village-2")}`,
      `/api/v1/federation-nodes/${node("Cluster")}/rollup?asOf=2025-04-30`,
    ])
      expect((await client.request({ url })).statusCode, url).toBe(404);
    const fee = await client.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-2")}/fees`,
      payload: { groupId: group("Other"), period: "2025-04", paidOn: "2025-04-10", amountMinor: "5000" },
    });
    expect(fee.statusCode).toBe(404);
    const top = await client.request({
      method: "POST",
      url: "/api/v1/federation-nodes",
      payload: { name: "Mine", level: "regional", formedOn: "2025-01-01" },
    });
    expect(top.json().error.code).toBe("node_parent_must_exist");
    const assigned = await admin.request({
      method: "PUT",
      url: `/api/v1/users/${scoped.userId}/roles`,
      payload: { roles: [{ role: "accountant", scopeKind: "federation", scopeId: node("Cluster") }] },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const missing = await admin.request({
      method: "PUT",
      url: `/api/v1/users/${scoped.userId}/roles`,
      payload: { roles: [{ role: "accountant", scopeKind: "federation", scopeId: newId() }] },
    });
    expect(missing.json().error.code).toBe("scope_must_exist");
  });

  it("asks a second person before disbursing when the organization wants four eyes", async () => {
    const policy = (requiresApproval: boolean) =>
      admin.request({
        method: "PUT",
        url: "/api/v1/approval-policies",
        payload: { policies: [{ action: "fund_loan.disburse", requiresApproval }] },
      });
    expect((await policy(true)).statusCode).toBe(200);
    await admin.request({
      method: "PUT",
      url: `/api/v1/federation-nodes/${node("Village-1")}/fund-rules`,
      payload: {
        fund: "rf",
        effectiveFrom: "2025-09-01",
        rules: {
          allowedGrades: ["A", "B", "C"],
          regularMonthsMin: 0,
          amountMaxMinor: "90000000",
          termMonthsMax: 12,
          rateBpsPerMonth: 0,
        },
      },
    });
    const applied = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node("Village-1")}/fund-applications`,
      payload: {
        groupId: group("Young"),
        fund: "rf",
        appliedOn: "2025-09-01",
        amountMinor: "100000",
        termMonths: 1,
        plan: [{ memberId: groups.Young?.members[0], amountMinor: "100000", purpose: "Seeds" }],
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id;
    await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${id}/approve`,
      payload: { appraisal: "ok" },
    });
    const lentBefore = await expectBooksAgree();
    const asked = await admin.request({
      method: "POST",
      url: `/api/v1/fund-applications/${id}/disburse`,
      payload: { disbursedOn: "2025-09-02" },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(await expectBooksAgree()).toBe(lentBefore);
    const approvalId = asked.json().approvalId;
    const own = await admin.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: {},
    });
    expect(own.statusCode).toBe(403);
    const checker = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const approved = await checker.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: { comment: "Plan checked" },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await expectBooksAgree()).toBe(lentBefore + 100_000n);
    const loans = (await admin.request({ url: `/api/v1/federation-nodes/${node("Village-1")}` })).json()
      .loans;
    const loan = loans.find(
      (l: { groupId: string; fund: string }) => l.groupId === group("Young") && l.fund === "rf",
    );
    expect(loan).toMatchObject({ principalMinor: "100000" });
    const repaid = await admin.request({
      method: "POST",
      url: `/api/v1/fund-loans/${loan.id}/repayments`,
      payload: { paidOn: "2025-09-03", principalMinor: "100000", interestMinor: "0" },
    });
    expect(repaid.statusCode, repaid.body).toBe(201);
    expect((await policy(false)).statusCode).toBe(200);
  });

  it("repays the fund loan at the group's meeting: both books move with the meeting, exactly once", async () => {
    const regular = groups.Regular as (typeof groups)[string];
    const cashOf = async () =>
      BigInt((await admin.request({ url: `/api/v1/groups/${regular.id}` })).json().cashMinor as string);
    const meeting = (id: string, fundRepayments: unknown[], cashCountedMinor: bigint) =>
      admin.request({
        method: "POST",
        url: `/api/v1/groups/${regular.id}/meetings`,
        payload: {
          id,
          heldOn: "2025-10-10",
          attendance: regular.members.map((memberId) => ({ memberId, status: "present" })),
          savings: regular.members.map((memberId) => ({ memberId, amountMinor: "50000" })),
          fundRepayments,
          cashCountedMinor: cashCountedMinor.toString(),
        },
      });
    const cashBefore = await cashOf();
    const lentBefore = await expectBooksAgree();
    const youngLoan = (await admin.request({ url: `/api/v1/federation-nodes/${node("Village-1")}` }))
      .json()
      .loans.find((l: { groupId: string }) => l.groupId === group("Young"));
    const notTheirs = await meeting(
      newId(),
      [{ fundLoanId: youngLoan.id, principalMinor: "1000", interestMinor: "0" }],
      cashBefore + 100_000n - 1_000n,
    );
    expect(notTheirs.json().error.code).toBe("fund_loan_must_belong_to_group");
    const tooMuch = await meeting(
      newId(),
      [{ fundLoanId: loanId, principalMinor: "750001", interestMinor: "0" }],
      cashBefore + 100_000n - 750_001n,
    );
    expect(tooMuch.json().error.code).toBe("repayment_must_not_exceed_outstanding");
    expect(await cashOf()).toBe(cashBefore);
    expect(await expectBooksAgree()).toBe(lentBefore);

    const id = newId();
    const line = { fundLoanId: loanId, principalMinor: "250000", interestMinor: "7500" };
    const paid = await meeting(id, [line], cashBefore + 100_000n - 257_500n);
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ cashDifferenceMinor: "0" });
    expect(await cashOf()).toBe(cashBefore + 100_000n - 257_500n);
    expect(await expectBooksAgree()).toBe(lentBefore - 250_000n);
    const again = await meeting(id, [line], cashBefore + 100_000n - 257_500n);
    expect(again.statusCode).toBe(200);
    expect(await expectBooksAgree()).toBe(lentBefore - 250_000n);
    const reversed = await admin.request({
      method: "POST",
      url: `/api/v1/meetings/${id}/reverse`,
      payload: { reason: "Typed the wrong amount" },
    });
    expect(reversed.json().error.code).toBe("meeting_with_fund_repayments_must_stand");
  });

  it("offers the group's open fund loans to its meeting screen, to whoever reads the group", async () => {
    const regular = groups.Regular as (typeof groups)[string];
    const bookkeeper = await signIn(
      testApp().app,
      (
        await buildUser(testApp().database, orgId, [
          { role: "group_bookkeeper", scopeKind: "group", scopeId: regular.id },
        ])
      ).email,
    );
    const open = await bookkeeper.request({ url: `/api/v1/groups/${regular.id}/fund-loans?asOf=2025-10-10` });
    expect(open.statusCode, open.body).toBe(200);
    const loan = open.json().items.find((l: { id: string }) => l.id === loanId);
    expect(loan).toMatchObject({ outstandingMinor: "500000", fund: "cif" });
    expect(loan.nextDue === null || loan.nextDue.dueOn > "2025-10-10").toBe(true);
    // The loan repaid in full is no longer offered.
    const young = (
      await admin.request({ url: `/api/v1/groups/${group("Young")}/fund-loans?asOf=2025-12-31` })
    ).json();
    expect(young.items.every((l: { fund: string }) => l.fund !== "rf")).toBe(true);
    expect(
      (await bookkeeper.request({ url: `/api/v1/groups/${group("Young")}/fund-loans` })).statusCode,
    ).toBe(404);
    for (const [query, status, code] of [
      ["?asOf=2025-02-30", 422, "date_must_be_valid"],
      ["?asOf=soon", 400, "request_must_be_valid"],
      ["?nodeId=1", 400, "request_must_be_valid"],
    ] as const) {
      const refused = await admin.request({ url: `/api/v1/groups/${regular.id}/fund-loans${query}` });
      expect(refused.statusCode, query).toBe(status);
      expect(refused.json().error.code).toBe(code);
    }
  });
});
