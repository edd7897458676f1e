/**
 * Built indicators (ADR 0017): a definition checked by the contract's schema and `checkIndicatorDefinition` is
 * compiled here into one query whose every value is a parameter (the definition only chooses among fixed
 * fragments of SQL written below), run in the tenant's transaction, and added up by `aggregateIndicator`.
 *
 * The query: the counted events of the period (an event with an end, such as an enrolment, counts when it
 * overlaps the period), of the people the definition selects, each kept only if every condition holds for it
 * (another event of the same person in the window around it, or no such event); with `minEventDaysInAMonth`, only
 * people who have that many event days in some calendar month; then one row per person with her profile.
 * Events a condition looks for are not limited to the period: a loan taken in the six months after a training
 * in December counts whenever it is taken.
 */
import type { Tx } from "@moldir/db";
import {
  type AgeBand,
  aggregateIndicator,
  birthDatesOfAgeBand,
  checkIndicatorDefinition,
  type IndicatorCondition,
  type IndicatorDefinition,
  type IndicatorEvents,
  type IndicatorPersonRow,
  type IndicatorPersons,
  type IndicatorResult,
  indicatorDefinitionLimits,
  namedProjectIds,
  type PlainDate,
  type ProjectRef,
  plainDate,
  resolveProjectRef,
} from "@moldir/domain";
import { type RawBuilder, sql } from "kysely";
import { AppError, refusal } from "../http/app-error";

/** The date that stands for "not ended yet" in events with an end. */
const openEnd = "9999-12-31";

function projectFilter(column: string, ref: ProjectRef, projectId: string | null): RawBuilder<unknown> {
  const resolved = resolveProjectRef(ref, projectId);
  return resolved === "any" ? sql`` : sql`AND ${sql.ref(column)} = ${resolved.projectId}`;
}

function inList(column: string, values: readonly string[] | undefined): RawBuilder<unknown> {
  if (values === undefined) return sql``;
  return sql`AND ${sql.ref(column)} IN (${sql.join(values)})`;
}

/**
 * The events of one source as rows (person_id, on_date, until_date, value_minor, quantity); each source's SQL
 * is fixed, only its values are parameters.
 */
export function eventsSql(
  events: IndicatorEvents,
  orgId: string,
  projectId: string | null,
): RawBuilder<unknown> {
  switch (events.source) {
    case "service":
      return sql`SELECT s.person_id, s.delivered_on AS on_date, s.delivered_on AS until_date,
          s.value_minor::bigint AS value_minor, s.quantity::bigint AS quantity
        FROM project_services s
        WHERE s.org_id = ${orgId} ${projectFilter("s.project_id", events.project, projectId)}
          ${inList("s.kind", events.kinds)}`;
    case "enrolment":
      return sql`SELECT b.person_id, b.enrolled_on AS on_date,
          COALESCE(b.exited_on, ${openEnd}::date) AS until_date, 0::bigint AS value_minor, 1::bigint AS quantity
        FROM beneficiaries b
        WHERE b.org_id = ${orgId} ${projectFilter("b.project_id", events.project, projectId)}`;
    case "training":
      return sql`SELECT tp.person_id, ts.starts_on AS on_date, ts.ends_on AS until_date,
          0::bigint AS value_minor, tp.days_attended::bigint AS quantity
        FROM training_participants tp
        JOIN training_sessions ts ON ts.org_id = tp.org_id AND ts.id = tp.session_id
        JOIN training_courses tc ON tc.org_id = ts.org_id AND tc.id = ts.course_id
        WHERE tp.org_id = ${orgId} AND tp.days_attended > 0 ${inList("tc.topic", events.topics)}`;
    case "loan":
      return sql`SELECT l.person_id, l.disbursed_on AS on_date, l.disbursed_on AS until_date,
          l.principal_minor::bigint AS value_minor, 1::bigint AS quantity
        FROM loans l
        WHERE l.org_id = ${orgId} AND l.person_id IS NOT NULL AND l.disbursed_on IS NOT NULL`;
    case "group_savings":
      return sql`SELECT gm.person_id, mv.held_on AS on_date, mv.held_on AS until_date,
          mv.amount_minor::bigint AS value_minor, 1::bigint AS quantity
        FROM live_group_movements mv
        JOIN group_members gm ON gm.org_id = mv.org_id AND gm.id = mv.member_id
        WHERE mv.org_id = ${orgId} AND mv.kind = 'savings'`;
    case "group_membership":
      return sql`SELECT gm.person_id, gm.joined_on AS on_date,
          COALESCE(gm.left_on, ${openEnd}::date) AS until_date, 0::bigint AS value_minor, 1::bigint AS quantity
        FROM group_members gm
        WHERE gm.org_id = ${orgId}`;
    case "center_attendance":
      return sql`SELECT cc.person_id, ca.attended_on AS on_date, ca.attended_on AS until_date,
          0::bigint AS value_minor, 1::bigint AS quantity
        FROM center_attendance ca
        JOIN center_children cc ON cc.org_id = ca.org_id AND cc.id = ca.child_id
        WHERE ca.org_id = ${orgId}`;
  }
}

function personsSql(persons: IndicatorPersons | undefined, to: PlainDate): RawBuilder<unknown> {
  if (persons === undefined) return sql``;
  const parts: RawBuilder<unknown>[] = [];
  if (persons.sexes !== undefined) parts.push(sql`AND p.sex IN (${sql.join(persons.sexes)})`);
  if (persons.ageBands !== undefined) {
    const bands = persons.ageBands.map((band: Exclude<AgeBand, "unknown">) => {
      const { after, onOrBefore } = birthDatesOfAgeBand(band, to);
      return after === null
        ? sql`p.birth_date <= ${onOrBefore}::date`
        : sql`(p.birth_date > ${after}::date AND p.birth_date <= ${onOrBefore}::date)`;
    });
    parts.push(sql`AND (${sql.join(bands, sql` OR `)})`);
  }
  if (persons.vulnerabilities !== undefined)
    parts.push(sql`AND p.vulnerabilities && ARRAY[${sql.join(persons.vulnerabilities)}]::text[]`);
  return sql.join(parts, sql` `);
}

function conditionSql(
  condition: IndicatorCondition,
  orgId: string,
  projectId: string | null,
): RawBuilder<unknown> {
  const months = condition.months ?? 0;
  const window =
    condition.window === "after"
      ? sql`AND c.on_date >= e.on_date AND c.on_date <= (e.on_date + make_interval(months => ${months}::int))::date`
      : condition.window === "before"
        ? sql`AND c.on_date <= e.on_date AND c.on_date >= (e.on_date - make_interval(months => ${months}::int))::date`
        : sql``;
  const exists = sql`EXISTS (SELECT 1 FROM (${eventsSql(condition.events, orgId, projectId)}) AS c
    WHERE c.person_id = e.person_id ${window})`;
  return condition.isAbsent === true ? sql`AND NOT ${exists}` : sql`AND ${exists}`;
}

/** The whole query of a definition over a period: one row per person counted, with her profile. */
export function indicatorSql(
  definition: IndicatorDefinition,
  orgId: string,
  projectId: string | null,
  from: PlainDate,
  to: PlainDate,
): RawBuilder<IndicatorSqlRow> {
  const conditions = (definition.conditions ?? []).map((c) => conditionSql(c, orgId, projectId));
  const monthly =
    definition.minEventDaysInAMonth === undefined
      ? sql``
      : sql`WHERE h.person_id IN (SELECT person_id FROM hits GROUP BY person_id, date_trunc('month', on_date)
          HAVING count(DISTINCT on_date) >= ${definition.minEventDaysInAMonth}::int)`;
  return sql<IndicatorSqlRow>`WITH hits AS (
      SELECT e.person_id, e.on_date, e.value_minor, e.quantity
      FROM (${eventsSql(definition.events, orgId, projectId)}) AS e
      JOIN persons p ON p.org_id = ${orgId} AND p.id = e.person_id
      WHERE e.on_date <= ${to}::date AND e.until_date >= ${from}::date
        ${personsSql(definition.persons, to)}
        ${sql.join(conditions, sql` `)}
    )
    SELECT p.id, p.sex, p.birth_date, p.region_id, p.vulnerabilities,
      count(*)::int AS events, COALESCE(sum(h.value_minor), 0)::bigint AS value_minor,
      COALESCE(sum(h.quantity), 0)::bigint AS quantity
    FROM hits h
    JOIN persons p ON p.org_id = ${orgId} AND p.id = h.person_id
    ${monthly}
    GROUP BY p.id, p.sex, p.birth_date, p.region_id, p.vulnerabilities
    ORDER BY p.id
    LIMIT ${indicatorDefinitionLimits.personsPerComputationMax + 1}`;
}

interface IndicatorSqlRow {
  id: string;
  sex: "female" | "male";
  birth_date: string | null;
  region_id: string | null;
  vulnerabilities: string[];
  events: number;
  value_minor: bigint;
  quantity: bigint;
}

/**
 * Checks a definition beyond its schema (rules, and that every project it names is the organization's), or
 * refuses with the catalogue's code.
 */
export async function requireValidDefinition(
  trx: Tx,
  orgId: string,
  definition: IndicatorDefinition,
): Promise<IndicatorDefinition> {
  const checked = checkIndicatorDefinition(definition);
  if (!checked.ok) throw refusal(checked);
  const named = namedProjectIds(definition);
  if (named.length > 0) {
    const found = await trx
      .selectFrom("projects")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "in", named)
      .execute();
    if (found.length !== named.length) throw new AppError("indicator_project_must_exist");
  }
  return checked.value;
}

/** Computes a built indicator of a project (or, with projectId null, where "this" means any project). */
export async function computeBuiltIndicator(
  trx: Tx,
  orgId: string,
  projectId: string | null,
  definition: IndicatorDefinition,
  from: PlainDate,
  to: PlainDate,
): Promise<IndicatorResult & { from: PlainDate; to: PlainDate }> {
  if (to < from) throw new AppError("indicator_period_must_be_ordered", { field: "to" });
  const { rows } = await indicatorSql(definition, orgId, projectId, from, to).execute(trx);
  // The bound is far above any organization's people; reaching it means a runaway definition, not a report.
  if (rows.length > indicatorDefinitionLimits.personsPerComputationMax)
    throw new Error("an indicator counted more people than its bound");
  const personRows: IndicatorPersonRow[] = rows.map((r) => ({
    profile: {
      personId: r.id,
      sex: r.sex,
      birthDate: r.birth_date === null ? null : plainDate(r.birth_date),
      regionId: r.region_id,
      vulnerabilities: r.vulnerabilities,
    },
    events: r.events,
    valueMinor: BigInt(r.value_minor),
    quantity: BigInt(r.quantity),
  }));
  return { from, to, ...aggregateIndicator(personRows, definition.measure, to) };
}
