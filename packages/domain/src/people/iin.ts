/**
 * The IIN (individual identification number) of Kazakhstan: 12 digits. YYMMDD birth date; digit 7 gives
 * the century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd male, even female); digits 8–11 a serial;
 * digit 12 a check digit: s = Σ dᵢ·i (i = 1..11) mod 11; if s = 10, s = Σ dᵢ·wᵢ mod 11 with
 * w = 3,4,5,6,7,8,9,10,11,1,2; if still 10 the number is invalid. The BIN of an organization uses the
 * same check digit. An IIN is sensitive: it is shown masked and never written to a URL or a log.
 */
import { fromCivil, isLeapYear, type PlainDate } from "../calendar/plain-date";
import { err, ok, type Result } from "../result";

export type Sex = "female" | "male";

export interface IinFacts {
  readonly birthDate: PlainDate;
  readonly sex: Sex;
}

const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

/** The check digit of the first 11 digits, or null when none exists (the number cannot be valid). */
export function identificationCheckDigit(digits: readonly number[]): number | null {
  let first = 0;
  let second = 0;
  for (let index = 0; index < 11; index++) {
    const digit = digits[index] ?? 0;
    first += digit * (index + 1);
    second += digit * (secondWeights[index] as number);
  }
  const s1 = first % 11;
  if (s1 !== 10) return s1;
  const s2 = second % 11;
  return s2 === 10 ? null : s2;
}

function hasValidCheckDigit(text: string): boolean {
  if (!/^\d{12}$/.test(text)) return false;
  const digits = Array.from(text, Number);
  return identificationCheckDigit(digits) === digits[11];
}

export type IinError =
  | "iin_must_have_12_digits"
  | "iin_must_have_valid_check_digit"
  | "iin_must_encode_valid_birth_date";

/** Checks an IIN and reads the birth date and sex it encodes. */
export function parseIin(text: string): Result<IinFacts, IinError> {
  if (!/^\d{12}$/.test(text)) return err("iin_must_have_12_digits");
  if (!hasValidCheckDigit(text)) return err("iin_must_have_valid_check_digit");
  const centuryDigit = Number(text[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return err("iin_must_encode_valid_birth_date");
  const century = 1800 + Math.floor((centuryDigit - 1) / 2) * 100;
  const year = century + Number(text.slice(0, 2));
  const month = Number(text.slice(2, 4));
  const day = Number(text.slice(4, 6));
  const monthDays = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > (monthDays[month - 1] as number)) {
    return err("iin_must_encode_valid_birth_date");
  }
  return ok({ birthDate: fromCivil(year, month, day), sex: centuryDigit % 2 === 1 ? "male" : "female" });
}

/** Checks a BIN (business identification number): 12 digits with the same check digit as the IIN. */
export function isValidBin(text: string): boolean {
  return hasValidCheckDigit(text);
}

/** Shows the first two and last three digits: `06•••••••012`. */
export function maskIin(text: string): string {
  if (text.length !== 12) return "••••••••••••";
  return `${text.slice(0, 2)}•••••••${text.slice(9)}`;
}
