import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { groupMetrics, metricsOfGroups } from "./metrics";

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

describe("metricsOfGroups", () => {
  const group = (over: Partial<Parameters<typeof metricsOfGroups>[0][number]>) => ({
    asOf: plainDate("2025-07-01"),
    recentAttendance: [{ present: 10, expected: 10 }],
    activeMembers: 10,
    membersEverJoined: 10,
    membersLeft: 0,
    savingsMinor: 1_000_000n,
    loansOutstandingMinor: 0n,
    loansLateMinor: 0n,
    writtenOffMinor: 0n,
    cashMinor: 1_000_000n,
    socialFundMinor: 0n,
    membersWithLoan: 0,
    loansDisbursedCount: 0,
    loansDisbursedMinor: 0n,
    equityMinor: 1_000_000n,
    totalAssetsMinor: 1_000_000n,
    weeksInCycle: 52,
    totalShares: 0,
    ...over,
  });

  it("recomputes every rate from the sums, so a big group weighs as much as its members", () => {
    const big = group({
      recentAttendance: [{ present: 30, expected: 40 }],
      activeMembers: 40,
      membersEverJoined: 50,
      membersLeft: 10,
      savingsMinor: 3_000_000n,
      loansOutstandingMinor: 2_000_000n,
      loansLateMinor: 200_000n,
      cashMinor: 1_500_000n,
      socialFundMinor: 500_000n,
      membersWithLoan: 20,
      loansDisbursedCount: 25,
      loansDisbursedMinor: 2_500_000n,
      writtenOffMinor: 50_000n,
      equityMinor: 3_300_000n,
      totalAssetsMinor: 3_500_000n,
      weeksInCycle: 26,
    });
    const small = group({ loansDisbursedCount: 5, loansDisbursedMinor: 500_000n, membersWithLoan: 2 });
    const all = metricsOfGroups([big, small]);
    expect(all.attendanceRate).toBeCloseTo(40 / 50, 6);
    expect(all.savingsPerMemberMinor).toBe(4_000_000n / 50n);
    expect(all.portfolioAtRisk).toBeCloseTo(0.1, 6);
    expect(all.loanFundUtilization).toBeCloseTo(2_000_000 / (2_000_000 + 1_000_000 + 1_000_000), 6);
    expect(all.writeOffRatio).toBeCloseTo(50_000 / 3_000_000, 5);
    expect(all.membersWithLoanShare).toBeCloseTo(22 / 50, 6);
    expect(all.averageLoanSizeMinor).toBe(100_000n);
    expect(all.dropOutRate).toBeCloseTo(10 / 60, 6);
    // The big group's surplus of 300,000 over half a year is 600,000 a year; the small one has none.
    expect(all.annualizedReturnOnSavings).toBeCloseTo(600_000 / 4_000_000, 6);
    expect(all.annualizedReturnOnAssets).toBeCloseTo(600_000 / 4_500_000, 6);
  });

  it("agrees with one group's metrics when given one group (attendance aside, weighted here)", () => {
    const one = group({ loansOutstandingMinor: 300_000n, loansLateMinor: 30_000n, totalShares: 40 });
    const alone = groupMetrics(one);
    const together = metricsOfGroups([one]);
    expect({ ...together, attendanceRate: 0 }).toEqual({ ...alone, attendanceRate: 0 });
  });

  it("is zero for no groups", () => {
    expect(metricsOfGroups([])).toMatchObject({
      attendanceRate: 0,
      savingsPerMemberMinor: 0n,
      dropOutRate: 0,
    });
  });
});
