/**
 * "`npm install` + first `npm start` to a usable page": the time from starting `npm start`'s script
 * (`node scripts/start.mjs`) on an empty embedded database — it migrates, loads the demo as a new user's first
 * start does, builds the web app if its build is missing, and listens — to the first successful
 * `GET /login` that answers the web app's HTML, as a browser asks for it. The database folder is new each run.
 *
 * At `--size full` it also times `npm ci --prefer-offline` in a copy of the repository's tracked files (the
 * packages come from this machine's npm cache where it holds them, so the network's speed is mostly left out;
 * it is labelled so) and adds both. The quick version starts `moldir serve` with the tiny demo and waits for `/`.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Goal, summarize } from "./harness";
import { freePort } from "./http";
import { bySize, type DatabaseBenchmark, seconds } from "./suite";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const webIndex = join(repoRoot, "packages/web/dist/index.html");

const goal: Goal = { text: "≤ 3 min (stretch ≤ 1 min)", must: 180, stretch: 60, unit: "s" };

interface StartRun {
  readonly seconds: number;
  readonly builtWeb: boolean;
  readonly status: number;
}

function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return exited.finally(() => clearTimeout(timer));
}

/** Starts the server on an empty database folder and waits for the page; answers how long it took. */
async function timeFirstStart(dataDir: string, quick: boolean, timeoutSeconds: number): Promise<StartRun> {
  const port = await freePort();
  const builtWeb = !quick && !existsSync(webIndex);
  const script = quick ? ["packages/server/bin/moldir.mjs", "serve"] : ["scripts/start.mjs"];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, script, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      ...(quick ? { SEED_DEMO_SIZE: "tiny", CLOSE_OF_BUSINESS_SCHEDULE: "false" } : {}),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const output: string[] = [];
  child.stderr?.on("data", (chunk) => {
    output.push(String(chunk));
    if (output.length > 50) output.shift();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const path = quick ? "/" : "/login";
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the first start stopped: ${output.join("")}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${path}`, {
          headers: { accept: "text/html" },
        });
        const body = await response.text();
        if (response.ok && body.includes("<")) return { seconds: seconds(started), builtWeb, status: 200 };
      } catch {
        // not listening yet
      }
      if (seconds(started) > timeoutSeconds)
        throw new Error(`no page within ${timeoutSeconds} s: ${output.join("")}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await stopChild(child, exited);
  }
}

/** `npm ci --prefer-offline` in a copy of the tracked files; answers its seconds. */
function timeNpmCi(): number {
  const copy = mkdtempSync(join(tmpdir(), "moldir-bench-ci-"));
  try {
    const files = execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" })
      .split("\n")
      .filter((file) => file !== "" && existsSync(join(repoRoot, file)));
    for (const file of files) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(repoRoot, file), join(copy, file));
    }
    const started = process.hrtime.bigint();
    const result = spawnSync("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: copy,
      encoding: "utf8",
      env: { ...process.env, npm_config_update_notifier: "false" },
    });
    if (result.status !== 0) throw new Error(`npm ci failed: ${result.stderr}`);
    return seconds(started);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export const firstStart: DatabaseBenchmark = {
  name: "First npm start to a usable page",
  async run({ size, databases, log }) {
    const quick = size === "quick";
    const rounds = bySize(size, { quick: 1, small: 1, full: 3 });
    const runs: StartRun[] = [];
    for (let round = 1; round <= rounds; round++) {
      const run = await timeFirstStart(databases.emptyFolder(), quick, quick ? 600 : 900);
      runs.push(run);
      log(
        `first start: ${run.seconds.toFixed(1)} s to ${quick ? "/" : "/login"}` +
          `${run.builtWeb ? " (the web app was built during it)" : ""}`,
      );
    }
    const startSeconds = runs.map((r) => r.seconds);
    const results = [
      summarize(
        quick
          ? "First start (tiny demo) to the first page, embedded"
          : "First npm start to the sign-in page, empty embedded database",
        null,
        "s",
        startSeconds,
        quick
          ? "moldir serve, tiny demo, GET / (quick: not the goal's start)"
          : `${rounds} start(s) of scripts/start.mjs: migrations, the demo (small), then GET /login 200;` +
              ` web build ${runs.some((r) => r.builtWeb) ? "included (dist was missing)" : "not needed (dist present)"}` +
              "; goal (with npm install) ≤ 3 min",
      ),
    ];
    if (size === "full") {
      log("npm ci --prefer-offline in a copy of the repository (the local npm cache)…");
      const ci = timeNpmCi();
      log(`npm ci: ${ci.toFixed(1)} s`);
      const sorted = [...startSeconds].sort((a, b) => a - b);
      const startMedian = sorted[Math.floor(sorted.length / 2)] ?? 0;
      results.push(
        summarize(
          "npm ci from the local cache (--prefer-offline)",
          null,
          "s",
          [ci],
          "one run in a copy of the tracked files",
        ),
        summarize(
          "npm install + first npm start to a usable page",
          goal,
          "s",
          [ci + startMedian],
          "npm ci (local cache) + the median first start",
        ),
      );
    }
    return results;
  },
};
