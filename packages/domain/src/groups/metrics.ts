/**
 * The savings-group metrics that SHG and VSLA programmes report (DOMAIN.md), for one group or summed over many.
 * Ratios are returned as fractions (0.25 = 25 %); amounts in minor units.
 */
import type { PlainDate } from "../calendar/plain-date";

export interface MetricsInput {
  readonly asOf: PlainDate;
  /** Attendance of the last meetings, newest last: members present or represented, and members expected. */
  readonly recentAttendance: readonly { readonly present: number; readonly expected: number }[];
  readonly activeMembers: number;
  readonly membersEverJoined: number;
  readonly membersLeft: number;
  readonly savingsMinor: bigint;
  readonly loansOutstandingMinor: bigint;
  readonly loansLateMinor: bigint;
  readonly writtenOffMinor: bigint;
  readonly cashMinor: bigint;
  readonly socialFundMinor: bigint;
  readonly membersWithLoan: number;
  readonly loansDisbursedCount: number;
  readonly loansDisbursedMinor: bigint;
  /** Equity: what the group owns beyond what it owes (assets − liabilities, savings counted as owed). */
  readonly equityMinor: bigint;
  readonly totalAssetsMinor: bigint;
  readonly weeksInCycle: number;
  readonly totalShares: number;
}

export interface GroupMetrics {
  readonly attendanceRate: number;
  readonly savingsPerMemberMinor: bigint;
  readonly loanFundUtilization: number;
  readonly portfolioAtRisk: number;
  readonly writeOffRatio: number;
  readonly membersWithLoanShare: number;
  readonly averageLoanSizeMinor: bigint;
  readonly dropOutRate: number;
  readonly annualizedReturnOnSavings: number;
  readonly annualizedReturnOnAssets: number;
  readonly shareOutValuePerShareMinor: bigint;
}

function ratio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) return 0;
  return Number((numerator * 1_000_000n) / denominator) / 1_000_000;
}

export function groupMetrics(input: MetricsInput): GroupMetrics {
  const lastFour = input.recentAttendance.slice(-4);
  const attendanceRate =
    lastFour.length === 0
      ? 0
      : lastFour.reduce((sum, m) => sum + (m.expected === 0 ? 0 : m.present / m.expected), 0) /
        lastFour.length;
  const fund =
    input.loansOutstandingMinor +
    (input.cashMinor - input.socialFundMinor > 0n ? input.cashMinor - input.socialFundMinor : 0n);
  const annualize = input.weeksInCycle > 0 ? 52 / input.weeksInCycle : 0;
  const surplus = input.equityMinor - input.savingsMinor;
  return {
    attendanceRate,
    savingsPerMemberMinor: input.activeMembers === 0 ? 0n : input.savingsMinor / BigInt(input.activeMembers),
    loanFundUtilization: ratio(input.loansOutstandingMinor, fund),
    portfolioAtRisk: ratio(input.loansLateMinor, input.loansOutstandingMinor),
    writeOffRatio: ratio(input.writtenOffMinor, input.loansDisbursedMinor),
    membersWithLoanShare: input.activeMembers === 0 ? 0 : input.membersWithLoan / input.activeMembers,
    averageLoanSizeMinor:
      input.loansDisbursedCount === 0 ? 0n : input.loansDisbursedMinor / BigInt(input.loansDisbursedCount),
    dropOutRate: input.membersEverJoined === 0 ? 0 : input.membersLeft / input.membersEverJoined,
    annualizedReturnOnSavings: ratio(surplus, input.savingsMinor) * annualize,
    annualizedReturnOnAssets: ratio(surplus, input.totalAssetsMinor) * annualize,
    shareOutValuePerShareMinor:
      input.totalShares === 0
        ? 0n
        : (input.cashMinor + input.loansOutstandingMinor - input.socialFundMinor) / BigInt(input.totalShares),
  };
}
