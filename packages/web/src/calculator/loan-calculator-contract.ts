/**
 * The public calculator's wire format, exactly as issue 11 states it (`POST /api/v1/loan-calculator`).
 * Amounts are decimal strings of minor units, dates `YYYY-MM-DD`. The choices and the answer's shape come
 * from the loan engine in `@moldir/domain`, so the form offers exactly what the server accepts.
 */
import type {
  Amortization,
  CalculatorOutputJson,
  DaysInMonthBasis,
  DaysInYearBasis,
  InterestCalculationPeriod,
  InterestMethod,
  InterestRatePer,
  RepaymentFrequency,
  RoundingMode,
} from "@moldir/domain";

export {
  amortizations,
  daysInMonthBases,
  daysInYearBases,
  interestCalculationPeriods,
  interestMethods,
  interestRatePers,
  repaymentFrequencies,
} from "@moldir/domain";
export type {
  Amortization,
  DaysInMonthBasis,
  DaysInYearBasis,
  InterestCalculationPeriod,
  InterestMethod,
  InterestRatePer,
  RepaymentFrequency,
};

/** The currencies the calculator offers (issue 11); the engine knows more. */
export const calculatorCurrencies = ["KZT", "USD", "EUR", "RUB", "KGS", "UZS"] as const;
export type CalculatorCurrency = (typeof calculatorCurrencies)[number];

/** A fee of the calculator: fixed or percent upfront, or a fixed amount with each installment. */
export type CalculatorFeeJson =
  | { readonly kind: "upfront"; readonly amountMinor: string }
  | { readonly kind: "upfront"; readonly percent: string }
  | { readonly kind: "per_installment"; readonly amountMinor: string };

/** Body of `POST /api/v1/loan-calculator`. */
export interface LoanCalculatorRequest {
  readonly currency: CalculatorCurrency;
  readonly principalMinor: string;
  readonly disbursementDate: string;
  readonly firstRepaymentDate: string | null;
  readonly installments: number;
  readonly repaymentEvery: number;
  readonly repaymentFrequency: RepaymentFrequency;
  /** Decimal string with a dot, e.g. "30" or "2.5". */
  readonly interestRatePercent: string;
  readonly interestRatePer: InterestRatePer;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestCalculationPeriod: InterestCalculationPeriod;
  readonly daysInYear: DaysInYearBasis;
  readonly daysInMonth: DaysInMonthBasis;
  readonly roundingMode: RoundingMode;
  readonly amountMultipleMinor: string;
  readonly installmentMultipleMinor: string | null;
  readonly graceOnPrincipalPeriods: number;
  readonly graceOnInterestPaymentPeriods: number;
  readonly interestFreePeriods: number;
  readonly downPaymentPercent: string | null;
  readonly fees: readonly CalculatorFeeJson[];
}

/** The answer of `POST /api/v1/loan-calculator`. */
export type LoanCalculatorResponse = CalculatorOutputJson;

/** One row of the schedule. */
export type CalculatedInstallment = LoanCalculatorResponse["installments"][number];
