/**
 * `npm run bench`: runs every row of PERFORMANCE.md the code already supports and prints median, min and max
 * beside each goal, with the machine and the commit. `--quick` runs a tiny version (the test suite's, to
 * prove the benchmarks still run); any other argument keeps only the benchmarks whose name contains it.
 * Rows that need the database or the HTTP server are added here as those parts arrive (see RESULTS.md).
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Benchmark,
  describeMachine,
  formatReport,
  type Measurement,
  measure,
  type RunOptions,
} from "./harness";
import { loanBenchmarks } from "./loans";

export const benchmarks: readonly Benchmark[] = [...loanBenchmarks];

/** The settings of `--quick`: one round of a few iterations. */
export const quickRun: RunOptions = { iterationScale: 0.0005, rounds: 1 };

export function runBenchmarks(selected: readonly Benchmark[], options: RunOptions): Measurement[] {
  return selected.map((benchmark) => measure(benchmark, options));
}

function main(args: readonly string[]): void {
  const isQuick = args.includes("--quick");
  const filters = args.filter((arg) => !arg.startsWith("--")).map((arg) => arg.toLowerCase());
  const selected = benchmarks.filter(
    (benchmark) =>
      filters.length === 0 || filters.some((text) => benchmark.name.toLowerCase().includes(text)),
  );
  const machine = describeMachine();
  const measurements = runBenchmarks(selected, isQuick ? quickRun : { iterationScale: 1 });
  const note = isQuick
    ? "quick run: a few iterations only; the figures and verdicts mean nothing"
    : undefined;
  process.stdout.write(formatReport(measurements, machine, new Date(), note));
}

// Run only as the entry point (`tsx src/run.ts`), not when the test suite imports this module.
if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) main(process.argv.slice(2));
