/**
 * The loan engine's rows of PERFORMANCE.md: schedules of 12 monthly and 52 weekly installments, and the
 * replay of a loan with 2,000 events after a back-dated repayment. The workloads come from the domain's
 * `bench-cases` (which never reads a clock); this module only says how long to run them.
 */
import {
  prepareMonthlySchedule12,
  prepareReplay2000,
  prepareWeeklySchedule52,
  runReplay,
  runSchedule,
} from "@moldir/domain";
import { type Benchmark, defineBenchmark } from "./harness";

export const loanBenchmarks: readonly Benchmark[] = [
  defineBenchmark({
    name: "Schedule of 12 monthly installments, declining balance",
    goal: { text: "median ≤ 10 µs (stretch ≤ 3 µs)", must: 10, stretch: 3, unit: "µs" },
    prepare: prepareMonthlySchedule12,
    run: (terms) => runSchedule(terms).installments.length,
    iterationsPerRound: 20_000,
    rounds: 9,
  }),
  defineBenchmark({
    name: "Schedule of 52 weekly installments",
    goal: { text: "median ≤ 30 µs (stretch ≤ 10 µs)", must: 30, stretch: 10, unit: "µs" },
    prepare: prepareWeeklySchedule52,
    run: (terms) => runSchedule(terms).installments.length,
    iterationsPerRound: 5_000,
    rounds: 9,
  }),
  defineBenchmark({
    name: "Replay of a loan with 2,000 events after a back-dated repayment",
    goal: { text: "≤ 50 ms (stretch ≤ 10 ms)", must: 50, stretch: 10, unit: "ms" },
    prepare: prepareReplay2000,
    run: (loan) => runReplay(loan).installments.length,
    iterationsPerRound: 5,
    rounds: 9,
  }),
];
