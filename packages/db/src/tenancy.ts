/**
 * Tenancy, enforced twice. Queries name their organization, and every request's transaction also runs as
 * the role `moldir_app` with `moldir.org_id` set, so that PostgreSQL's row-level security refuses other
 * organizations' rows even when a query forgets its filter. Row-level security binds neither superusers
 * nor table owners, which is why the switch of role matters: the configured connection may well be the
 * `postgres` superuser. Both settings are local to the transaction and vanish at its end, so a pooled
 * connection never carries them into another request.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "./driver";
import type { Schema } from "./schema";

export interface TenantContext {
  readonly orgId: string;
  /** The user on whose behalf the transaction runs; null for system work inside one organization. */
  readonly userId: string | null;
}

export type Tx = Transaction<Schema>;

/** Sets the organization and the unprivileged role on a transaction; one statement. */
export async function enterTenant(trx: Kysely<Schema>, context: TenantContext): Promise<void> {
  await sql`SELECT set_config('moldir.org_id', ${context.orgId}, true),
    set_config('moldir.user_id', ${context.userId ?? ""}, true),
    set_config('role', 'moldir_app', true)`.execute(trx);
}

/** Runs `work` in one transaction confined to one organization by row-level security. */
export function withTenant<T>(
  database: Database,
  context: TenantContext,
  work: (trx: Tx) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    await enterTenant(trx, context);
    return work(trx);
  });
}

/**
 * Runs `work` in one transaction as the connection's own user, across organizations. Only for what no
 * organization owns yet or what spans them: logging in, sessions, creating an organization, migrations and
 * the demo, network roll-ups.
 */
export function asSystem<T>(database: Database, work: (trx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(work);
}
