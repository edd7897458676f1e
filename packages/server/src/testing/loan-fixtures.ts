/** Loan products for tests. */

/** "Bereke": 50,000–500,000 ₸ over 3–12 months at 2.5 % a month, whole tenge. */
export const berekeSettings = {
  minPrincipalMinor: "5000000",
  maxPrincipalMinor: "50000000",
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
  amountMultipleMinor: "100",
  installmentMultipleMinor: null,
  graceOnPrincipalPeriods: 0,
  graceOnInterestPaymentPeriods: 0,
  interestFreePeriods: 0,
  fees: [],
  penaltyPercentPerDay: "0.1",
  allocationOrder: "penalties_fees_interest_principal",
  payoffInterest: "till_payoff_date",
  interestRecalculation: false,
} as const;
