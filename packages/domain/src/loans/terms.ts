/**
 * The terms of one loan's schedule: the product's settings and the loan's own numbers, already parsed
 * (amounts in minor units, rates as exact ratios, dates as plain dates). `validateScheduleTerms` refuses
 * impossible combinations with a code and the name of the field; `generateSchedule` then assumes valid terms.
 */
import type { PlainDate } from "../calendar/plain-date";
import { toEpochDay } from "../calendar/plain-date";
import { limits } from "../limits";
import type { CurrencyCode } from "../money/currency";
import type { RoundingMode } from "../money/rounding";
import { err, ok, type Result } from "../result";
import type { LoanErrorCode } from "./errors";
import { loanLimits } from "./limits";
import { compareRatio, makeRatio, type Ratio } from "./ratio";

export const repaymentFrequencies = ["days", "weeks", "months"] as const;
/** The unit of the repayment period: every N days, weeks or months. */
export type RepaymentFrequency = (typeof repaymentFrequencies)[number];

export const interestRatePers = ["year", "month"] as const;
/** Whether the nominal rate is stated per year or per month. */
export type InterestRatePer = (typeof interestRatePers)[number];

export const interestMethods = ["declining_balance", "flat"] as const;
/** Interest on the outstanding balance, or on the original principal every period. */
export type InterestMethod = (typeof interestMethods)[number];

export const amortizations = ["equal_installments", "equal_principal"] as const;
/** Annuity (equal installments) or equal principal parts. */
export type Amortization = (typeof amortizations)[number];

export const interestCalculationPeriods = ["same_as_repayment_period", "daily"] as const;
/** Interest per repayment period at the periodic rate, or per day under the day-count basis. */
export type InterestCalculationPeriod = (typeof interestCalculationPeriods)[number];

export const daysInYearBases = ["360", "364", "365", "actual"] as const;
/** Days in a year of the day-count basis; "actual" is 365 or 366 by calendar year (actual/actual). */
export type DaysInYearBasis = (typeof daysInYearBases)[number];

export const daysInMonthBases = ["30", "actual"] as const;
/** Days in a month of the day-count basis; "30" counts days as 30/360 (ISDA) does. */
export type DaysInMonthBasis = (typeof daysInMonthBases)[number];

export const dueDateRules = [
  "same_day",
  "next_working_day",
  "previous_working_day",
  "next_meeting_day",
] as const;
/** Where a due date that falls on a non-working day moves. */
export type DueDateRule = (typeof dueDateRules)[number];

/** Non-working days and the rule that moves due dates off them. Data, passed in: never a built-in list. */
export interface WorkingCalendar {
  /** ISO weekdays that are not working days (6 = Saturday, 7 = Sunday). */
  readonly nonWorkingWeekdays: readonly number[];
  /** Public holidays and other closed days. */
  readonly holidays: readonly PlainDate[];
  /** How a due date on a non-working day moves. */
  readonly rule: DueDateRule;
  /** ISO weekdays on which the group meets; required by "next_meeting_day". */
  readonly meetingWeekdays: readonly number[];
}

/** How an upfront fee is collected: deducted from the amount disbursed, or paid by the borrower at issue. */
export type UpfrontFeeCollection = "deducted" | "paid";

/** A fee of the loan. */
export type LoanFee =
  | {
      readonly kind: "upfront";
      /** A fixed amount, or null when `percent` is given. */
      readonly amountMinor: bigint | null;
      /** A fraction of the principal, or null when `amountMinor` is given. */
      readonly percent: Ratio | null;
      readonly collection: UpfrontFeeCollection;
    }
  | {
      readonly kind: "per_installment";
      /** Charged with every regular installment (not with a down payment). */
      readonly amountMinor: bigint;
    };

/** A disbursement after the first one. */
export interface Tranche {
  /** Date the money reaches the borrower. */
  readonly disbursedOn: PlainDate;
  /** Amount of the tranche. */
  readonly amountMinor: bigint;
}

/** Everything a schedule depends on, parsed. */
export interface ScheduleTerms {
  readonly currency: CurrencyCode;
  /** Principal of the first disbursement. */
  readonly principalMinor: bigint;
  /** Date of the first disbursement; interest runs from it. */
  readonly disbursementOn: PlainDate;
  /** First due date when chosen freely (a longer or shorter first period), else null. */
  readonly firstRepaymentOn: PlainDate | null;
  /** Number of regular installments (a down payment comes in addition). */
  readonly installments: number;
  /** N in "every N days/weeks/months". */
  readonly repaymentEvery: number;
  readonly repaymentFrequency: RepaymentFrequency;
  /** Nominal rate as a fraction of one per `interestRatePer` (30 % → 3/10). */
  readonly interestRate: Ratio;
  readonly interestRatePer: InterestRatePer;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestCalculationPeriod: InterestCalculationPeriod;
  readonly daysInYear: DaysInYearBasis;
  readonly daysInMonth: DaysInMonthBasis;
  /** The product's rounding mode for every amount. */
  readonly roundingMode: RoundingMode;
  /** Every amount is a multiple of this (1 = the minor unit, 100 = whole tenge). */
  readonly amountMultipleMinor: bigint;
  /** Installments are a multiple of this; null means `amountMultipleMinor`. */
  readonly installmentMultipleMinor: bigint | null;
  /** Leading periods without principal (interest only). */
  readonly graceOnPrincipalPeriods: number;
  /** Leading periods whose interest is collected with the first installment after them. */
  readonly graceOnInterestPaymentPeriods: number;
  /** Leading periods without interest. */
  readonly interestFreePeriods: number;
  /** Down payment as a fraction of the principal, or null. */
  readonly downPaymentPercent: Ratio | null;
  readonly fees: readonly LoanFee[];
  /** Working calendar for due dates, or null to keep every date. */
  readonly calendar: WorkingCalendar | null;
  /** Disbursements after the first, in date order. */
  readonly tranches: readonly Tranche[];
}

type Refusal = Result<never, LoanErrorCode>;

function refuse(code: LoanErrorCode, field: string, extra: Record<string, string | number> = {}): Refusal {
  return err(code, { field, ...extra });
}

function isIntegerInRange(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function repaymentEveryMax(frequency: RepaymentFrequency): number {
  switch (frequency) {
    case "days":
      return loanLimits.repaymentEveryDaysMax;
    case "weeks":
      return loanLimits.repaymentEveryWeeksMax;
    case "months":
      return loanLimits.repaymentEveryMonthsMax;
  }
}

/** The annual nominal rate of the terms (a monthly rate times 12). */
export function annualRate(terms: Pick<ScheduleTerms, "interestRate" | "interestRatePer">): Ratio {
  return terms.interestRatePer === "month"
    ? makeRatio(terms.interestRate.numerator * 12n, terms.interestRate.denominator)
    : terms.interestRate;
}

/**
 * Refuses terms that cannot make a schedule, naming the field. Checks are ordered by precedence: the shape
 * of each number first, then combinations. `buildSchedule` adds the checks that need the due dates.
 */
export function validateScheduleTerms(terms: ScheduleTerms): Result<ScheduleTerms, LoanErrorCode> {
  const basic = validateNumbers(terms);
  if (!basic.ok) return basic;
  const combinations = validateCombinations(terms);
  if (!combinations.ok) return combinations;
  return ok(terms);
}

function validateNumbers(terms: ScheduleTerms): Result<true, LoanErrorCode> {
  if (terms.principalMinor <= 0n) return refuse("principal_must_be_positive", "principalMinor");
  if (terms.principalMinor > limits.amountMaxMinor) {
    return refuse("amount_must_not_exceed_maximum", "principalMinor");
  }
  if (!Number.isInteger(terms.installments) || terms.installments < 1) {
    return refuse("installments_must_be_positive", "installments");
  }
  if (terms.installments > limits.installmentsPerLoanMax) {
    return refuse("installments_must_not_exceed_maximum", "installments", {
      max: limits.installmentsPerLoanMax,
    });
  }
  if (!Number.isInteger(terms.repaymentEvery) || terms.repaymentEvery < 1) {
    return refuse("repayment_every_must_be_positive", "repaymentEvery");
  }
  const everyMax = repaymentEveryMax(terms.repaymentFrequency);
  if (terms.repaymentEvery > everyMax) {
    return refuse("repayment_every_must_not_exceed_maximum", "repaymentEvery", { max: everyMax });
  }
  const rateMax = makeRatio(BigInt(loanLimits.interestRatePercentMax), 100n);
  if (compareRatio(annualRate(terms), rateMax) > 0) {
    return refuse("interest_rate_must_not_exceed_maximum", "interestRatePercent", {
      max: loanLimits.interestRatePercentMax,
    });
  }
  if (terms.amountMultipleMinor <= 0n) return refuse("multiple_must_be_positive", "amountMultipleMinor");
  if (terms.installmentMultipleMinor !== null && terms.installmentMultipleMinor <= 0n) {
    return refuse("multiple_must_be_positive", "installmentMultipleMinor");
  }
  const periods = [
    ["graceOnPrincipalPeriods", terms.graceOnPrincipalPeriods],
    ["graceOnInterestPaymentPeriods", terms.graceOnInterestPaymentPeriods],
    ["interestFreePeriods", terms.interestFreePeriods],
  ] as const;
  for (const [field, value] of periods) {
    if (!isIntegerInRange(value, 0, limits.installmentsPerLoanMax)) {
      return refuse("periods_must_not_be_negative", field);
    }
  }
  return validateFees(terms);
}

function validateFees(terms: ScheduleTerms): Result<true, LoanErrorCode> {
  if (terms.fees.length > loanLimits.feesPerLoanMax) {
    return refuse("fees_must_not_exceed_maximum", "fees", { max: loanLimits.feesPerLoanMax });
  }
  for (const [index, fee] of terms.fees.entries()) {
    const field = `fees[${index}]`;
    switch (fee.kind) {
      case "upfront":
        if ((fee.amountMinor === null) === (fee.percent === null)) {
          return refuse("fee_must_have_either_amount_or_percent", field);
        }
        if (fee.amountMinor !== null && (fee.amountMinor < 0n || fee.amountMinor > limits.amountMaxMinor)) {
          return refuse("fee_amount_must_not_be_negative", `${field}.amountMinor`);
        }
        break;
      case "per_installment":
        if (fee.amountMinor < 0n || fee.amountMinor > limits.amountMaxMinor) {
          return refuse("fee_amount_must_not_be_negative", `${field}.amountMinor`);
        }
        break;
    }
  }
  return ok(true);
}

function validateCombinations(terms: ScheduleTerms): Result<true, LoanErrorCode> {
  const multiple = terms.installmentMultipleMinor;
  if (multiple !== null && multiple % terms.amountMultipleMinor !== 0n) {
    return refuse("installment_multiple_must_be_a_multiple_of_amount_multiple", "installmentMultipleMinor");
  }
  if (terms.graceOnPrincipalPeriods >= terms.installments) {
    return refuse("grace_periods_must_be_fewer_than_installments", "graceOnPrincipalPeriods");
  }
  if (terms.graceOnInterestPaymentPeriods >= terms.installments) {
    return refuse("grace_periods_must_be_fewer_than_installments", "graceOnInterestPaymentPeriods");
  }
  if (terms.interestFreePeriods > terms.installments) {
    return refuse("interest_free_periods_must_not_exceed_installments", "interestFreePeriods");
  }
  if (terms.downPaymentPercent !== null && compareRatio(terms.downPaymentPercent, makeRatio(1n, 1n)) >= 0) {
    return refuse("down_payment_percent_must_be_below_100", "downPaymentPercent");
  }
  const disbursementDay = toEpochDay(terms.disbursementOn);
  if (terms.firstRepaymentOn !== null) {
    const firstDays = toEpochDay(terms.firstRepaymentOn) - disbursementDay;
    if (firstDays <= 0) {
      return refuse("first_repayment_date_must_be_after_disbursement_date", "firstRepaymentDate");
    }
    if (firstDays > loanLimits.firstPeriodMaxDays) {
      return refuse("first_repayment_date_must_be_within_first_period_limit", "firstRepaymentDate", {
        max: loanLimits.firstPeriodMaxDays,
      });
    }
  }
  if (approximateTermDays(terms) > loanLimits.termMaxDays) {
    return refuse("term_must_not_exceed_maximum", "installments", { maxDays: loanLimits.termMaxDays });
  }
  const calendar = validateCalendar(terms.calendar);
  if (!calendar.ok) return calendar;
  return validateTranches(terms, disbursementDay);
}

function approximateTermDays(terms: ScheduleTerms): number {
  const unitDays = terms.repaymentFrequency === "days" ? 1 : terms.repaymentFrequency === "weeks" ? 7 : 31;
  return terms.installments * terms.repaymentEvery * unitDays + loanLimits.firstPeriodMaxDays;
}

function validateCalendar(calendar: WorkingCalendar | null): Result<true, LoanErrorCode> {
  if (calendar === null) return ok(true);
  if (calendar.holidays.length > loanLimits.holidaysPerCalendarMax) {
    return refuse("holidays_must_not_exceed_maximum", "calendar.holidays");
  }
  const weekdays = [...calendar.nonWorkingWeekdays, ...calendar.meetingWeekdays];
  if (weekdays.some((day) => !isIntegerInRange(day, 1, 7))) {
    return refuse("weekday_must_be_from_1_to_7", "calendar");
  }
  if (calendar.nonWorkingWeekdays.length >= 7) {
    return refuse("calendar_must_have_working_days", "calendar.nonWorkingWeekdays");
  }
  if (calendar.rule === "next_meeting_day") {
    const meets = calendar.meetingWeekdays.some((day) => !calendar.nonWorkingWeekdays.includes(day));
    if (!meets) return refuse("meeting_weekdays_must_include_a_working_day", "calendar.meetingWeekdays");
  }
  return ok(true);
}

function validateTranches(terms: ScheduleTerms, disbursementDay: number): Result<true, LoanErrorCode> {
  if (terms.tranches.length === 0) return ok(true);
  if (terms.tranches.length > loanLimits.tranchesPerLoanMax) {
    return refuse("tranches_must_not_exceed_maximum", "tranches", { max: loanLimits.tranchesPerLoanMax });
  }
  if (terms.interestMethod !== "declining_balance") {
    return refuse("tranches_must_use_declining_balance", "interestMethod");
  }
  let previousDay = disbursementDay;
  for (const [index, tranche] of terms.tranches.entries()) {
    const day = toEpochDay(tranche.disbursedOn);
    if (day < previousDay) return refuse("tranches_must_be_in_date_order", `tranches[${index}].disbursedOn`);
    if (tranche.amountMinor <= 0n)
      return refuse("principal_must_be_positive", `tranches[${index}].amountMinor`);
    previousDay = day;
  }
  return ok(true);
}
