import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { maxBigint } from "../money/rounding";
import {
  checkDebtBurden,
  checkLoanProduct,
  type LoanProductSettings,
  makeLoanOffer,
  monthlyPaymentOf,
} from "./product";

/** A product like the association's "Bereke": 50,000–500,000 ₸ over 3–12 months at 2.5 % a month. */
export const bereke: LoanProductSettings = {
  minPrincipalMinor: 5_000_000n,
  maxPrincipalMinor: 50_000_000n,
  minInstallments: 3,
  maxInstallments: 12,
  repaymentEvery: 1,
  repaymentFrequency: "months",
  interestRatePercent: "2.5",
  interestRatePer: "month",
  interestMethod: "declining_balance",
  amortization: "equal_installments",
  interestCalculationPeriod: "same_as_repayment_period",
  daysInYear: "365",
  daysInMonth: "actual",
  roundingMode: "half_even",
  amountMultipleMinor: 100n,
  installmentMultipleMinor: null,
  graceOnPrincipalPeriods: 0,
  graceOnInterestPaymentPeriods: 0,
  interestFreePeriods: 0,
  fees: [],
  penaltyPercentPerDay: "0.1",
  allocationOrder: "penalties_fees_interest_principal",
  payoffInterest: "till_payoff_date",
  interestRecalculation: false,
};

const on = plainDate("2026-01-15");

describe("loan products", () => {
  it("accepts a product within the caps at every corner", () => {
    expect(checkLoanProduct(bereke, "mfo_microloan", "KZT", on)).toEqual({ ok: true, value: true });
  });

  it.each([
    ["a rate whose GESV breaks the 46 % cap", { interestRatePercent: "3.5" }, "gesv_must_not_exceed_cap"],
    [
      "a fixed fee that breaks the cap on the smallest, shortest loan",
      { fees: [{ kind: "upfront", amountMinor: 300_000n }] },
      "gesv_must_not_exceed_cap",
    ],
    ["limits in the wrong order", { minPrincipalMinor: 60_000_000n }, "product_limits_must_be_ordered"],
    ["installments in the wrong order", { minInstallments: 13 }, "product_limits_must_be_ordered"],
    ["a penalty that is not a number", { penaltyPercentPerDay: "a lot" }, "percent_must_be_a_decimal_number"],
  ] as const)("refuses %s", (_name, change, code) => {
    const result = checkLoanProduct(
      { ...bereke, ...change } as LoanProductSettings,
      "mfo_microloan",
      "KZT",
      on,
    );
    expect(result.ok ? "accepted" : result.code).toBe(code);
  });

  it("does not cap a bank loan's GESV", () => {
    expect(checkLoanProduct({ ...bereke, interestRatePercent: "3.5" }, "bank_loan", "KZT", on).ok).toBe(true);
  });

  it("makes the GESV of the disclosure example (34.7 %)", () => {
    const offer = makeLoanOffer({ ...bereke, amountMultipleMinor: 1n }, "mfo_microloan", {
      currency: "KZT",
      principalMinor: 10_000_000n,
      installments: 12,
      disbursementOn: plainDate("2025-01-15"),
      firstRepaymentOn: null,
    });
    expect(offer.ok && offer.value.gesvTenthsOfPercent).toBe(347);
  });

  it.each([
    [4_000_000n, 6, "principal_must_be_within_product_limits"],
    [60_000_000n, 6, "principal_must_be_within_product_limits"],
    [10_000_000n, 2, "installments_must_be_within_product_limits"],
    [10_000_000n, 13, "installments_must_be_within_product_limits"],
  ] as const)("refuses %s tiyn over %s installments", (principalMinor, installments, code) => {
    const offer = makeLoanOffer(bereke, "mfo_microloan", {
      currency: "KZT",
      principalMinor,
      installments,
      disbursementOn: on,
      firstRepaymentOn: null,
    });
    expect(offer.ok ? "accepted" : offer.code).toBe(code);
  });

  it("makes a multi-tranche offer: the first disbursement is the whole less the later tranches", () => {
    const offer = makeLoanOffer(bereke, "mfo_microloan", {
      currency: "KZT",
      principalMinor: 20_000_000n,
      installments: 12,
      disbursementOn: on,
      firstRepaymentOn: null,
      tranches: [{ disbursedOn: plainDate("2026-03-15"), amountMinor: 8_000_000n }],
    });
    if (!offer.ok) throw new Error(offer.code);
    expect(offer.value.scheduleTerms.principalMinor).toBe(12_000_000n);
    expect(offer.value.schedule.totals.principalMinor).toBe(20_000_000n);
    expect(offer.value.schedule.disbursements.map((d) => d.amountMinor)).toEqual([12_000_000n, 8_000_000n]);
    const tooMuch = makeLoanOffer(bereke, "mfo_microloan", {
      currency: "KZT",
      principalMinor: 20_000_000n,
      installments: 12,
      disbursementOn: on,
      firstRepaymentOn: null,
      tranches: [{ disbursedOn: plainDate("2026-03-15"), amountMinor: 20_000_000n }],
    });
    expect(tooMuch.ok ? "accepted" : tooMuch.code).toBe("principal_must_be_positive");
  });

  it("counts weekly installments 52/12 times a month", () => {
    const offer = makeLoanOffer({ ...bereke, repaymentFrequency: "weeks", repaymentEvery: 2 }, "bank_loan", {
      currency: "KZT",
      principalMinor: 10_000_000n,
      installments: 12,
      disbursementOn: on,
      firstRepaymentOn: null,
    });
    if (!offer.ok) throw new Error(offer.code);
    const largest = offer.value.schedule.installments.reduce((m, r) => maxBigint(m, r.totalDueMinor), 0n);
    expect(monthlyPaymentOf(offer.value.schedule, "weeks", 2)).toBe((largest * 52n + 23n) / 24n);
  });
});

describe("debt burden", () => {
  it.each([
    [100_000n, 50_000n, 50, { ok: true, bp: 5000 }],
    [100_000n, 50_001n, 50, { ok: false, code: "debt_burden_must_not_exceed_limit" }],
    [100_000n, 30_000n, 25, { ok: false, code: "debt_burden_must_not_exceed_limit" }],
    [0n, 1n, 50, { ok: false, code: "monthly_income_must_be_positive" }],
  ] as const)("income %s, payments %s, limit %s %%", (income, payments, max, expected) => {
    const result = checkDebtBurden(income, payments, max);
    if (expected.ok) expect(result.ok && result.value.basisPoints).toBe(expected.bp);
    else expect(!result.ok && result.code).toBe(expected.code);
  });
});
