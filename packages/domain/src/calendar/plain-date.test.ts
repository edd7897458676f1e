import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  dayOfWeek,
  daysBetween,
  endOfMonth,
  fromEpochDay,
  parsePlainDate,
  plainDate,
  plainDateAt,
  toEpochDay,
} from "./plain-date";

describe("parsePlainDate", () => {
  it.each(["2025-01-15", "2024-02-29", "2000-02-29", "1999-12-31"])("accepts %s", (text) => {
    expect(parsePlainDate(text).ok).toBe(true);
  });
  it.each(["2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "25-01-01", "2025-1-1", ""])(
    "refuses %j",
    (text) => {
      expect(parsePlainDate(text)).toMatchObject({ ok: false, code: "date_must_be_valid" });
    },
  );
});

describe("addMonths", () => {
  it.each([
    ["2025-01-31", 1, "2025-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2025-01-31", 2, "2025-03-31"],
    ["2025-01-31", 3, "2025-04-30"],
    ["2025-01-15", 12, "2026-01-15"],
    ["2025-03-31", -1, "2025-02-28"],
    ["2025-01-15", -13, "2023-12-15"],
    ["2025-12-31", 2, "2026-02-28"],
  ])("%s plus %i months is %s", (from, months, expected) => {
    expect(addMonths(plainDate(from), months)).toBe(expected);
  });
});

describe("day arithmetic", () => {
  it.each([
    ["1970-01-01", 0],
    ["1970-01-02", 1],
    ["1969-12-31", -1],
    ["2000-03-01", 11017],
    ["2025-01-15", 20103],
  ])("%s is epoch day %i", (date, epochDay) => {
    expect(toEpochDay(plainDate(date))).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
  });

  it("agrees with the JavaScript calendar on every day of four centuries", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (epochDay) => {
        const expected = new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
        expect(fromEpochDay(epochDay)).toBe(expected);
        expect(toEpochDay(plainDate(expected))).toBe(epochDay);
      }),
    );
  });

  it("counts days between dates", () => {
    expect(daysBetween(plainDate("2025-01-15"), plainDate("2025-02-15"))).toBe(31);
    expect(daysBetween(plainDate("2024-02-01"), plainDate("2024-03-01"))).toBe(29);
    expect(addDays(plainDate("2024-12-31"), 1)).toBe("2025-01-01");
  });

  it("knows the day of the week (1 = Monday)", () => {
    expect(dayOfWeek(plainDate("2025-01-13"))).toBe(1);
    expect(dayOfWeek(plainDate("2025-01-19"))).toBe(7);
    expect(dayOfWeek(plainDate("1970-01-01"))).toBe(4);
  });

  it("finds the end of the month", () => {
    expect(endOfMonth(plainDate("2024-02-10"))).toBe("2024-02-29");
  });

  it("tells the business date of an instant in Almaty", () => {
    // 2025-01-14T20:30Z is already 15 January in Almaty (UTC+5).
    expect(plainDateAt(Date.UTC(2025, 0, 14, 20, 30), "Asia/Almaty")).toBe("2025-01-15");
    expect(plainDateAt(Date.UTC(2025, 0, 14, 18, 30), "Asia/Almaty")).toBe("2025-01-14");
  });
});
