/** The notifications outbox, for administrators: what was queued, sent or failed (recipients masked). */
import type { Database } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { inTenant } from "../http/tenant";

const notificationSchema = z.object({
  id: z.string(),
  channel: z.string(),
  recipientMasked: z.string(),
  locale: z.string(),
  template: z.string(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  status: z.enum(["pending", "sent", "failed"]),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

function maskPhone(phone: string): string {
  return phone.length <= 6 ? "•••" : `${phone.slice(0, 5)}•••${phone.slice(-2)}`;
}

export async function notificationRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/notifications",
    {
      config: { access: { kind: "permission", permission: "audit.read" } },
      schema: {
        tags: ["notifications"],
        summary: "The outbox of receipts and notices",
        querystring: z.strictObject({
          status: z.enum(["pending", "sent", "failed"]).optional(),
          sourceId: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(notificationSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const rows = await inTenant(database, request, (trx) => {
        let query = trx
          .selectFrom("notifications")
          .selectAll()
          .where("org_id", "=", orgId)
          .orderBy("created_at", "desc")
          .limit(limits.pageSizeMax);
        if (request.query.status !== undefined) query = query.where("status", "=", request.query.status);
        if (request.query.sourceId !== undefined)
          query = query.where("source_id", "=", request.query.sourceId);
        return query.execute();
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          channel: r.channel,
          recipientMasked: maskPhone(r.recipient),
          locale: r.locale,
          template: r.template,
          sourceType: r.source_type,
          sourceId: r.source_id,
          status: r.status,
          attempts: r.attempts,
          lastError: r.last_error,
          createdAt: r.created_at.toISOString(),
          sentAt: r.sent_at?.toISOString() ?? null,
        })),
      };
    },
  );
}
