import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { groupMetrics } from "./metrics";

describe("groupMetrics", () => {
  it("computes the savings-group metrics of DOMAIN.md", () => {
    const metrics = groupMetrics({
      asOf: plainDate("2025-07-01"),
      recentAttendance: [
        { present: 5, expected: 20 },
        { present: 18, expected: 20 },
        { present: 20, expected: 20 },
        { present: 16, expected: 20 },
        { present: 14, expected: 20 },
      ],
      activeMembers: 20,
      membersEverJoined: 25,
      membersLeft: 5,
      savingsMinor: 1_000_000n,
      loansOutstandingMinor: 600_000n,
      loansLateMinor: 60_000n,
      writtenOffMinor: 10_000n,
      cashMinor: 500_000n,
      socialFundMinor: 100_000n,
      membersWithLoan: 8,
      loansDisbursedCount: 10,
      loansDisbursedMinor: 800_000n,
      equityMinor: 1_100_000n,
      totalAssetsMinor: 1_100_000n,
      weeksInCycle: 26,
      totalShares: 50,
    });
    expect(metrics.attendanceRate).toBeCloseTo((0.9 + 1 + 0.8 + 0.7) / 4, 6);
    expect(metrics.savingsPerMemberMinor).toBe(50_000n);
    expect(metrics.loanFundUtilization).toBeCloseTo(0.6, 6);
    expect(metrics.portfolioAtRisk).toBeCloseTo(0.1, 6);
    expect(metrics.writeOffRatio).toBeCloseTo(0.0125, 6);
    expect(metrics.membersWithLoanShare).toBeCloseTo(0.4, 6);
    expect(metrics.averageLoanSizeMinor).toBe(80_000n);
    expect(metrics.dropOutRate).toBeCloseTo(0.2, 6);
    expect(metrics.annualizedReturnOnSavings).toBeCloseTo(0.2, 6);
    expect(metrics.shareOutValuePerShareMinor).toBe(20_000n);
  });

  it("is zero, not a division by zero, for a new group", () => {
    const metrics = groupMetrics({
      asOf: plainDate("2025-07-01"),
      recentAttendance: [],
      activeMembers: 0,
      membersEverJoined: 0,
      membersLeft: 0,
      savingsMinor: 0n,
      loansOutstandingMinor: 0n,
      loansLateMinor: 0n,
      writtenOffMinor: 0n,
      cashMinor: 0n,
      socialFundMinor: 0n,
      membersWithLoan: 0,
      loansDisbursedCount: 0,
      loansDisbursedMinor: 0n,
      equityMinor: 0n,
      totalAssetsMinor: 0n,
      weeksInCycle: 0,
      totalShares: 0,
    });
    expect(Object.values(metrics).every((v) => v === 0 || v === 0n)).toBe(true);
  });
});
