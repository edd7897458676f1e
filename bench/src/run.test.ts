import { describe, expect, it } from "vitest";
import { describeMachine, formatReport, judge, median } from "./harness";
import { benchmarks, quickRun, runBenchmarks } from "./run";

describe("the benchmarks", () => {
  it("each still runs, in a quick version, and reports a figure beside its goal", () => {
    const measurements = runBenchmarks(benchmarks, quickRun);
    expect(measurements.map((m) => m.name)).toEqual(benchmarks.map((b) => b.name));
    for (const m of measurements) {
      expect(m.median, m.name).toBeGreaterThan(0);
      expect(m.min, m.name).toBeLessThanOrEqual(m.median);
      expect(m.max, m.name).toBeGreaterThanOrEqual(m.median);
      expect(m.checksum, m.name).toBeGreaterThan(0);
    }
    const report = formatReport(measurements, describeMachine(), new Date(0));
    for (const b of benchmarks) {
      expect(report).toContain(b.name);
      expect(report).toContain(b.goal.text);
    }
    expect(report).toMatch(/machine: .+ cores/);
  });

  it("covers the loan engine's rows of PERFORMANCE.md", () => {
    expect(benchmarks.map((b) => b.name)).toEqual([
      "Schedule of 12 monthly installments, declining balance",
      "Schedule of 52 weekly installments",
      "Replay of a loan with 2,000 events after a back-dated repayment",
    ]);
  });

  it("judges a median against the goal and its stretch", () => {
    const goal = { text: "median ≤ 10 µs (stretch ≤ 3 µs)", must: 10, stretch: 3, unit: "µs" } as const;
    expect([judge(2, goal), judge(3, goal), judge(10, goal), judge(10.1, goal)]).toEqual([
      "met stretch",
      "met stretch",
      "met",
      "not met",
    ]);
    expect([median([3]), median([5, 1, 4]), median([4, 1, 3, 2])]).toEqual([3, 4, 2.5]);
  });
});
