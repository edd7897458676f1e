/**
 * Idempotency-Key: a client that is not sure whether its write arrived (a phone on a village network) sends
 * it again with the same key; the server answers with the first response and changes nothing. The same key
 * with a different request is refused. Keys belong to one user in one organization.
 *
 * The key is claimed before the handler runs (a concurrent repeat gets 409, retryable) and the answer is
 * stored when it is sent. A server error frees the key, so that the retry really runs again.
 */
import { createHash } from "node:crypto";
import { type Database, withTenant } from "@moldir/db";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "./app-error";

const writeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const keyPattern = /^[A-Za-z0-9_-]{8,200}$/;

declare module "fastify" {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

function hashOf(request: FastifyRequest): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest("hex");
}

export function registerIdempotency(app: FastifyInstance, database: Database): void {
  app.decorateRequest("idempotencyKey", null);

  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers["idempotency-key"];
    if (header === undefined || !writeMethods.has(request.method)) return;
    const actor = request.actor;
    if (actor === null || actor.orgId === null) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (key === undefined || !keyPattern.test(key)) throw new AppError("idempotency_key_must_be_valid");
    const requestHash = hashOf(request);
    const context = { orgId: actor.orgId, userId: actor.userId };
    const claimed = await withTenant(database, context, async (trx) => {
      const inserted = await trx
        .insertInto("idempotency_keys")
        .values({ org_id: actor.orgId as string, user_id: actor.userId, key, request_hash: requestHash })
        .onConflict((oc) => oc.columns(["org_id", "user_id", "key"]).doNothing())
        .returning("key")
        .executeTakeFirst();
      if (inserted !== undefined) return null;
      return trx
        .selectFrom("idempotency_keys")
        .select(["request_hash", "status_code", "response"])
        .where("org_id", "=", actor.orgId as string)
        .where("user_id", "=", actor.userId)
        .where("key", "=", key)
        .executeTakeFirstOrThrow();
    });
    if (claimed === null) {
      request.idempotencyKey = key;
      return;
    }
    if (claimed.request_hash !== requestHash) throw new AppError("idempotency_key_must_match_request");
    if (claimed.status_code === null) throw new AppError("idempotency_key_must_not_be_in_use");
    return reply.code(claimed.status_code).header("idempotent-replayed", "true").send(claimed.response);
  });

  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const key = request.idempotencyKey;
    const actor = request.actor;
    if (!key || !actor?.orgId) return payload;
    const context = { orgId: actor.orgId, userId: actor.userId };
    await withTenant(database, context, async (trx) => {
      if (reply.statusCode >= 500) {
        await trx
          .deleteFrom("idempotency_keys")
          .where("org_id", "=", context.orgId)
          .where("user_id", "=", context.userId)
          .where("key", "=", key)
          .execute();
        return;
      }
      const text =
        typeof payload === "string"
          ? payload
          : payload === undefined || payload === null
            ? "null"
            : String(payload);
      await trx
        .updateTable("idempotency_keys")
        .set({ status_code: reply.statusCode, response: isJson(text) ? text : JSON.stringify(text) })
        .where("org_id", "=", context.orgId)
        .where("user_id", "=", context.userId)
        .where("key", "=", key)
        .execute();
    });
    return payload;
  });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
