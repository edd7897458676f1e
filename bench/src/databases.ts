/**
 * Databases for the benchmarks, on each engine the run covers: the embedded database (PGlite) always, and the
 * PostgreSQL server when a URL is given (`DATABASE_URL`). Migrations run once per engine: on PGlite into a
 * dump that each benchmark's database is loaded from; on the server into a template database that each
 * benchmark's database is cloned from. Every database made on the server is named `moldir_bench_<run>_…` and
 * dropped at the end; nothing else on the server is touched.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, migrate, openDatabase } from "@moldir/db";
import pg from "pg";

export type EngineName = "embedded" | "postgres";

export interface BenchDatabase extends Database {
  readonly engineName: EngineName;
  /** The server URL of this database (server engine only). */
  readonly url: string | undefined;
  /** Closes it and removes it. */
  drop(): Promise<void>;
}

/** Where a benchmark's server can find a copy of a prepared database. */
export type ServerDatabase =
  | { readonly engine: "embedded"; readonly dataDir: string }
  | { readonly engine: "postgres"; readonly url: string };

const prefix = "moldir_bench_";

function withName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin(serverUrl: string, sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

export class BenchDatabases {
  private embeddedDump: Blob | undefined;
  private template: string | undefined;
  private readonly run = randomBytes(4).toString("hex");
  private counter = 0;
  private readonly folders: string[] = [];

  constructor(
    private readonly serverUrl: string | undefined,
    private readonly only?: EngineName | undefined,
  ) {}

  get engines(): EngineName[] {
    const all: EngineName[] = this.serverUrl === undefined ? ["embedded"] : ["embedded", "postgres"];
    return all.filter((engine) => this.only === undefined || engine === this.only);
  }

  private async dump(): Promise<Blob> {
    if (this.embeddedDump !== undefined) return this.embeddedDump;
    const database = await openDatabase({});
    try {
      await migrate(database);
      if (database.dumpDataDir === undefined) throw new Error("the embedded database cannot be dumped");
      this.embeddedDump = await database.dumpDataDir();
    } finally {
      await database.close();
    }
    return this.embeddedDump;
  }

  private async templateName(serverUrl: string): Promise<string> {
    if (this.template !== undefined) return this.template;
    const name = `${prefix}${this.run}_template`;
    await admin(serverUrl, `CREATE DATABASE ${name}`);
    this.template = name;
    const database = await openDatabase({ databaseUrl: withName(serverUrl, name), poolMax: 1 });
    try {
      await migrate(database);
    } finally {
      await database.close();
    }
    return name;
  }

  private async cloneOnServer(): Promise<{ name: string; url: string }> {
    const serverUrl = this.serverUrl;
    if (serverUrl === undefined) throw new Error("no PostgreSQL server (DATABASE_URL) for this run");
    const template = await this.templateName(serverUrl);
    const name = `${prefix}${this.run}_${++this.counter}`;
    await admin(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
    return { name, url: withName(serverUrl, name) };
  }

  /** A fresh, migrated database on the engine, open in this process. */
  async open(engine: EngineName, poolMax = 10): Promise<BenchDatabase> {
    if (engine === "embedded") {
      const database = await openDatabase({ loadDataDir: await this.dump() });
      return { ...database, engineName: engine, url: undefined, drop: () => database.close() };
    }
    const serverUrl = this.serverUrl as string;
    const { name, url } = await this.cloneOnServer();
    const database = await openDatabase({ databaseUrl: url, poolMax });
    return {
      ...database,
      engineName: engine,
      url,
      drop: async () => {
        await database.close();
        await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }

  /**
   * A fresh, migrated database for a server in another process: `prepare` runs on it here first (fixtures),
   * then it is closed, so that the embedded database's folder can be opened by the server.
   */
  async forServer<T>(
    engine: EngineName,
    prepare: (database: Database) => Promise<T>,
  ): Promise<{ where: ServerDatabase; prepared: T; drop: () => Promise<void> }> {
    if (engine === "embedded") {
      const dataDir = mkdtempSync(join(tmpdir(), "moldir-bench-"));
      this.folders.push(dataDir);
      const database = await openDatabase({ dataDir, loadDataDir: await this.dump() });
      let prepared: T;
      try {
        prepared = await prepare(database);
      } finally {
        await database.close();
      }
      return {
        where: { engine, dataDir },
        prepared,
        drop: async () => rmSync(dataDir, { recursive: true, force: true }),
      };
    }
    const serverUrl = this.serverUrl as string;
    const { name, url } = await this.cloneOnServer();
    const database = await openDatabase({ databaseUrl: url, poolMax: 2 });
    let prepared: T;
    try {
      prepared = await prepare(database);
    } finally {
      await database.close();
    }
    return {
      where: { engine, url },
      prepared,
      drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }

  /** A new empty folder for an embedded database that a spawned server creates itself. */
  emptyFolder(): string {
    const dataDir = mkdtempSync(join(tmpdir(), "moldir-bench-"));
    this.folders.push(dataDir);
    return dataDir;
  }

  /** Drops every database this run made on the server and removes its folders. */
  async close(): Promise<void> {
    for (const folder of this.folders) rmSync(folder, { recursive: true, force: true });
    if (this.serverUrl === undefined || this.template === undefined) return;
    const client = new pg.Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname DESC",
        [`${prefix}${this.run}%`],
      );
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
