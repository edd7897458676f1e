/**
 * Reading projects: the project with its budget and targets, beneficiaries, services, budget against actual
 * (read from the journal lines that carry the project's id, so it is always what the ledger says), and the
 * facts indicators are computed from.
 */
import type { Eligibility } from "@moldir/contract";
import type { Tx } from "@moldir/db";
import { sql } from "@moldir/db";
import {
  assert,
  type EligibilityCriteria,
  type EnrolmentFact,
  type PersonProfile,
  type PlainDate,
  plainDate,
  projectLimits,
  type ServiceFact,
  type ServiceKind,
} from "@moldir/domain";
import { AppError } from "../http/app-error";
import { type PersonRow, personColumns, toPersonSummary } from "../people/persons";

export type ProjectRow = Awaited<ReturnType<typeof loadProject>>;

export async function loadProject(trx: Tx, orgId: string, projectId: string, lock = false) {
  let query = trx.selectFrom("projects").selectAll().where("org_id", "=", orgId).where("id", "=", projectId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  return row;
}

export function eligibilityOf(row: ProjectRow): EligibilityCriteria {
  return row.eligibility as EligibilityCriteria;
}

/** Refuses a date outside the project's period, naming the field. */
export function requireInPeriod(project: ProjectRow, date: PlainDate, field: string): void {
  if (date < project.starts_on || date > project.ends_on)
    throw new AppError("date_must_be_in_project_period", {
      field,
      from: project.starts_on,
      to: project.ends_on,
    });
}

/** Spending of projects by expense account, from the journal lines that carry each project's id. */
async function actualByAccount(
  trx: Tx,
  orgId: string,
  projectIds: readonly string[],
  asOf: PlainDate | null,
) {
  if (projectIds.length === 0) return [];
  let query = trx
    .selectFrom("journal_lines as l")
    .innerJoin("accounts as a", (join) =>
      join.onRef("a.org_id", "=", "l.org_id").onRef("a.id", "=", "l.account_id"),
    )
    .select(["l.project_id", "l.account_id", sql<string>`sum(l.debit_minor) - sum(l.credit_minor)`.as("net")])
    .where("l.org_id", "=", orgId)
    .where("l.project_id", "in", [...projectIds])
    .where("a.type", "=", "expense")
    .groupBy(["l.project_id", "l.account_id"]);
  if (asOf !== null) query = query.where("l.value_date", "<=", asOf);
  const rows = await query.execute();
  return rows.map((r) => ({
    projectId: r.project_id as string,
    accountId: r.account_id,
    netMinor: BigInt(r.net),
  }));
}

/**
 * Budget against actual as of a date. Each line's actual is the project's spending on the line's account;
 * when two lines name the same account, the first takes its spending. Spending on accounts no line names
 * is shown apart, so the total always equals the project's expense lines in the ledger.
 */
export async function budgetAgainstActual(trx: Tx, orgId: string, projectId: string, asOf: PlainDate) {
  const lines = await budgetLinesOf(trx, orgId, projectId);
  const actual = new Map(
    (await actualByAccount(trx, orgId, [projectId], asOf)).map((r) => [r.accountId, r.netMinor]),
  );
  const claimed = new Set<string>();
  const rows = lines.map((line) => {
    const actualMinor = claimed.has(line.account_id) ? 0n : (actual.get(line.account_id) ?? 0n);
    claimed.add(line.account_id);
    return {
      lineNo: line.line_no,
      name: line.name,
      accountId: line.account_id,
      budgetMinor: line.amount_minor,
      actualMinor,
      remainingMinor: line.amount_minor - actualMinor,
    };
  });
  const unbudgetedActualMinor = [...actual.entries()]
    .filter(([accountId]) => !claimed.has(accountId))
    .reduce((sum, [, net]) => sum + net, 0n);
  const totalActualMinor = [...actual.values()].reduce((sum, net) => sum + net, 0n);
  assert(
    rows.reduce((sum, r) => sum + r.actualMinor, 0n) + unbudgetedActualMinor === totalActualMinor,
    "lines and unbudgeted spending add up to the project's spending",
  );
  return {
    asOf,
    lines: rows,
    unbudgetedActualMinor,
    totalBudgetMinor: rows.reduce((sum, r) => sum + r.budgetMinor, 0n),
    totalActualMinor,
  };
}

export function budgetLinesOf(trx: Tx, orgId: string, projectId: string) {
  return trx
    .selectFrom("project_budget_lines")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("project_id", "=", projectId)
    .orderBy("line_no")
    .limit(projectLimits.budgetLinesPerProjectMax)
    .execute();
}

/** The list of projects with their budget, spending to date and active beneficiaries. */
export async function projectSummaries(trx: Tx, orgId: string) {
  const projects = await trx
    .selectFrom("projects")
    .selectAll()
    .where("org_id", "=", orgId)
    .orderBy("starts_on", "desc")
    .orderBy("code")
    .limit(projectLimits.projectsPerOrganizationMax)
    .execute();
  const ids = projects.map((p) => p.id);
  if (ids.length === 0) return [];
  const budgets = await trx
    .selectFrom("project_budget_lines")
    .select(["project_id", sql<string>`sum(amount_minor)`.as("total")])
    .where("org_id", "=", orgId)
    .where("project_id", "in", ids)
    .groupBy("project_id")
    .execute();
  const active = await trx
    .selectFrom("beneficiaries")
    .select(["project_id", sql<string>`count(*)`.as("n")])
    .where("org_id", "=", orgId)
    .where("project_id", "in", ids)
    .where("exited_on", "is", null)
    .groupBy("project_id")
    .execute();
  const actual = await actualByAccount(trx, orgId, ids, null);
  return projects.map((p) => ({
    row: p,
    budgetMinor: BigInt(budgets.find((b) => b.project_id === p.id)?.total ?? "0"),
    actualMinor: actual.filter((a) => a.projectId === p.id).reduce((sum, a) => sum + a.netMinor, 0n),
    activeBeneficiaries: Number(active.find((a) => a.project_id === p.id)?.n ?? "0"),
  }));
}

export function toProjectSummary(s: Awaited<ReturnType<typeof projectSummaries>>[number]) {
  return {
    id: s.row.id,
    code: s.row.code,
    name: s.row.name,
    donor: s.row.donor,
    donorCurrency: s.row.donor_currency,
    startsOn: s.row.starts_on,
    endsOn: s.row.ends_on,
    budgetMinor: s.budgetMinor.toString(),
    actualMinor: s.actualMinor.toString(),
    activeBeneficiaries: s.activeBeneficiaries,
  };
}

export async function projectDetail(trx: Tx, orgId: string, projectId: string) {
  const project = await loadProject(trx, orgId, projectId);
  const summary = (await projectSummaries(trx, orgId)).find((s) => s.row.id === projectId);
  assert(summary !== undefined, "a loaded project is in the list");
  const lines = await budgetLinesOf(trx, orgId, projectId);
  const targets = await trx
    .selectFrom("project_targets")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("project_id", "=", projectId)
    .orderBy("indicator")
    .execute();
  return {
    ...toProjectSummary(summary),
    ratePpm: project.rate_ppm.toString(),
    regionIds: project.region_ids,
    targetGroups: project.target_groups,
    activities: project.activities,
    eligibility: project.eligibility as Eligibility,
    bookId: project.book_id,
    grantApprovalOverMinor: project.grant_approval_over_minor?.toString() ?? null,
    version: project.version,
    budgetLines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      name: l.name,
      accountId: l.account_id,
      donorAmountMinor: l.donor_amount_minor.toString(),
      amountMinor: l.amount_minor.toString(),
    })),
    targets: targets.map((t) => ({ indicator: t.indicator as TargetIndicator, target: t.target.toString() })),
  };
}

type TargetIndicator =
  | "beneficiaries"
  | "new_enrolments"
  | "people_served"
  | "services"
  | "assistance_value_minor";

const personSelect = personColumns.map((c) => `p.${c}` as const);

export async function beneficiariesOf(trx: Tx, orgId: string, projectId: string, ids?: readonly string[]) {
  let query = trx
    .selectFrom("beneficiaries as b")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "b.org_id").onRef("p.id", "=", "b.person_id"),
    )
    .select([
      "b.id as beneficiary_id",
      "b.project_id",
      "b.enrolled_on",
      "b.exited_on",
      "b.exit_reason",
      ...personSelect,
    ])
    .where("b.org_id", "=", orgId)
    .where("b.project_id", "=", projectId);
  if (ids !== undefined) query = query.where("b.id", "in", [...ids]);
  const rows = await query
    .orderBy("p.surname")
    .orderBy("b.enrolled_on")
    .limit(projectLimits.beneficiariesPerProjectMax)
    .execute();
  if (rows.length === 0) return [];
  const counts = await trx
    .selectFrom("project_services")
    .select(["beneficiary_id", sql<string>`count(*)`.as("n")])
    .where("org_id", "=", orgId)
    .where("project_id", "=", projectId)
    .groupBy("beneficiary_id")
    .execute();
  const byId = new Map(counts.map((c) => [c.beneficiary_id, Number(c.n)]));
  return rows.map((r) => ({
    id: r.beneficiary_id,
    projectId: r.project_id,
    person: toPersonSummary(r as unknown as PersonRow),
    enrolledOn: r.enrolled_on,
    exitedOn: r.exited_on,
    exitReason: r.exit_reason,
    services: byId.get(r.beneficiary_id) ?? 0,
  }));
}

export async function servicesOf(
  trx: Tx,
  orgId: string,
  projectId: string,
  filter: { ids?: readonly string[]; limit?: number } = {},
) {
  let query = trx
    .selectFrom("project_services as s")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "s.org_id").onRef("p.id", "=", "s.person_id"),
    )
    .select([
      "s.id as service_id",
      "s.project_id",
      "s.beneficiary_id",
      "s.kind",
      "s.delivered_on",
      "s.quantity",
      "s.value_minor",
      "s.staff_user_id",
      "s.entry_id",
      "s.note",
      ...personSelect,
    ])
    .where("s.org_id", "=", orgId)
    .where("s.project_id", "=", projectId);
  if (filter.ids !== undefined) query = query.where("s.id", "in", [...filter.ids]);
  const rows = await query
    .orderBy("s.delivered_on", "desc")
    .orderBy("s.id", "desc")
    .limit(filter.limit ?? 500)
    .execute();
  return rows.map((r) => ({
    id: r.service_id,
    projectId: r.project_id,
    beneficiaryId: r.beneficiary_id,
    person: toPersonSummary(r as unknown as PersonRow),
    kind: r.kind as ServiceKind,
    deliveredOn: r.delivered_on,
    quantity: r.quantity,
    valueMinor: r.value_minor.toString(),
    staffUserId: r.staff_user_id,
    entryId: r.entry_id,
    note: r.note,
  }));
}

/** The facts indicators are computed from, of one project or (projectId null) of all the organization's. */
export async function indicatorFacts(
  trx: Tx,
  orgId: string,
  projectId: string | null,
  from: PlainDate,
  to: PlainDate,
): Promise<{ profiles: PersonProfile[]; enrolments: EnrolmentFact[]; services: ServiceFact[] }> {
  let enrolmentBase = trx
    .selectFrom("beneficiaries")
    .where("org_id", "=", orgId)
    .where("enrolled_on", "<=", to)
    .where((eb) => eb.or([eb("exited_on", "is", null), eb("exited_on", ">=", from)]));
  if (projectId !== null) enrolmentBase = enrolmentBase.where("project_id", "=", projectId);
  let serviceBase = trx
    .selectFrom("project_services")
    .where("org_id", "=", orgId)
    .where("delivered_on", ">=", from)
    .where("delivered_on", "<=", to);
  if (projectId !== null) serviceBase = serviceBase.where("project_id", "=", projectId);
  const enrolmentRows = await enrolmentBase
    .select(["project_id", "person_id", "enrolled_on", "exited_on"])
    .limit(projectLimits.servicesPerIndicatorQueryMax)
    .execute();
  const serviceRows = await serviceBase
    .select(["project_id", "person_id", "kind", "delivered_on", "quantity", "value_minor"])
    .limit(projectLimits.servicesPerIndicatorQueryMax)
    .execute();
  // The people are found by subqueries rather than a list of ids, which could pass the parameter limit.
  const people = await trx
    .selectFrom("persons")
    .select(["id", "sex", "birth_date", "region_id", "vulnerabilities"])
    .where("org_id", "=", orgId)
    .where((eb) =>
      eb.or([
        eb("id", "in", enrolmentBase.select("person_id")),
        eb("id", "in", serviceBase.select("person_id")),
      ]),
    )
    .execute();
  return {
    profiles: people.map((p) => ({
      personId: p.id,
      sex: p.sex,
      birthDate: p.birth_date === null ? null : plainDate(p.birth_date),
      regionId: p.region_id,
      vulnerabilities: p.vulnerabilities,
    })),
    enrolments: enrolmentRows.map((e) => ({
      projectId: e.project_id,
      personId: e.person_id,
      enrolledOn: plainDate(e.enrolled_on),
      exitedOn: e.exited_on === null ? null : plainDate(e.exited_on),
    })),
    services: serviceRows.map((s) => ({
      projectId: s.project_id,
      personId: s.person_id,
      kind: s.kind,
      deliveredOn: plainDate(s.delivered_on),
      quantity: s.quantity,
      valueMinor: s.value_minor,
    })),
  };
}
