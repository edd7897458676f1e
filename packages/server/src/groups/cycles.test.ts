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

const vslaBylaws = {
  ...testShgBylaws,
  methodology: "vsla",
  savingsPerMeetingMinor: "0",
  sharePriceMinor: "10000",
  maxSharesPerMeeting: 5,
};

describe("savings-group cycles: share-out and opening balances", () => {
  const testApp = useTestApp();
  let admin: Client;
  let bookkeeper: Client;

  async function formGroup(methodology: "shg" | "vsla", names: readonly string[]) {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name: `Группа ${names.join("")}`,
        methodology,
        frequency: "weekly",
        formedOn: "2025-01-01",
        bylaws: methodology === "vsla" ? vslaBylaws : testShgBylaws,
      },
    });
    expect(created.statusCode).toBe(201);
    const groupId: string = created.json().id;
    for (const surname of names) {
      const personId = await buildConsentingPerson(admin, { surname, givenName: "Айгүл" });
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/members`,
        payload: { personId, joinedOn: "2025-01-01" },
      });
    }
    const group = (await admin.request({ url: `/api/v1/groups/${groupId}` })).json();
    return {
      groupId,
      bookId: group.bookId as string,
      members: group.members.map((m: { id: string }) => m.id),
    };
  }

  async function balanced(bookId: string) {
    const tb = (await admin.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2026-12-31` })).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
  }

  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    bookkeeper = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["group_bookkeeper"])).email,
    );
  });

  describe("share-out", () => {
    let groupId: string;
    let bookId: string;
    let a: string;
    let b: string;
    let c: string;
    const loanA = newId();
    const loanB = newId();

    beforeAll(async () => {
      const formed = await formGroup("vsla", ["Аманова", "Бекова", "Сейітова"]);
      ({ groupId, bookId } = formed);
      [a, b, c] = formed.members as [string, string, string];
      // Meeting 1: a buys 3 shares, b 2, c 1 (60 000), social fund 3 × 10 000; a and b borrow.
      const first = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/meetings`,
        payload: {
          id: newId(),
          heldOn: "2025-01-08",
          attendance: [],
          shares: [
            { memberId: a, shares: 3 },
            { memberId: b, shares: 2 },
            { memberId: c, shares: 1 },
          ],
          socialFund: [a, b, c].map((memberId) => ({ memberId, amountMinor: "10000" })),
          loansDisbursed: [
            { loanId: loanA, memberId: a, principalMinor: "20000", termMonths: 3 },
            { loanId: loanB, memberId: b, principalMinor: "10000", termMonths: 3 },
          ],
          cashCountedMinor: "60000",
        },
      });
      expect(first.statusCode, first.body).toBe(201);
      // Meeting 2: a repays her loan with 6 000 of service charge; c pays a fine of 2 000.
      const second = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/meetings`,
        payload: {
          id: newId(),
          heldOn: "2025-02-05",
          attendance: [],
          repayments: [{ loanId: loanA, principalMinor: "20000", interestMinor: "6000" }],
          fines: [{ memberId: c, kind: "late", amountMinor: "2000", note: "Half forgiven by the meeting" }],
          cashCountedMinor: "88000",
        },
      });
      expect(second.statusCode, second.body).toBe(201);
    });

    const shareOut = (overrides: Record<string, unknown> = {}) => ({
      id: newId(),
      heldOn: "2025-12-20",
      cycleNumber: 1,
      cashCountedMinor: "88000",
      loans: [{ loanId: loanB, settlement: "deduct_from_payout" }],
      reinvestments: [{ memberId: a, shares: 2 }],
      ...overrides,
    });

    it.each([
      [
        "the cash counted differs from the books",
        { cashCountedMinor: "87000" },
        422,
        "share_out_cash_must_match_books",
      ],
      ["a loan is left unsettled", { loans: [] }, 422, "loans_must_be_recovered_before_share_out"],
      ["the cycle is not the current one", { cycleNumber: 2 }, 409, "cycle_must_be_current"],
      [
        "it is dated before the last meeting",
        { heldOn: "2025-02-01" },
        422,
        "meeting_must_follow_last_meeting",
      ],
      [
        "a re-investment exceeds the payout",
        {
          // Read when the test runs, once the members exist.
          get reinvestments() {
            return [{ memberId: c, shares: 3 }];
          },
        },
        422,
        "reinvestment_must_fit_payout",
      ],
    ])("refuses a share-out when %s, and changes nothing", async (_why, change, status, code) => {
      const refused = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/share-outs`,
        payload: shareOut(change),
      });
      expect(refused.statusCode, refused.body).toBe(status);
      expect(refused.json().error.code).toBe(code);
      const cycles = (await admin.request({ url: `/api/v1/groups/${groupId}/cycles` })).json();
      expect(cycles).toMatchObject({ current: { number: 1 }, cashMinor: "88000", closed: [] });
    });

    it("previews, then shares out once: pays the distributable fund in one entry and starts the next cycle", async () => {
      const command = shareOut();
      const preview = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/share-outs/preview`,
        payload: command,
      });
      expect(preview.statusCode, preview.body).toBe(200);
      // Fund: 88 000 cash + 10 000 of b's loan deducted − 30 000 social fund = 68 000 over 6 shares.
      expect(preview.json()).toMatchObject({ distributableMinor: "68000", totalShares: 6, entryId: null });
      const done = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/share-outs`,
        payload: command,
      });
      expect(done.statusCode, done.body).toBe(201);
      const result = done.json();
      expect(
        result.payouts.reduce((s: bigint, p: { payoutMinor: string }) => s + BigInt(p.payoutMinor), 0n),
      ).toBe(68_000n);
      expect(result.payouts.find((p: { memberId: string }) => p.memberId === a)).toMatchObject({
        payoutMinor: "34000",
        reinvestedShares: 2,
        reinvestedMinor: "20000",
        cashPaidMinor: "14000",
      });
      expect(result.payouts.find((p: { memberId: string }) => p.memberId === b)).toMatchObject({
        loansDeductedMinor: "10000",
      });
      expect(result.cashAfterMinor).toBe("50000");
      await balanced(bookId);

      const again = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/share-outs`,
        payload: command,
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(result);
      const second = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/share-outs`,
        payload: shareOut({ cashCountedMinor: "50000", loans: [], reinvestments: [] }),
      });
      expect(second.json().error).toMatchObject({
        code: "cycle_must_be_current",
        details: { currentCycle: 2 },
      });

      const group = (await admin.request({ url: `/api/v1/groups/${groupId}` })).json();
      expect(group).toMatchObject({
        cashMinor: "50000",
        socialFundMinor: "30000",
        loansOutstandingMinor: "0",
      });
      const byId = new Map(group.members.map((m: { id: string }) => [m.id, m]));
      expect(byId.get(a)).toMatchObject({ shares: 2, savingsMinor: "20000" });
      expect(byId.get(b)).toMatchObject({ shares: 0, savingsMinor: "0", loansOutstandingMinor: "0" });
      const cycles = (await admin.request({ url: `/api/v1/groups/${groupId}/cycles` })).json();
      expect(cycles).toMatchObject({
        current: { number: 2, startedOn: "2025-12-20" },
        closed: [{ number: 1, startedOn: "2025-01-01", endedOn: "2025-12-20", shareOut: { id: command.id } }],
      });
      const passbook = (
        await admin.request({ url: `/api/v1/groups/${groupId}/members/${a}/passbook` })
      ).json();
      expect(passbook.lines.map((l: { kind: string }) => l.kind)).toEqual(
        expect.arrayContaining(["savings_withdrawn", "share_out_profit", "shares"]),
      );
      const meetings = (await admin.request({ url: `/api/v1/groups/${groupId}/meetings` })).json();
      const shareOutMeeting = meetings.items.find((m: { kind: string }) => m.kind === "share_out");
      for (const [url, locale] of [
        [`/api/v1/meetings/${shareOutMeeting.id}/share-out-sheet?locale=kk`, "kk"],
        [`/api/v1/meetings/${meetings.items.at(-1).id}/sheet?locale=ru`, "ru"],
        [`/api/v1/meetings/${meetings.items.at(-1).id}/sheet?locale=en`, "en"],
      ] as const) {
        const pdf = await admin.request({ url });
        expect(pdf.statusCode, `${url} ${locale}`).toBe(200);
        expect(pdf.headers["content-type"]).toBe("application/pdf");
        expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      }
      const notShareOut = await admin.request({
        url: `/api/v1/meetings/${meetings.items.at(-1).id}/share-out-sheet`,
      });
      expect(notShareOut.statusCode).toBe(404);
      const reversal = await admin.request({
        method: "POST",
        url: `/api/v1/meetings/${shareOutMeeting.id}/reverse`,
        payload: { reason: "Mistake" },
      });
      expect(reversal.json().error.code).toBe("share_out_must_not_be_reversed");
    });

    it("refuses a share-out for a self-help group", async () => {
      const shg = await formGroup("shg", ["Шотова"]);
      const refused = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${shg.groupId}/share-outs`,
        payload: shareOut({ loans: [], reinvestments: [] }),
      });
      expect(refused.json().error.code).toBe("share_out_must_be_for_savings_group");
    });
  });

  describe("opening balances", () => {
    it("brings paper books in as one balanced opening entry, once, before any meeting", async () => {
      const { groupId, bookId, members } = await formGroup("shg", ["Қағазова", "Дәптерова"]);
      const [a, b] = members as [string, string];
      const loanId = newId();
      const opening = {
        id: newId(),
        asOf: "2025-03-31",
        cashMinor: "150000",
        socialFundMinor: "20000",
        members: [
          { memberId: a, savingsMinor: "200000" },
          { memberId: b, savingsMinor: "100000" },
        ],
        loans: [
          { loanId, memberId: a, outstandingMinor: "180000", termMonths: 6, disbursedOn: "2025-02-01" },
        ],
      };
      for (const [change, code] of [
        [{ loans: [{ ...opening.loans[0], disbursedOn: "2025-04-01" }] }, "loan_must_precede_cut_off"],
        [{ members: [{ memberId: newId(), savingsMinor: "1" }] }, "member_must_be_active"],
        [{ asOf: "2024-12-31", loans: [] }, "bylaws_must_be_in_force"],
      ] as const) {
        const refused = await admin.request({
          method: "POST",
          url: `/api/v1/groups/${groupId}/opening-balances`,
          payload: { ...opening, ...change },
        });
        expect(refused.json().error?.code, JSON.stringify(change)).toBe(code);
      }
      const first = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/opening-balances`,
        payload: opening,
      });
      expect(first.statusCode, first.body).toBe(201);
      const replay = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/opening-balances`,
        payload: opening,
      });
      expect(replay.statusCode).toBe(200);
      const second = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/opening-balances`,
        payload: { ...opening, id: newId() },
      });
      expect(second.json().error.code).toBe("opening_balances_must_come_first");
      const group = (await admin.request({ url: `/api/v1/groups/${groupId}` })).json();
      expect(group).toMatchObject({
        cashMinor: "150000",
        socialFundMinor: "20000",
        loansOutstandingMinor: "180000",
      });
      const byId = new Map(group.members.map((m: { id: string }) => [m.id, m]));
      expect(byId.get(a)).toMatchObject({ savingsMinor: "200000", loansOutstandingMinor: "180000" });
      await balanced(bookId);
      // The next meeting goes on from the opening balances: a repays part of her paper loan.
      const meeting = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/meetings`,
        payload: {
          id: newId(),
          heldOn: "2025-04-02",
          attendance: [],
          repayments: [{ loanId, principalMinor: "30000", interestMinor: "3600" }],
          cashCountedMinor: "183600",
        },
      });
      expect(meeting.statusCode, meeting.body).toBe(201);
    });
  });

  describe("grading rubric", () => {
    it("is the default Panchasutra rubric until the organization adopts its own from a date", async () => {
      const initial = (await admin.request({ url: "/api/v1/grading-rubrics" })).json();
      expect(initial.current).toMatchObject({ effectiveFrom: null, gradeA: 85, gradeB: 75 });
      const rubric = {
        ...initial.current,
        weights: { ...initial.current.weights, regularMeetings: 40 },
        gradeA: 99,
        gradeB: 98,
      };
      delete rubric.effectiveFrom;
      const refused = await admin.request({
        method: "PUT",
        url: "/api/v1/grading-rubrics",
        payload: { effectiveFrom: "2025-01-01", rubric: { ...rubric, gradeB: 100 } },
      });
      expect(refused.json().error).toMatchObject({
        code: "grading_rubric_must_be_sensible",
        details: { field: "rubric.gradeA" },
      });
      const byBookkeeper = await bookkeeper.request({
        method: "PUT",
        url: "/api/v1/grading-rubrics",
        payload: { effectiveFrom: "2025-01-01", rubric },
      });
      expect(byBookkeeper.statusCode).toBe(403);
      const adopted = await admin.request({
        method: "PUT",
        url: "/api/v1/grading-rubrics",
        payload: { effectiveFrom: "2025-01-01", rubric },
      });
      expect(adopted.statusCode, adopted.body).toBe(200);
      expect(adopted.json().current).toMatchObject({ effectiveFrom: "2025-01-01", gradeA: 99 });
      const { groupId } = await formGroup("shg", ["Рейтингова"]);
      const grade = (await admin.request({ url: `/api/v1/groups/${groupId}/grade?asOf=2025-06-30` })).json();
      expect(grade.current.grade).toBe("C");
      const maxPoints = (g: { scores: { maxPoints: number }[] }) =>
        g.scores.reduce((s, x) => s + x.maxPoints, 0);
      expect(maxPoints(grade.current)).toBe(120);
      const before = (await admin.request({ url: `/api/v1/groups/${groupId}/grade?asOf=2024-12-31` })).json();
      expect(before.current.scores.reduce((s: number, x: { maxPoints: number }) => s + x.maxPoints, 0)).toBe(
        100,
      );
    });
  });
});
