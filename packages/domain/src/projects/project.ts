/**
 * Donor-funded projects: what a project may ask of the people it enrols (eligibility from the person's
 * profile), the kinds of service it delivers, and its budget in the donor's currency turned into tenge at the
 * project's rate. A rate is stated in millionths ("ppm") of a tenge per unit of the donor's currency, so that
 * 478.5 ₸ per dollar is 478_500_000 and the conversion stays in integers.
 */

import { assert } from "../assert";
import { compareDates, type PlainDate, toCivil } from "../calendar/plain-date";
import { type CurrencyCode, getCurrency, minorPerMajor } from "../money/currency";
import { divideRounded } from "../money/rounding";
import { err, ok, type Result } from "../result";

/** Kinds of service a project delivers to a beneficiary. A grant is money and is posted to the ledger. */
export const serviceKinds = [
  "grant",
  "training",
  "consultation",
  "food_package",
  "school_package",
  "children_center_day",
] as const;
export type ServiceKind = (typeof serviceKinds)[number];

/** Bounds of the projects area. */
export const projectLimits = {
  /** Budget lines of one project. */
  budgetLinesPerProjectMax: 200,
  /** Rows of one attendance sheet (bulk service entry). */
  attendanceRowsMax: 500,
  /** Beneficiaries of one project listed or counted in one request. */
  beneficiariesPerProjectMax: 50_000,
  /** Services read for one indicator computation. */
  servicesPerIndicatorQueryMax: 500_000,
  /** Projects of one organization. */
  projectsPerOrganizationMax: 2_000,
  /** Largest rate in ppm: a million tenge per unit of the donor's currency. */
  ratePpmMax: 1_000_000_000_000n,
} as const;

/** One million: the rate's unit is a millionth of a tenge per unit of the donor's currency. */
export const ratePpmPerUnit = 1_000_000n;

/**
 * Tenge (in tiyn) of an amount in the donor's currency (in its minor units) at the project's rate, rounded
 * half-even to the tiyn.
 */
export function tengeFromDonorMinor(
  donorMinor: bigint,
  donorCurrency: CurrencyCode,
  ratePpm: bigint,
): bigint {
  assert(ratePpm > 0n, "a rate is positive");
  assert(donorMinor >= 0n, "a budget amount is not negative");
  const tengePerMajor = minorPerMajor(getCurrency("KZT"));
  const donorPerMajor = minorPerMajor(getCurrency(donorCurrency));
  const result = divideRounded(
    donorMinor * tengePerMajor * ratePpm,
    donorPerMajor * ratePpmPerUnit,
    "half_even",
  );
  assert(result >= 0n, "a converted amount is not negative");
  return result;
}

/** What a project asks of the people it enrols; each criterion left out asks nothing. */
export interface EligibilityCriteria {
  readonly sexes?: readonly ("female" | "male")[] | undefined;
  /** Age in whole years on the enrolment date, inclusive bounds. */
  readonly ageMinYears?: number | undefined;
  readonly ageMaxYears?: number | undefined;
  readonly regionIds?: readonly string[] | undefined;
  /** At least one of these vulnerabilities must be on the person's profile. */
  readonly vulnerabilitiesAny?: readonly string[] | undefined;
}

/** The facts of a person's profile that eligibility reads. */
export interface EligibilityFacts {
  readonly sex: "female" | "male";
  readonly birthDate: PlainDate | null;
  readonly regionId: string | null;
  readonly vulnerabilities: readonly string[];
}

export type EligibilityCriterion = "sex" | "age" | "region" | "vulnerability";
export type BeneficiaryEligibilityError = "beneficiary_must_meet_eligibility";

/** Age in whole years on a date. */
export function ageInYears(birthDate: PlainDate, on: PlainDate): number {
  const birth = toCivil(birthDate);
  const day = toCivil(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Checks a person against the project's criteria, in a fixed order: sex, age, region, vulnerability. */
export function checkBeneficiaryEligibility(
  criteria: EligibilityCriteria,
  facts: EligibilityFacts,
  on: PlainDate,
): Result<true, BeneficiaryEligibilityError> {
  const refuse = (criterion: EligibilityCriterion) => err("beneficiary_must_meet_eligibility", { criterion });
  if (criteria.sexes !== undefined && criteria.sexes.length > 0 && !criteria.sexes.includes(facts.sex))
    return refuse("sex");
  if (criteria.ageMinYears !== undefined || criteria.ageMaxYears !== undefined) {
    if (facts.birthDate === null) return refuse("age");
    const age = ageInYears(facts.birthDate, on);
    if (criteria.ageMinYears !== undefined && age < criteria.ageMinYears) return refuse("age");
    if (criteria.ageMaxYears !== undefined && age > criteria.ageMaxYears) return refuse("age");
  }
  if (criteria.regionIds !== undefined && criteria.regionIds.length > 0) {
    if (facts.regionId === null || !criteria.regionIds.includes(facts.regionId)) return refuse("region");
  }
  if (criteria.vulnerabilitiesAny !== undefined && criteria.vulnerabilitiesAny.length > 0) {
    if (!criteria.vulnerabilitiesAny.some((v) => facts.vulnerabilities.includes(v)))
      return refuse("vulnerability");
  }
  return ok(true);
}

/** Whether a date falls in a period, both ends included; a null end is open. */
export function isWithinPeriod(date: PlainDate, from: PlainDate, to: PlainDate | null): boolean {
  return compareDates(date, from) >= 0 && (to === null || compareDates(date, to) <= 0);
}
