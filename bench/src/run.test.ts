import { describe, expect, it } from "vitest";
import { describeMachine, formatReport, judge, median, percentile } from "./harness";
import { benchmarks, databaseBenchmarks, quickRun, runBenchmarks, runDatabaseBenchmarks } from "./run";
import { measureRouteSizes, parseRouteSizes } from "./web-size";

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

  it("runs each database and HTTP benchmark in a tiny version, on the engine of the test run", async () => {
    const measurements = await runDatabaseBenchmarks(databaseBenchmarks, {
      size: "quick",
      serverUrl: process.env.TEST_DATABASE_URL || undefined,
    });
    const names = measurements.map((m) => m.name).join("\n");
    for (const expected of [
      "Bulk posting, postEntries",
      "Trial balance as of the last day",
      "Journal entries through the API",
      "Person search by IIN",
      "SQL per request, POST /api/v1/books/:id/journal-entries",
      "Server memory, embedded database with the demo, idle",
      "Close of business, 300 loans",
      "Close of business SQL statements per 1,000 loans",
      "Loan detail with 1 year of history",
      "PAR by office and by product, 300 loans, snapshot",
      "PAR by office and by product, 300 loans, live",
      "Repayments through the API, 2 s runs",
      "Repayment, SQL statements per request",
      "Loan detail, CPU of the process per request",
      "Overload (2× capacity), accepted p99",
      "Overload (2× capacity), share shed with 503/429",
      "Federation report (roll-up), 6 groups",
      "Federation report SQL statements per roll-up, 6 groups",
      "First start (tiny demo) to the first page, embedded",
    ])
      expect(names).toContain(expected);
    for (const m of measurements) {
      // Under load, a tiny run may shed everything or accept nothing: those figures may be 0.
      const mayBeZero = m.name.startsWith("Repayments through the API") || m.name.startsWith("Overload");
      if (mayBeZero) expect(m.median, m.name).toBeGreaterThanOrEqual(0);
      else expect(m.median, m.name).toBeGreaterThan(0);
      expect(m.min, m.name).toBeLessThanOrEqual(m.median);
      expect(m.max, m.name).toBeGreaterThanOrEqual(m.median);
    }
    const report = formatReport(measurements, describeMachine(), new Date(0));
    expect(report).toContain("≥ 200,000 lines/s");
    expect(report).toContain("no goal");
    // The bundle's row is there when the web app is built (and says it is skipped otherwise).
    if (measureRouteSizes() !== null) expect(names).toContain("JS on any route, gzipped (heaviest route)");
  }, 600_000);

  it("reads the web's per-route sizes from its size script's lines", () => {
    expect(
      parseRouteSizes(
        "/login                           JS     95.2 KB  CSS     12.0 KB  HTML 0.6 KB  total 107.8 KB\n" +
          "  over budget: the first load must stay within 170.0 KB\n" +
          "/loans/:id                       JS    160.4 KB  CSS     12.0 KB  HTML 0.6 KB  total 173.0 KB\n",
      ),
    ).toEqual([
      { route: "/login", jsKb: 95.2, cssKb: 12, htmlKb: 0.6, totalKb: 107.8 },
      { route: "/loans/:id", jsKb: 160.4, cssKb: 12, htmlKb: 0.6, totalKb: 173 },
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
    const rate = {
      text: "≥ 200 (stretch ≥ 500)",
      must: 200,
      stretch: 500,
      unit: "lines/s",
      higherIsBetter: true,
    };
    expect([judge(100, rate), judge(200, rate), judge(600, rate), judge(1, null)]).toEqual([
      "not met",
      "met",
      "met stretch",
      "no goal",
    ]);
    expect([percentile([5, 1, 3, 2, 4], 99), percentile([5, 1, 3, 2, 4], 50)]).toEqual([5, 3]);
  });
});
