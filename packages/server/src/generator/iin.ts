/** Valid IINs for generated people: birth date, century and sex, a serial, and the check digit (see DOMAIN.md). */
import { identificationCheckDigit, type PlainDate, toCivil } from "@moldir/domain";
import type { Sex } from "./names";

/**
 * The IIN of a person born on `birthDate` with the serial `serial` (0–9999); a serial for which no check digit
 * exists is skipped to the next one, so every serial gives a valid IIN.
 */
export function makeIin(birthDate: PlainDate, sex: Sex, serial: number): string {
  const { year, month, day } = toCivil(birthDate);
  const centuryDigit = (Math.floor(year / 100) - 18) * 2 + (sex === "male" ? 1 : 2);
  const head = `${String(year % 100).padStart(2, "0")}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${centuryDigit}`;
  for (let candidate = serial; ; candidate++) {
    const first11 = `${head}${String(candidate % 10_000).padStart(4, "0")}`;
    const check = identificationCheckDigit(Array.from(first11, Number));
    if (check !== null) return `${first11}${check}`;
  }
}
