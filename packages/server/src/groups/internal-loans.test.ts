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
import { useTestApp } from "../testing/test-app";

describe("internal loans: schedules from the bylaws, repayments at meetings, arrears per member", () => {
  const testApp = useTestApp();
  let admin: Client;
  let bookkeeper: Client;
  let groupId: string;
  let orgId: string;
  let a: string;
  let b: string;
  const loanA = newId();
  const loanB = newId();
  const thirdMeeting = newId();

  async function formGroup(name: string, surnames: readonly string[]) {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name,
        methodology: "shg",
        frequency: "monthly",
        formedOn: "2025-01-01",
        bylaws: testShgBylaws,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    for (const surname of surnames) {
      const personId = await buildConsentingPerson(admin, { surname, givenName: "Айгүл" });
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${id}/members`,
        payload: { personId, joinedOn: "2025-01-01" },
      });
    }
    const group = (await admin.request({ url: `/api/v1/groups/${id}` })).json();
    return { id, members: group.members.map((m: { id: string }) => m.id) as string[] };
  }

  const meeting = (payload: Record<string, unknown>) =>
    bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/meetings`,
      payload: { id: newId(), attendance: [], ...payload },
    });

  const loans = (query: string) => admin.request({ url: `/api/v1/groups/${groupId}/internal-loans${query}` });

  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    bookkeeper = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["group_bookkeeper"])).email,
    );
    const formed = await formGroup("Несие тобы", ["Алиева", "Бекова"]);
    groupId = formed.id;
    [a, b] = formed.members as [string, string];
    // Both save 500 ₸; a borrows 600 ₸ and b 300 ₸ for 3 months at 2 % a month (flat).
    const first = await meeting({
      heldOn: "2025-01-08",
      savings: [a, b].map((memberId) => ({ memberId, amountMinor: "50000" })),
      loansDisbursed: [
        { loanId: loanA, memberId: a, principalMinor: "60000", termMonths: 3 },
        { loanId: loanB, memberId: b, principalMinor: "30000", termMonths: 3 },
      ],
      cashCountedMinor: "10000",
    });
    expect(first.statusCode, first.body).toBe(201);
    // a pays her first installment on time; b pays nothing.
    const second = await meeting({
      heldOn: "2025-02-08",
      repayments: [{ loanId: loanA, principalMinor: "20000", interestMinor: "1200" }],
      cashCountedMinor: "31200",
    });
    expect(second.statusCode, second.body).toBe(201);
    // a repays the rest early, with the service charge of her second month only.
    const third = await meeting({
      id: thirdMeeting,
      heldOn: "2025-03-15",
      repayments: [{ loanId: loanA, principalMinor: "40000", interestMinor: "1200" }],
      cashCountedMinor: "72400",
    });
    expect(third.statusCode, third.body).toBe(201);
  });

  it("schedules each loan by the loan engine: monthly meetings, flat 2 % a month, whole tenge", async () => {
    const response = await loans("?asOf=2025-01-31");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.asOf).toBe("2025-01-31");
    const mine = body.items.find((l: { loanId: string }) => l.loanId === loanA);
    expect(mine).toMatchObject({
      memberId: a,
      disbursedOn: "2025-01-08",
      carriedOverOn: null,
      principalMinor: "60000",
      repaymentFrequency: "monthly",
      rateBpsPerMonth: 200,
      outstandingMinor: "60000",
      overdueMinor: "0",
      daysLate: 0,
    });
    expect(
      mine.schedule.map((i: { dueOn: string; principalMinor: string; interestMinor: string }) => [
        i.dueOn,
        i.principalMinor,
        i.interestMinor,
      ]),
    ).toEqual([
      ["2025-02-08", "20000", "1200"],
      ["2025-03-08", "20000", "1200"],
      ["2025-04-08", "20000", "1200"],
    ]);
    expect(body.arrears).toEqual([]);
  });

  it.each([
    [
      "after the first due date: b is late, a paid",
      "2025-02-20",
      { a: ["0", 0, "40000"], b: ["10600", 12, "30000"] },
      [["b", "10600", 12]],
    ],
    [
      "after the second: both late, the longest first",
      "2025-03-10",
      { a: ["21200", 2, "40000"], b: ["21200", 30, "30000"] },
      [
        ["b", "21200", 30],
        ["a", "21200", 2],
      ],
    ],
  ] as const)("%s", async (_name, asOf, expected, arrears) => {
    const body = (await loans(`?asOf=${asOf}`)).json();
    const ids: Record<string, string> = { a, b };
    for (const [name, [overdue, daysLate, outstanding]] of Object.entries(expected)) {
      const memberId = ids[name];
      const loan = body.items.find((l: { memberId: string }) => l.memberId === memberId);
      expect(loan, name).toMatchObject({ overdueMinor: overdue, daysLate, outstandingMinor: outstanding });
    }
    const names = new Map([
      [a, "a"],
      [b, "b"],
    ]);
    expect(
      body.arrears.map((x: { memberId: string; overdueMinor: string; daysLate: number }) => [
        names.get(x.memberId),
        x.overdueMinor,
        x.daysLate,
      ]),
    ).toEqual(arrears);
  });

  it("lists a loan repaid early as settled (only with status=all), its last month's charge not claimed", async () => {
    const open = (await loans("?asOf=2025-04-20")).json();
    expect(open.items.map((l: { loanId: string }) => l.loanId)).toEqual([loanB]);
    expect(open.items[0]).toMatchObject({ overdueMinor: "31800", daysLate: 71 });
    const all = (await loans("?asOf=2025-04-20&status=all")).json();
    const settled = all.items.find((l: { loanId: string }) => l.loanId === loanA);
    expect(settled).toMatchObject({ isSettled: true, outstandingMinor: "0", interestPaidMinor: "2400" });
    expect(settled.schedule.map((i: { status: string }) => i.status)).toEqual(["paid", "paid", "paid"]);
    expect(settled.schedule[2].interestMinor).toBe("0");
    const onlyB = (await loans(`?asOf=2025-04-20&status=all&memberId=${b}`)).json();
    expect(onlyB.items.map((l: { loanId: string }) => l.loanId)).toEqual([loanB]);
  });

  it("grades timely repayment by the schedule: a missed installment is late before the term ends", async () => {
    const grade = (await admin.request({ url: `/api/v1/groups/${groupId}/grade?asOf=2025-02-20` })).json();
    const timely = grade.current.scores.find((x: { principle: string }) => x.principle === "timelyRepayment");
    // b missed her installment of 2025-02-08: her whole 300.00 outstanding is at risk, of 700.00.
    expect(timely.why).toEqual({ lateLoans: 1, lateMinor: "30000", outstandingMinor: "70000" });
  });

  it("shows a member's loans with their schedules in her passbook", async () => {
    const passbook = (await admin.request({ url: `/api/v1/groups/${groupId}/members/${a}/passbook` })).json();
    expect(passbook.internalLoans).toHaveLength(1);
    expect(passbook.internalLoans[0]).toMatchObject({ loanId: loanA, isSettled: true });
    expect(passbook.internalLoans[0].schedule).toHaveLength(3);
  });

  it("counts only meetings that stand: a reversed repayment is owed again", async () => {
    const reversed = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/meetings/${thirdMeeting}/reverse`,
      payload: { reason: "Сома қате жазылды" },
    });
    expect(reversed.statusCode, reversed.body).toBeLessThan(300);
    const body = (await loans("?asOf=2025-04-20")).json();
    const mine = body.items.find((l: { loanId: string }) => l.loanId === loanA);
    expect(mine).toMatchObject({ outstandingMinor: "40000", overdueMinor: "42400", daysLate: 43 });
  });

  it("schedules a loan carried over from paper books from the cut-off", async () => {
    const other = await formGroup("Қағаз тобы", ["Дәптерова"]);
    const loanId = newId();
    const opened = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${other.id}/opening-balances`,
      payload: {
        id: newId(),
        asOf: "2025-03-31",
        cashMinor: "0",
        socialFundMinor: "0",
        members: [{ memberId: other.members[0], savingsMinor: "100000" }],
        loans: [
          {
            loanId,
            memberId: other.members[0],
            outstandingMinor: "90000",
            termMonths: 6,
            disbursedOn: "2025-01-31",
          },
        ],
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const body = (
      await admin.request({ url: `/api/v1/groups/${other.id}/internal-loans?asOf=2025-05-01` })
    ).json();
    expect(body.items[0]).toMatchObject({ loanId, carriedOverOn: "2025-03-31", principalMinor: "90000" });
    expect(body.items[0].schedule.map((i: { dueOn: string }) => i.dueOn)).toEqual([
      "2025-04-30",
      "2025-05-31",
      "2025-06-30",
      "2025-07-31",
    ]);
    expect(body.items[0]).toMatchObject({ overdueMinor: "24300", daysLate: 1 });
  });

  it.each([
    ["an impossible date", "?asOf=2025-02-30", 422, "date_must_be_valid"],
    ["a malformed date", "?asOf=soon", 400, "request_must_be_valid"],
    ["an unknown status", "?status=late", 400, "request_must_be_valid"],
    ["an unknown parameter", "?page=2", 400, "request_must_be_valid"],
    ["a member of another group", `?memberId=${newId()}`, 404, "record_must_exist"],
  ])("refuses %s", async (_name, query, status, code) => {
    const response = await loans(query);
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it("does not exist for a group outside the reader's scope, nor without the permission", async () => {
    const other = await buildOrganization(testApp().database);
    const stranger = await signIn(
      testApp().app,
      (await buildUser(testApp().database, other.orgId, ["administrator"])).email,
    );
    expect((await stranger.request({ url: `/api/v1/groups/${groupId}/internal-loans` })).statusCode).toBe(
      404,
    );
    const caseWorker = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["case_worker"])).email,
    );
    const refused = await caseWorker.request({ url: `/api/v1/groups/${groupId}/internal-loans` });
    expect(refused.statusCode).toBe(403);
  });
});
