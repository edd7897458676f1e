import { describe, expect, it } from "vitest";
import { formatInstant, formatMinor, formatPercent, formatPlainDate } from "./format";

describe("formatPercent", () => {
  it.each([
    ["34.7", "ru", "34,7\u00a0%"],
    ["34.7", "kk", "34,7\u00a0%"],
    ["34.7", "en", "34.7%"],
    ["5", "ru", "5\u00a0%"],
  ] as const)("writes %s in %s as %s", (text, locale, expected) => {
    expect(formatPercent(text, locale)).toBe(expected);
  });
});

describe("formatPlainDate", () => {
  it.each([
    ["2025-02-05", "ru", "05.02.2025"],
    ["2025-02-05", "kk", "05.02.2025"],
    ["2025-02-05", "en", "5 Feb 2025"],
    ["not a date", "en", "not a date"],
  ] as const)("writes %s in %s as %s", (text, locale, expected) => {
    expect(formatPlainDate(text, locale)).toBe(expected);
  });
});

describe("formatMinor", () => {
  it("formats minor units from the wire per locale", () => {
    expect(formatMinor("123456789", "KZT", "ru")).toBe("1\u00a0234\u00a0567,89\u00a0₸");
    expect(formatMinor("123456789", "KZT", "en")).toBe("₸1,234,567.89");
  });

  it("shows text that is not an amount as it came", () => {
    expect(formatMinor("abc", "KZT", "ru")).toBe("abc");
  });
});

describe("formatInstant", () => {
  // Built from local parts, so the expectation holds in whatever time zone the tests run.
  const instant = new Date(2025, 1, 5, 9, 3).toISOString();

  it.each([
    ["kk", "05.02.2025 09:03"],
    ["ru", "05.02.2025 09:03"],
    ["en", "5 Feb 2025 09:03"],
  ] as const)("writes an instant in %s as %s", (locale, expected) => {
    expect(formatInstant(instant, locale)).toBe(expected);
  });

  it("shows text that is not an instant as sent", () => {
    expect(formatInstant("yesterday", "en")).toBe("yesterday");
  });
});
