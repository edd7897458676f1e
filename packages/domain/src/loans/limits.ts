/**
 * Bounds of the loan engine. Every loop over outside input is bounded by one of these, or by
 * `limits.installmentsPerLoanMax` from the package's `limits.ts`.
 */
export const loanLimits = {
  /** Fees of one loan or one calculator request. */
  feesPerLoanMax: 20,
  /** Tranches (disbursements after the first) of one loan. */
  tranchesPerLoanMax: 50,
  /** Holidays listed in one working calendar. */
  holidaysPerCalendarMax: 5_000,
  /** Events of one loan that a replay accepts. */
  eventsPerLoanMax: 100_000,
  /** Largest N in "every N days". */
  repaymentEveryDaysMax: 366,
  /** Largest N in "every N weeks". */
  repaymentEveryWeeksMax: 52,
  /** Largest N in "every N months". */
  repaymentEveryMonthsMax: 12,
  /** Longest loan term from disbursement to the last due date, in days (50 years). */
  termMaxDays: 18_263,
  /** Longest first period when the first repayment date is chosen freely, in days. */
  firstPeriodMaxDays: 400,
  /** Largest interest rate in percent per year (or per month times 12). */
  interestRatePercentMax: 1_000,
  /** Digits after the decimal point in a percentage written as text ("2.5", "0.375"). */
  percentFractionDigitsMax: 6,
  /** Days a due date may move to reach a working or meeting day. */
  dueDateShiftMaxDays: 60,
  /** Halvings and Newton steps the effective-rate solver may take. */
  solverIterationsMax: 200,
  /** Doublings of the upper bracket of the effective-rate solver. */
  solverBracketExpansionsMax: 64,
} as const;
