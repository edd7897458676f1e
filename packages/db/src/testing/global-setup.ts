/**
 * Runs once before the test files: migrates one template database, which every test file then clones.
 * On PGlite the template is a dump of a migrated data folder (loading it takes a fraction of a second,
 * while a fresh initdb takes seconds); on a PostgreSQL server it is a template database that
 * `CREATE DATABASE … TEMPLATE` copies. Migrations therefore run once per test run, never per file.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../driver";
import { migrate } from "../migrate";
import { adminQuery, databaseUrlWithName, type TestDatabaseTemplate, testDatabasePrefix } from "./template";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? setUpServerTemplate(project, serverUrl) : setUpEmbeddedTemplate(project);
}

async function setUpEmbeddedTemplate(project: TestProject): Promise<() => Promise<void>> {
  const database = await openDatabase({});
  let dump: Blob;
  try {
    await migrate(database);
    if (database.dumpDataDir === undefined) throw new Error("the embedded database cannot be dumped");
    dump = await database.dumpDataDir();
  } finally {
    await database.close();
  }
  const dir = mkdtempSync(join(tmpdir(), "moldir-test-"));
  const dumpPath = join(dir, "template.tar");
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabaseTemplate", { engine: "pglite", dumpPath } satisfies TestDatabaseTemplate);
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function setUpServerTemplate(project: TestProject, serverUrl: string): Promise<() => Promise<void>> {
  const template = `${testDatabasePrefix}${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${template}`);
  const database = await openDatabase({ databaseUrl: databaseUrlWithName(serverUrl, template), poolMax: 1 });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  project.provide("testDatabaseTemplate", {
    engine: "postgres",
    serverUrl,
    template,
  } satisfies TestDatabaseTemplate);
  return async () => {
    // Drops the template and any clone of it that a crashed test file left behind.
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
        [`${template}%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
