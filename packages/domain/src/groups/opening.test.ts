import { describe, expect, it } from "vitest";
import type { Bylaws } from "./bylaws";
import { decideOpening, type OpeningBalances } from "./opening";

const shg: Bylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: 50_000n,
  sharePriceMinor: 0n,
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: 10_000n,
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: 0n, absent: 0n, missed_repayment: 0n, other: 0n },
};
const vsla: Bylaws = { ...shg, methodology: "vsla", sharePriceMinor: 20_000n, maxSharesPerMeeting: 5 };
const active = new Set(["a", "b"]);
const opening: OpeningBalances = {
  cashMinor: 150_000n,
  socialFundMinor: 20_000n,
  members: [
    { memberId: "a", savingsMinor: 200_000n, shares: 0 },
    { memberId: "b", savingsMinor: 100_000n, shares: 0 },
  ],
  loans: [{ loanId: "l1", memberId: "a", outstandingMinor: 180_000n }],
};

describe("decideOpening", () => {
  it("posts one balanced opening entry with the earnings the paper books show", () => {
    const decided = decideOpening(active, shg, opening);
    expect(decided.ok && decided.value.postings).toEqual([
      { purpose: "cash", side: "debit", amountMinor: 150_000n },
      { purpose: "loans_to_members", side: "debit", amountMinor: 180_000n },
      { purpose: "member_savings", side: "credit", amountMinor: 300_000n },
      { purpose: "social_fund", side: "credit", amountMinor: 20_000n },
      { purpose: "retained_earnings", side: "credit", amountMinor: 10_000n },
    ]);
    expect(decided.ok && decided.value.movements.map((m) => [m.memberId, m.kind, m.amountMinor])).toEqual([
      ["a", "savings", 200_000n],
      ["b", "savings", 100_000n],
      ["a", "loan_disbursed", 180_000n],
    ]);
  });

  it("values a savings group's shares at the share price and books a loss as negative earnings", () => {
    const decided = decideOpening(active, vsla, {
      cashMinor: 30_000n,
      socialFundMinor: 0n,
      members: [{ memberId: "a", savingsMinor: 0n, shares: 2 }],
      loans: [],
    });
    expect(decided.ok && decided.value.postings).toEqual([
      { purpose: "cash", side: "debit", amountMinor: 30_000n },
      { purpose: "member_savings", side: "credit", amountMinor: 40_000n },
      { purpose: "retained_earnings", side: "debit", amountMinor: 10_000n },
    ]);
  });

  it.each([
    [
      "a member who is not active",
      { members: [{ memberId: "x", savingsMinor: 1n, shares: 0 }] },
      "member_must_be_active",
    ],
    [
      "a member named twice",
      {
        members: [
          { memberId: "a", savingsMinor: 1n, shares: 0 },
          { memberId: "a", savingsMinor: 1n, shares: 0 },
        ],
      },
      "member_must_appear_once",
    ],
    ["negative cash", { cashMinor: -1n }, "amount_must_be_positive"],
    [
      "a loan of nothing",
      { loans: [{ loanId: "l", memberId: "a", outstandingMinor: 0n }] },
      "amount_must_be_positive",
    ],
    [
      "a loan of a stranger",
      { loans: [{ loanId: "l", memberId: "x", outstandingMinor: 1n }] },
      "member_must_be_active",
    ],
    [
      "shares in a self-help group",
      { members: [{ memberId: "a", savingsMinor: 0n, shares: 2 }] },
      "savings_must_fit_methodology",
    ],
  ])("refuses %s", (_why, change, code) => {
    const decided = decideOpening(active, shg, { ...opening, ...change });
    expect(decided.ok ? "ok" : decided.code).toBe(code);
  });
});
