/** The audit log: every mutation of the organization, newest first, filtered, paged by cursor, exported as CSV. */
import { auditEventSchema, auditQuerySchema, pageOf } from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { memberOf } from "../http/access";
import { inTenant } from "../http/tenant";

const tags = ["audit"];
type AuditQuery = z.infer<typeof auditQuerySchema>;

async function queryAudit(trx: Tx, orgId: string, filter: AuditQuery, limit: number) {
  let query = trx
    .selectFrom("audit_events as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select([
      "a.id",
      "a.at",
      "a.actor_user_id",
      "u.display_name as actor_name",
      "a.actor_address",
      "a.action",
      "a.record_type",
      "a.record_id",
      "a.summary",
    ])
    .where("a.org_id", "=", orgId)
    .orderBy("a.id", "desc")
    .limit(limit);
  if (filter.action !== undefined) query = query.where("a.action", "=", filter.action);
  if (filter.actorUserId !== undefined) query = query.where("a.actor_user_id", "=", filter.actorUserId);
  if (filter.recordType !== undefined) query = query.where("a.record_type", "=", filter.recordType);
  if (filter.recordId !== undefined) query = query.where("a.record_id", "=", filter.recordId);
  if (filter.from !== undefined) query = query.where("a.at", ">=", new Date(`${filter.from}T00:00:00Z`));
  if (filter.to !== undefined) query = query.where("a.at", "<=", new Date(`${filter.to}T23:59:59.999Z`));
  if (filter.before !== undefined) query = query.where("a.id", "<", filter.before);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    actorAddress: row.actor_address,
    action: row.action,
    recordType: row.record_type,
    recordId: row.record_id,
    summary: row.summary as Record<string, unknown>,
  }));
}

function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export async function auditRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/api/v1/audit-events",
    {
      config: { access: { kind: "permission", permission: "audit.read" } },
      schema: {
        tags,
        summary: "The audit log, newest first",
        querystring: auditQuerySchema,
        response: { 200: pageOf(auditEventSchema) },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? limits.pageSizeDefault;
      const items = await inTenant(database, request, (trx) =>
        queryAudit(trx, memberOf(request).orgId, request.query, limit + 1),
      );
      const page = items.slice(0, limit);
      return { items: page, nextCursor: items.length > limit ? (page.at(-1)?.id ?? null) : null };
    },
  );

  routes.get(
    "/api/v1/audit-events/export.csv",
    {
      config: { access: { kind: "permission", permission: "audit.read" } },
      schema: { tags, summary: "The audit log as CSV (same filters)", querystring: auditQuerySchema },
    },
    async (request, reply) => {
      const items = await inTenant(database, request, (trx) =>
        queryAudit(trx, memberOf(request).orgId, request.query, limits.auditExportRowsMax),
      );
      const header = [
        "at",
        "actor",
        "actor_user_id",
        "address",
        "action",
        "record_type",
        "record_id",
        "summary",
      ];
      const lines = items.map((e) =>
        [e.at, e.actorName, e.actorUserId, e.actorAddress, e.action, e.recordType, e.recordId, e.summary]
          .map(csvCell)
          .join(","),
      );
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="audit-log.csv"')
        .send(`\uFEFF${[header.join(","), ...lines].join("\r\n")}\r\n`);
    },
  );
}
