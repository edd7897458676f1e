/**
 * The typed shape of the database for Kysely. Each table carries `org_id` and a primary key that begins
 * with it (see docs/adr/0002-ids-and-keys.md), so every tenant's rows co-locate when sharded by
 * organization. Column types say what the drivers return: int8 → bigint, numeric → string, date → string.
 */
import type { ColumnType } from "kysely";

/** A column the database fills in on insert. */
export type Generated<T> = ColumnType<T, T | undefined, T>;

export interface MigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface Schema {
  moldir_migrations: MigrationsTable;
}
