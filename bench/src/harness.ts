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

/** A goal of PERFORMANCE.md: a figure must not exceed `must` (and ideally not `stretch`). */
export interface Goal {
  /** The row's words in PERFORMANCE.md, e.g. "median ≤ 10 µs (stretch ≤ 3 µs)". */
  readonly text: string;
  readonly must: number;
  readonly stretch: number;
  readonly unit: TimeUnit;
}

/** How a benchmark is written: prepare the input once, then do the measured work once per call of `run`. */
export interface BenchmarkSpec<Input> {
  /** The row of PERFORMANCE.md it measures. */
  readonly name: string;
  readonly goal: Goal;
  readonly prepare: () => Input;
  /** The measured work; returns something derived from its result so the work cannot be optimized away. */
  readonly run: (input: Input) => number;
  readonly iterationsPerRound: number;
  readonly rounds: number;
}

/** A benchmark ready to run: `prepare` builds the input and returns the measured work bound to it. */
export interface Benchmark {
  readonly name: string;
  readonly goal: Goal;
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

export type Verdict = "met stretch" | "met" | "not met";

/** What one benchmark measured, per iteration, in the goal's unit. */
export interface Measurement {
  readonly name: string;
  readonly goal: Goal;
  readonly rounds: number;
  readonly iterationsPerRound: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly verdict: Verdict;
  /** Sum of what `run` returned, printed nowhere; it keeps the work observable. */
  readonly checksum: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("the median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function judge(value: number, goal: Goal): Verdict {
  if (value <= goal.stretch) return "met stretch";
  return value <= goal.must ? "met" : "not met";
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

function formatFigure(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** The results as a plain-text table, with the machine and the commit above it. */
export function formatReport(
  measurements: readonly Measurement[],
  machine: Machine,
  date: Date,
  note?: string,
): string {
  const header = ["benchmark", "median", "min", "max", "unit", "rounds × iterations", "goal", "verdict"];
  const rows = measurements.map((m) => [
    m.name,
    formatFigure(m.median),
    formatFigure(m.min),
    formatFigure(m.max),
    m.goal.unit,
    `${m.rounds} × ${m.iterationsPerRound}`,
    m.goal.text,
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
