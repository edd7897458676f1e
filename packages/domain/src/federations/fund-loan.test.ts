import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, plainDate } from "../calendar/plain-date";
import type { PurposePosting } from "../groups/meeting";
import {
  checkCreditPlan,
  checkFundRepayment,
  fundLoanPostings,
  fundLoanSchedule,
  fundLoanStatus,
  fundRepaymentPostings,
  membershipFeePostings,
} from "./fund-loan";

function balanceOf(postings: readonly PurposePosting[], purpose: string, normal: "debit" | "credit"): bigint {
  return postings
    .filter((p) => p.purpose === purpose)
    .reduce((s, p) => s + (p.side === normal ? p.amountMinor : -p.amountMinor), 0n);
}

function isBalanced(postings: readonly PurposePosting[]): boolean {
  const debit = postings.filter((p) => p.side === "debit").reduce((s, p) => s + p.amountMinor, 0n);
  const credit = postings.filter((p) => p.side === "credit").reduce((s, p) => s + p.amountMinor, 0n);
  return debit === credit && postings.every((p) => p.amountMinor > 0n);
}

const terms = {
  principalMinor: 1_000_000n,
  termMonths: 4,
  rateBpsPerMonth: 100,
  disbursedOn: plainDate("2025-01-15"),
};

describe("community fund loans in both books", () => {
  it("lends from the node's fund and makes the group owe the federation", () => {
    expect(fundLoanPostings("cif", 500n)).toEqual({
      node: [
        { purpose: "cif_loans_to_groups", side: "debit", amountMinor: 500n },
        { purpose: "cash", side: "credit", amountMinor: 500n },
      ],
      group: [
        { purpose: "cash", side: "debit", amountMinor: 500n },
        { purpose: "federation_loan", side: "credit", amountMinor: 500n },
      ],
    });
  });

  it("keeps the two books agreeing and balanced through any loans and repayments", () => {
    const movement = fc.oneof(
      fc.record({
        kind: fc.constant("loan" as const),
        fund: fc.constantFrom("cif" as const, "rf" as const),
        amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
      }),
      fc.record({
        kind: fc.constant("repay" as const),
        fund: fc.constantFrom("cif" as const, "rf" as const),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
        interest: fc.bigInt({ min: 0n, max: 10n ** 6n }),
      }),
      fc.record({ kind: fc.constant("fee" as const), amount: fc.bigInt({ min: 1n, max: 10n ** 6n }) }),
    );
    fc.assert(
      fc.property(fc.array(movement, { maxLength: 40 }), (movements) => {
        const node: PurposePosting[] = [];
        const group: PurposePosting[] = [];
        const outstanding = { cif: 0n, rf: 0n };
        for (const m of movements) {
          let postings: ReturnType<typeof fundLoanPostings> | null = null;
          if (m.kind === "loan") {
            postings = fundLoanPostings(m.fund, m.amount);
            outstanding[m.fund] += m.amount;
          } else if (m.kind === "repay") {
            const principal = BigInt(Math.floor(Number(outstanding[m.fund]) * m.share));
            if (!checkFundRepayment(outstanding[m.fund], principal, m.interest).ok) continue;
            postings = fundRepaymentPostings(m.fund, principal, m.interest);
            outstanding[m.fund] -= principal;
          } else postings = membershipFeePostings(m.amount);
          expect(isBalanced(postings.node) && isBalanced(postings.group)).toBe(true);
          node.push(...postings.node);
          group.push(...postings.group);
        }
        const lent =
          balanceOf(node, "cif_loans_to_groups", "debit") + balanceOf(node, "rf_loans_to_groups", "debit");
        expect(lent).toBe(balanceOf(group, "federation_loan", "credit"));
        expect(lent).toBe(outstanding.cif + outstanding.rf);
        // Cash that left one book arrived in the other.
        expect(balanceOf(node, "cash", "debit")).toBe(-balanceOf(group, "cash", "debit"));
      }),
    );
  });

  it("schedules equal principal with the service charge on the balance, the last installment taking the rest", () => {
    const schedule = fundLoanSchedule({ ...terms, principalMinor: 1_000_001n });
    expect(schedule.map((i) => [i.dueOn, i.principalMinor, i.interestMinor])).toEqual([
      ["2025-02-15", 250_000n, 10_000n],
      ["2025-03-15", 250_000n, 7_500n],
      ["2025-04-15", 250_000n, 5_000n],
      ["2025-05-15", 250_001n, 2_500n],
    ]);
  });

  it("counts arrears and days past due from the oldest unpaid installment", () => {
    const paid = [{ paidOn: plainDate("2025-02-15"), principalMinor: 250_000n, interestMinor: 10_000n }];
    expect(fundLoanStatus(terms, paid, plainDate("2025-02-20"))).toMatchObject({
      arrearsMinor: 0n,
      daysPastDue: 0,
    });
    const late = fundLoanStatus(terms, paid, addDays(plainDate("2025-04-15"), 5));
    expect(late).toMatchObject({
      outstandingMinor: 750_000n,
      arrearsMinor: 500_000n,
      interestArrearsMinor: 12_500n,
      daysPastDue: 36,
    });
  });

  it("refuses repayments of more principal than is outstanding, or of nothing", () => {
    expect(checkFundRepayment(10n, 11n, 0n)).toMatchObject({
      ok: false,
      code: "repayment_must_not_exceed_outstanding",
    });
    expect(checkFundRepayment(10n, 0n, 0n)).toMatchObject({
      ok: false,
      code: "repayment_must_pay_something",
    });
    expect(checkFundRepayment(10n, 10n, 5n).ok).toBe(true);
  });

  it("refuses a credit plan that does not add up to the amount asked", () => {
    expect(checkCreditPlan(100n, [{ amountMinor: 60n }, { amountMinor: 40n }]).ok).toBe(true);
    expect(checkCreditPlan(100n, [{ amountMinor: 60n }])).toMatchObject({
      ok: false,
      code: "credit_plan_must_add_up",
    });
    expect(checkCreditPlan(100n, [])).toMatchObject({ ok: false, code: "credit_plan_must_add_up" });
  });
});
