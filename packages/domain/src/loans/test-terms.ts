/**
 * A factory of schedule terms for tests and benchmarks: sensible defaults (100,000 ₸ over 12 months at
 * 30 % a year, declining balance, annuity) that each case overrides.
 */
import { plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import { parsePercent } from "./ratio";
import type { ScheduleTerms } from "./terms";

/** Terms with defaults; `ratePercent` is read as a percentage string. */
export function buildScheduleTerms(
  overrides: Partial<ScheduleTerms> & { readonly ratePercent?: string } = {},
): ScheduleTerms {
  const { ratePercent, ...rest } = overrides;
  return {
    currency: "KZT",
    principalMinor: 10_000_000n,
    disbursementOn: plainDate("2025-01-15"),
    firstRepaymentOn: null,
    installments: 12,
    repaymentEvery: 1,
    repaymentFrequency: "months",
    interestRate: unwrap(parsePercent(ratePercent ?? "30")),
    interestRatePer: "year",
    interestMethod: "declining_balance",
    amortization: "equal_installments",
    interestCalculationPeriod: "same_as_repayment_period",
    daysInYear: "365",
    daysInMonth: "actual",
    roundingMode: "half_even",
    amountMultipleMinor: 1n,
    installmentMultipleMinor: null,
    graceOnPrincipalPeriods: 0,
    graceOnInterestPaymentPeriods: 0,
    interestFreePeriods: 0,
    downPaymentPercent: null,
    fees: [],
    calendar: null,
    tranches: [],
    ...rest,
  };
}
