/**
 * A person, known once across all her roles. The IIN, when given, must agree with the birth date and sex on
 * record: the IIN encodes both.
 */
import { compareDates, type PlainDate } from "../calendar/plain-date";
import { limits } from "../limits";
import { err, ok, type Result } from "../result";
import { type IinError, parseIin, type Sex } from "./iin";

export const vulnerabilityFlags = [
  "single_mother",
  "widow",
  "disability",
  "large_family",
  "pensioner",
  "unemployed",
] as const;
export type VulnerabilityFlag = (typeof vulnerabilityFlags)[number];

export const incomeBands = ["none", "below_subsistence", "below_median", "above_median"] as const;
export type IncomeBand = (typeof incomeBands)[number];

export const relationships = [
  "head",
  "spouse",
  "mother",
  "father",
  "child",
  "grandmother",
  "grandfather",
  "grandchild",
  "sibling",
  "other",
] as const;
export type Relationship = (typeof relationships)[number];

export interface PersonFacts {
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic: string | null;
  readonly sex: Sex;
  readonly birthDate: PlainDate | null;
  readonly iin: string | null;
}

export type PersonError =
  | "surname_must_be_given"
  | "given_name_must_be_given"
  | "name_must_not_be_too_long"
  | "birth_date_must_not_be_in_the_future"
  | "iin_must_match_birth_date"
  | "iin_must_match_sex"
  | IinError;

/** Checks a person's facts; `today` is passed in, the domain reads no clock. */
export function checkPerson(facts: PersonFacts, today: PlainDate): Result<PersonFacts, PersonError> {
  if (facts.surname.trim() === "") return err("surname_must_be_given", { field: "surname" });
  if (facts.givenName.trim() === "") return err("given_name_must_be_given", { field: "givenName" });
  for (const [field, value] of [
    ["surname", facts.surname],
    ["givenName", facts.givenName],
    ["patronymic", facts.patronymic ?? ""],
  ] as const) {
    if (value.length > limits.nameMaxLength) return err("name_must_not_be_too_long", { field });
  }
  if (facts.birthDate !== null && compareDates(facts.birthDate, today) > 0) {
    return err("birth_date_must_not_be_in_the_future", { field: "birthDate" });
  }
  if (facts.iin !== null) {
    const iin = parseIin(facts.iin);
    if (!iin.ok) return err(iin.code, { field: "iin" });
    if (facts.birthDate !== null && iin.value.birthDate !== facts.birthDate)
      return err("iin_must_match_birth_date", { field: "iin" });
    if (iin.value.sex !== facts.sex) return err("iin_must_match_sex", { field: "iin" });
  }
  return ok(facts);
}
