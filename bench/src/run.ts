/**
 * `npm run bench`: runs every row of PERFORMANCE.md the code already supports and prints median, min and max
 * beside each goal, with the machine and the commit.
 *
 *   --size small|full   size of the database and HTTP benchmarks (default small; see suite.ts)
 *   --lines N           lines loaded for the trial balance, replacing the size's
 *   --engine E          only the embedded database or only PostgreSQL
 *   --quick             a tiny version of everything (the test suite's, to prove the benchmarks still run)
 *   --no-db             only the benchmarks that need no database
 *   other words         keep only the benchmarks whose name contains one of them
 *
 * The database benchmarks run on the embedded database, and also on the PostgreSQL server when
 * `DATABASE_URL` is set (each makes its own databases there and drops them).
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { closeOfBusinessBenchmark } from "./cob";
import { BenchDatabases, type EngineName } from "./databases";
import { federationReport } from "./federation";
import { firstStart } from "./first-start";
import {
  type Benchmark,
  describeMachine,
  formatReport,
  type Measurement,
  measure,
  type RunOptions,
} from "./harness";
import { apiPosting, serverMemory } from "./http";
import { bulkPosting, trialBalanceOverLines } from "./ledger";
import { loanDetailHistory } from "./loan-detail";
import { loanBenchmarks } from "./loans";
import { overloadBenchmark } from "./overload";
import { parReportBenchmark } from "./par";
import { personSearch } from "./people";
import { repaymentCost } from "./repayment-cost";
import { repaymentsSustained } from "./repayments";
import { statementsPerRequest } from "./requests";
import type { DatabaseBenchmark, Size } from "./suite";
import { webBundleSize } from "./web-size";

export const benchmarks: readonly Benchmark[] = [...loanBenchmarks];

export const databaseBenchmarks: readonly DatabaseBenchmark[] = [
  bulkPosting,
  trialBalanceOverLines,
  apiPosting,
  personSearch,
  statementsPerRequest,
  serverMemory,
  closeOfBusinessBenchmark,
  loanDetailHistory,
  parReportBenchmark,
  repaymentsSustained,
  repaymentCost,
  overloadBenchmark,
  federationReport,
  webBundleSize,
  firstStart,
];

/** The settings of `--quick`: one round of a few iterations. */
export const quickRun: RunOptions = { iterationScale: 0.0005, rounds: 1 };

export function runBenchmarks(selected: readonly Benchmark[], options: RunOptions): Measurement[] {
  return selected.map((benchmark) => measure(benchmark, options));
}

export interface DatabaseRunOptions {
  readonly size: Size;
  /** A PostgreSQL server to run on besides the embedded database. */
  readonly serverUrl: string | undefined;
  /** Lines to load for the trial balance (`--lines N`), replacing the size's. */
  readonly lines?: number | undefined;
  /** Only this engine (`--engine embedded|postgres`). */
  readonly engine?: EngineName | undefined;
  readonly log?: (line: string) => void;
}

export async function runDatabaseBenchmarks(
  selected: readonly DatabaseBenchmark[],
  options: DatabaseRunOptions,
): Promise<Measurement[]> {
  const databases = new BenchDatabases(options.serverUrl, options.engine);
  const log = options.log ?? (() => undefined);
  const measurements: Measurement[] = [];
  // Interrupted (Ctrl-C), the run still drops what it made on the server.
  const onInterrupt = () => {
    databases.close().finally(() => process.exit(130));
  };
  process.once("SIGINT", onInterrupt);
  try {
    for (const benchmark of selected) {
      log(`▶ ${benchmark.name}`);
      measurements.push(
        ...(await benchmark.run({ size: options.size, databases, log, lines: options.lines })),
      );
    }
  } finally {
    process.off("SIGINT", onInterrupt);
    await databases.close();
  }
  return measurements;
}

function sizeFrom(args: readonly string[]): Size {
  if (args.includes("--quick")) return "quick";
  const index = args.indexOf("--size");
  const value = index >= 0 ? args[index + 1] : "small";
  if (value !== "small" && value !== "full") throw new Error("--size must be small or full");
  return value;
}

async function main(args: readonly string[]): Promise<void> {
  const size = sizeFrom(args);
  const valueIndexes = new Set(
    ["--size", "--lines", "--engine"]
      .map((flag) => args.indexOf(flag))
      .filter((index) => index >= 0)
      .map((i) => i + 1),
  );
  const linesIndex = args.indexOf("--lines");
  const lines = linesIndex >= 0 ? Number(args[linesIndex + 1]) : undefined;
  if (lines !== undefined && !(Number.isInteger(lines) && lines >= 8))
    throw new Error("--lines must be a number");
  const engineIndex = args.indexOf("--engine");
  const engine = engineIndex >= 0 ? args[engineIndex + 1] : undefined;
  if (engine !== undefined && engine !== "embedded" && engine !== "postgres")
    throw new Error("--engine must be embedded or postgres");
  const filters = args
    .filter((arg, index) => !arg.startsWith("--") && !valueIndexes.has(index))
    .map((arg) => arg.toLowerCase());
  const keep = (name: string) =>
    filters.length === 0 || filters.some((text) => name.toLowerCase().includes(text));
  const machine = describeMachine();
  const measurements = runBenchmarks(
    benchmarks.filter((b) => keep(b.name)),
    size === "quick" ? quickRun : { iterationScale: 1 },
  );
  if (!args.includes("--no-db")) {
    measurements.push(
      ...(await runDatabaseBenchmarks(
        databaseBenchmarks.filter((b) => keep(b.name)),
        {
          size,
          lines,
          engine,
          serverUrl: process.env.DATABASE_URL || undefined,
          log: (line) => process.stderr.write(`${line}\n`),
        },
      )),
    );
  }
  const engines =
    engine !== undefined
      ? `${engine} only (--engine)`
      : process.env.DATABASE_URL
        ? "embedded and PostgreSQL (DATABASE_URL)"
        : "embedded only";
  const note =
    size === "quick"
      ? "quick run: a few iterations only; the figures and verdicts mean nothing"
      : `size: ${size}; database engines: ${engines}; load average ${loadAverage()}`;
  process.stdout.write(formatReport(measurements, machine, new Date(), note));
}

function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

// Run only as the entry point (`tsx src/run.ts`), not when the test suite imports this module.
if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
