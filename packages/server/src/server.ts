/**
 * Starts Moldir: opens the database (embedded or server), applies migrations, builds the app and listens.
 * On SIGINT or SIGTERM it stops taking requests, lets those in flight finish (bounded by
 * `limits.shutdownGraceSeconds`), closes the database and exits.
 */

import { existsSync, readdirSync, renameSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Database, migrate, openDatabase } from "@moldir/db";
import { limits } from "@moldir/domain";
import closeWithGrace from "close-with-grace";
import type { FastifyInstance } from "fastify";
import { buildApp } from "./app";
import type { Config } from "./config";
import { type DemoLogin, isDatabaseEmpty, seedDemo } from "./demo/seed-demo";
import { startDailyTotalsCompaction } from "./ledger/daily-totals";
import { closeYesterdayEverywhere, settleCloseOfBusiness } from "./loans/cob-routes";
import { startDispatcher } from "./notifications/outbox";
import { fileProvider, httpSmsProvider, type NotificationProvider } from "./notifications/providers";
import { resumeImportJobs } from "./people/import-jobs";

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly database: Database;
  /** The demo logins, when this start loaded the demo into an empty database. */
  readonly demoLogins: readonly DemoLogin[] | null;
  /** The address people open, e.g. http://127.0.0.1:3000 */
  readonly url: string;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl === undefined ? config.dataDir : undefined,
    poolMax: config.databasePoolMax,
  });
}

export function notificationProviderOf(config: Config): NotificationProvider | null {
  switch (config.notificationsProvider) {
    case "none":
      return null;
    case "file":
      return fileProvider(config.notificationsFile ?? join(config.dataDir, "notifications.log"));
    case "http":
      if (config.smsGatewayUrl === undefined)
        throw new Error("NOTIFICATIONS_PROVIDER=http needs SMS_GATEWAY_URL");
      return httpSmsProvider(config.smsGatewayUrl, config.smsGatewayToken);
  }
}

/**
 * The first start on the embedded database loads the demo into a folder beside the data folder and moves it
 * into place only when the demo is complete. A first start stopped half-way (the demo takes half a minute)
 * leaves no half-loaded database behind: the next start throws the unfinished folder away and loads the demo
 * again. Returns the demo's logins, or null when the data folder holds a database already.
 */
export async function loadDemoIntoNewDataDir(config: Config): Promise<readonly DemoLogin[] | null> {
  if (config.databaseUrl !== undefined || !config.seedDemo) return null;
  // Only a data folder that does not exist yet, or is empty, is replaced; anything else is left as it is.
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) return null;
  const loading = `${config.dataDir}.loading`;
  rmSync(loading, { recursive: true, force: true });
  const staging = await openDatabase({ dataDir: loading });
  let logins: readonly DemoLogin[];
  try {
    await migrate(staging);
    logins = (await seedDemo(staging, config.seedDemoSize)).logins;
  } finally {
    await staging.close();
  }
  if (existsSync(config.dataDir)) rmdirSync(config.dataDir);
  renameSync(loading, config.dataDir);
  return logins;
}

export async function startServer(config: Config): Promise<RunningServer> {
  let demoLogins = await loadDemoIntoNewDataDir(config);
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
    // A database of the server, or a data folder created without the demo, gets it in place.
    if (config.seedDemo && (await isDatabaseEmpty(database)))
      demoLogins = (await seedDemo(database, config.seedDemoSize)).logins;
  } catch (error) {
    await database.close();
    throw error;
  }
  const app = await buildApp({ config, database });
  const provider = notificationProviderOf(config);
  const stopDispatcher =
    provider === null
      ? () => undefined
      : startDispatcher(database, provider, 5_000, (error) =>
          app.log.error({ err: error }, "notifications dispatch failed"),
        );
  // The daily close of business, checked at start and every 15 minutes: each organization with running
  // loans closes every day up to yesterday that is not closed yet.
  const closeDaily = () =>
    closeYesterdayEverywhere(database, app.log).catch((error: unknown) =>
      app.log.error({ err: error }, "scheduling close of business failed"),
    );
  const cobTimer = config.closeOfBusinessSchedule ? setInterval(closeDaily, 15 * 60_000) : undefined;
  cobTimer?.unref();
  // The ledger's daily totals are written as deltas; merging them keeps the statements reading one row a day.
  const stopCompaction = startDailyTotalsCompaction(database, 60_000, (error) =>
    app.log.error({ err: error }, "compacting the ledger's daily totals failed"),
  );
  app.addHook("onClose", async () => {
    stopDispatcher();
    stopCompaction();
    if (cobTimer !== undefined) clearInterval(cobTimer);
    await settleCloseOfBusiness();
    await database.close();
  });
  await app.listen({ port: config.port, host: config.host });
  if (config.closeOfBusinessSchedule) void closeDaily();
  // Imports left queued or running by a server that stopped run again. Only this process can open the
  // embedded database, so all of them at once; on a PostgreSQL server another process may still be running
  // one, so only those untouched for ten minutes.
  void resumeImportJobs(database, app.log, config.databaseUrl === undefined ? 0 : 10 * 60_000).catch(
    (error: unknown) => app.log.error({ err: error }, "resuming person import jobs failed"),
  );
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.port;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  return {
    app,
    database,
    demoLogins,
    url: `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${port}`,
  };
}

/** Closes the server gracefully on a signal or a fatal error. */
export function closeOnSignals(server: RunningServer): void {
  closeWithGrace({ delay: limits.shutdownGraceSeconds * 1000 }, async ({ signal, err }) => {
    if (err !== undefined) server.app.log.error({ err }, "fatal error; shutting down");
    else server.app.log.info({ signal }, "shutting down");
    await server.app.close();
  });
}
