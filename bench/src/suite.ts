/**
 * The benchmarks that need a database or the HTTP server. Each runs on every engine of the run (the embedded
 * database, and PostgreSQL when `DATABASE_URL` is set) unless its row names one, at a size chosen by
 * `--size`: `quick` (the test suite's; figures mean nothing), `small` (a minute or so) or `full` (the sizes of
 * PERFORMANCE.md where this machine can reach them within minutes).
 */
import type { BenchDatabases, EngineName } from "./databases";
import type { Measurement } from "./harness";

export type Size = "quick" | "small" | "full";

export interface SuiteContext {
  readonly size: Size;
  readonly databases: BenchDatabases;
  /** Lines to load for the trial balance, replacing the size's (`--lines N`). */
  readonly lines?: number | undefined;
  /** Progress lines (stderr), so that a long run shows what it is doing. */
  readonly log: (line: string) => void;
}

export interface DatabaseBenchmark {
  /** Matched by the command line's filters. */
  readonly name: string;
  run(context: SuiteContext): Promise<Measurement[]>;
}

export function bySize<T>(size: Size, values: Record<Size, T>): T {
  return values[size];
}

export function engineLabel(engine: EngineName): string {
  return engine === "embedded" ? "embedded" : "PostgreSQL";
}

export const count = (value: number): string => Math.round(value).toLocaleString("en-US");

export function seconds(startedNs: bigint): number {
  return Number(process.hrtime.bigint() - startedNs) / 1e9;
}
