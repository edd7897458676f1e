/** HTTP routes of projects: projects with budgets and targets, beneficiaries, services, budget against actual, indicators. */
import {
  beneficiarySchema,
  budgetAgainstActualSchema,
  createProjectRequestSchema,
  donorReportQuerySchema,
  enrolBeneficiaryRequestSchema,
  exitBeneficiaryRequestSchema,
  indicatorsQuerySchema,
  indicatorsSchema,
  pendingResponseSchema,
  projectSchema,
  projectSummarySchema,
  recordAttendanceRequestSchema,
  recordServiceRequestSchema,
  recordStoryRequestSchema,
  serviceSchema,
  storySchema,
  updateProjectRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import {
  checkBeneficiaryEligibility,
  computeIndicators,
  type IndicatorKey,
  indicatorValue,
  isCurrencyCode,
  type PlainDate,
  plainDate,
  progressBps,
  projectLimits,
  tengeFromDonorMinor,
} from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { performOrQueue, registerApprovableAction } from "../approvals/registry";
import { renderExport, sendExport } from "../exports/render";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { loadPerson, requireConsent } from "../people/persons";
import { donorReportTable, reportWord } from "./donor-report";
import { builtIndicatorsOf } from "./indicator-routes";
import {
  beneficiariesOf,
  budgetAgainstActual,
  eligibilityOf,
  indicatorFacts,
  loadProject,
  projectDetail,
  projectSummaries,
  requireInPeriod,
  servicesOf,
  toProjectSummary,
} from "./projects";
import { checkGrant, grantAction, insertServices, isOverGrantThreshold, requireEnrolled } from "./services";
import { loadStories, recordStory } from "./stories";

registerApprovableAction(grantAction);

const tags = ["projects"];
const projectParams = z.object({ projectId: uuidSchema });

/** bigint fields become decimal strings, the wire form of amounts. */
function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

type CreateProjectBody = z.infer<typeof createProjectRequestSchema>;

async function createProject(trx: Tx, orgId: string, body: CreateProjectBody): Promise<string> {
  const currency = body.donorCurrency;
  if (!isCurrencyCode(currency))
    throw new AppError("project_currency_must_be_known", { field: "donorCurrency", currency });
  const startsOn = dateOrRefuse(body.startsOn, "startsOn");
  const endsOn = dateOrRefuse(body.endsOn, "endsOn");
  if (endsOn < startsOn) throw new AppError("project_period_must_be_ordered", { field: "endsOn" });
  const ratePpm = BigInt(body.ratePpm);
  const bookId = body.bookId ?? null;
  if (bookId === null && body.budgetLines.length > 0)
    throw new AppError("project_book_must_belong_to_organization", { field: "bookId" });
  if (bookId !== null) {
    const book = await trx
      .selectFrom("books")
      .select(["id", "owner_kind"])
      .where("org_id", "=", orgId)
      .where("id", "=", bookId)
      .executeTakeFirst();
    if (book === undefined || book.owner_kind !== "organization")
      throw new AppError("project_book_must_belong_to_organization", { field: "bookId" });
  }
  const accountIds = [...new Set(body.budgetLines.map((l) => l.accountId))];
  const accounts =
    accountIds.length === 0
      ? []
      : await trx
          .selectFrom("accounts")
          .select(["id", "type", "is_header"])
          .where("org_id", "=", orgId)
          .where("book_id", "=", bookId ?? "")
          .where("id", "in", accountIds)
          .execute();
  body.budgetLines.forEach((line, index) => {
    const account = accounts.find((a) => a.id === line.accountId);
    if (account === undefined || account.type !== "expense" || account.is_header)
      throw new AppError("budget_account_must_be_expense", {
        line: index + 1,
        field: `budgetLines.${index}.accountId`,
      });
  });
  const taken = await trx
    .selectFrom("projects")
    .select("id")
    .where("org_id", "=", orgId)
    .where("code", "=", body.code)
    .executeTakeFirst();
  if (taken !== undefined)
    throw new AppError("project_code_must_be_unique", { field: "code", code: body.code });

  const projectId = newId();
  await trx
    .insertInto("projects")
    .values({
      org_id: orgId,
      id: projectId,
      code: body.code,
      name: body.name,
      donor: body.donor,
      donor_currency: body.donorCurrency,
      rate_ppm: ratePpm,
      starts_on: startsOn,
      ends_on: endsOn,
      region_ids: body.regionIds ?? [],
      target_groups: body.targetGroups ?? [],
      activities: body.activities ?? [],
      eligibility: JSON.stringify(body.eligibility ?? {}),
      book_id: bookId,
      grant_approval_over_minor:
        body.grantApprovalOverMinor === undefined || body.grantApprovalOverMinor === null
          ? null
          : BigInt(body.grantApprovalOverMinor),
    })
    .execute();
  if (body.budgetLines.length > 0)
    await trx
      .insertInto("project_budget_lines")
      .values(
        body.budgetLines.map((line, index) => {
          const donorAmountMinor = BigInt(line.donorAmountMinor);
          return {
            org_id: orgId,
            id: newId(),
            project_id: projectId,
            line_no: index + 1,
            name: line.name,
            account_id: line.accountId,
            donor_amount_minor: donorAmountMinor,
            amount_minor: tengeFromDonorMinor(donorAmountMinor, currency, ratePpm),
          };
        }),
      )
      .execute();
  const targets = new Map((body.targets ?? []).map((t) => [t.indicator, BigInt(t.target)]));
  if (targets.size > 0)
    await trx
      .insertInto("project_targets")
      .values(
        [...targets].map(([indicator, target]) => ({
          org_id: orgId,
          project_id: projectId,
          indicator,
          target,
        })),
      )
      .execute();
  return projectId;
}

async function enrol(
  trx: Tx,
  orgId: string,
  userId: string,
  projectId: string,
  body: z.infer<typeof enrolBeneficiaryRequestSchema>,
) {
  const project = await loadProject(trx, orgId, projectId, true);
  const enrolledOn = dateOrRefuse(body.enrolledOn, "enrolledOn");
  requireInPeriod(project, enrolledOn, "enrolledOn");
  const person = await loadPerson(trx, orgId, body.personId);
  if (person.merged_into_id !== null) throw new AppError("person_must_not_be_merged");
  if (person.erased_at !== null) throw new AppError("person_must_not_be_erased");
  await requireConsent(trx, orgId, person.id, "project", enrolledOn);
  const eligible = checkBeneficiaryEligibility(
    eligibilityOf(project),
    {
      sex: person.sex,
      birthDate: person.birth_date === null ? null : plainDate(person.birth_date),
      regionId: person.region_id,
      vulnerabilities: person.vulnerabilities,
    },
    enrolledOn,
  );
  if (!eligible.ok) throw new AppError(eligible.code, eligible.details);
  const active = await trx
    .selectFrom("beneficiaries")
    .select("id")
    .where("org_id", "=", orgId)
    .where("project_id", "=", projectId)
    .where("person_id", "=", person.id)
    .where("exited_on", "is", null)
    .executeTakeFirst();
  if (active !== undefined) throw new AppError("beneficiary_must_be_new_to_project", { field: "personId" });
  const id = newId();
  await trx
    .insertInto("beneficiaries")
    .values({
      org_id: orgId,
      id,
      project_id: projectId,
      person_id: person.id,
      enrolled_on: enrolledOn,
      enrolled_by: userId,
    })
    .execute();
  return id;
}

/** Indicators with the project's targets and progress toward them. */
async function indicatorsOf(
  trx: Tx,
  orgId: string,
  projectId: string | null,
  from: PlainDate,
  to: PlainDate,
) {
  if (to < from) throw new AppError("indicator_period_must_be_ordered", { field: "to" });
  const facts = await indicatorFacts(trx, orgId, projectId, from, to);
  const indicators = computeIndicators({ from, to, ...facts });
  const targets =
    projectId === null
      ? []
      : await trx
          .selectFrom("project_targets")
          .select(["indicator", "target"])
          .where("org_id", "=", orgId)
          .where("project_id", "=", projectId)
          .orderBy("indicator")
          .execute();
  return {
    ...indicators,
    targets: targets.map((t) => {
      const actual = indicatorValue(indicators, t.indicator as IndicatorKey);
      return { indicator: t.indicator, target: t.target, actual, progressBps: progressBps(actual, t.target) };
    }),
  };
}

export async function projectRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "projects.read" } } as const;
  const manage = { access: { kind: "permission", permission: "projects.manage" } } as const;
  const record = { access: { kind: "permission", permission: "services.record" } } as const;

  routes.get(
    "/api/v1/projects",
    {
      config: read,
      schema: {
        tags,
        summary: "Projects with their budget, spending to date and active beneficiaries",
        response: { 200: z.object({ items: z.array(projectSummarySchema) }) },
      },
    },
    async (request) => {
      const summaries = await inTenant(database, request, (trx) =>
        projectSummaries(trx, memberOf(request).orgId),
      );
      return { items: summaries.map(toProjectSummary) };
    },
  );

  routes.post(
    "/api/v1/projects",
    {
      config: manage,
      schema: {
        tags,
        summary: "Start a project: donor, period, rate, eligibility, budget lines and targets",
        body: createProjectRequestSchema,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const project = await inTenant(database, request, async (trx) => {
        const projectId = await createProject(trx, orgId, request.body);
        await audit(trx, request, {
          action: "project.create",
          recordType: "project",
          recordId: projectId,
          summary: { code: request.body.code, budgetLines: request.body.budgetLines.length },
        });
        return projectDetail(trx, orgId, projectId);
      });
      return reply.code(201).send(project);
    },
  );

  routes.get(
    "/api/v1/projects/:projectId",
    {
      config: read,
      schema: { tags, summary: "A project", params: projectParams, response: { 200: projectSchema } },
    },
    async (request) =>
      inTenant(database, request, (trx) =>
        projectDetail(trx, memberOf(request).orgId, request.params.projectId),
      ),
  );

  routes.patch(
    "/api/v1/projects/:projectId",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Correct a project: name, donor, period, regions, target groups, activities, eligibility, targets",
        params: projectParams,
        body: updateProjectRequestSchema,
        response: { 200: projectSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { body } = request;
      return inTenant(database, request, async (trx) => {
        const before = await projectDetail(trx, orgId, request.params.projectId);
        if (before.version !== body.version)
          throw new AppError("version_must_match", { version: before.version });
        const startsOn =
          body.startsOn === undefined ? before.startsOn : dateOrRefuse(body.startsOn, "startsOn");
        const endsOn = body.endsOn === undefined ? before.endsOn : dateOrRefuse(body.endsOn, "endsOn");
        if (endsOn < startsOn) throw new AppError("project_period_must_be_ordered", { field: "endsOn" });
        await trx
          .updateTable("projects")
          .set({
            starts_on: startsOn,
            ends_on: endsOn,
            ...(body.name === undefined ? {} : { name: body.name }),
            ...(body.donor === undefined ? {} : { donor: body.donor }),
            ...(body.regionIds === undefined ? {} : { region_ids: body.regionIds }),
            ...(body.targetGroups === undefined ? {} : { target_groups: body.targetGroups }),
            ...(body.activities === undefined ? {} : { activities: body.activities }),
            ...(body.eligibility === undefined ? {} : { eligibility: JSON.stringify(body.eligibility) }),
            ...(body.grantApprovalOverMinor === undefined
              ? {}
              : {
                  grant_approval_over_minor:
                    body.grantApprovalOverMinor === null ? null : BigInt(body.grantApprovalOverMinor),
                }),
            version: before.version + 1,
          })
          .where("org_id", "=", orgId)
          .where("id", "=", before.id)
          .where("version", "=", body.version)
          .execute();
        if (body.targets !== undefined) {
          await trx
            .deleteFrom("project_targets")
            .where("org_id", "=", orgId)
            .where("project_id", "=", before.id)
            .execute();
          const targets = new Map(body.targets.map((t) => [t.indicator, BigInt(t.target)]));
          if (targets.size > 0)
            await trx
              .insertInto("project_targets")
              .values(
                [...targets].map(([indicator, target]) => ({
                  org_id: orgId,
                  project_id: before.id,
                  indicator,
                  target,
                })),
              )
              .execute();
        }
        await audit(trx, request, {
          action: "project.update",
          recordType: "project",
          recordId: before.id,
          summary: { changed: Object.keys(body).filter((key) => key !== "version") },
        });
        return projectDetail(trx, orgId, before.id);
      });
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/beneficiaries",
    {
      config: read,
      schema: {
        tags,
        summary: "The people enrolled in a project, present and past",
        params: projectParams,
        response: { 200: z.object({ items: z.array(beneficiarySchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) => {
        await loadProject(trx, orgId, request.params.projectId);
        return beneficiariesOf(trx, orgId, request.params.projectId);
      });
      return { items };
    },
  );

  routes.post(
    "/api/v1/projects/:projectId/beneficiaries",
    {
      config: manage,
      schema: {
        tags,
        summary: "Enrol a person who has consented and meets the project's criteria",
        params: projectParams,
        body: enrolBeneficiaryRequestSchema,
        response: { 201: beneficiarySchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const beneficiary = await inTenant(database, request, async (trx) => {
        const id = await enrol(trx, actor.orgId, actor.userId, request.params.projectId, request.body);
        await audit(trx, request, {
          action: "beneficiary.enrol",
          recordType: "beneficiary",
          recordId: id,
          summary: { projectId: request.params.projectId, enrolledOn: request.body.enrolledOn },
        });
        const [row] = await beneficiariesOf(trx, actor.orgId, request.params.projectId, [id]);
        if (row === undefined) throw new Error("an enrolled beneficiary can be read");
        return row;
      });
      return reply.code(201).send(beneficiary);
    },
  );

  routes.post(
    "/api/v1/beneficiaries/:beneficiaryId/exit",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record that a beneficiary left the project",
        params: z.object({ beneficiaryId: uuidSchema }),
        body: exitBeneficiaryRequestSchema,
        response: { 200: beneficiarySchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const row = await trx
          .selectFrom("beneficiaries")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.beneficiaryId)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new AppError("record_must_exist");
        if (row.exited_on !== null) throw new AppError("beneficiary_must_be_enrolled", { row: 1 });
        const exitedOn = dateOrRefuse(request.body.exitedOn, "exitedOn");
        if (exitedOn < row.enrolled_on)
          throw new AppError("exit_must_follow_enrolment", { field: "exitedOn" });
        await trx
          .updateTable("beneficiaries")
          .set({ exited_on: exitedOn, exit_reason: request.body.reason })
          .where("org_id", "=", orgId)
          .where("id", "=", row.id)
          .execute();
        await audit(trx, request, {
          action: "beneficiary.exit",
          recordType: "beneficiary",
          recordId: row.id,
          summary: { projectId: row.project_id, exitedOn },
        });
        const [updated] = await beneficiariesOf(trx, orgId, row.project_id, [row.id]);
        if (updated === undefined) throw new Error("an updated beneficiary can be read");
        return updated;
      });
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/services",
    {
      config: read,
      schema: {
        tags,
        summary: "Services delivered in a project, newest first",
        params: projectParams,
        response: { 200: z.object({ items: z.array(serviceSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) => {
        await loadProject(trx, orgId, request.params.projectId);
        return servicesOf(trx, orgId, request.params.projectId);
      });
      return { items };
    },
  );

  routes.post(
    "/api/v1/projects/:projectId/services",
    {
      config: record,
      schema: {
        tags,
        summary:
          "Record a service delivered; a grant is posted to the ledger, above the threshold after approval",
        params: projectParams,
        body: recordServiceRequestSchema,
        response: { 201: serviceSchema, 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const { body } = request;
      const projectId = request.params.projectId;
      const serviceId = newId();
      if (body.kind === "grant") {
        const payload = {
          serviceId,
          projectId,
          personId: body.personId,
          deliveredOn: body.deliveredOn,
          valueMinor: body.valueMinor ?? "0",
          quantity: body.quantity ?? 1,
          staffUserId: body.staffUserId ?? null,
          paidFrom: body.paidFrom ?? "bank",
          note: body.note ?? null,
        };
        const checked = await inTenant(database, request, (trx) => checkGrant(trx, actor.orgId, payload));
        const performed = await performOrQueue(database, request, grantAction, payload, {
          alwaysRequireApproval: isOverGrantThreshold(checked.project, checked.valueMinor),
        });
        if (performed.kind === "pending")
          return reply
            .code(202)
            .send({ status: "pending_approval" as const, approvalId: performed.approvalId });
      } else {
        await inTenant(database, request, async (trx) => {
          const project = await loadProject(trx, actor.orgId, projectId);
          const deliveredOn = dateOrRefuse(body.deliveredOn, "deliveredOn");
          requireInPeriod(project, deliveredOn, "deliveredOn");
          const [beneficiaryId] = await requireEnrolled(trx, actor.orgId, project, [
            { personId: body.personId, deliveredOn },
          ]);
          await insertServices(trx, actor, projectId, [
            {
              id: serviceId,
              personId: body.personId,
              kind: body.kind,
              deliveredOn,
              quantity: body.quantity ?? 1,
              valueMinor: BigInt(body.valueMinor ?? "0"),
              staffUserId: body.staffUserId ?? null,
              note: body.note ?? null,
              beneficiaryId: beneficiaryId as string,
              entryId: null,
            },
          ]);
          await audit(trx, request, {
            action: "project_service.record",
            recordType: "project_service",
            recordId: serviceId,
            summary: { projectId, kind: body.kind, deliveredOn },
          });
        });
      }
      const [service] = await inTenant(database, request, (trx) =>
        servicesOf(trx, actor.orgId, projectId, { ids: [serviceId] }),
      );
      if (service === undefined) throw new Error("a recorded service can be read");
      return reply.code(201).send(service);
    },
  );

  routes.post(
    "/api/v1/projects/:projectId/attendance",
    {
      config: record,
      schema: {
        tags,
        summary: "Record one service for everyone on an attendance sheet (not grants)",
        params: projectParams,
        body: recordAttendanceRequestSchema,
        response: { 201: z.object({ items: z.array(serviceSchema) }) },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const { body } = request;
      const projectId = request.params.projectId;
      const items = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, actor.orgId, projectId);
        if (body.kind === "grant") throw new AppError("attendance_must_not_hold_grants", { field: "kind" });
        const deliveredOn = dateOrRefuse(body.deliveredOn, "deliveredOn");
        requireInPeriod(project, deliveredOn, "deliveredOn");
        const seen = new Set<string>();
        body.personIds.forEach((personId, index) => {
          if (seen.has(personId))
            throw new AppError("attendance_must_name_each_person_once", { row: index + 1 });
          seen.add(personId);
        });
        const beneficiaryIds = await requireEnrolled(
          trx,
          actor.orgId,
          project,
          body.personIds.map((personId) => ({ personId, deliveredOn })),
        );
        const rows = body.personIds.map((personId, index) => ({
          id: newId(),
          personId,
          kind: body.kind,
          deliveredOn,
          quantity: body.quantity ?? 1,
          valueMinor: BigInt(body.valueMinorEach ?? "0"),
          staffUserId: body.staffUserId ?? null,
          note: null,
          beneficiaryId: beneficiaryIds[index] as string,
          entryId: null,
        }));
        await insertServices(trx, actor, projectId, rows);
        await audit(trx, request, {
          action: "project_service.record_attendance",
          recordType: "project",
          recordId: projectId,
          summary: { kind: body.kind, deliveredOn, people: rows.length },
        });
        return servicesOf(trx, actor.orgId, projectId, {
          ids: rows.map((r) => r.id),
          limit: projectLimits.attendanceRowsMax,
        });
      });
      return reply.code(201).send({ items });
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/budget",
    {
      config: read,
      schema: {
        tags,
        summary: "Budget against actual: each line against the project's spending in the ledger",
        params: projectParams,
        querystring: z.strictObject({ asOf: z.string().optional() }),
        response: { 200: budgetAgainstActualSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const result = await inTenant(database, request, async (trx) => {
        await loadProject(trx, orgId, request.params.projectId);
        const asOf =
          request.query.asOf === undefined
            ? await todayOf(trx, orgId)
            : dateOrRefuse(request.query.asOf, "asOf");
        return budgetAgainstActual(trx, orgId, request.params.projectId, asOf);
      });
      return wire(result) as z.infer<typeof budgetAgainstActualSchema>;
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/indicators",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A project's indicators over a period (its whole period unless said), with targets and progress",
        params: projectParams,
        querystring: indicatorsQuerySchema,
        response: { 200: indicatorsSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const result = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, orgId, request.params.projectId);
        const from =
          request.query.from === undefined
            ? plainDate(project.starts_on)
            : dateOrRefuse(request.query.from, "from");
        const to =
          request.query.to === undefined ? plainDate(project.ends_on) : dateOrRefuse(request.query.to, "to");
        return indicatorsOf(trx, orgId, project.id, from, to);
      });
      return wire(result) as z.infer<typeof indicatorsSchema>;
    },
  );

  routes.get(
    "/api/v1/project-indicators",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Indicators of all the organization's projects together: each person counted once, however many projects",
        querystring: indicatorsQuerySchema,
        response: { 200: indicatorsSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const result = await inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, orgId);
        const from =
          request.query.from === undefined
            ? plainDate(`${today.slice(0, 4)}-01-01`)
            : dateOrRefuse(request.query.from, "from");
        const to = request.query.to === undefined ? today : dateOrRefuse(request.query.to, "to");
        return indicatorsOf(trx, orgId, null, from, to);
      });
      return wire(result) as z.infer<typeof indicatorsSchema>;
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/stories",
    {
      config: read,
      schema: {
        tags,
        summary: "Beneficiaries' stories, each saying whether her consent allows sharing it today",
        params: projectParams,
        response: { 200: z.object({ items: z.array(storySchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) => {
        await loadProject(trx, orgId, request.params.projectId);
        return loadStories(trx, orgId, request.params.projectId, await todayOf(trx, orgId));
      });
      return { items };
    },
  );

  routes.post(
    "/api/v1/projects/:projectId/stories",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record a beneficiary's story for donor reports, with her consent to share it",
        params: projectParams,
        body: recordStoryRequestSchema,
        response: { 201: storySchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const story = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, actor.orgId, request.params.projectId);
        const id = await recordStory(trx, actor, project, request.body);
        await audit(trx, request, {
          action: "beneficiary_story.record",
          recordType: "beneficiary_story",
          recordId: id,
          summary: { projectId: project.id, toldOn: request.body.toldOn },
        });
        const stories = await loadStories(trx, actor.orgId, project.id, await todayOf(trx, actor.orgId));
        const found = stories.find((x) => x.id === id);
        if (found === undefined) throw new Error("a recorded story can be read");
        return found;
      });
      return reply.code(201).send(story);
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/donor-report",
    {
      config: read,
      schema: {
        tags,
        summary: "The donor report of a project for a period, as an XLSX, PDF or CSV file in kk, ru or en",
        params: projectParams,
        querystring: donorReportQuerySchema,
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const locale = request.query.locale ?? request.locale;
      const { table, code } = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, member.orgId, request.params.projectId);
        const from =
          request.query.from === undefined
            ? plainDate(project.starts_on)
            : dateOrRefuse(request.query.from, "from");
        const to =
          request.query.to === undefined ? plainDate(project.ends_on) : dateOrRefuse(request.query.to, "to");
        const indicators = await indicatorsOf(trx, member.orgId, project.id, from, to);
        const budget =
          project.book_id === null ? null : await budgetAgainstActual(trx, member.orgId, project.id, to);
        const org = await trx
          .selectFrom("organizations")
          .select(["name_kk", "name_ru", "name_en", "time_zone"])
          .where("org_id", "=", member.orgId)
          .executeTakeFirstOrThrow();
        const book =
          project.book_id === null
            ? undefined
            : await trx
                .selectFrom("books")
                .select(["name_kk", "name_ru", "name_en"])
                .where("org_id", "=", member.orgId)
                .where("id", "=", project.book_id)
                .executeTakeFirst();
        const stories = (
          await loadStories(trx, member.orgId, project.id, await todayOf(trx, member.orgId))
        ).filter((story) => story.isShareable && story.toldOn >= from && story.toldOn <= to);
        const names = { kk: org.name_kk, ru: org.name_ru, en: org.name_en };
        const bookNames =
          book === undefined ? null : { kk: book.name_kk, ru: book.name_ru, en: book.name_en };
        return {
          code: project.code,
          table: donorReportTable({
            locale,
            currency: "KZT",
            header: {
              organization: names[locale],
              book: bookNames === null ? reportWord("noBook", locale) : bookNames[locale],
              period: { kind: "range", from, to },
              generatedAt: new Date(),
              generatedBy: member.displayName,
              timeZone: org.time_zone,
              extra: [
                [reportWord("project", locale), `${project.code} — ${project.name}`],
                [reportWord("donor", locale), project.donor],
              ],
            },
            indicators,
            targets: new Map(indicators.targets.map((t) => [t.indicator as IndicatorKey, t.target])),
            budget,
            stories,
            builtIndicators: (await builtIndicatorsOf(trx, member.orgId, project.id, from, to)).map((b) => ({
              name: b.name,
              isMoney: b.definition.measure === "sum_value",
              value: b.result.value,
              target: b.target,
              bySex: b.result.bySex,
            })),
          }),
        };
      });
      return sendExport(reply, await renderExport(table, request.query.format), {
        ascii: `donor-report-${code}`,
        title: `${table.title} ${code}`,
      });
    },
  );
}
