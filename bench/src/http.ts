/**
 * Benchmarks against the real server in its own process (`node packages/server/bin/moldir.mjs serve`, as
 * `npm start` runs it), on 127.0.0.1 only:
 * - balanced journal entries posted through the API by 16 concurrent clients (autocannon, API token), for a
 *   bounded time per run;
 * - the server's resident memory with the embedded database and the demo, idle after /ready and a few
 *   requests.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { withTenant } from "@moldir/db";
import { demoPassword } from "@moldir/server/demo/seed-demo";
import { trialBalance } from "@moldir/server/ledger/statements";
import autocannon from "autocannon";
import type { ServerDatabase } from "./databases";
import { buildLedgerFixture } from "./fixtures";
import { type Goal, percentile, summarize } from "./harness";
import { bySize, count, type DatabaseBenchmark, engineLabel } from "./suite";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const serverScript = fileURLToPath(new URL("../../packages/server/bin/moldir.mjs", import.meta.url));

const postingGoal: Goal = {
  text: "≥ 3,000/s on PostgreSQL (stretch ≥ 8,000)",
  must: 3_000,
  stretch: 8_000,
  unit: "entries/s",
  higherIsBetter: true,
};

const memoryGoal: Goal = {
  text: "≤ 600 MB resident (stretch ≤ 300 MB)",
  must: 600,
  stretch: 300,
  unit: "MB",
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface SpawnedServer {
  readonly url: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `moldir serve` on 127.0.0.1 and waits until /ready answers. */
export async function spawnServer(
  database: ServerDatabase,
  env: Record<string, string> = {},
  timeoutMs = 180_000,
): Promise<SpawnedServer> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [serverScript, "serve"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      SEED_DEMO: "false",
      ...(database.engine === "embedded" ? { DATA_DIR: database.dataDir } : { DATABASE_URL: database.url }),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (chunk) => {
    output.push(String(chunk));
    if (output.length > 50) output.shift();
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped at start: ${output.join("")}`);
    try {
      const response = await fetch(`${url}/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within ${timeoutMs / 1000} s: ${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, process: child, stop };
}

export const apiPosting: DatabaseBenchmark = {
  name: "Balanced journal entries posted through the API",
  async run({ size, databases, log }) {
    const { rounds, durationSeconds, connections } = bySize(size, {
      quick: { rounds: 1, durationSeconds: 1, connections: 2 },
      small: { rounds: 3, durationSeconds: 5, connections: 16 },
      full: { rounds: 5, durationSeconds: 15, connections: 16 },
    });
    const results = [];
    for (const engine of databases.engines) {
      const prepared = await databases.forServer(engine, buildLedgerFixture);
      const fixture = prepared.prepared;
      let server: SpawnedServer | undefined;
      try {
        server = await spawnServer(prepared.where);
        const [cash, income, fees] = fixture.accountIds;
        const body = JSON.stringify({
          valueDate: "2025-06-30",
          narration: "Repayment received",
          lines: [
            { accountId: cash, side: "debit", amountMinor: "150000" },
            { accountId: income, side: "credit", amountMinor: "120000" },
            { accountId: fees, side: "credit", amountMinor: "30000" },
          ],
        });
        const target = {
          url: `${server.url}/api/v1/books/${fixture.bookId}/journal-entries`,
          method: "POST" as const,
          headers: {
            authorization: `Bearer ${fixture.token}`,
            "content-type": "application/json",
            "accept-language": "en",
          },
          body,
          connections,
        };
        await autocannon({ ...target, duration: Math.min(durationSeconds, 3) }); // warm-up
        const rates: number[] = [];
        const p99s: number[] = [];
        let failures = 0;
        let posted = 0;
        for (let round = 1; round <= rounds; round++) {
          const result = await autocannon({ ...target, duration: durationSeconds });
          const created = result["2xx"];
          posted += created;
          failures += result.non2xx + result.errors + result.timeouts;
          rates.push(created / (result.duration || durationSeconds));
          p99s.push(result.latency.p99);
          log(
            `API posting, ${engine}: ${count(created)} entries in ${result.duration.toFixed(1)} s, ` +
              `p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
          );
        }
        results.push(
          summarize(
            `Journal entries through the API, ${connections} clients, ${engineLabel(engine)}`,
            engine === "postgres" ? postingGoal : null,
            "entries/s",
            rates,
            `${rounds} × ${durationSeconds} s, ${count(posted)} entries, p99 ${percentile(p99s, 50)} ms, ` +
              `${failures} failed`,
          ),
        );
        if (failures > 0) throw new Error(`${failures} API postings failed on ${engine}`);
        await server.stop();
        server = undefined;
        if (prepared.where.engine === "postgres") {
          // The books still balance after the load.
          const { openDatabase } = await import("@moldir/db");
          const database = await openDatabase({ databaseUrl: prepared.where.url, poolMax: 1 });
          try {
            await withTenant(database, fixture, (trx) =>
              trialBalance(trx, fixture.orgId, fixture.bookId, "2025-06-30" as never),
            );
          } finally {
            await database.close();
          }
        }
      } finally {
        await server?.stop();
        await prepared.drop();
      }
    }
    return results;
  },
};

function residentMegabytes(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rss: field("VmRSS") / 1024, peak: field("VmHWM") / 1024 };
}

export const serverMemory: DatabaseBenchmark = {
  name: "Server memory, embedded database with the demo, idle",
  async run({ size, databases, log }) {
    const rounds = bySize(size, { quick: 1, small: 1, full: 3 });
    const samples: number[] = [];
    const peaks: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      // A fresh folder each time: the server creates the database, migrates it and loads the demo.
      const dataDir = databases.emptyFolder();
      // The quick version (the test suite's) loads the tiny demo: its figure means nothing, and the small demo's
      // load can outlast the start's time limit on a busy machine.
      const server = await spawnServer(
        { engine: "embedded", dataDir },
        { SEED_DEMO: "true", ...(size === "quick" ? { SEED_DEMO_SIZE: "tiny" } : {}) },
      );
      try {
        for (const path of ["/health", "/ready", "/docs/json"])
          await (await fetch(`${server.url}${path}`)).text();
        const login = await fetch(`${server.url}/api/v1/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login: "administrator@moldir.demo", password: demoPassword }),
        });
        const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
        for (const path of ["/api/v1/session", "/api/v1/books", "/api/v1/users"])
          await (await fetch(`${server.url}${path}`, { headers: { cookie } })).text();
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        const pid = server.process.pid;
        if (pid === undefined) throw new Error("the server has no process id");
        const { rss, peak } = residentMegabytes(pid);
        samples.push(rss);
        peaks.push(peak);
        log(
          `server memory: ${rss.toFixed(0)} MB resident, peak ${peak.toFixed(0)} MB (login ${login.status})`,
        );
      } finally {
        await server.stop();
      }
    }
    return [
      summarize(
        "Server memory, embedded database with the demo, idle",
        memoryGoal,
        "MB",
        samples,
        `${rounds} starts; peak during start ${Math.max(...peaks).toFixed(0)} MB`,
      ),
    ];
  },
};
