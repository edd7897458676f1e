/**
 * The roll-up of a federation node: the figures of the groups below it, summed. Amounts and counts add;
 * rates are recomputed from the sums (PAR from late and outstanding principal, attendance from present and
 * expected), never averaged, so that the roll-up of a node equals the roll-up of its groups taken together.
 */
import type { GradeLetter } from "./eligibility";

export interface GroupFigures {
  readonly groupId: string;
  readonly members: number;
  readonly savingsMinor: bigint;
  readonly loansOutstandingMinor: bigint;
  /** Outstanding principal of internal loans past their due date. */
  readonly loansLateMinor: bigint;
  readonly fundLoansOutstandingMinor: bigint;
  readonly fundArrearsMinor: bigint;
  /** Present or represented, and expected, over the group's last four meetings. */
  readonly attendancePresent: number;
  readonly attendanceExpected: number;
  readonly grade: GradeLetter | null;
}

export interface Rollup {
  readonly groups: number;
  readonly members: number;
  readonly savingsMinor: bigint;
  readonly loansOutstandingMinor: bigint;
  readonly loansLateMinor: bigint;
  readonly fundLoansOutstandingMinor: bigint;
  readonly fundArrearsMinor: bigint;
  readonly attendancePresent: number;
  readonly attendanceExpected: number;
  /** Late / outstanding principal, a fraction. */
  readonly portfolioAtRisk: number;
  readonly attendanceRate: number;
  readonly grades: Readonly<Record<GradeLetter | "ungraded", number>>;
}

function fraction(numerator: bigint, denominator: bigint): number {
  return denominator === 0n ? 0 : Number((numerator * 1_000_000n) / denominator) / 1_000_000;
}

export function rollUp(groups: readonly GroupFigures[]): Rollup {
  const sum = (pick: (g: GroupFigures) => bigint) => groups.reduce((s, g) => s + pick(g), 0n);
  const count = (pick: (g: GroupFigures) => number) => groups.reduce((s, g) => s + pick(g), 0);
  const loansOutstandingMinor = sum((g) => g.loansOutstandingMinor);
  const loansLateMinor = sum((g) => g.loansLateMinor);
  const attendancePresent = count((g) => g.attendancePresent);
  const attendanceExpected = count((g) => g.attendanceExpected);
  const grades = { A: 0, B: 0, C: 0, ungraded: 0 };
  for (const g of groups) grades[g.grade ?? "ungraded"] += 1;
  return {
    groups: groups.length,
    members: count((g) => g.members),
    savingsMinor: sum((g) => g.savingsMinor),
    loansOutstandingMinor,
    loansLateMinor,
    fundLoansOutstandingMinor: sum((g) => g.fundLoansOutstandingMinor),
    fundArrearsMinor: sum((g) => g.fundArrearsMinor),
    attendancePresent,
    attendanceExpected,
    portfolioAtRisk: fraction(loansLateMinor, loansOutstandingMinor),
    attendanceRate: fraction(BigInt(attendancePresent), BigInt(attendanceExpected)),
    grades,
  };
}
