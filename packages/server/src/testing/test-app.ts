/** Builds the real app on an isolated test database, for `app.inject()` tests. */
import { Writable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@moldir/db/testing";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../app";

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  /** Every log line the app wrote, parsed. */
  readonly logLines: Record<string, unknown>[];
}

export interface TestAppOptions {
  readonly webDistDir?: string;
  /** Trust X-Forwarded-* headers, as behind a reverse proxy. */
  readonly trustProxy?: boolean;
  /** Adds routes before the app is ready (tests of the HTTP plumbing). */
  readonly extend?: (app: FastifyInstance) => void | Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logLines: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line.trim() !== "") logLines.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({
    config: {
      logLevel: "info",
      trustProxy: options.trustProxy ?? false,
      webDistDir: options.webDistDir ?? "/nonexistent",
    },
    database,
    logStream,
  });
  await options.extend?.(app);
  await app.ready();
  return { app, database, logLines };
}

/** One app for the whole test file. */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await createTestApp(options);
  });
  afterAll(async () => {
    await testApp?.app.close();
    await testApp?.database.drop();
  });
  return () => {
    if (testApp === undefined) throw new Error("the test app is created in beforeAll");
    return testApp;
  };
}
