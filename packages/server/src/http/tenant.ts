/**
 * A request's work in its organization: one transaction, row-level security on, and the audit event of a
 * mutation written in the same transaction, so that no change is ever committed without its record.
 */
import { type Database, type Tx, withTenant } from "@moldir/db";
import type { FastifyRequest } from "fastify";
import { newId } from "../identity/secrets";
import { memberOf } from "./access";

export interface AuditEntry {
  /** What happened, `area.verb` (e.g. `office.create`). */
  readonly action: string;
  readonly recordType: string;
  readonly recordId: string | null;
  /** Before/after or the essentials of the change; personal data masked by the caller. */
  readonly summary?: Readonly<Record<string, unknown>>;
}

export function inTenant<T>(
  database: Database,
  request: FastifyRequest,
  work: (trx: Tx) => Promise<T>,
): Promise<T> {
  const actor = memberOf(request);
  return withTenant(database, { orgId: actor.orgId, userId: actor.userId }, work);
}

/** Writes an audit event in the request's transaction. */
export async function audit(trx: Tx, request: FastifyRequest, entry: AuditEntry): Promise<void> {
  const actor = memberOf(request);
  await trx
    .insertInto("audit_events")
    .values({
      org_id: actor.orgId,
      id: newId(),
      actor_user_id: actor.userId,
      actor_address: request.ip,
      action: entry.action,
      record_type: entry.recordType,
      record_id: entry.recordId,
      summary: JSON.stringify({
        ...(entry.summary ?? {}),
        ...(actor.via.kind === "token" ? { viaTokenId: actor.via.tokenId } : {}),
      }),
    })
    .execute();
}
