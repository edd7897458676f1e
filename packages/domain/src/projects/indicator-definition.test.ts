import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import {
  aggregateIndicator,
  checkIndicatorDefinition,
  type IndicatorDefinition,
  type IndicatorPersonRow,
  namedProjectIds,
} from "./indicator-definition";

const trained: IndicatorDefinition = {
  measure: "unique_persons",
  events: { source: "service", project: "this", kinds: ["training"] },
};

describe("checkIndicatorDefinition", () => {
  const rows: [string, IndicatorDefinition, string | null][] = [
    ["a plain count", trained, null],
    [
      "a window after with months",
      { ...trained, conditions: [{ events: { source: "loan" }, window: "after", months: 6 }] },
      null,
    ],
    [
      "any time without months",
      { ...trained, conditions: [{ events: { source: "loan" }, window: "any_time" }] },
      null,
    ],
    [
      "a window after without months",
      { ...trained, conditions: [{ events: { source: "loan" }, window: "after" }] },
      "indicator_window_must_name_months",
    ],
    [
      "any time with months",
      { ...trained, conditions: [{ events: { source: "loan" }, window: "any_time", months: 1 }] },
      "indicator_window_must_name_months",
    ],
    [
      "a sum of value over enrolments",
      { measure: "sum_value", events: { source: "enrolment", project: "any" } },
      "indicator_measure_must_fit_events",
    ],
    ["a sum of value over loans", { measure: "sum_value", events: { source: "loan" } }, null],
    [
      "four conditions",
      {
        ...trained,
        conditions: Array.from({ length: 4 }, () => ({
          events: { source: "loan" as const },
          window: "any_time" as const,
        })),
      },
      "indicator_conditions_must_be_few",
    ],
  ];
  for (const [name, definition, code] of rows)
    it(`${code === null ? "accepts" : "refuses"} ${name}`, () => {
      const result = checkIndicatorDefinition(definition);
      expect(result.ok ? null : result.code).toBe(code);
    });

  it("names the projects a definition refers to, once each", () => {
    const projectId = "01890a5d-ac96-774b-bcce-b302099a8057";
    const definition: IndicatorDefinition = {
      ...trained,
      events: { source: "enrolment", project: { projectId } },
      conditions: [{ events: { source: "service", project: { projectId } }, window: "any_time" }],
    };
    expect(namedProjectIds(definition)).toEqual([projectId]);
  });
});

describe("aggregateIndicator", () => {
  const row = (
    personId: string,
    sex: "female" | "male",
    born: string | null,
    valueMinor: bigint,
    vulnerabilities: string[] = [],
  ): IndicatorPersonRow => ({
    profile: {
      personId,
      sex,
      birthDate: born === null ? null : plainDate(born),
      regionId: null,
      vulnerabilities,
    },
    events: 2,
    valueMinor,
    quantity: 3n,
  });
  const rows = [
    row("a", "female", "1990-01-01", 100n, ["disability", "disability"]),
    row("b", "male", null, 50n),
  ];
  const on = plainDate("2026-12-31");

  it("counts each person once and splits the count", () => {
    const result = aggregateIndicator(rows, "unique_persons", on);
    expect(result).toMatchObject({
      value: 2n,
      people: 2,
      bySex: { female: 1n, male: 1n },
      byRegion: { unknown: 2n },
    });
    expect(result.byAgeBand["30-44"]).toBe(1n);
    expect(result.byAgeBand.unknown).toBe(1n);
    expect(result.byVulnerability).toEqual({ disability: 1n });
  });

  it("adds values, events and quantities per person, and splits the sum", () => {
    expect(aggregateIndicator(rows, "sum_value", on)).toMatchObject({
      value: 150n,
      bySex: { female: 100n, male: 50n },
    });
    expect(aggregateIndicator(rows, "events", on).value).toBe(4n);
    expect(aggregateIndicator(rows, "sum_quantity", on).value).toBe(6n);
  });

  it("refuses two rows of one person (a query that did not group)", () => {
    expect(() =>
      aggregateIndicator([rows[0] as IndicatorPersonRow, rows[0] as IndicatorPersonRow], "events", on),
    ).toThrow();
  });
});
