/**
 * Loan products and applications. A product holds every setting of the loan engine and the limits of the
 * loans it may make; an application picks an amount, a number of installments and dates within them. From
 * the two come the schedule terms, the servicing terms the replay needs, the schedule with its GESV, and the
 * checks a micro-credit organization must make before a contract: the caps of Kazakhstan (a product is
 * checked at its corners, a loan at signing) and the borrower's debt burden (payments / monthly income).
 */
import type { PlainDate } from "../calendar/plain-date";
import { toEpochDay } from "../calendar/plain-date";
import type { CurrencyCode } from "../money/currency";
import { maxBigint, type RoundingMode } from "../money/rounding";
import { err, ok, type Result } from "../result";
import type { AllocationOrder } from "./allocation";
import { buildTermsFromCalculatorInput, type CalculatorFee, type CalculatorInput } from "./calculator";
import { type CappedLoanKind, type CapRow, type CapViolation, checkLoanCaps, kazakhstanCaps } from "./caps";
import type { LoanCalculatorErrorCode } from "./errors";
import type { LoanServicingTerms } from "./events";
import { buildScheduleCashFlows, computeEffectiveRate } from "./gesv";
import { parsePercent } from "./ratio";
import { buildSchedule, type Schedule } from "./schedule";
import {
  type Amortization,
  annualRate,
  type DaysInMonthBasis,
  type DaysInYearBasis,
  type InterestCalculationPeriod,
  type InterestMethod,
  type InterestRatePer,
  type RepaymentFrequency,
  type ScheduleTerms,
  type Tranche,
} from "./terms";

/** Every setting of a loan product (one version of it). */
export interface LoanProductSettings {
  readonly minPrincipalMinor: bigint;
  readonly maxPrincipalMinor: bigint;
  readonly minInstallments: number;
  readonly maxInstallments: number;
  readonly repaymentEvery: number;
  readonly repaymentFrequency: RepaymentFrequency;
  /** Nominal rate in percent ("30", "2.5"). */
  readonly interestRatePercent: string;
  readonly interestRatePer: InterestRatePer;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestCalculationPeriod: InterestCalculationPeriod;
  readonly daysInYear: DaysInYearBasis;
  readonly daysInMonth: DaysInMonthBasis;
  readonly roundingMode: RoundingMode;
  readonly amountMultipleMinor: bigint;
  readonly installmentMultipleMinor: bigint | null;
  readonly graceOnPrincipalPeriods: number;
  readonly graceOnInterestPaymentPeriods: number;
  readonly interestFreePeriods: number;
  readonly fees: readonly CalculatorFee[];
  /** Penalty per day of delay, in percent of the overdue amount (capped by law). */
  readonly penaltyPercentPerDay: string;
  readonly allocationOrder: AllocationOrder;
  readonly payoffInterest: "till_payoff_date" | "whole_period";
  readonly interestRecalculation: boolean;
}

/** A product's codes of refusal, beyond the loan engine's and the caps'. */
export const loanProductErrorCodes = [
  "product_limits_must_be_ordered",
  "principal_must_be_within_product_limits",
  "installments_must_be_within_product_limits",
  "debt_burden_must_not_exceed_limit",
  "monthly_income_must_be_positive",
] as const;
export type LoanProductErrorCode = (typeof loanProductErrorCodes)[number];

/** What an application asks for. */
export interface LoanRequest {
  readonly currency: CurrencyCode;
  /** The whole amount of the loan: the first disbursement and every later tranche. */
  readonly principalMinor: bigint;
  /** Disbursements after the first (multi-tranche loans), in date order; none by default. */
  readonly tranches?: readonly Tranche[];
  readonly installments: number;
  readonly disbursementOn: PlainDate;
  readonly firstRepaymentOn: PlainDate | null;
}

/** The terms and schedule of a loan made from a product. */
export interface LoanOffer {
  readonly calculatorInput: CalculatorInput;
  readonly scheduleTerms: ScheduleTerms;
  readonly servicing: LoanServicingTerms;
  readonly schedule: Schedule;
  readonly gesvTenthsOfPercent: number;
  /** Days from the disbursement to the last due date. */
  readonly termDays: number;
}

type OfferError = LoanCalculatorErrorCode | LoanProductErrorCode;

/** The first disbursement: the whole amount less the later tranches. */
export function firstDisbursementOf(request: LoanRequest): bigint {
  return request.principalMinor - (request.tranches ?? []).reduce((sum, t) => sum + t.amountMinor, 0n);
}

function calculatorInputOf(settings: LoanProductSettings, request: LoanRequest): CalculatorInput {
  return {
    currency: request.currency,
    principalMinor: firstDisbursementOf(request),
    disbursementDate: request.disbursementOn,
    firstRepaymentDate: request.firstRepaymentOn,
    installments: request.installments,
    repaymentEvery: settings.repaymentEvery,
    repaymentFrequency: settings.repaymentFrequency,
    interestRatePercent: settings.interestRatePercent,
    interestRatePer: settings.interestRatePer,
    interestMethod: settings.interestMethod,
    amortization: settings.amortization,
    interestCalculationPeriod: settings.interestCalculationPeriod,
    daysInYear: settings.daysInYear,
    daysInMonth: settings.daysInMonth,
    roundingMode: settings.roundingMode,
    amountMultipleMinor: settings.amountMultipleMinor,
    installmentMultipleMinor: settings.installmentMultipleMinor,
    graceOnPrincipalPeriods: settings.graceOnPrincipalPeriods,
    graceOnInterestPaymentPeriods: settings.graceOnInterestPaymentPeriods,
    interestFreePeriods: settings.interestFreePeriods,
    downPaymentPercent: null,
    fees: settings.fees,
  };
}

/**
 * The offer a product makes for a request: schedule terms, servicing terms, schedule and GESV. Refuses a
 * request outside the product's limits and terms the engine cannot schedule, naming the field.
 */
export function makeLoanOffer(
  settings: LoanProductSettings,
  loanKind: CappedLoanKind,
  request: LoanRequest,
  caps: readonly CapRow[] = kazakhstanCaps,
): Result<LoanOffer, OfferError> {
  if (
    request.principalMinor < settings.minPrincipalMinor ||
    request.principalMinor > settings.maxPrincipalMinor
  ) {
    return err("principal_must_be_within_product_limits", {
      field: "principalMinor",
      min: settings.minPrincipalMinor.toString(),
      max: settings.maxPrincipalMinor.toString(),
    });
  }
  if (request.installments < settings.minInstallments || request.installments > settings.maxInstallments) {
    return err("installments_must_be_within_product_limits", {
      field: "installments",
      min: settings.minInstallments,
      max: settings.maxInstallments,
    });
  }
  return offerWithinLimits(settings, loanKind, request, caps);
}

function offerWithinLimits(
  settings: LoanProductSettings,
  loanKind: CappedLoanKind,
  request: LoanRequest,
  caps: readonly CapRow[],
): Result<LoanOffer, OfferError> {
  if (firstDisbursementOf(request) <= 0n) {
    return err("principal_must_be_positive", { field: "tranches" });
  }
  const calculatorInput = calculatorInputOf(settings, request);
  const built = buildTermsFromCalculatorInput(calculatorInput);
  if (!built.ok) return built;
  const terms = { ok: true as const, value: { ...built.value, tranches: request.tranches ?? [] } };
  const schedule = buildSchedule(terms.value);
  if (!schedule.ok) return schedule;
  const rate = computeEffectiveRate(buildScheduleCashFlows(schedule.value));
  if (!rate.ok) return rate;
  const penalty = parsePercent(settings.penaltyPercentPerDay);
  if (!penalty.ok) return err(penalty.code, { field: "penaltyPercentPerDay" });
  const last = schedule.value.installments.at(-1);
  const termDays = last === undefined ? 0 : last.dueDay - toEpochDay(request.disbursementOn);
  return ok({
    calculatorInput,
    scheduleTerms: terms.value,
    servicing: {
      schedule: terms.value,
      allocationOrder: settings.allocationOrder,
      payoffInterest: settings.payoffInterest,
      interestRecalculation:
        settings.interestRecalculation && settings.interestMethod === "declining_balance",
      penaltyRatePerDay: penalty.value,
      loanKind,
      caps,
    },
    schedule: schedule.value,
    gesvTenthsOfPercent: rate.value.tenthsOfPercent,
    termDays,
  });
}

/** The caps an offer breaks on `checkedOn` (empty when it complies). */
export function capViolationsOf(
  offer: LoanOffer,
  loanKind: CappedLoanKind,
  checkedOn: PlainDate,
  caps: readonly CapRow[] = kazakhstanCaps,
): CapViolation[] {
  return checkLoanCaps(
    {
      loanKind,
      checkedOn,
      gesvTenthsOfPercent: offer.gesvTenthsOfPercent,
      termDays: offer.termDays,
      nominalAnnualRate: annualRate(offer.scheduleTerms),
    },
    caps,
  );
}

/**
 * Checks a product's settings: ordered limits, terms the engine can schedule, and the caps at each corner
 * of its limits (smallest and largest amount, fewest and most installments), since fixed fees weigh most on
 * a small short loan and a rate on a long one. The first problem found is returned.
 */
export function checkLoanProduct(
  settings: LoanProductSettings,
  loanKind: CappedLoanKind,
  currency: CurrencyCode,
  checkedOn: PlainDate,
  caps: readonly CapRow[] = kazakhstanCaps,
): Result<true, OfferError | CapViolation["code"]> {
  if (settings.minPrincipalMinor <= 0n || settings.minPrincipalMinor > settings.maxPrincipalMinor) {
    return err("product_limits_must_be_ordered", { field: "minPrincipalMinor" });
  }
  if (
    !Number.isInteger(settings.minInstallments) ||
    !Number.isInteger(settings.maxInstallments) ||
    settings.minInstallments < 1 ||
    settings.minInstallments > settings.maxInstallments
  ) {
    return err("product_limits_must_be_ordered", { field: "minInstallments" });
  }
  for (const principalMinor of [settings.minPrincipalMinor, settings.maxPrincipalMinor]) {
    for (const installments of [settings.minInstallments, settings.maxInstallments]) {
      const offer = offerWithinLimits(
        settings,
        loanKind,
        { currency, principalMinor, installments, disbursementOn: checkedOn, firstRepaymentOn: null },
        caps,
      );
      if (!offer.ok) return offer;
      const violation = capViolationsOf(offer.value, loanKind, checkedOn, caps)[0];
      if (violation !== undefined) {
        return err(violation.code, {
          field: "interestRatePercent",
          limitPercent: violation.limitPercent,
          valuePercent: violation.valuePercent,
          principalMinor: principalMinor.toString(),
          installments,
        });
      }
    }
  }
  return ok(true);
}

/**
 * The monthly equivalent of a schedule's largest regular installment: a weekly installment counts 52/12
 * times a month, a daily one 365/12 times, one every N months 1/N times. Rounded up.
 */
export function monthlyPaymentOf(schedule: Schedule, frequency: RepaymentFrequency, every: number): bigint {
  const largest = schedule.installments.reduce((max, row) => maxBigint(max, row.totalDueMinor), 0n);
  const [numerator, denominator] =
    frequency === "months"
      ? [1n, BigInt(every)]
      : frequency === "weeks"
        ? [52n, 12n * BigInt(every)]
        : [365n, 12n * BigInt(every)];
  return (largest * numerator + denominator - 1n) / denominator;
}

/** The debt burden check: all monthly payments (the new loan's and existing ones) over monthly income. */
export interface DebtBurden {
  /** Payments / income in basis points (5000 = 50 %), rounded up. */
  readonly basisPoints: number;
  readonly maxPercent: number;
}

/** Basis points written as a percent with two decimals, by integer arithmetic (1717 → "17.17"). */
export function basisPointsAsPercent(basisPoints: number): string {
  return `${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, "0")}`;
}

export function checkDebtBurden(
  monthlyIncomeMinor: bigint,
  monthlyPaymentsMinor: bigint,
  maxPercent: number,
): Result<DebtBurden, LoanProductErrorCode> {
  if (monthlyIncomeMinor <= 0n)
    return err("monthly_income_must_be_positive", { field: "monthlyIncomeMinor" });
  const basisPoints = Number((monthlyPaymentsMinor * 10_000n + monthlyIncomeMinor - 1n) / monthlyIncomeMinor);
  if (basisPoints > maxPercent * 100) {
    return err("debt_burden_must_not_exceed_limit", {
      field: "monthlyIncomeMinor",
      valuePercent: basisPointsAsPercent(basisPoints),
      maxPercent,
    });
  }
  return ok({ basisPoints, maxPercent });
}

/**
 * The servicing terms alone, without building the schedule or solving the GESV: what close of business
 * needs to replay thousands of loans whose offers were checked when they were made.
 */
export function servicingTermsFor(
  settings: LoanProductSettings,
  loanKind: CappedLoanKind,
  request: LoanRequest,
  caps: readonly CapRow[] = kazakhstanCaps,
): Result<LoanServicingTerms, OfferError> {
  const terms = buildTermsFromCalculatorInput(calculatorInputOf(settings, request));
  if (!terms.ok) return terms;
  const penalty = parsePercent(settings.penaltyPercentPerDay);
  if (!penalty.ok) return err(penalty.code, { field: "penaltyPercentPerDay" });
  return ok({
    schedule: terms.value,
    allocationOrder: settings.allocationOrder,
    payoffInterest: settings.payoffInterest,
    interestRecalculation: settings.interestRecalculation && settings.interestMethod === "declining_balance",
    penaltyRatePerDay: penalty.value,
    loanKind,
    caps,
  });
}

/** The arrears bucket of a number of days past due: 0 is current, then 1… by the first day of each bucket. */
export function arrearsBucketOf(daysPastDue: number, bucketStarts: readonly number[]): number {
  let bucket = 0;
  for (const [index, start] of bucketStarts.entries()) if (daysPastDue >= start) bucket = index + 1;
  return bucket;
}
