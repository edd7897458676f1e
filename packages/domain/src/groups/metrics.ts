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

/**
 * The same metrics over many groups (a federation node, a network): amounts and counts add, and every rate is
 * recomputed from the sums, never averaged over groups, so that a big group weighs as much as its members.
 * Attendance is present over expected across each group's last four meetings; annualized returns add each
 * group's surplus annualized over its own cycle and divide by the summed savings (or assets); the value per
 * share is taken over the groups that hold shares.
 */
export function metricsOfGroups(inputs: readonly MetricsInput[]): GroupMetrics {
  const sum = (pick: (input: MetricsInput) => bigint) => inputs.reduce((s, i) => s + pick(i), 0n);
  const count = (pick: (input: MetricsInput) => number) => inputs.reduce((s, i) => s + pick(i), 0);
  const present = count((i) => i.recentAttendance.slice(-4).reduce((s, m) => s + m.present, 0));
  const expected = count((i) => i.recentAttendance.slice(-4).reduce((s, m) => s + m.expected, 0));
  const activeMembers = count((i) => i.activeMembers);
  const membersEverJoined = count((i) => i.membersEverJoined);
  const savingsMinor = sum((i) => i.savingsMinor);
  const loansOutstandingMinor = sum((i) => i.loansOutstandingMinor);
  const freeCash = sum((i) => (i.cashMinor - i.socialFundMinor > 0n ? i.cashMinor - i.socialFundMinor : 0n));
  const loansDisbursedCount = count((i) => i.loansDisbursedCount);
  const loansDisbursedMinor = sum((i) => i.loansDisbursedMinor);
  const annualSurplus = inputs.reduce(
    (s, i) => s + (i.weeksInCycle > 0 ? (Number(i.equityMinor - i.savingsMinor) * 52) / i.weeksInCycle : 0),
    0,
  );
  const savings = Number(savingsMinor);
  const assets = Number(sum((i) => i.totalAssetsMinor));
  const withShares = inputs.filter((i) => i.totalShares > 0);
  const totalShares = BigInt(count((i) => Math.max(i.totalShares, 0)));
  const distributable = withShares.reduce(
    (s, i) => s + i.cashMinor + i.loansOutstandingMinor - i.socialFundMinor,
    0n,
  );
  return {
    attendanceRate: expected === 0 ? 0 : present / expected,
    savingsPerMemberMinor: activeMembers === 0 ? 0n : savingsMinor / BigInt(activeMembers),
    loanFundUtilization: ratio(loansOutstandingMinor, loansOutstandingMinor + freeCash),
    portfolioAtRisk: ratio(
      sum((i) => i.loansLateMinor),
      loansOutstandingMinor,
    ),
    writeOffRatio: ratio(
      sum((i) => i.writtenOffMinor),
      loansDisbursedMinor,
    ),
    membersWithLoanShare: activeMembers === 0 ? 0 : count((i) => i.membersWithLoan) / activeMembers,
    averageLoanSizeMinor: loansDisbursedCount === 0 ? 0n : loansDisbursedMinor / BigInt(loansDisbursedCount),
    dropOutRate: membersEverJoined === 0 ? 0 : count((i) => i.membersLeft) / membersEverJoined,
    annualizedReturnOnSavings: savings === 0 ? 0 : annualSurplus / savings,
    annualizedReturnOnAssets: assets === 0 ? 0 : annualSurplus / assets,
    shareOutValuePerShareMinor: totalShares === 0n ? 0n : distributable / totalShares,
  };
}
