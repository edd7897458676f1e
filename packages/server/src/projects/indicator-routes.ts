/**
 * HTTP routes of built indicators (ADR 0017): preview a definition over a period before saving it, save it with
 * a target, correct it, and list a project's built indicators computed over a period with progress.
 */
import {
  builtIndicatorSchema,
  indicatorResultSchema,
  indicatorsQuerySchema,
  previewIndicatorRequestSchema,
  saveIndicatorRequestSchema,
  updateIndicatorRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import {
  type IndicatorDefinition,
  indicatorDefinitionLimits,
  type PlainDate,
  plainDate,
  progressBps,
} from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { computeBuiltIndicator, requireValidDefinition } from "./indicator-builder";
import { loadProject } from "./projects";

const tags = ["projects"];
const projectParams = z.object({ projectId: uuidSchema });
const indicatorParams = z.object({ projectId: uuidSchema, indicatorId: uuidSchema });

/** bigint fields become decimal strings, the wire form of amounts. */
function wire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v)));
}

type ProjectRow = Awaited<ReturnType<typeof loadProject>>;

function periodOf(
  project: ProjectRow,
  query: { from?: string; to?: string },
): { from: PlainDate; to: PlainDate } {
  return {
    from: query.from === undefined ? plainDate(project.starts_on) : dateOrRefuse(query.from, "from"),
    to: query.to === undefined ? plainDate(project.ends_on) : dateOrRefuse(query.to, "to"),
  };
}

/** A project's built indicators, each computed over the period, with its target and progress. */
export async function builtIndicatorsOf(
  trx: Tx,
  orgId: string,
  projectId: string,
  from: PlainDate,
  to: PlainDate,
) {
  const rows = await trx
    .selectFrom("project_indicator_definitions")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("project_id", "=", projectId)
    .orderBy("name")
    .limit(indicatorDefinitionLimits.definitionsPerProjectMax)
    .execute();
  const items = [];
  for (const row of rows) {
    const definition = row.definition as unknown as IndicatorDefinition;
    const result = await computeBuiltIndicator(trx, orgId, projectId, definition, from, to);
    items.push({
      id: row.id,
      projectId: row.project_id,
      name: row.name,
      definition,
      target: row.target,
      version: row.version,
      result,
      progressBps: row.target === null ? null : progressBps(result.value, row.target),
    });
  }
  return items;
}

async function requireUniqueName(
  trx: Tx,
  orgId: string,
  projectId: string,
  name: string,
  exceptId: string | null,
) {
  let query = trx
    .selectFrom("project_indicator_definitions")
    .select("id")
    .where("org_id", "=", orgId)
    .where("project_id", "=", projectId)
    .where("name", "=", name);
  if (exceptId !== null) query = query.where("id", "<>", exceptId);
  if ((await query.executeTakeFirst()) !== undefined)
    throw new AppError("indicator_name_must_be_unique", { name });
}

export async function indicatorBuilderRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "projects.read" } } as const;
  const manage = { access: { kind: "permission", permission: "projects.manage" } } as const;
  const itemSchema = builtIndicatorSchema;

  routes.post(
    "/api/v1/projects/:projectId/indicator-previews",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Compute a built indicator's definition over a period (the project's unless said) without saving it",
        params: projectParams,
        body: previewIndicatorRequestSchema,
        response: { 200: indicatorResultSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const result = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, orgId, request.params.projectId);
        const definition = await requireValidDefinition(trx, orgId, request.body.definition);
        const { from, to } = periodOf(project, request.body);
        return computeBuiltIndicator(trx, orgId, project.id, definition, from, to);
      });
      return wire(result) as z.infer<typeof indicatorResultSchema>;
    },
  );

  routes.get(
    "/api/v1/projects/:projectId/built-indicators",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A project's built indicators computed over a period (its whole period unless said), with progress",
        params: projectParams,
        querystring: indicatorsQuerySchema,
        response: { 200: z.object({ items: z.array(itemSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, orgId, request.params.projectId);
        const { from, to } = periodOf(project, request.query);
        return builtIndicatorsOf(trx, orgId, project.id, from, to);
      });
      return { items: wire(items) as z.infer<typeof itemSchema>[] };
    },
  );

  routes.post(
    "/api/v1/projects/:projectId/built-indicators",
    {
      config: manage,
      schema: {
        tags,
        summary: "Save a built indicator of a project, with its target",
        params: projectParams,
        body: saveIndicatorRequestSchema,
        response: { 201: itemSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const { body } = request;
      const item = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, orgId, request.params.projectId, true);
        const definition = await requireValidDefinition(trx, orgId, body.definition);
        const count = await trx
          .selectFrom("project_indicator_definitions")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("org_id", "=", orgId)
          .where("project_id", "=", project.id)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= indicatorDefinitionLimits.definitionsPerProjectMax)
          throw new AppError("indicator_definitions_must_be_few", {
            max: indicatorDefinitionLimits.definitionsPerProjectMax,
          });
        await requireUniqueName(trx, orgId, project.id, body.name, null);
        const id = newId();
        await trx
          .insertInto("project_indicator_definitions")
          .values({
            org_id: orgId,
            id,
            project_id: project.id,
            name: body.name,
            definition: JSON.stringify(definition),
            target: body.target === undefined || body.target === null ? null : BigInt(body.target),
            created_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "project.indicator.create",
          recordType: "project_indicator",
          recordId: id,
          summary: { projectId: project.id, measure: definition.measure, source: definition.events.source },
        });
        const { from, to } = periodOf(project, {});
        const items = await builtIndicatorsOf(trx, orgId, project.id, from, to);
        return items.find((i) => i.id === id);
      });
      reply.code(201);
      return wire(item) as z.infer<typeof itemSchema>;
    },
  );

  routes.patch(
    "/api/v1/projects/:projectId/built-indicators/:indicatorId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Correct a built indicator: its name, definition or target, at the version read",
        params: indicatorParams,
        body: updateIndicatorRequestSchema,
        response: { 200: itemSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { body } = request;
      const item = await inTenant(database, request, async (trx) => {
        const project = await loadProject(trx, orgId, request.params.projectId);
        const before = await trx
          .selectFrom("project_indicator_definitions")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("project_id", "=", project.id)
          .where("id", "=", request.params.indicatorId)
          .forUpdate()
          .executeTakeFirst();
        if (before === undefined) throw new AppError("record_must_exist");
        if (before.version !== body.version)
          throw new AppError("version_must_match", { version: before.version });
        const definition =
          body.definition === undefined
            ? undefined
            : await requireValidDefinition(trx, orgId, body.definition);
        if (body.name !== undefined) await requireUniqueName(trx, orgId, project.id, body.name, before.id);
        await trx
          .updateTable("project_indicator_definitions")
          .set({
            ...(body.name === undefined ? {} : { name: body.name }),
            ...(definition === undefined ? {} : { definition: JSON.stringify(definition) }),
            ...(body.target === undefined
              ? {}
              : { target: body.target === null ? null : BigInt(body.target) }),
            version: before.version + 1,
          })
          .where("org_id", "=", orgId)
          .where("id", "=", before.id)
          .execute();
        await audit(trx, request, {
          action: "project.indicator.update",
          recordType: "project_indicator",
          recordId: before.id,
          summary: { changed: Object.keys(body).filter((key) => key !== "version") },
        });
        const { from, to } = periodOf(project, {});
        const items = await builtIndicatorsOf(trx, orgId, project.id, from, to);
        return items.find((i) => i.id === before.id);
      });
      return wire(item) as z.infer<typeof itemSchema>;
    },
  );
}
