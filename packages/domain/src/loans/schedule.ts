/**
 * Repayment schedules. All money is bigint minor units; rates are exact ratios; every amount is rounded once,
 * by the product's mode, to the product's multiple.
 *
 * Formulas (DOMAIN.md "Loan mathematics"; the same as a spreadsheet's PMT/IPMT/PPMT):
 * - periodic rate i "same as repayment period": annual rate × N/12 (months), × N/52 (weeks), or × N/D (days,
 *   D = days in year of the basis, 365 for "actual"); a monthly rate is first multiplied by 12.
 * - equal installments (annuity): A = P·i / (1 − (1+i)^−m) over the m amortizing periods, computed exactly
 *   with i = a/b as A = P·a·(a+b)^m / (b·((a+b)^m − b^m)), then rounded to the installment multiple. With f
 *   interest-free periods at the start of the amortization, A = P / (f + (1 − (1+i)^−(m−f))/i), which is
 *   the same idea (the present value of the installments equals the principal).
 * - equal principal: P/m per period, rounded to the amount multiple (not to the installment multiple).
 * - flat: interest of every period is P·i on the principal at disbursement; with equal installments the
 *   installment is (P + total interest)/m.
 * - interest of period k on a declining balance: balance × i, or with daily interest balance × r × (year
 *   fraction of the period under the day-count basis). A first period chosen freely (longer or shorter)
 *   is charged i × days/regular days when interest is "same as repayment period".
 * - principal of an installment is its amount less its interest; the last installment takes the whole
 *   remaining balance, so it absorbs every rounding.
 * - grace on principal: interest-only periods, then the annuity (or equal principal) over the rest; grace on
 *   interest payment: interest accrues but is collected with the first installment after the grace;
 *   interest-free periods: no interest.
 * - down payment: a percentage of the principal, rounded like an installment, due on the disbursement date
 *   as installment 1; the regular installments then amortize the rest.
 * - tranches: a later disbursement adds to the balance from its date (interest for the days it is out) and
 *   the remaining installments are re-amortized over the new balance.
 */
import { assert } from "../assert";
import { fromEpochDay, type PlainDate, toEpochDay } from "../calendar/plain-date";
import { maxBigint, minBigint, roundToMultiple } from "../money/rounding";
import { err, ok, type Result } from "../result";
import { addPeriods, moveDueDay, prepareCalendar, scheduledDueDays, yearFraction } from "./day-count";
import type { LoanErrorCode } from "./errors";
import { applyRatio, makeRatio, type Ratio, roundQuotient } from "./ratio";
import { annualRate, type ScheduleTerms, validateScheduleTerms } from "./terms";

/** One installment of a schedule. */
export interface ScheduleInstallment {
  /** 1-based position; a down payment is number 1. */
  readonly number: number;
  /** Due date (moved off non-working days). */
  readonly dueOn: PlainDate;
  /** Due date as an epoch day. */
  readonly dueDay: number;
  /** First day of the period (the previous due date, or the disbursement) as an epoch day. */
  readonly startDay: number;
  /** Calendar days from the previous due date (or disbursement) to this one. */
  readonly daysInPeriod: number;
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
  readonly feeMinor: bigint;
  /** principal + interest + fee. */
  readonly totalDueMinor: bigint;
  /** Principal still owed after this installment is paid. */
  readonly principalBalanceAfterMinor: bigint;
}

/** Sums of a schedule's installments. */
export interface ScheduleTotals {
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
  readonly feeMinor: bigint;
  readonly totalDueMinor: bigint;
}

/** Money reaching the borrower on a day. */
export interface Disbursement {
  readonly day: number;
  readonly amountMinor: bigint;
}

/** A loan's schedule and the one-off amounts at issue. */
export interface Schedule {
  readonly installments: readonly ScheduleInstallment[];
  readonly totals: ScheduleTotals;
  /** Upfront fees deducted from the first disbursement. */
  readonly upfrontFeeDeductedMinor: bigint;
  /** Upfront fees the borrower pays at issue. */
  readonly upfrontFeePaidMinor: bigint;
  /** Every disbursement (the first and the tranches), gross of fees. */
  readonly disbursements: readonly Disbursement[];
}

/** Overrides used when a loan is re-amortized after a prepayment ("reduce the term"). */
export interface ScheduleOptions {
  /** Keep this installment amount (equal installments) instead of computing the annuity. */
  readonly fixedPaymentMinor?: bigint;
  /** Keep this principal part (equal principal) instead of dividing the balance. */
  readonly fixedPrincipalMinor?: bigint;
  /** Use these due days (epoch days, already moved) instead of computing them; one per installment. */
  readonly dueDays?: readonly number[];
  /** Use this first-period factor (days / regular days) instead of computing it. */
  readonly firstPeriodStub?: Ratio | null;
}

/** The periodic rate when interest is "same as repayment period". */
export function periodicRate(
  terms: Pick<
    ScheduleTerms,
    "interestRate" | "interestRatePer" | "repaymentFrequency" | "repaymentEvery" | "daysInYear"
  >,
): Ratio {
  const annual = annualRate(terms);
  const every = BigInt(terms.repaymentEvery);
  switch (terms.repaymentFrequency) {
    case "months":
      return makeRatio(annual.numerator * every, annual.denominator * 12n);
    case "weeks":
      return makeRatio(annual.numerator * every, annual.denominator * 52n);
    case "days": {
      const basis = terms.daysInYear === "actual" ? 365n : BigInt(terms.daysInYear);
      return makeRatio(annual.numerator * every, annual.denominator * basis);
    }
  }
}

/**
 * The annuity payment for `balance` over `periods` periods at `rate`, of which the first `freePeriods` bear
 * no interest, rounded once to `multiple`.
 */
export function computeAnnuityPayment(
  balanceMinor: bigint,
  rate: Ratio,
  periods: number,
  freePeriods: number,
  multipleMinor: bigint,
  mode: ScheduleTerms["roundingMode"],
): bigint {
  assert(periods >= 1 && freePeriods >= 0 && freePeriods <= periods, "annuity periods out of range");
  const charged = periods - freePeriods;
  if (rate.numerator === 0n || charged === 0) {
    return roundQuotient(balanceMinor, BigInt(periods), multipleMinor, mode);
  }
  const a = rate.numerator;
  const b = rate.denominator;
  const growth = (a + b) ** BigInt(charged);
  const base = b ** BigInt(charged);
  const numerator = balanceMinor * a * growth;
  const denominator = BigInt(freePeriods) * a * growth + b * (growth - base);
  assert(denominator > 0n, "annuity denominator is positive");
  return roundQuotient(numerator, denominator, multipleMinor, mode);
}

interface Context {
  readonly terms: ScheduleTerms;
  readonly disbursementDay: number;
  readonly rate: Ratio;
  readonly annual: Ratio;
  readonly firstPeriodStub: Ratio | null;
  readonly installmentMultipleMinor: bigint;
  readonly options: ScheduleOptions;
}

/** Interest on `balance` for `[startDay, endDay)` of period `index` (0-based, regular installments). */
function periodInterest(
  ctx: Context,
  balanceMinor: bigint,
  index: number,
  startDay: number,
  endDay: number,
): bigint {
  const terms = ctx.terms;
  if (terms.interestCalculationPeriod === "daily") {
    const fraction = yearFraction(startDay, endDay, terms.daysInYear, terms.daysInMonth);
    return roundQuotient(
      balanceMinor * ctx.annual.numerator * fraction.numerator,
      ctx.annual.denominator * fraction.denominator,
      terms.amountMultipleMinor,
      terms.roundingMode,
    );
  }
  if (index === 0 && ctx.firstPeriodStub !== null) {
    const stub = ctx.firstPeriodStub;
    return roundQuotient(
      balanceMinor * ctx.rate.numerator * stub.numerator,
      ctx.rate.denominator * stub.denominator,
      terms.amountMultipleMinor,
      terms.roundingMode,
    );
  }
  return applyRatio(balanceMinor, ctx.rate, terms.amountMultipleMinor, terms.roundingMode);
}

/**
 * The factor that turns a principal balance into the interest of regular period `index` (0-based) running
 * over `[startDay, endDay)`: interest = round(balance × factor). Used by replay to recalculate interest on
 * the balance actually outstanding.
 */
export function computeInterestFactor(
  terms: ScheduleTerms,
  index: number,
  startDay: number,
  endDay: number,
  stub: Ratio | null,
): Ratio {
  if (index < terms.interestFreePeriods) return makeRatio(0n, 1n);
  if (terms.interestCalculationPeriod === "daily") {
    const fraction = yearFraction(startDay, endDay, terms.daysInYear, terms.daysInMonth);
    const annual = annualRate(terms);
    return makeRatio(annual.numerator * fraction.numerator, annual.denominator * fraction.denominator);
  }
  const rate = periodicRate(terms);
  if (index === 0 && stub !== null)
    return makeRatio(rate.numerator * stub.numerator, rate.denominator * stub.denominator);
  return rate;
}

/** Interest on a tranche from its day to the end of the period it falls in. */
function trancheInterest(
  ctx: Context,
  amountMinor: bigint,
  day: number,
  startDay: number,
  endDay: number,
): bigint {
  const terms = ctx.terms;
  if (terms.interestCalculationPeriod === "daily") {
    return periodInterest(ctx, amountMinor, -1, day, endDay);
  }
  return roundQuotient(
    amountMinor * ctx.rate.numerator * BigInt(endDay - day),
    ctx.rate.denominator * BigInt(endDay - startDay),
    terms.amountMultipleMinor,
    terms.roundingMode,
  );
}

export function firstPeriodStub(
  terms: ScheduleTerms,
  disbursementDay: number,
  firstDueDay: number,
): Ratio | null {
  if (terms.firstRepaymentOn === null) return null;
  const regularDays =
    addPeriods(disbursementDay, terms.repaymentFrequency, terms.repaymentEvery, 1) - disbursementDay;
  const actualDays = firstDueDay - disbursementDay;
  return actualDays === regularDays ? null : makeRatio(BigInt(actualDays), BigInt(regularDays));
}

function computeDueDays(terms: ScheduleTerms, disbursementDay: number): number[] {
  const firstDay = terms.firstRepaymentOn === null ? null : toEpochDay(terms.firstRepaymentOn);
  const days = scheduledDueDays(
    disbursementDay,
    firstDay,
    terms.repaymentFrequency,
    terms.repaymentEvery,
    terms.installments,
  );
  if (terms.calendar === null) return days;
  const calendar = prepareCalendar(terms.calendar);
  return days.map((day) => moveDueDay(calendar, day));
}

/** Due days of the regular installments, moved by the calendar (used by validation and replay). */
export function computeScheduleDueDays(terms: ScheduleTerms): number[] {
  return computeDueDays(terms, toEpochDay(terms.disbursementOn));
}

/** The amount (annuity) or principal part (equal principal) for the periods from `index` on. */
function computeLevel(ctx: Context, balanceMinor: bigint, index: number, flatBaseMinor: bigint): bigint {
  const terms = ctx.terms;
  const periods = terms.installments - index;
  const freePeriods = Math.max(0, terms.interestFreePeriods - index);
  if (terms.amortization === "equal_principal") {
    if (ctx.options.fixedPrincipalMinor !== undefined) return ctx.options.fixedPrincipalMinor;
    return roundQuotient(balanceMinor, BigInt(periods), terms.amountMultipleMinor, terms.roundingMode);
  }
  if (ctx.options.fixedPaymentMinor !== undefined) return ctx.options.fixedPaymentMinor;
  if (terms.interestMethod === "flat") {
    const charged = BigInt(periods - freePeriods);
    const rate = ctx.rate;
    return roundQuotient(
      balanceMinor * rate.denominator + charged * flatBaseMinor * rate.numerator,
      BigInt(periods) * rate.denominator,
      ctx.installmentMultipleMinor,
      terms.roundingMode,
    );
  }
  return computeAnnuityPayment(
    balanceMinor,
    ctx.rate,
    periods,
    freePeriods,
    ctx.installmentMultipleMinor,
    terms.roundingMode,
  );
}

/**
 * Builds the schedule of valid terms (see `validateScheduleTerms`). Pure and deterministic: the same terms
 * always give the same installments.
 */
export function generateSchedule(terms: ScheduleTerms, options: ScheduleOptions = {}): Schedule {
  assert(terms.principalMinor > 0n && terms.installments >= 1, "terms must be validated first");
  const disbursementDay = toEpochDay(terms.disbursementOn);
  const dueDays = options.dueDays ?? computeDueDays(terms, disbursementDay);
  assert(dueDays.length === terms.installments, "one due day per installment");
  const scheduledFirst =
    terms.firstRepaymentOn === null ? (dueDays[0] as number) : toEpochDay(terms.firstRepaymentOn);
  const installmentMultipleMinor = terms.installmentMultipleMinor ?? terms.amountMultipleMinor;
  const ctx: Context = {
    terms,
    disbursementDay,
    rate: periodicRate(terms),
    annual: annualRate(terms),
    firstPeriodStub:
      options.firstPeriodStub !== undefined
        ? options.firstPeriodStub
        : firstPeriodStub(terms, disbursementDay, scheduledFirst),
    installmentMultipleMinor,
    options,
  };
  const installments: ScheduleInstallment[] = [];
  let balance = terms.principalMinor;
  if (terms.downPaymentPercent !== null) {
    const down = applyRatio(balance, terms.downPaymentPercent, installmentMultipleMinor, terms.roundingMode);
    balance -= down;
    installments.push({
      number: 1,
      dueOn: terms.disbursementOn,
      dueDay: disbursementDay,
      startDay: disbursementDay,
      daysInPeriod: 0,
      principalMinor: down,
      interestMinor: 0n,
      feeMinor: 0n,
      totalDueMinor: down,
      principalBalanceAfterMinor: balance,
    });
  }
  const disbursements = [{ day: disbursementDay, amountMinor: terms.principalMinor }];
  for (const tranche of terms.tranches) {
    disbursements.push({ day: toEpochDay(tranche.disbursedOn), amountMinor: tranche.amountMinor });
  }
  appendRegularInstallments(ctx, installments, balance, dueDays, disbursements);
  const fees = computeUpfrontFees(terms);
  const schedule: Schedule = {
    installments,
    totals: sumInstallments(installments),
    upfrontFeeDeductedMinor: fees.deducted,
    upfrontFeePaidMinor: fees.paid,
    disbursements,
  };
  assert(schedule.totals.principalMinor === sumDisbursed(disbursements), "principal repaid equals disbursed");
  return schedule;
}

function sumDisbursed(disbursements: readonly Disbursement[]): bigint {
  let total = 0n;
  for (const d of disbursements) total += d.amountMinor;
  return total;
}

function appendRegularInstallments(
  ctx: Context,
  installments: ScheduleInstallment[],
  startBalanceMinor: bigint,
  dueDays: readonly number[],
  disbursements: readonly Disbursement[],
): void {
  const terms = ctx.terms;
  const count = terms.installments;
  const graceOnPrincipal = terms.graceOnPrincipalPeriods;
  const graceOnInterest = terms.graceOnInterestPaymentPeriods;
  const feePerInstallment = perInstallmentFee(terms);
  const offset = installments.length;
  const flatBase = startBalanceMinor;
  let balance = startBalanceMinor;
  let level = 0n;
  let levelKnown = false;
  let deferredInterest = 0n;
  let trancheIndex = 1;
  let startDay = ctx.disbursementDay;
  for (let k = 0; k < count; k++) {
    const endDay = dueDays[k] as number;
    const isFree = k < terms.interestFreePeriods;
    let interest = 0n;
    if (!isFree) {
      const base = terms.interestMethod === "flat" ? flatBase : balance;
      interest = periodInterest(ctx, base, k, startDay, endDay);
    }
    while (
      trancheIndex < disbursements.length &&
      (disbursements[trancheIndex] as Disbursement).day < endDay
    ) {
      const tranche = disbursements[trancheIndex] as Disbursement;
      if (!isFree) interest += trancheInterest(ctx, tranche.amountMinor, tranche.day, startDay, endDay);
      balance += tranche.amountMinor;
      levelKnown = false;
      trancheIndex++;
    }
    if (k >= graceOnPrincipal && !levelKnown) {
      level = computeLevel(ctx, balance, k, flatBase);
      levelKnown = true;
    }
    let principal = 0n;
    if (k === count - 1) principal = balance;
    else if (k >= graceOnPrincipal) {
      const wanted = terms.amortization === "equal_principal" ? level : level - interest;
      principal = minBigint(maxBigint(wanted, 0n), balance);
    }
    balance -= principal;
    let interestDue = interest;
    if (k < graceOnInterest) {
      deferredInterest += interest;
      interestDue = 0n;
    } else if (k === graceOnInterest) {
      interestDue += deferredInterest;
      deferredInterest = 0n;
    }
    installments.push({
      number: offset + k + 1,
      dueOn: fromEpochDay(endDay),
      dueDay: endDay,
      startDay,
      daysInPeriod: endDay - startDay,
      principalMinor: principal,
      interestMinor: interestDue,
      feeMinor: feePerInstallment,
      totalDueMinor: principal + interestDue + feePerInstallment,
      principalBalanceAfterMinor: balance,
    });
    startDay = endDay;
  }
  assert(balance === 0n, "the last installment clears the balance");
  assert(trancheIndex === disbursements.length, "every tranche falls within the term");
}

function perInstallmentFee(terms: ScheduleTerms): bigint {
  let total = 0n;
  for (const fee of terms.fees) if (fee.kind === "per_installment") total += fee.amountMinor;
  return total;
}

/** Upfront fees of the terms, split by how they are collected. */
export function computeUpfrontFees(terms: ScheduleTerms): { deducted: bigint; paid: bigint } {
  let deducted = 0n;
  let paid = 0n;
  for (const fee of terms.fees) {
    if (fee.kind !== "upfront") continue;
    const amount =
      fee.amountMinor ??
      applyRatio(
        terms.principalMinor,
        fee.percent ?? makeRatio(0n, 1n),
        terms.amountMultipleMinor,
        terms.roundingMode,
      );
    if (fee.collection === "deducted") deducted += amount;
    else paid += amount;
  }
  return { deducted, paid };
}

/** Sums the installments' parts. */
export function sumInstallments(installments: readonly ScheduleInstallment[]): ScheduleTotals {
  let principal = 0n;
  let interest = 0n;
  let fee = 0n;
  let total = 0n;
  for (const installment of installments) {
    principal += installment.principalMinor;
    interest += installment.interestMinor;
    fee += installment.feeMinor;
    total += installment.totalDueMinor;
  }
  assert(total === principal + interest + fee, "totals add up");
  return { principalMinor: principal, interestMinor: interest, feeMinor: fee, totalDueMinor: total };
}

/** Rounds an amount to the terms' amount multiple (used by callers that build amounts from terms). */
export function roundAmount(terms: ScheduleTerms, amountMinor: bigint): bigint {
  return roundToMultiple(amountMinor, terms.amountMultipleMinor, terms.roundingMode);
}

/**
 * Validates the terms and builds their schedule: the entry point for outside input. Adds the checks that
 * need due dates or fee amounts (tranches within the term, upfront fees below the principal).
 */
export function buildSchedule(
  terms: ScheduleTerms,
  options: ScheduleOptions = {},
): Result<Schedule, LoanErrorCode> {
  const valid = validateScheduleTerms(terms);
  if (!valid.ok) return valid;
  const fees = computeUpfrontFees(terms);
  if (fees.deducted + fees.paid >= terms.principalMinor) {
    return err("upfront_fees_must_be_less_than_principal", { field: "fees" });
  }
  if (terms.tranches.length > 0) {
    const dueDays = computeScheduleDueDays(terms);
    const lastDueDay = dueDays[dueDays.length - 1] as number;
    for (const [index, tranche] of terms.tranches.entries()) {
      if (toEpochDay(tranche.disbursedOn) >= lastDueDay) {
        return err("tranches_must_fall_within_term", { field: `tranches[${index}].disbursedOn` });
      }
    }
  }
  return ok(generateSchedule(terms, options));
}
