/**
 * Indicators built by a program officer (ADR 0017). A definition is data, never SQL: which events count (services
 * of some kinds, enrolments, training attendance, loans, group savings or membership, days at the children's
 * center), of which people, under which conditions (another event within some months after or before it, or at
 * any time, or its absence), and what is measured (distinct people, events, or a sum of value or quantity).
 *
 * The server compiles a definition into one parameterised query that returns one row per person with her
 * profile and her share of the measure; `aggregateIndicator` then adds those rows up and breaks them down by
 * sex, age band (on the period's last day), region and vulnerability, so a built indicator is disaggregated
 * like the fixed ones and counts a person once however many events she has.
 */

import { assert } from "../assert";
import type { PlainDate } from "../calendar/plain-date";
import { err, ok, type Result } from "../result";
import { type AgeBand, ageBandOf, ageBands, type PersonProfile } from "./indicators";
import type { ServiceKind } from "./project";

/** What an indicator adds up. */
export const indicatorMeasures = ["unique_persons", "events", "sum_value", "sum_quantity"] as const;
export type IndicatorMeasure = (typeof indicatorMeasures)[number];

/** Where the events an indicator counts come from. */
export const indicatorSources = [
  "service",
  "enrolment",
  "training",
  "loan",
  "group_savings",
  "group_membership",
  "center_attendance",
] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

/** The project an event belongs to: the indicator's own, any, or a named one. */
export type ProjectRef = "this" | "any" | { readonly projectId: string };

/** A set of events of one person each, with a date (and an end date for enrolments and memberships). */
export type IndicatorEvents =
  | { readonly source: "service"; readonly project: ProjectRef; readonly kinds?: readonly ServiceKind[] }
  | { readonly source: "enrolment"; readonly project: ProjectRef }
  /** Sessions a person attended at least one day of, dated by their first day; quantity: days attended. */
  | { readonly source: "training"; readonly topics?: readonly string[] }
  /** Loans disbursed to a person (not to a group), dated by disbursement; value: principal. */
  | { readonly source: "loan" }
  /** Savings paid in at a group meeting; value: the amount. */
  | { readonly source: "group_savings" }
  /** Membership of a self-help group, from joining to leaving. */
  | { readonly source: "group_membership" }
  /** Days a child attended the children's center. */
  | { readonly source: "center_attendance" };

/** Where another event must lie relative to a counted one. */
export const conditionWindows = ["after", "before", "any_time"] as const;
export type ConditionWindow = (typeof conditionWindows)[number];

export interface IndicatorCondition {
  readonly events: IndicatorEvents;
  /** "after": on the counted event's day or up to `months` later; "before": up to `months` earlier. */
  readonly window: ConditionWindow;
  readonly months?: number;
  /** The condition holds when no such event exists. */
  readonly isAbsent?: boolean;
}

/** Which people an indicator counts, from their profiles. */
export interface IndicatorPersons {
  readonly sexes?: readonly ("female" | "male")[];
  /** Age bands on the period's last day. */
  readonly ageBands?: readonly Exclude<AgeBand, "unknown">[];
  /** People with any of these vulnerabilities. */
  readonly vulnerabilities?: readonly string[];
}

/** A built indicator. */
export interface IndicatorDefinition {
  readonly measure: IndicatorMeasure;
  readonly events: IndicatorEvents;
  readonly persons?: IndicatorPersons;
  readonly conditions?: readonly IndicatorCondition[];
  /** A person counts only if in some calendar month she has this many event days (e.g. 8 days at the center). */
  readonly minEventDaysInAMonth?: number;
}

export const indicatorDefinitionLimits = {
  /** Conditions of one definition: each is one EXISTS in the query. */
  conditionsMax: 3,
  /** Months a condition's window reaches. */
  windowMonthsMax: 60,
  /** Values in one list (kinds, topics, vulnerabilities, age bands). */
  listValuesMax: 20,
  /** People one indicator computation returns. */
  personsPerComputationMax: 200_000,
  /** Saved indicators of one project. */
  definitionsPerProjectMax: 50,
} as const;

export type IndicatorDefinitionError =
  | "indicator_window_must_name_months"
  | "indicator_measure_must_fit_events"
  | "indicator_conditions_must_be_few";

/** The project sources: the only ones a project reference applies to. */
function sourceHasProject(
  events: IndicatorEvents,
): events is Extract<IndicatorEvents, { source: "service" | "enrolment" }> {
  return events.source === "service" || events.source === "enrolment";
}

/** Whether the events carry a value that a sum can add (money). */
export function eventsHaveValue(events: IndicatorEvents): boolean {
  return events.source === "service" || events.source === "loan" || events.source === "group_savings";
}

/**
 * Checks what a schema cannot: a window of "after" or "before" names its months (and "any_time" none), a sum of
 * value is over events that have one, conditions are few. Refuses with the first rule broken.
 */
export function checkIndicatorDefinition(
  definition: IndicatorDefinition,
): Result<IndicatorDefinition, IndicatorDefinitionError> {
  const conditions = definition.conditions ?? [];
  if (conditions.length > indicatorDefinitionLimits.conditionsMax)
    return err("indicator_conditions_must_be_few", { max: indicatorDefinitionLimits.conditionsMax });
  for (const [index, condition] of conditions.entries()) {
    const hasMonths = condition.months !== undefined;
    if ((condition.window === "any_time") === hasMonths)
      return err("indicator_window_must_name_months", { condition: index + 1 });
  }
  if (definition.measure === "sum_value" && !eventsHaveValue(definition.events))
    return err("indicator_measure_must_fit_events", { measure: definition.measure });
  return ok(definition);
}

/** Replaces the project reference "this" by the project the indicator belongs to (or "any" without one). */
export function resolveProjectRef(ref: ProjectRef, projectId: string | null): "any" | { projectId: string } {
  if (ref === "this") return projectId === null ? "any" : { projectId };
  return ref;
}

/** The project ids a definition names, so the server can check each belongs to the organization. */
export function namedProjectIds(definition: IndicatorDefinition): string[] {
  const all = [definition.events, ...(definition.conditions ?? []).map((c) => c.events)];
  const ids = new Set<string>();
  for (const events of all)
    if (sourceHasProject(events) && typeof events.project === "object") ids.add(events.project.projectId);
  return [...ids];
}

/** One person's share of a built indicator, as the query returns it. */
export interface IndicatorPersonRow {
  readonly profile: PersonProfile;
  /** Her events counted. */
  readonly events: number;
  readonly valueMinor: bigint;
  readonly quantity: bigint;
}

/** The result of a built indicator: its value and how the value splits. */
export interface IndicatorResult {
  readonly value: bigint;
  /** Distinct people behind the value. */
  readonly people: number;
  readonly bySex: Readonly<Record<"female" | "male", bigint>>;
  readonly byAgeBand: Readonly<Record<AgeBand, bigint>>;
  /** Region id → value; people with no region under "unknown". */
  readonly byRegion: Readonly<Record<string, bigint>>;
  /** Vulnerability → value of the people who have it (a person may count under several). */
  readonly byVulnerability: Readonly<Record<string, bigint>>;
}

function shareOf(row: IndicatorPersonRow, measure: IndicatorMeasure): bigint {
  switch (measure) {
    case "unique_persons":
      return 1n;
    case "events":
      return BigInt(row.events);
    case "sum_value":
      return row.valueMinor;
    case "sum_quantity":
      return row.quantity;
  }
}

/** Adds up the rows of a built indicator (one per person) and breaks the value down. */
export function aggregateIndicator(
  rows: readonly IndicatorPersonRow[],
  measure: IndicatorMeasure,
  on: PlainDate,
): IndicatorResult {
  const bySex = { female: 0n, male: 0n };
  const byAgeBand = Object.fromEntries(ageBands.map((b) => [b, 0n])) as Record<AgeBand, bigint>;
  const byRegion: Record<string, bigint> = {};
  const byVulnerability: Record<string, bigint> = {};
  const seen = new Set<string>();
  let value = 0n;
  for (const row of rows) {
    assert(!seen.has(row.profile.personId), "one row per person");
    seen.add(row.profile.personId);
    const share = shareOf(row, measure);
    assert(share >= 0n, "a person's share is not negative");
    value += share;
    bySex[row.profile.sex] += share;
    byAgeBand[ageBandOf(row.profile.birthDate, on)] += share;
    const region = row.profile.regionId ?? "unknown";
    byRegion[region] = (byRegion[region] ?? 0n) + share;
    for (const v of new Set(row.profile.vulnerabilities))
      byVulnerability[v] = (byVulnerability[v] ?? 0n) + share;
  }
  assert(bySex.female + bySex.male === value, "the value splits by sex exactly");
  return { value, people: seen.size, bySex, byAgeBand, byRegion, byVulnerability };
}
