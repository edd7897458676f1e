import { describe, expect, it } from "vitest";
import { plainDate, toEpochDay } from "../calendar/plain-date";
import { buildScheduleCashFlows, computeEffectiveRate, formatTenthsOfPercent } from "./gesv";
import { generateSchedule } from "./schedule";
import { buildScheduleTerms } from "./test-terms";

describe("the GESV", () => {
  const terms = buildScheduleTerms({
    interestRate: { numerator: 1n, denominator: 40n },
    interestRatePer: "month",
  });

  it.each([
    ["no fee", [], 347],
    [
      "a 1,000 ₸ fee deducted at issue",
      [{ kind: "upfront" as const, amountMinor: 100_000n, percent: null, collection: "deducted" as const }],
      373,
    ],
    [
      "a 1,000 ₸ fee paid at issue",
      [{ kind: "upfront" as const, amountMinor: 100_000n, percent: null, collection: "paid" as const }],
      373,
    ],
  ])(
    "reproduces DOMAIN.md: 100,000 ₸, 12 monthly payments at 2.5 %%/month from 2025-01-15, %s",
    (_name, fees, tenths) => {
      const schedule = generateSchedule({ ...terms, fees });
      const rate = computeEffectiveRate(buildScheduleCashFlows(schedule));
      expect(rate.ok && rate.value.tenthsOfPercent).toBe(tenths);
    },
  );

  it("is zero for an interest-free loan without fees", () => {
    const schedule = generateSchedule(buildScheduleTerms({ ratePercent: "0" }));
    const rate = computeEffectiveRate(buildScheduleCashFlows(schedule));
    expect(rate.ok && Math.abs(rate.value.rate) < 1e-9).toBe(true);
  });

  it("solves very high rates without diverging", () => {
    const day = toEpochDay(plainDate("2025-01-15"));
    const rate = computeEffectiveRate([
      { day, amountMinor: -100n },
      { day: day + 30, amountMinor: 200n },
    ]);
    // (1+x)^(30/365) = 2 → x = 2^(365/30) − 1 ≈ 4,560.
    expect(rate.ok && Math.abs(rate.value.rate - (2 ** (365 / 30) - 1)) / rate.value.rate < 1e-9).toBe(true);
  });

  it.each([
    ["nothing is received", [{ day: 10, amountMinor: 100n }]],
    ["nothing is paid", [{ day: 10, amountMinor: -100n }]],
    [
      "payments precede receipts so no rate balances them",
      [
        { day: 0, amountMinor: -100n },
        { day: 0, amountMinor: 200n },
      ],
    ],
  ])("reports that no rate exists when %s", (_name, flows) => {
    const rate = computeEffectiveRate(flows);
    expect(rate.ok ? "ok" : rate.code).toBe("effective_rate_must_exist");
  });

  it.each([
    [347, "34.7"],
    [460, "46.0"],
    [1790, "179.0"],
    [3, "0.3"],
  ])("writes %d tenths as %s", (tenths, text) => {
    expect(formatTenthsOfPercent(tenths)).toBe(text);
  });
});
