/**
 * Due dates and day counts, on epoch days (days since 1970-01-01) so that no loop parses a date string.
 *
 * - Monthly due dates count from a fixed anchor (`anchor + k·N months`), keeping the anchor's day of month
 *   and clamping it to the month's end: 31 Jan → 28/29 Feb → 31 Mar (never drifting to the 28th).
 * - A due date on a non-working day moves by the calendar's rule (same day, next or previous working day,
 *   next meeting day). Interest "same as repayment period" ignores the move; daily interest counts the
 *   actual days between the moved dates.
 * - Day-count fractions: days/360, days/364, days/365, or actual/actual (ISDA: the days falling in each
 *   calendar year over that year's length); with days in month "30" the days are counted as 30/360 (ISDA
 *   2006 §4.16(f)) does: D1 = 31 → 30; D2 = 31 and D1 ≥ 30 → 30.
 */
import { assert } from "../assert";
import {
  civilFromEpochDay,
  daysInMonth,
  epochDayFromCivil,
  isLeapYear,
  toEpochDay,
} from "../calendar/plain-date";
import { loanLimits } from "./limits";
import { makeRatio, type Ratio } from "./ratio";
import type { DaysInMonthBasis, DaysInYearBasis, RepaymentFrequency, WorkingCalendar } from "./terms";

/** The date `periods` repayment periods after `anchorDay`, unmoved by any calendar. */
export function addPeriods(
  anchorDay: number,
  frequency: RepaymentFrequency,
  every: number,
  periods: number,
): number {
  switch (frequency) {
    case "days":
      return anchorDay + every * periods;
    case "weeks":
      return anchorDay + 7 * every * periods;
    case "months": {
      const { year, month, day } = civilFromEpochDay(anchorDay);
      const monthIndex = year * 12 + (month - 1) + every * periods;
      const newYear = Math.floor(monthIndex / 12);
      const newMonth = monthIndex - newYear * 12 + 1;
      return epochDayFromCivil(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
    }
  }
}

/**
 * Scheduled (unmoved) due days of `count` installments. The first is `firstDay` when chosen freely,
 * otherwise one period after disbursement; the others count from the first (so its day of month is kept).
 */
export function scheduledDueDays(
  disbursementDay: number,
  firstDay: number | null,
  frequency: RepaymentFrequency,
  every: number,
  count: number,
): number[] {
  assert(count >= 1, "a schedule has at least one installment");
  const days: number[] = new Array(count);
  if (firstDay === null) {
    for (let k = 0; k < count; k++) days[k] = addPeriods(disbursementDay, frequency, every, k + 1);
  } else {
    for (let k = 0; k < count; k++) days[k] = addPeriods(firstDay, frequency, every, k);
  }
  assert((days[0] as number) > disbursementDay, "the first due date follows the disbursement");
  return days;
}

/** A working calendar prepared for fast look-ups. */
export interface PreparedCalendar {
  readonly holidays: ReadonlySet<number>;
  readonly nonWorkingWeekdays: readonly boolean[];
  readonly meetingWeekdays: readonly boolean[];
  readonly rule: WorkingCalendar["rule"];
}

export function prepareCalendar(calendar: WorkingCalendar): PreparedCalendar {
  const nonWorking = new Array<boolean>(8).fill(false);
  for (const day of calendar.nonWorkingWeekdays) nonWorking[day] = true;
  const meeting = new Array<boolean>(8).fill(false);
  for (const day of calendar.meetingWeekdays) meeting[day] = true;
  return {
    holidays: new Set(calendar.holidays.map((date) => toEpochDay(date))),
    nonWorkingWeekdays: nonWorking,
    meetingWeekdays: meeting,
    rule: calendar.rule,
  };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an epoch day; 1970-01-01 was a Thursday. */
export function weekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function isWorkingDay(calendar: PreparedCalendar, epochDay: number): boolean {
  return !calendar.nonWorkingWeekdays[weekdayOfEpochDay(epochDay)] && !calendar.holidays.has(epochDay);
}

/** Moves a due day off a non-working day by the calendar's rule; bounded by `dueDateShiftMaxDays`. */
export function moveDueDay(calendar: PreparedCalendar, epochDay: number): number {
  if (isWorkingDay(calendar, epochDay)) return epochDay;
  const rule = calendar.rule;
  if (rule === "same_day") return epochDay;
  const step = rule === "previous_working_day" ? -1 : 1;
  for (let shift = 1; shift <= loanLimits.dueDateShiftMaxDays; shift++) {
    const candidate = epochDay + step * shift;
    if (!isWorkingDay(calendar, candidate)) continue;
    if (rule === "next_meeting_day" && !calendar.meetingWeekdays[weekdayOfEpochDay(candidate)]) continue;
    return candidate;
  }
  // A calendar with no working day within the bound is a data error the caller must see.
  assert(false, "no working day within the due date shift limit");
}

/** Days from `startDay` to `endDay` as the basis counts them (actual days, or 30/360 ISDA). */
export function countDays(startDay: number, endDay: number, daysInMonthBasis: DaysInMonthBasis): number {
  if (daysInMonthBasis === "actual") return endDay - startDay;
  const start = civilFromEpochDay(startDay);
  const end = civilFromEpochDay(endDay);
  const d1 = Math.min(start.day, 30);
  const d2 = end.day === 31 && d1 >= 30 ? 30 : end.day;
  return 360 * (end.year - start.year) + 30 * (end.month - start.month) + (d2 - d1);
}

/**
 * The fraction of a year from `startDay` to `endDay` under the basis, exactly. With "actual" days in the
 * year, each calendar year's days are divided by that year's length (365 or 366).
 */
export function yearFraction(
  startDay: number,
  endDay: number,
  daysInYearBasis: DaysInYearBasis,
  daysInMonthBasis: DaysInMonthBasis,
): Ratio {
  assert(endDay >= startDay, "a period does not run backwards");
  if (daysInYearBasis !== "actual") {
    return makeRatio(BigInt(countDays(startDay, endDay, daysInMonthBasis)), BigInt(daysInYearBasis));
  }
  if (daysInMonthBasis === "30") {
    // 30-day months with actual years has no standard meaning; a 30/360 count over 360 is the honest reading.
    return makeRatio(BigInt(countDays(startDay, endDay, "30")), 360n);
  }
  let commonDays = 0;
  let leapDays = 0;
  let cursor = startDay;
  while (cursor < endDay) {
    const { year } = civilFromEpochDay(cursor);
    const nextYearDay = epochDayFromCivil(year + 1, 1, 1);
    const segmentEnd = Math.min(nextYearDay, endDay);
    if (isLeapYear(year)) leapDays += segmentEnd - cursor;
    else commonDays += segmentEnd - cursor;
    cursor = segmentEnd;
  }
  return makeRatio(BigInt(commonDays) * 366n + BigInt(leapDays) * 365n, 365n * 366n);
}
