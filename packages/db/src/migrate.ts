/**
 * Plain SQL migrations, numbered `NNNN_name.sql`, applied in order. Each runs once, in its own transaction,
 * so one that fails leaves the database as it was. Applied migrations are recorded with a checksum; a file
 * changed after it was applied is refused rather than silently skipped. On a PostgreSQL server an advisory
 * lock lets many processes start at once while only one migrates.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, RawTransaction } from "./driver";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export const migrationsDir = fileURLToPath(new URL("../migrations", import.meta.url));

const fileNamePattern = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the migrations of a folder, in order; refuses gaps and duplicate numbers. */
export function readMigrations(dir: string = migrationsDir): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => {
      const match = fileNamePattern.exec(file);
      if (match === null) throw new Error(`migration file name must look like 0001_name.sql: ${file}`);
      const sql = readFileSync(join(dir, file), "utf8");
      return {
        version: Number(match[1]),
        name: match[2] as string,
        sql,
        checksum: createHash("sha256").update(sql).digest("hex"),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migrations must be numbered 1, 2, 3… without gaps: found ${migration.version} at ${index + 1}`,
      );
    }
  });
  return migrations;
}

export interface MigrateResult {
  readonly applied: readonly string[];
}

const lockKey = 7_204_318_555; // any constant shared by all Moldir processes

async function lock(tx: RawTransaction, database: Database): Promise<void> {
  if (database.engine === "postgres") await tx.query("SELECT pg_advisory_xact_lock($1)", [lockKey]);
}

/** Applies every migration not yet applied. */
export async function migrate(database: Database, dir: string = migrationsDir): Promise<MigrateResult> {
  const migrations = readMigrations(dir);
  await database.rawTransaction(async (tx) => {
    await lock(tx, database);
    await tx.exec(`CREATE TABLE IF NOT EXISTS moldir_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await database.rawTransaction(async (tx) => {
      await lock(tx, database);
      const rows = await tx.query<{ checksum: string }>(
        "SELECT checksum FROM moldir_migrations WHERE version = $1",
        [migration.version],
      );
      const existing = rows[0];
      if (existing !== undefined) {
        if (existing.checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO moldir_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(`${String(migration.version).padStart(4, "0")}_${migration.name}`);
  }
  return { applied };
}
