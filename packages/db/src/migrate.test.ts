import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "./migrate";
import { createEmptyDatabase, type TestDatabase } from "./testing";

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "moldir-migrations-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function tableNames(database: TestDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' ORDER BY table_name`.execute(database.db);
  return rows.map((row) => row.name);
}

describe("migrate", () => {
  let database: TestDatabase;
  const dirs: string[] = [];
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("applies the project's migrations once, then finds nothing to do", async () => {
    const first = await migrate(database);
    expect(first.applied[0]).toBe("0001_foundation");
    expect(first.applied.length).toBe(readMigrations().length);
    const second = await migrate(database);
    expect(second.applied).toEqual([]);
  });

  it("leaves the database as it was when a migration fails", async () => {
    const dir = folderWith({
      "0001_foundation.sql": readMigrations()[0]?.sql ?? "",
    });
    dirs.push(dir);
    const migrations = readMigrations();
    for (const m of migrations.slice(1)) {
      writeFileSync(join(dir, `${String(m.version).padStart(4, "0")}_${m.name}.sql`), m.sql);
    }
    const next = String((migrations.at(-1)?.version ?? 0) + 1).padStart(4, "0");
    writeFileSync(
      join(dir, `${next}_broken.sql`),
      "CREATE TABLE half_done (id int); SELECT no_such_function();",
    );
    await expect(migrate(database, dir)).rejects.toThrow(/no_such_function/);
    expect(await tableNames(database)).not.toContain("half_done");
    const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM moldir_migrations`.execute(
      database.db,
    );
    expect(Number(rows[0]?.n)).toBe(migrations.length);
  });

  it("refuses a migration that was changed after it was applied", async () => {
    const dir = folderWith({ "0001_foundation.sql": "-- edited\nSELECT 1;" });
    dirs.push(dir);
    await expect(migrate(database, dir)).rejects.toThrow(/was changed after it was applied/);
  });

  it("refuses gaps in the numbering and badly named files", () => {
    const gap = folderWith({ "0001_a.sql": "SELECT 1;", "0003_c.sql": "SELECT 1;" });
    const badName = folderWith({ "first.sql": "SELECT 1;" });
    dirs.push(gap, badName);
    expect(() => readMigrations(gap)).toThrow(/without gaps/);
    expect(() => readMigrations(badName)).toThrow(/must look like/);
  });
});
