import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import type { Bylaws } from "./bylaws";
import { decideMeeting, type GroupState, type RecordMeeting } from "./meeting";
import { computeShareOut } from "./share-out";

const shg: Bylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: 50_000n,
  sharePriceMinor: 0n,
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: 10_000n,
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: 5_000n, absent: 10_000n, missed_repayment: 10_000n, other: 0n },
};
const vsla: Bylaws = {
  ...shg,
  methodology: "vsla",
  savingsPerMeetingMinor: 0n,
  sharePriceMinor: 20_000n,
  maxSharesPerMeeting: 5,
};

function stateOf(memberIds: string[], savingsMinor = 0n, cashMinor = 0n): GroupState {
  return {
    cashMinor,
    socialFundMinor: 0n,
    members: new Map(memberIds.map((id) => [id, { memberId: id, isActive: true, savingsMinor, shares: 0 }])),
    loans: new Map(),
  };
}

const empty: RecordMeeting = {
  meetingId: "m1",
  heldOn: plainDate("2025-03-05"),
  attendance: [],
  savings: [],
  shares: [],
  socialFund: [],
  loansDisbursed: [],
  repayments: [],
  fines: [],
  otherIncome: [],
  expenses: [],
  cashCountedMinor: 0n,
  cashDifferenceExplanation: null,
};

function balanced(postings: readonly { side: string; amountMinor: bigint }[]): boolean {
  const debit = postings.filter((p) => p.side === "debit").reduce((s, p) => s + p.amountMinor, 0n);
  const credit = postings.filter((p) => p.side === "credit").reduce((s, p) => s + p.amountMinor, 0n);
  return debit === credit;
}

describe("decideMeeting", () => {
  it("records a whole meeting as balanced postings and passbook lines", () => {
    const state = stateOf(["a", "b"], 100_000n, 30_000n);
    const result = decideMeeting(state, shg, {
      ...empty,
      attendance: [
        { memberId: "a", status: "present" },
        { memberId: "b", status: "absent" },
      ],
      savings: [{ memberId: "a", amountMinor: 50_000n }],
      socialFund: [{ memberId: "a", amountMinor: 10_000n }],
      fines: [{ memberId: "b", kind: "absent", amountMinor: 10_000n }],
      loansDisbursed: [{ loanId: "l1", memberId: "a", principalMinor: 60_000n, termMonths: 3 }],
      cashCountedMinor: 40_000n,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(balanced(result.value.postings)).toBe(true);
    expect(result.value.cashComputedMinor).toBe(40_000n);
    expect(result.value.newState.members.get("a")?.savingsMinor).toBe(150_000n);
    expect(result.value.newState.loans.get("l1")?.outstandingPrincipalMinor).toBe(60_000n);
    expect(result.value.movements.map((m) => m.kind)).toEqual([
      "savings",
      "social_fund",
      "fine",
      "loan_disbursed",
    ]);
  });

  it.each([
    ["the bylaws' fine", "late", 5_000n, undefined],
    ["fines owed from three meetings paid together", "absent", 30_000n, undefined],
    ["another amount, explained", "late", 7_000n, "half forgiven by the meeting"],
    ["a kind the bylaws do not charge, explained", "other", 1_000n, "broke a cup"],
  ] as const)("takes a fine of %s", (_name, kind, amountMinor, note) => {
    const result = decideMeeting(stateOf(["a"]), shg, {
      ...empty,
      fines: [{ memberId: "a", kind, amountMinor, ...(note === undefined ? {} : { note }) }],
      cashCountedMinor: amountMinor,
    });
    expect(result.ok).toBe(true);
  });

  it("takes an explained social fund contribution off the bylaws", () => {
    const result = decideMeeting(stateOf(["a"]), shg, {
      ...empty,
      socialFund: [{ memberId: "a", amountMinor: 5_000n, note: "paid the rest last week" }],
      cashCountedMinor: 5_000n,
    });
    expect(result.ok).toBe(true);
  });

  it("posts an explained difference of the cash counted as cash over", () => {
    const result = decideMeeting(stateOf(["a"]), shg, {
      ...empty,
      savings: [{ memberId: "a", amountMinor: 50_000n }],
      cashCountedMinor: 50_100n,
      cashDifferenceExplanation: "found a coin",
    });
    expect(result.ok && result.value.cashDifferenceMinor).toBe(100n);
    expect(result.ok && balanced(result.value.postings)).toBe(true);
  });

  const refusals: [string, GroupState, Bylaws, Partial<RecordMeeting>, string][] = [
    [
      "an inactive member",
      {
        ...stateOf(["a"]),
        members: new Map([["a", { memberId: "a", isActive: false, savingsMinor: 0n, shares: 0 }]]),
      },
      shg,
      { attendance: [{ memberId: "a", status: "present" }] },
      "member_must_be_active",
    ],
    [
      "a stranger",
      stateOf(["a"]),
      shg,
      { savings: [{ memberId: "x", amountMinor: 50_000n }], cashCountedMinor: 50_000n },
      "member_must_be_active",
    ],
    [
      "a member twice",
      stateOf(["a"]),
      shg,
      {
        attendance: [
          { memberId: "a", status: "present" },
          { memberId: "a", status: "absent" },
        ],
      },
      "member_must_appear_once",
    ],
    [
      "a zero saving",
      stateOf(["a"]),
      shg,
      { savings: [{ memberId: "a", amountMinor: 0n }] },
      "amount_must_be_positive",
    ],
    [
      "shares in an SHG",
      stateOf(["a"]),
      shg,
      { shares: [{ memberId: "a", shares: 1 }] },
      "savings_must_fit_methodology",
    ],
    [
      "an unexplained saving off the bylaws",
      stateOf(["a"]),
      shg,
      { savings: [{ memberId: "a", amountMinor: 40_000n }], cashCountedMinor: 40_000n },
      "savings_must_match_bylaws_or_be_explained",
    ],
    [
      "an unexplained social fund contribution off the bylaws",
      stateOf(["a"]),
      shg,
      { socialFund: [{ memberId: "a", amountMinor: 5_000n }], cashCountedMinor: 5_000n },
      "social_fund_must_match_bylaws_or_be_explained",
    ],
    [
      "an unexplained fine off the bylaws",
      stateOf(["a"]),
      shg,
      { fines: [{ memberId: "a", kind: "late", amountMinor: 7_000n }], cashCountedMinor: 7_000n },
      "fine_must_match_bylaws_or_be_explained",
    ],
    [
      "an unexplained fine of a kind the bylaws do not charge",
      stateOf(["a"]),
      shg,
      { fines: [{ memberId: "a", kind: "other", amountMinor: 1_000n }], cashCountedMinor: 1_000n },
      "fine_must_match_bylaws_or_be_explained",
    ],
    [
      "six shares",
      stateOf(["a"]),
      vsla,
      { shares: [{ memberId: "a", shares: 6 }] },
      "shares_must_fit_bylaws",
    ],
    [
      "a loan beyond three times savings",
      stateOf(["a"], 10_000n, 500_000n),
      shg,
      {
        loansDisbursed: [{ loanId: "l", memberId: "a", principalMinor: 40_000n, termMonths: 3 }],
        cashCountedMinor: 460_000n,
      },
      "loan_must_fit_bylaws",
    ],
    [
      "a loan too long",
      stateOf(["a"], 100_000n, 500_000n),
      shg,
      {
        loansDisbursed: [{ loanId: "l", memberId: "a", principalMinor: 10_000n, termMonths: 12 }],
        cashCountedMinor: 490_000n,
      },
      "loan_must_fit_bylaws",
    ],
    [
      "a loan larger than the fund",
      stateOf(["a"], 100_000n, 20_000n),
      shg,
      { loansDisbursed: [{ loanId: "l", memberId: "a", principalMinor: 30_000n, termMonths: 3 }] },
      "loan_must_not_exceed_fund",
    ],
    [
      "a repayment of no loan",
      stateOf(["a"]),
      shg,
      { repayments: [{ loanId: "nope", principalMinor: 100n, interestMinor: 0n }] },
      "repayment_must_match_a_loan",
    ],
    [
      "expenses beyond the cash",
      stateOf(["a"]),
      shg,
      { expenses: [{ description: "tea", amountMinor: 100n }] },
      "cash_must_not_go_negative",
    ],
    [
      "an unexplained cash difference",
      stateOf(["a"]),
      shg,
      { savings: [{ memberId: "a", amountMinor: 50_000n }], cashCountedMinor: 49_000n },
      "cash_difference_must_be_explained",
    ],
  ];
  it.each(refusals)("refuses %s", (_name, state, bylaws, change, code) => {
    expect(decideMeeting(state, bylaws, { ...empty, ...change })).toMatchObject({ ok: false, code });
  });

  it("refuses a repayment larger than what is outstanding", () => {
    const state: GroupState = {
      ...stateOf(["a"]),
      loans: new Map([["l", { loanId: "l", memberId: "a", outstandingPrincipalMinor: 1_000n }]]),
    };
    expect(
      decideMeeting(state, shg, {
        ...empty,
        repayments: [{ loanId: "l", principalMinor: 1_001n, interestMinor: 0n }],
      }),
    ).toMatchObject({ ok: false, code: "repayment_must_not_exceed_outstanding" });
  });

  it("keeps the books balanced and the cash equal to the cash book over any valid sequence of meetings", () => {
    const members = ["a", "b", "c"];
    const meetingArb = fc.record({
      savers: fc.subarray(members),
      social: fc.subarray(members),
      borrow: fc.option(
        fc.record({
          member: fc.constantFrom(...members),
          principal: fc.bigInt(1n, 200_000n),
          term: fc.integer({ min: 1, max: 6 }),
        }),
      ),
      repayShare: fc.integer({ min: 0, max: 100 }),
      expense: fc.bigInt(0n, 30_000n),
    });
    fc.assert(
      fc.property(fc.array(meetingArb, { minLength: 1, maxLength: 12 }), (meetings) => {
        let state = stateOf(members);
        let cashBook = 0n;
        meetings.forEach((plan, index) => {
          const repayments = [...state.loans.values()]
            .filter((l) => l.outstandingPrincipalMinor > 0n)
            .map((l) => ({
              loanId: l.loanId,
              principalMinor: (l.outstandingPrincipalMinor * BigInt(plan.repayShare)) / 100n,
              interestMinor: 100n,
            }));
          const draft: RecordMeeting = {
            ...empty,
            meetingId: `m${index}`,
            savings: plan.savers.map((memberId) => ({ memberId, amountMinor: 50_000n })),
            socialFund: plan.social.map((memberId) => ({ memberId, amountMinor: 10_000n })),
            repayments,
            loansDisbursed:
              plan.borrow === null
                ? []
                : [
                    {
                      loanId: `l${index}`,
                      memberId: plan.borrow.member,
                      principalMinor: plan.borrow.principal,
                      termMonths: plan.borrow.term,
                    },
                  ],
            expenses: plan.expense > 0n ? [{ description: "tea", amountMinor: plan.expense }] : [],
            cashCountedMinor: 0n,
          };
          // The bookkeeper counts what the box holds: the computed cash.
          const probe = decideMeeting(state, shg, {
            ...draft,
            cashCountedMinor: 0n,
            cashDifferenceExplanation: "probe",
          });
          if (!probe.ok) return;
          const result = decideMeeting(state, shg, {
            ...draft,
            cashCountedMinor: probe.value.cashComputedMinor,
          });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(balanced(result.value.postings)).toBe(true);
          for (const p of result.value.postings)
            if (p.purpose === "cash") cashBook += p.side === "debit" ? p.amountMinor : -p.amountMinor;
          state = result.value.newState;
          expect(state.cashMinor).toBe(cashBook);
          expect(state.cashMinor).toBeGreaterThanOrEqual(state.socialFundMinor);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe("computeShareOut", () => {
  it("pays out exactly the distributable fund, in proportion to shares", () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n ** 12n),
        fc.bigInt(0n, 10n ** 9n),
        fc.array(fc.integer({ min: 0, max: 250 }), { minLength: 1, maxLength: 30 }),
        (fund, social, shares) => {
          fc.pre(shares.some((s) => s > 0));
          const result = computeShareOut({
            cashMinor: fund + social,
            socialFundMinor: social,
            loansOutstandingMinor: 0n,
            members: shares.map((s, i) => ({ memberId: `m${i}`, shares: s })),
          });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.value.payouts.reduce((s, p) => s + p.payoutMinor, 0n)).toBe(fund);
          const total = BigInt(shares.reduce((a, b) => a + b, 0));
          for (const p of result.value.payouts) {
            const exact = (fund * BigInt(p.shares)) / total;
            expect(p.payoutMinor === exact || p.payoutMinor === exact + 1n).toBe(true);
          }
        },
      ),
    );
  });

  it("gives the example of a small group", () => {
    const result = computeShareOut({
      cashMinor: 1_030_000n,
      socialFundMinor: 30_000n,
      loansOutstandingMinor: 0n,
      members: [
        { memberId: "a", shares: 30 },
        { memberId: "b", shares: 20 },
        { memberId: "c", shares: 0 },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        distributableMinor: 1_000_000n,
        valuePerShareMinor: 20_000n,
        payouts: [{ payoutMinor: 600_000n }, { payoutMinor: 400_000n }, { payoutMinor: 0n }],
      },
    });
  });

  it.each([
    [{ loansOutstandingMinor: 1n }, "loans_must_be_recovered_before_share_out"],
    [{ members: [{ memberId: "a", shares: 0 }] }, "shares_must_exist_for_share_out"],
    [{ cashMinor: 0n, socialFundMinor: 10n }, "cash_must_cover_social_fund"],
  ])("refuses case %# with %s", (change, code) => {
    expect(
      computeShareOut({
        cashMinor: 100n,
        socialFundMinor: 0n,
        loansOutstandingMinor: 0n,
        members: [{ memberId: "a", shares: 1 }],
        ...change,
      }),
    ).toMatchObject({ ok: false, code });
  });
});

describe("a member leaving", () => {
  it("gets her savings back less what she owes, posted balanced", () => {
    const state: GroupState = {
      cashMinor: 200_000n,
      socialFundMinor: 0n,
      members: new Map([
        ["a", { memberId: "a", isActive: true, savingsMinor: 100_000n, shares: 0 }],
        ["b", { memberId: "b", isActive: true, savingsMinor: 100_000n, shares: 0 }],
      ]),
      loans: new Map([["l", { loanId: "l", memberId: "a", outstandingPrincipalMinor: 30_000n }]]),
    };
    const result = decideMeeting(state, shg, {
      ...empty,
      exits: [{ memberId: "a" }],
      cashCountedMinor: 130_000n,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(balanced(result.value.postings)).toBe(true);
    expect(result.value.cashComputedMinor).toBe(130_000n);
    expect(result.value.newState.members.get("a")).toMatchObject({ isActive: false, savingsMinor: 0n });
    expect(result.value.newState.loans.get("l")?.outstandingPrincipalMinor).toBe(0n);
    expect(result.value.movements.map((m) => m.kind)).toEqual(["loan_principal_repaid", "savings_withdrawn"]);
  });

  it("must settle loans larger than her savings first", () => {
    const state: GroupState = {
      cashMinor: 0n,
      socialFundMinor: 0n,
      members: new Map([["a", { memberId: "a", isActive: true, savingsMinor: 10_000n, shares: 0 }]]),
      loans: new Map([["l", { loanId: "l", memberId: "a", outstandingPrincipalMinor: 30_000n }]]),
    };
    expect(decideMeeting(state, shg, { ...empty, exits: [{ memberId: "a" }] })).toMatchObject({
      ok: false,
      code: "member_must_settle_loans_before_leaving",
    });
  });
});
