/**
 * A small benchmark harness for the rows of PERFORMANCE.md. Each benchmark prepares its input once, then
 * runs several rounds; a round repeats the measured work `iterationsPerRound` times and records the time per
 * iteration. The machines are shared and noisy, so the figure compared with the goal is the median of the
 * rounds, printed with the minimum and maximum beside it (PERFORMANCE.md: "report medians over several runs").
 * A warm-up round, not recorded, lets the JIT compile the code first. Benchmarks are not tests: nothing here
 * fails on speed.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, totalmem } from "node:os";

/** Units a figure is reported in. */
export type TimeUnit = "µs" | "ms" | "s";

const nanosecondsPer: Record<TimeUnit, number> = { µs: 1_000, ms: 1_000_000, s: 1_000_000_000 };

/**
 * A goal of PERFORMANCE.md: a figure must not exceed `must` (and ideally not `stretch`), or, for rates
 * (`higherIsBetter`), must reach `must` (and ideally `stretch`).
 */
export interface Goal {
  /** The row's words in PERFORMANCE.md, e.g. "median ≤ 10 µs (stretch ≤ 3 µs)". */
  readonly text: string;
  readonly must: number;
  readonly stretch: number;
  /** The unit of the figure: a time unit, or e.g. "lines/s", "MB", "statements". */
  readonly unit: string;
  readonly higherIsBetter?: boolean;
}

/** A goal on time per iteration, the kind the synchronous harness measures. */
export interface TimeGoal extends Goal {
  readonly unit: TimeUnit;
}

/** How a benchmark is written: prepare the input once, then do the measured work once per call of `run`. */
export interface BenchmarkSpec<Input> {
  /** The row of PERFORMANCE.md it measures. */
  readonly name: string;
  readonly goal: TimeGoal;
  readonly prepare: () => Input;
  /** The measured work; returns something derived from its result so the work cannot be optimized away. */
  readonly run: (input: Input) => number;
  readonly iterationsPerRound: number;
  readonly rounds: number;
}

/** A benchmark ready to run: `prepare` builds the input and returns the measured work bound to it. */
export interface Benchmark {
  readonly name: string;
  readonly goal: TimeGoal;
  readonly prepare: () => () => number;
  readonly iterationsPerRound: number;
  readonly rounds: number;
}

/** Builds a benchmark, keeping the input's type between `prepare` and `run`. */
export function defineBenchmark<Input>(spec: BenchmarkSpec<Input>): Benchmark {
  return {
    name: spec.name,
    goal: spec.goal,
    iterationsPerRound: spec.iterationsPerRound,
    rounds: spec.rounds,
    prepare: () => {
      const input = spec.prepare();
      return () => spec.run(input);
    },
  };
}

/** How many rounds and iterations to run: the full figures, or a quick pass that only proves it still runs. */
export interface RunOptions {
  /** Multiplies each benchmark's iterations per round (at least one iteration). */
  readonly iterationScale: number;
  /** Replaces each benchmark's number of rounds when set. */
  readonly rounds?: number;
}

export type Verdict = "met stretch" | "met" | "not met" | "no goal";

/** What one benchmark measured, per iteration, in the goal's unit. */
export interface Measurement {
  readonly name: string;
  /** Null for figures that PERFORMANCE.md sets no goal for (printed for information). */
  readonly goal: Goal | null;
  readonly unit: string;
  readonly rounds: number;
  readonly iterationsPerRound: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly verdict: Verdict;
  /** Sum of what `run` returned, printed nowhere; it keeps the work observable. */
  readonly checksum: number;
  /** What was run, printed instead of "rounds × iterations" (e.g. "3 runs of 40,000 lines"). */
  readonly detail?: string;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function judge(value: number, goal: Goal | null): Verdict {
  if (goal === null) return "no goal";
  if (goal.higherIsBetter === true) {
    if (value >= goal.stretch) return "met stretch";
    return value >= goal.must ? "met" : "not met";
  }
  if (value <= goal.stretch) return "met stretch";
  return value <= goal.must ? "met" : "not met";
}

/** The p-th percentile (0–100) of some values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error("the percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? 0;
}

/** A measurement from samples gathered elsewhere (the database and HTTP benchmarks). */
export function summarize(
  name: string,
  goal: Goal | null,
  unit: string,
  samples: readonly number[],
  detail: string,
): Measurement {
  const middle = median(samples);
  return {
    name,
    goal,
    unit,
    rounds: samples.length,
    iterationsPerRound: 1,
    median: middle,
    min: Math.min(...samples),
    max: Math.max(...samples),
    verdict: judge(middle, goal),
    checksum: samples.reduce((sum, value) => sum + Math.abs(value), 0),
    detail,
  };
}

/** Runs one benchmark: a warm-up round, then the recorded rounds. */
export function measure(benchmark: Benchmark, options: RunOptions): Measurement {
  const iterations = Math.max(1, Math.round(benchmark.iterationsPerRound * options.iterationScale));
  const rounds = Math.max(1, options.rounds ?? benchmark.rounds);
  const work = benchmark.prepare();
  let checksum = 0;
  const perIteration: number[] = [];
  for (let round = -1; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let iteration = 0; iteration < iterations; iteration++) checksum += work();
    const elapsedNanoseconds = Number(process.hrtime.bigint() - started);
    if (round >= 0) perIteration.push(elapsedNanoseconds / iterations / nanosecondsPer[benchmark.goal.unit]);
  }
  const middle = median(perIteration);
  return {
    name: benchmark.name,
    goal: benchmark.goal,
    unit: benchmark.goal.unit,
    rounds,
    iterationsPerRound: iterations,
    median: middle,
    min: Math.min(...perIteration),
    max: Math.max(...perIteration),
    verdict: judge(middle, benchmark.goal),
    checksum,
  };
}

/** The machine a run happened on, printed with every run. */
export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly commit: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((text) => text.startsWith("model name"));
    return line?.split(":")[1]?.trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}

function gitCommit(): string {
  try {
    const git = (args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: "pipe" }).trim();
    const commit = git(["rev-parse", "--short=12", "HEAD"]);
    return git(["status", "--porcelain"]) === "" ? commit : `${commit} (with uncommitted changes)`;
  } catch {
    return "unknown";
  }
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    commit: gitCommit(),
  };
}

export function formatFigure(value: number): string {
  if (value >= 10_000) return Math.round(value).toLocaleString("en-US");
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The results as a plain-text table, with the machine and the commit above it. */
export function formatReport(
  measurements: readonly Measurement[],
  machine: Machine,
  date: Date,
  note?: string,
): string {
  const header = ["benchmark", "median", "min", "max", "unit", "runs", "goal", "verdict"];
  const rows = measurements.map((m) => [
    m.name,
    formatFigure(m.median),
    formatFigure(m.min),
    formatFigure(m.max),
    m.unit,
    m.detail ?? `${m.rounds} × ${m.iterationsPerRound}`,
    m.goal?.text ?? "(none in PERFORMANCE.md)",
    m.verdict,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    `Moldir benchmarks, ${date.toISOString()}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}`,
    `commit:  ${machine.commit}`,
    ...(note === undefined ? [] : [note]),
    "",
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
  ].join("\n");
}
