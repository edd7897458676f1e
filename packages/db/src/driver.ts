/**
 * One SQL dialect on two engines. With no `DATABASE_URL`, Moldir runs PGlite (PostgreSQL compiled to
 * WebAssembly) in its own process with its data in a folder; with one, it talks to a PostgreSQL server
 * through `pg`. The same Kysely queries run on both.
 *
 * Both drivers are told explicitly how to read values, so that code never sees a difference:
 * int8 → bigint, numeric → string (exact), date → `YYYY-MM-DD` string (never a `Date`, which would carry a
 * time zone), timestamptz → `Date`.
 */
import { mkdirSync } from "node:fs";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import pg from "pg";
import type { Schema } from "./schema";

export type Engine = "pglite" | "postgres";

/** Raw access for work that the query builder does not express: scripts with many statements. */
export interface RawTransaction {
  /** Runs SQL text that may hold many statements, with no parameters. */
  exec(sqlText: string): Promise<void>;
  /** Runs one statement with parameters and returns its rows. */
  query<Row>(sqlText: string, parameters?: readonly unknown[]): Promise<Row[]>;
}

export interface Database {
  readonly engine: Engine;
  readonly db: Kysely<Schema>;
  /** Runs `work` in one transaction on one connection; rolls back when it throws. */
  rawTransaction<T>(work: (tx: RawTransaction) => Promise<T>): Promise<T>;
  /** A copy of the embedded database's data folder as a tar file (embedded engine only). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A `postgres://` URL; when absent, the embedded database is used. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database; `undefined` keeps it in memory. */
  readonly dataDir?: string | undefined;
  /** A dump of a migrated embedded database to start from (tests). */
  readonly loadDataDir?: Blob | undefined;
  /** Connections in the server pool. */
  readonly poolMax?: number | undefined;
}

const oid = { int8: 20, date: 1082, numeric: 1700 } as const;

const identity = (value: string) => value;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl === undefined
    ? openPglite(options)
    : openPostgres(options.databaseUrl, options.poolMax);
}

async function openPglite(options: OpenDatabaseOptions): Promise<Database> {
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    extensions: { pg_trgm },
    parsers: {
      [oid.int8]: (value: string) => BigInt(value),
      [oid.date]: identity,
      [oid.numeric]: identity,
    },
    serializers: {
      [pgliteTypes.INT8]: (value: unknown) => String(value),
    },
  });
  const db = new Kysely<Schema>({ dialect: new PGliteDialect({ pglite }) });
  return {
    engine: "pglite",
    db,
    // The embedded engine has one connection: Kysely serializes its users with a mutex, and raw
    // transactions go through the same Kysely connection so that they wait their turn too.
    rawTransaction: (work) =>
      db.connection().execute(async () =>
        pglite.transaction(async (tx) =>
          work({
            exec: async (sqlText) => {
              await tx.exec(sqlText);
            },
            query: async <Row>(sqlText: string, parameters: readonly unknown[] = []) =>
              (await tx.query<Row>(sqlText, [...parameters])).rows,
          }),
        ),
      ),
    dumpDataDir: () => db.connection().execute(() => pglite.dumpDataDir("none")),
    close: async () => {
      // Kysely closes only what it has opened; the raw paths may have used the engine without it.
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

async function openPostgres(databaseUrl: string, poolMax = 10): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolMax,
    types: {
      getTypeParser: ((typeId: number, format?: "text" | "binary") => {
        if (typeId === oid.int8) return (value: string) => BigInt(value);
        if (typeId === oid.date || typeId === oid.numeric) return identity;
        return pg.types.getTypeParser(typeId, format ?? "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection that the server ends (a restart, an administrator, a dropped database) is removed from
  // the pool, which reports it here; without a listener Node would stop the process. The next query opens a
  // new connection, and a query on a broken one fails on its own.
  pool.on("error", () => undefined);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: "postgres",
    db,
    rawTransaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({
          exec: async (sqlText) => {
            // With no parameters pg uses the simple protocol, which accepts many statements.
            await client.query(sqlText);
          },
          query: async <Row>(sqlText: string, parameters: readonly unknown[] = []) =>
            (await client.query(sqlText, [...parameters])).rows as Row[],
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      await db.destroy();
      if (!pool.ended) await pool.end();
    },
  };
}
