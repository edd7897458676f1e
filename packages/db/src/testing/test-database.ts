/**
 * An isolated, migrated database for one test file, cloned from the template of the global set-up, on the
 * engine the run was started with (PGlite, or the server named by TEST_DATABASE_URL).
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { type Database, openDatabase } from "../driver";
import { adminQuery, databaseUrlWithName } from "./template";

export interface TestDatabase extends Database {
  /** Closes the connection and removes the database. */
  drop(): Promise<void>;
}

let embeddedTemplate: Blob | undefined;

export async function createTestDatabase(): Promise<TestDatabase> {
  const template = inject("testDatabaseTemplate");
  if (template.engine === "pglite") {
    embeddedTemplate ??= new Blob([readFileSync(template.dumpPath)]);
    const database = await openDatabase({ loadDataDir: embeddedTemplate });
    return { ...database, drop: () => database.close() };
  }
  const name = `${template.template}_${randomBytes(4).toString("hex")}`;
  await createDatabaseFromTemplate(template.serverUrl, name, template.template);
  const database = await openDatabase({
    databaseUrl: databaseUrlWithName(template.serverUrl, name),
    poolMax: 4,
  });
  return {
    ...database,
    drop: async () => {
      await database.close();
      await adminQuery(template.serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Clones the template; retries while another clone of the same template is being made. */
async function createDatabaseFromTemplate(serverUrl: string, name: string, template: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
      return;
    } catch (error) {
      const isBusy = error instanceof Error && /being accessed by other users/.test(error.message);
      if (!isBusy || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/** Gives the test file one database for all its tests: created before them, dropped after. */
export function useTestDatabase(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (database === undefined) throw new Error("the test database is created in beforeAll");
    return database;
  };
}

/** A database with nothing in it, not even migrations (for testing the migrator itself). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const template = inject("testDatabaseTemplate");
  if (template.engine === "pglite") {
    const database = await openDatabase({});
    return { ...database, drop: () => database.close() };
  }
  const name = `${template.template}_${randomBytes(4).toString("hex")}`;
  await adminQuery(template.serverUrl, `CREATE DATABASE "${name}"`);
  const database = await openDatabase({
    databaseUrl: databaseUrlWithName(template.serverUrl, name),
    poolMax: 2,
  });
  return {
    ...database,
    drop: async () => {
      await database.close();
      await adminQuery(template.serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
