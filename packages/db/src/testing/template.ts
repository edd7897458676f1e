/** What the global set-up hands to each test file: where to clone its database from. */
import pg from "pg";

export type TestDatabaseTemplate =
  | { readonly engine: "pglite"; readonly dumpPath: string }
  | { readonly engine: "postgres"; readonly serverUrl: string; readonly template: string };

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseTemplate: TestDatabaseTemplate;
  }
}

/** Every database the tests create on a server starts with this, so leftovers are easy to find. */
export const testDatabasePrefix = "moldir_test_";

export function databaseUrlWithName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot be in a transaction). */
export async function adminQuery(serverUrl: string, sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}
