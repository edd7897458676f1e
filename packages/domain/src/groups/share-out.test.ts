import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { GroupState, InternalLoanState, MemberState, PurposePosting } from "./meeting";
import { decideShareOut, type ExecuteShareOut } from "./share-out";

function member(memberId: string, shares: number, isActive = true): MemberState {
  return { memberId, isActive, shares, savingsMinor: BigInt(shares) * 10_000n };
}

function stateOf(
  members: MemberState[],
  cashMinor: bigint,
  loans: InternalLoanState[] = [],
  socialFundMinor = 0n,
): GroupState {
  return {
    cashMinor,
    socialFundMinor,
    members: new Map(members.map((m) => [m.memberId, m])),
    loans: new Map(loans.map((l) => [l.loanId, l])),
  };
}

const plain: ExecuteShareOut = { cashCountedMinor: 0n, loans: [], reinvestments: [] };

function sides(postings: readonly PurposePosting[]) {
  const of = (side: string) =>
    postings.filter((p) => p.side === side).reduce((s, p) => s + p.amountMinor, 0n);
  return { debit: of("debit"), credit: of("credit") };
}

describe("decideShareOut", () => {
  it("returns the savings, shares the profit and leaves the social fund in the cash box", () => {
    // 3 + 1 shares at 10 000 = 40 000 saved; 8 000 of interest and fines; 5 000 social fund.
    const state = stateOf([member("a", 3), member("b", 1), member("gone", 0, false)], 53_000n, [], 5_000n);
    const decided = decideShareOut(state, 10_000n, { ...plain, cashCountedMinor: 53_000n });
    expect(decided.ok && decided.value).toMatchObject({
      distributableMinor: 48_000n,
      totalShares: 4,
      valuePerShareMinor: 12_000n,
      cashAfterMinor: 5_000n,
      payouts: [
        { memberId: "a", payoutMinor: 36_000n, cashPaidMinor: 36_000n },
        { memberId: "b", payoutMinor: 12_000n, cashPaidMinor: 12_000n },
      ],
      postings: [
        { purpose: "member_savings", side: "debit", amountMinor: 40_000n },
        { purpose: "retained_earnings", side: "debit", amountMinor: 8_000n },
        { purpose: "cash", side: "credit", amountMinor: 48_000n },
      ],
    });
    expect(decided.ok && decided.value.movements.map((m) => [m.memberId, m.kind, m.amountMinor])).toEqual([
      ["a", "savings_withdrawn", 30_000n],
      ["a", "share_out_profit", 6_000n],
      ["b", "savings_withdrawn", 10_000n],
      ["b", "share_out_profit", 2_000n],
    ]);
  });

  it("deducts a loan from the borrower's payout, writes another off and re-invests shares", () => {
    const state = stateOf([member("a", 2), member("b", 2)], 30_000n, [
      { loanId: "l1", memberId: "a", outstandingPrincipalMinor: 6_000n },
      { loanId: "l2", memberId: "b", outstandingPrincipalMinor: 4_000n },
    ]);
    const decided = decideShareOut(state, 5_000n, {
      cashCountedMinor: 30_000n,
      loans: [
        { loanId: "l1", settlement: "deduct_from_payout" },
        { loanId: "l2", settlement: "write_off" },
      ],
      reinvestments: [{ memberId: "b", shares: 3 }],
    });
    expect(decided.ok).toBe(true);
    if (!decided.ok) return;
    // Fund: 30 000 cash + 6 000 recovered from a's payout; 9 000 per share; the 4 000 written off is a loss.
    expect(decided.value.distributableMinor).toBe(36_000n);
    expect(decided.value.writtenOffMinor).toBe(4_000n);
    expect(decided.value.payouts).toMatchObject([
      { memberId: "a", payoutMinor: 18_000n, loansDeductedMinor: 6_000n, cashPaidMinor: 12_000n },
      {
        memberId: "b",
        payoutMinor: 18_000n,
        reinvestedShares: 3,
        reinvestedMinor: 15_000n,
        cashPaidMinor: 3_000n,
      },
    ]);
    expect(decided.value.cashAfterMinor).toBe(15_000n);
    const { debit, credit } = sides(decided.value.postings);
    expect(debit).toBe(credit);
  });

  it.each([
    ["the cash counted differs from the books", { cashCountedMinor: 1n }, "share_out_cash_must_match_books"],
    ["a loan is left unsettled", { loans: [] }, "loans_must_be_recovered_before_share_out"],
    [
      "a settled loan is not outstanding",
      { loans: [{ loanId: "nope", settlement: "write_off" as const }] },
      "share_out_loan_must_be_outstanding",
    ],
    [
      "a loan is larger than the borrower's payout",
      { loans: [{ loanId: "big", settlement: "deduct_from_payout" as const }] },
      "share_out_payout_must_cover_loans",
    ],
    [
      "a re-investment is larger than the payout",
      {
        loans: [{ loanId: "big", settlement: "write_off" as const }],
        reinvestments: [{ memberId: "a", shares: 100 }],
      },
      "reinvestment_must_fit_payout",
    ],
    [
      "a re-investment names a member who left",
      {
        loans: [{ loanId: "big", settlement: "write_off" as const }],
        reinvestments: [{ memberId: "gone", shares: 1 }],
      },
      "member_must_be_active",
    ],
    [
      "a member re-invests twice",
      {
        loans: [{ loanId: "big", settlement: "write_off" as const }],
        reinvestments: [
          { memberId: "a", shares: 1 },
          { memberId: "a", shares: 1 },
        ],
      },
      "member_must_appear_once",
    ],
  ])("refuses when %s", (_why, change, code) => {
    const state = stateOf([member("a", 1), member("c", 1), member("gone", 0, false)], 10_000n, [
      { loanId: "big", memberId: "a", outstandingPrincipalMinor: 50_000n },
    ]);
    const decided = decideShareOut(state, 10_000n, { ...plain, cashCountedMinor: 10_000n, ...change });
    expect(decided.ok ? "ok" : decided.code).toBe(code);
  });

  it("refuses a share-out without shares", () => {
    const decided = decideShareOut(stateOf([member("a", 0)], 0n), 1n, plain);
    expect(decided.ok ? "ok" : decided.code).toBe("shares_must_exist_for_share_out");
  });

  it("pays out exactly the distributable fund in one balanced entry, whatever the cycle", () => {
    const memberArb = fc.record({
      shares: fc.integer({ min: 0, max: 250 }),
      profitPerMille: fc.integer({ min: 0, max: 500 }),
      loan: fc.option(fc.record({ minor: fc.bigInt(1n, 200_000n), writeOff: fc.boolean() })),
      reinvest: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(
        fc.array(memberArb, { minLength: 1, maxLength: 25 }),
        fc.bigInt(0n, 500_000n),
        fc.bigInt(1n, 30_000n),
        (rows, socialFundMinor, nextPrice) => {
          const members = rows.map((r, i) => member(`m${i}`, r.shares));
          const loans = rows.flatMap((r, i) =>
            r.loan === null
              ? []
              : [{ loanId: `l${i}`, memberId: `m${i}`, outstandingPrincipalMinor: r.loan.minor }],
          );
          const savings = members.reduce((s, m) => s + m.savingsMinor, 0n);
          const profit = rows.reduce(
            (s, r, i) => s + ((members[i]?.savingsMinor ?? 0n) * BigInt(r.profitPerMille)) / 1000n,
            0n,
          );
          const cash = savings + profit + socialFundMinor;
          const state = stateOf(members, cash, loans, socialFundMinor);
          const decided = decideShareOut(state, nextPrice, {
            cashCountedMinor: cash,
            loans: rows.flatMap((r, i) =>
              r.loan === null
                ? []
                : [
                    {
                      loanId: `l${i}`,
                      settlement: r.loan.writeOff ? ("write_off" as const) : ("deduct_from_payout" as const),
                    },
                  ],
            ),
            reinvestments: rows.map((r, i) => ({ memberId: `m${i}`, shares: r.reinvest })),
          });
          if (!decided.ok) {
            expect(decided.code).toMatch(
              /shares_must_exist|payout_must_cover_loans|reinvestment_must_fit_payout/,
            );
            return;
          }
          const value = decided.value;
          const deducted = loans
            .filter((l) => rows[Number(l.loanId.slice(1))]?.loan?.writeOff === false)
            .reduce((s, l) => s + l.outstandingPrincipalMinor, 0n);
          expect(value.distributableMinor).toBe(cash + deducted - socialFundMinor);
          expect(value.payouts.reduce((s, p) => s + p.payoutMinor, 0n)).toBe(value.distributableMinor);
          const paidOut = value.payouts.reduce(
            (s, p) => s + p.cashPaidMinor + p.loansDeductedMinor + p.reinvestedMinor,
            0n,
          );
          expect(paidOut).toBe(value.distributableMinor);
          const { debit, credit } = sides(value.postings);
          expect(debit).toBe(credit);
          const reinvested = value.payouts.reduce((s, p) => s + p.reinvestedMinor, 0n);
          expect(value.cashAfterMinor).toBe(socialFundMinor + reinvested);
        },
      ),
      { numRuns: 300 },
    );
  });
});
