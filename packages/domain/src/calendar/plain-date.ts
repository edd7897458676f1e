/**
 * Business dates: a calendar day with no time and no time zone, written `YYYY-MM-DD`. Due dates, value
 * dates and business dates are plain dates; only instants (when something happened) carry a time.
 *
 * Arithmetic works on the epoch day (days since 1970-01-01) with the civil-calendar algorithms of
 * Howard Hinnant ("chrono-Compatible Low-Level Date Algorithms"), so it never touches `Date` or a zone.
 */
import { assert } from "../assert";
import { err, ok, type Result } from "../result";

declare const plainDateBrand: unique symbol;
/** A valid calendar date as `YYYY-MM-DD`. */
export type PlainDate = string & { readonly [plainDateBrand]: true };

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parsePlainDate(text: string): Result<PlainDate, "date_must_be_valid"> {
  const match = datePattern.exec(text);
  if (match === null) return err("date_must_be_valid");
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return err("date_must_be_valid");
  }
  return ok(text as PlainDate);
}

/** A date known to be valid, e.g. a literal in a test or a value read from the database. */
export function plainDate(text: string): PlainDate {
  const result = parsePlainDate(text);
  assert(result.ok, `not a valid date: ${text}`);
  return result.value;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  assert(month >= 1 && month <= 12, "month out of range");
  return month === 2 && isLeapYear(year) ? 29 : (monthLengths[month - 1] as number);
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

export function toCivil(date: PlainDate): CivilDate {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function fromCivil(year: number, month: number, day: number): PlainDate {
  assert(year >= 1 && year <= 9999, "year out of range");
  assert(day >= 1 && day <= daysInMonth(year, month), "day out of range");
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}` as PlainDate;
}

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

/** Days since 1970-01-01 (negative before it). */
export function toEpochDay(date: PlainDate): number {
  const { year, month, day } = toCivil(date);
  return epochDayFromCivil(year, month, day);
}

export function epochDayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilFromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function fromEpochDay(epochDay: number): PlainDate {
  const { year, month, day } = civilFromEpochDay(epochDay);
  return fromCivil(year, month, day);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  assert(Number.isInteger(days), "days must be an integer");
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * Adds calendar months, keeping the day of month and clamping it to the month's end. Count from a fixed
 * anchor (`addMonths(start, k)`), not step by step, so that 31 Jan → 28/29 Feb → 31 Mar.
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  assert(Number.isInteger(months), "months must be an integer");
  const { year, month, day } = toCivil(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  return fromCivil(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(date: PlainDate): number {
  const epochDay = toEpochDay(date);
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function compareDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function endOfMonth(date: PlainDate): PlainDate {
  const { year, month } = toCivil(date);
  return fromCivil(year, month, daysInMonth(year, month));
}

/**
 * Date formatters by time zone. Making one costs about a third of a millisecond, far more than formatting with it,
 * and every request asks for its organization's day; the zones in use are few (bounded all the same).
 */
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
const dateFormattersMax = 1_000;

function dateFormatterOf(timeZone: string): Intl.DateTimeFormat {
  const known = dateFormatters.get(timeZone);
  if (known !== undefined) return known;
  const made = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  if (dateFormatters.size < dateFormattersMax) dateFormatters.set(timeZone, made);
  return made;
}

/** The calendar date of an instant in a time zone (e.g. the business date in Asia/Almaty). */
export function plainDateAt(instantMs: number, timeZone: string): PlainDate {
  const parts = dateFormatterOf(timeZone).formatToParts(instantMs);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return plainDate(`${part("year")}-${part("month")}-${part("day")}`);
}
