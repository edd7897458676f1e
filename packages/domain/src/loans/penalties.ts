/**
 * Penalties for late payment, per day on the overdue amount (principal and interest past due), capped by
 * Kazakhstan's rules (`caps.ts`): at most 0.5 % a day in the first 90 days of a delay, then 0.03 % a day,
 * and at most 10 % of the loan amount in each year of the loan. The product's own daily rate applies when
 * it is lower.
 *
 * Accrual is exact: amounts are kept in millionths of a minor unit (`…Micro`) and a penalty becomes due as
 * the whole minor units accrued (rounded down, so a cap is never exceeded by rounding).
 */
import { assert } from "../assert";
import type { PenaltyCap } from "./caps";
import { compareRatio, type Ratio } from "./ratio";

/** Millionths of a minor unit per minor unit. */
export const microPerMinor = 1_000_000n;

function lowerRatio(a: Ratio, b: Ratio): Ratio {
  return compareRatio(a, b) <= 0 ? a : b;
}

/**
 * Penalty, in millionths of a minor unit, on `overdueMinor` for the days of delay `fromDelayDay` up to but
 * not including `toDelayDay` (day 1 is the first day after the due date).
 */
export function computePenaltyMicro(
  overdueMinor: bigint,
  fromDelayDay: number,
  toDelayDay: number,
  productDailyRate: Ratio,
  cap: PenaltyCap | null,
): bigint {
  assert(fromDelayDay >= 1 && toDelayDay >= fromDelayDay, "delay days run forwards from day 1");
  assert(overdueMinor >= 0n, "overdue amount is not negative");
  if (overdueMinor === 0n || toDelayDay === fromDelayDay) return 0n;
  if (cap === null) return accrue(overdueMinor, productDailyRate, toDelayDay - fromDelayDay);
  const earlyEnd = Math.min(toDelayDay, cap.earlyDays + 1);
  const earlyDays = Math.max(0, earlyEnd - fromDelayDay);
  const lateDays = toDelayDay - fromDelayDay - earlyDays;
  return (
    accrue(overdueMinor, lowerRatio(productDailyRate, cap.dailyMaxEarly), earlyDays) +
    accrue(overdueMinor, lowerRatio(productDailyRate, cap.dailyMaxLate), lateDays)
  );
}

function accrue(amountMinor: bigint, rate: Ratio, days: number): bigint {
  if (days === 0) return 0n;
  return (amountMinor * rate.numerator * BigInt(days) * microPerMinor) / rate.denominator;
}

/** The most penalty a loan may accrue in one year of the loan, in millionths of a minor unit. */
export function computeYearlyPenaltyLimitMicro(
  loanAmountMinor: bigint,
  cap: PenaltyCap | null,
): bigint | null {
  if (cap === null) return null;
  return (loanAmountMinor * cap.yearlyOfLoanMax.numerator * microPerMinor) / cap.yearlyOfLoanMax.denominator;
}
