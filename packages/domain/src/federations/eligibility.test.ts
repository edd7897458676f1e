import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { checkEligibility, checkFundRules, defaultFundRules, type EligibilityInput } from "./eligibility";

const monthly = ["2025-01-10", "2025-02-10", "2025-03-10", "2025-04-10"].map(plainDate);
const base: EligibilityInput = {
  appliedOn: plainDate("2025-04-15"),
  grade: "B",
  meetingDates: monthly,
  arrearsMinor: 0n,
  amountMinor: 1_000_000n,
  termMonths: 6,
};

describe("eligibility for community funds", () => {
  it("accepts a grade B group that met in each of the last three months", () => {
    const result = checkEligibility(base, defaultFundRules);
    expect(result).toEqual({ ok: true, value: { grade: "B", regularMonths: 3, regularMonthsMin: 3 } });
  });

  it.each([
    [
      "a grade the rules do not lend to",
      { grade: "C" },
      "group_grade_must_be_allowed",
      { grade: "C", allowed: "A, B" },
    ],
    [
      "a month without a meeting",
      { meetingDates: monthly.filter((d) => d !== "2025-03-10") },
      "group_must_meet_regularly",
      { months: 1, required: 3 },
    ],
    [
      "a young group",
      { meetingDates: monthly.slice(3) },
      "group_must_meet_regularly",
      { months: 1, required: 3 },
    ],
    [
      "arrears on an earlier fund loan",
      { arrearsMinor: 1n },
      "group_must_have_no_fund_arrears",
      { arrearsMinor: "1" },
    ],
    [
      "more than the fund lends",
      { amountMinor: 50_000_001n },
      "amount_must_not_exceed_fund_limit",
      { max: "50000000" },
    ],
    [
      "a longer term than the fund allows",
      { termMonths: 25 },
      "term_must_not_exceed_fund_limit",
      { max: 24 },
    ],
  ] as const)("refuses %s, saying why", (_why, change, code, details) => {
    expect(checkEligibility({ ...base, ...change }, defaultFundRules)).toEqual({ ok: false, code, details });
  });

  it("asks for the grade before the meetings, the meetings before the arrears", () => {
    const result = checkEligibility(
      { ...base, grade: "C", meetingDates: [], arrearsMinor: 5n },
      defaultFundRules,
    );
    expect(result.ok ? null : result.code).toBe("group_grade_must_be_allowed");
  });

  it("follows the node's own rules: grade C and no months of meetings when it says so", () => {
    const rules = { ...defaultFundRules, allowedGrades: ["A", "B", "C"] as const, regularMonthsMin: 0 };
    expect(checkEligibility({ ...base, grade: "C", meetingDates: [] }, rules).ok).toBe(true);
  });

  it.each([
    ["no grades", { allowedGrades: [] }, "allowedGrades"],
    ["a negative number of months", { regularMonthsMin: -1 }, "regularMonthsMin"],
    ["no amount", { amountMaxMinor: 0n }, "amountMaxMinor"],
    ["a term of zero months", { termMonthsMax: 0 }, "termMonthsMax"],
    ["a rate above 10 % a month", { rateBpsPerMonth: 1_001 }, "rateBpsPerMonth"],
  ] as const)("refuses rules with %s", (_why, change, field) => {
    expect(checkFundRules({ ...defaultFundRules, ...change })).toEqual({
      ok: false,
      code: "fund_rules_must_be_valid",
      details: { field },
    });
  });
});
