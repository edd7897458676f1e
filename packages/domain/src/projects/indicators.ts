/**
 * Indicators of projects: counts and sums over enrolments and services delivered in a period, each broken
 * down by sex, age band, region and vulnerability. A person is counted once however many times she was
 * enrolled or served, and across however many projects the facts span: "10,000 beneficiaries" is the
 * number of distinct people, not of enrolments. Age is taken on the last day of the period.
 */

import { assert } from "../assert";
import { addMonths, compareDates, type PlainDate } from "../calendar/plain-date";
import { ageInYears, type ServiceKind, serviceKinds } from "./project";

export const ageBands = ["0-17", "18-29", "30-44", "45-59", "60+", "unknown"] as const;
export type AgeBand = (typeof ageBands)[number];

/** Indicators a project can set a target for. */
export const indicatorKeys = [
  "beneficiaries",
  "new_enrolments",
  "people_served",
  "services",
  "assistance_value_minor",
] as const;
export type IndicatorKey = (typeof indicatorKeys)[number];

/** The facts of a person that indicators break down by. */
export interface PersonProfile {
  readonly personId: string;
  readonly sex: "female" | "male";
  readonly birthDate: PlainDate | null;
  readonly regionId: string | null;
  readonly vulnerabilities: readonly string[];
}

export interface EnrolmentFact {
  readonly projectId: string;
  readonly personId: string;
  readonly enrolledOn: PlainDate;
  readonly exitedOn: PlainDate | null;
}

export interface ServiceFact {
  readonly projectId: string;
  readonly personId: string;
  readonly kind: ServiceKind;
  readonly deliveredOn: PlainDate;
  readonly quantity: number;
  readonly valueMinor: bigint;
}

/** A count of distinct people and how it splits. */
export interface Breakdown {
  readonly total: number;
  readonly bySex: Readonly<Record<"female" | "male", number>>;
  readonly byAgeBand: Readonly<Record<AgeBand, number>>;
  /** Region id → people; people with no region under "unknown". */
  readonly byRegion: Readonly<Record<string, number>>;
  /** Vulnerability → people who have it (a person may count under several). */
  readonly byVulnerability: Readonly<Record<string, number>>;
}

export interface ServiceTotals {
  readonly count: number;
  readonly quantity: number;
  readonly valueMinor: bigint;
}

export interface Indicators {
  readonly from: PlainDate;
  readonly to: PlainDate;
  /** Distinct people enrolled at any time in the period. */
  readonly beneficiaries: Breakdown;
  /** Enrolments that began in the period. */
  readonly newEnrolments: number;
  /** Enrolments that ended in the period. */
  readonly exits: number;
  /** Distinct people who received at least one service in the period. */
  readonly peopleServed: Breakdown;
  readonly servicesByKind: Readonly<Record<ServiceKind, ServiceTotals>>;
  /** Services delivered in the period (records, not quantity). */
  readonly services: number;
  /** Value of the financial assistance grants delivered in the period. */
  readonly assistanceValueMinor: bigint;
}

export function ageBandOf(birthDate: PlainDate | null, on: PlainDate): AgeBand {
  if (birthDate === null) return "unknown";
  const age = ageInYears(birthDate, on);
  if (age < 18) return "0-17";
  if (age < 30) return "18-29";
  if (age < 45) return "30-44";
  if (age < 60) return "45-59";
  return "60+";
}

const ageBandYears: Readonly<
  Record<Exclude<AgeBand, "unknown">, readonly [from: number, to: number | null]>
> = {
  "0-17": [0, 17],
  "18-29": [18, 29],
  "30-44": [30, 44],
  "45-59": [45, 59],
  "60+": [60, null],
};

/**
 * The birth dates of the people in an age band on a day, for a query: born after `after` (null: no bound) and
 * on or before `onOrBefore`. Agrees with `ageBandOf`.
 */
export function birthDatesOfAgeBand(
  band: Exclude<AgeBand, "unknown">,
  on: PlainDate,
): { readonly after: PlainDate | null; readonly onOrBefore: PlainDate } {
  const [from, to] = ageBandYears[band];
  return {
    after: to === null ? null : addMonths(on, -12 * (to + 1)),
    onOrBefore: addMonths(on, -12 * from),
  };
}

function breakdownOf(
  personIds: ReadonlySet<string>,
  profiles: ReadonlyMap<string, PersonProfile>,
  on: PlainDate,
): Breakdown {
  const bySex = { female: 0, male: 0 };
  const byAgeBand = Object.fromEntries(ageBands.map((b) => [b, 0])) as Record<AgeBand, number>;
  const byRegion: Record<string, number> = {};
  const byVulnerability: Record<string, number> = {};
  for (const personId of personIds) {
    const profile = profiles.get(personId);
    assert(profile !== undefined, `a profile for every person counted (${personId})`);
    bySex[profile.sex] += 1;
    byAgeBand[ageBandOf(profile.birthDate, on)] += 1;
    const region = profile.regionId ?? "unknown";
    byRegion[region] = (byRegion[region] ?? 0) + 1;
    for (const v of new Set(profile.vulnerabilities)) byVulnerability[v] = (byVulnerability[v] ?? 0) + 1;
  }
  assert(bySex.female + bySex.male === personIds.size, "every person counted once by sex");
  return { total: personIds.size, bySex, byAgeBand, byRegion, byVulnerability };
}

const inPeriod = (date: PlainDate, from: PlainDate, to: PlainDate) =>
  compareDates(date, from) >= 0 && compareDates(date, to) <= 0;

/** Computes the indicators of the facts given (one project's, or all projects' for the organization). */
export function computeIndicators(input: {
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly profiles: readonly PersonProfile[];
  readonly enrolments: readonly EnrolmentFact[];
  readonly services: readonly ServiceFact[];
}): Indicators {
  const { from, to } = input;
  assert(compareDates(from, to) <= 0, "an indicator period is ordered");
  const profiles = new Map(input.profiles.map((p) => [p.personId, p]));
  const enrolled = new Set<string>();
  let newEnrolments = 0;
  let exits = 0;
  for (const e of input.enrolments) {
    const overlaps =
      compareDates(e.enrolledOn, to) <= 0 && (e.exitedOn === null || compareDates(e.exitedOn, from) >= 0);
    if (overlaps) enrolled.add(e.personId);
    if (inPeriod(e.enrolledOn, from, to)) newEnrolments += 1;
    if (e.exitedOn !== null && inPeriod(e.exitedOn, from, to)) exits += 1;
  }
  const served = new Set<string>();
  const byKind = Object.fromEntries(
    serviceKinds.map((k) => [k, { count: 0, quantity: 0, valueMinor: 0n }]),
  ) as Record<ServiceKind, { count: number; quantity: number; valueMinor: bigint }>;
  let services = 0;
  for (const s of input.services) {
    if (!inPeriod(s.deliveredOn, from, to)) continue;
    served.add(s.personId);
    services += 1;
    const totals = byKind[s.kind];
    totals.count += 1;
    totals.quantity += s.quantity;
    totals.valueMinor += s.valueMinor;
  }
  return {
    from,
    to,
    beneficiaries: breakdownOf(enrolled, profiles, to),
    newEnrolments,
    exits,
    peopleServed: breakdownOf(served, profiles, to),
    servicesByKind: byKind,
    services,
    assistanceValueMinor: byKind.grant.valueMinor,
  };
}

/** The value of an indicator, as a bigint so counts and sums compare alike with their targets. */
export function indicatorValue(indicators: Indicators, key: IndicatorKey): bigint {
  switch (key) {
    case "beneficiaries":
      return BigInt(indicators.beneficiaries.total);
    case "new_enrolments":
      return BigInt(indicators.newEnrolments);
    case "people_served":
      return BigInt(indicators.peopleServed.total);
    case "services":
      return BigInt(indicators.services);
    case "assistance_value_minor":
      return indicators.assistanceValueMinor;
  }
}

/** Progress toward a target in basis points (10,000 = reached), rounded down; a target of 0 is reached. */
export function progressBps(actual: bigint, target: bigint): number {
  assert(target >= 0n && actual >= 0n, "targets and actuals are not negative");
  if (target === 0n) return 10_000;
  return Number((actual * 10_000n) / target);
}
