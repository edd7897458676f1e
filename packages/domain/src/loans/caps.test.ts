import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import { type CapRow, checkLoanCaps, findPenaltyCap, kazakhstanCaps } from "./caps";
import { parsePercent } from "./ratio";

const base = {
  loanKind: "mfo_microloan" as const,
  checkedOn: plainDate("2025-07-01"),
  gesvTenthsOfPercent: 347,
  termDays: 365,
  nominalAnnualRate: unwrap(parsePercent("30")),
};

describe("checkLoanCaps", () => {
  it.each([
    ["a GESV of 34.7 %", {}, []],
    ["a GESV of exactly 46 %", { gesvTenthsOfPercent: 460 }, []],
    ["a GESV of 46.1 %", { gesvTenthsOfPercent: 461 }, ["gesv_must_not_exceed_cap"]],
    [
      "a GESV of 56 % signed before 16 June 2025",
      { gesvTenthsOfPercent: 560, checkedOn: plainDate("2025-06-15") },
      [],
    ],
    [
      "a GESV of 56 % signed on 16 June 2025",
      { gesvTenthsOfPercent: 560, checkedOn: plainDate("2025-06-16") },
      ["gesv_must_not_exceed_cap"],
    ],
    ["a federation loan at 56 %", { gesvTenthsOfPercent: 560, loanKind: "federation_loan" as const }, []],
    [
      "a 30-day loan at 0.29 % a day",
      { termDays: 30, nominalAnnualRate: unwrap(parsePercent("105.85")), gesvTenthsOfPercent: 400 },
      [],
    ],
    [
      "a 30-day loan at 0.3 % a day",
      { termDays: 30, nominalAnnualRate: unwrap(parsePercent("109.5")), gesvTenthsOfPercent: 400 },
      ["short_loan_daily_rate_must_be_below_cap"],
    ],
    [
      "a 45-day loan with a GESV of 179.1 %",
      { termDays: 45, nominalAnnualRate: unwrap(parsePercent("100")), gesvTenthsOfPercent: 1791 },
      ["gesv_must_not_exceed_cap", "short_loan_gesv_must_not_exceed_cap"],
    ],
    [
      "a 46-day loan at 0.3 % a day",
      { termDays: 46, nominalAnnualRate: unwrap(parsePercent("109.5")), gesvTenthsOfPercent: 400 },
      [],
    ],
  ])("judges %s", (_name, overrides, codes) => {
    expect(checkLoanCaps({ ...base, ...overrides }).map((v) => v.code)).toEqual(codes);
  });

  it("uses the latest row in force, so a new cap replaces an old one from its date", () => {
    const caps: CapRow[] = [
      ...kazakhstanCaps,
      {
        kind: "gesv_max",
        effectiveFrom: plainDate("2026-01-01"),
        effectiveUntil: null,
        loanKinds: ["mfo_microloan"],
        gesvPercentMax: "40",
      },
    ];
    expect(checkLoanCaps({ ...base, gesvTenthsOfPercent: 420 }, caps)).toEqual([]);
    const later = checkLoanCaps(
      { ...base, gesvTenthsOfPercent: 420, checkedOn: plainDate("2026-01-01") },
      caps,
    );
    expect(later).toEqual([{ code: "gesv_must_not_exceed_cap", limitPercent: "40", valuePercent: "42.0" }]);
  });

  it("exports the penalty cap as exact ratios", () => {
    expect(findPenaltyCap(kazakhstanCaps, "mfo_microloan", plainDate("2025-07-01"))).toEqual({
      earlyDays: 90,
      dailyMaxEarly: { numerator: 1n, denominator: 200n },
      dailyMaxLate: { numerator: 3n, denominator: 10_000n },
      yearlyOfLoanMax: { numerator: 1n, denominator: 10n },
    });
    expect(findPenaltyCap(kazakhstanCaps, "mfo_microloan", plainDate("2025-01-01"))).toBeNull();
  });
});
