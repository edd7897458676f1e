/**
 * The public calculator's wire format, exactly as issue 11 states it (`POST /api/v1/loan-calculator`).
 * Amounts are decimal strings of minor units, dates `YYYY-MM-DD`. When `@moldir/contract` exports these
 * schemas, this file should re-export them instead.
 */

export const calculatorCurrencies = ["KZT", "USD", "EUR", "RUB", "KGS", "UZS"] as const;
export type CalculatorCurrency = (typeof calculatorCurrencies)[number];

export const repaymentFrequencies = ["days", "weeks", "months"] as const;
export type RepaymentFrequency = (typeof repaymentFrequencies)[number];

export const interestRatePeriods = ["year", "month"] as const;
export type InterestRatePer = (typeof interestRatePeriods)[number];

export const interestMethods = ["declining_balance", "flat"] as const;
export type InterestMethod = (typeof interestMethods)[number];

export const amortizations = ["equal_installments", "equal_principal"] as const;
export type Amortization = (typeof amortizations)[number];

export const interestCalculationPeriods = ["same_as_repayment_period", "daily"] as const;
export type InterestCalculationPeriod = (typeof interestCalculationPeriods)[number];

export const daysInYearOptions = ["360", "364", "365", "actual"] as const;
export type DaysInYear = (typeof daysInYearOptions)[number];

export const daysInMonthOptions = ["30", "actual"] as const;
export type DaysInMonth = (typeof daysInMonthOptions)[number];

/** A fee of the calculator: fixed or percent upfront, or a fixed amount with each installment. */
export type CalculatorFee =
  | { readonly kind: "upfront"; readonly amountMinor: string }
  | { readonly kind: "upfront"; readonly percent: string }
  | { readonly kind: "per_installment"; readonly amountMinor: string };

export interface LoanCalculatorRequest {
  readonly currency: CalculatorCurrency;
  readonly principalMinor: string;
  readonly disbursementDate: string;
  readonly firstRepaymentDate: string | null;
  readonly installments: number;
  readonly repaymentEvery: number;
  readonly repaymentFrequency: RepaymentFrequency;
  /** Decimal string, e.g. "30" or "2.5". */
  readonly interestRatePercent: string;
  readonly interestRatePer: InterestRatePer;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestCalculationPeriod: InterestCalculationPeriod;
  readonly daysInYear: DaysInYear;
  readonly daysInMonth: DaysInMonth;
  readonly roundingMode: string;
  readonly amountMultipleMinor: string;
  readonly installmentMultipleMinor: string | null;
  readonly graceOnPrincipalPeriods: number;
  readonly graceOnInterestPaymentPeriods: number;
  readonly interestFreePeriods: number;
  readonly downPaymentPercent: string | null;
  readonly fees: readonly CalculatorFee[];
}

/** One row of the schedule. */
export interface CalculatedInstallment {
  readonly number: number;
  readonly dueDate: string;
  readonly daysInPeriod: number;
  readonly principalMinor: string;
  readonly interestMinor: string;
  readonly feeMinor: string;
  readonly totalDueMinor: string;
  readonly principalBalanceAfterMinor: string;
}

export interface LoanCalculatorResponse {
  readonly installments: readonly CalculatedInstallment[];
  readonly totals: {
    readonly principalMinor: string;
    readonly interestMinor: string;
    readonly feeMinor: string;
    readonly totalDueMinor: string;
  };
  /** Annual effective rate rounded to 0.1 %, e.g. "34.7"; null when no rate exists. */
  readonly gesvPercent: string | null;
}
