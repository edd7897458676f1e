import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GroupFigures, rollUp } from "./rollup";

const figures = fc.record({
  groupId: fc.uuid(),
  members: fc.nat(60),
  savingsMinor: fc.bigInt({ min: 0n, max: 10n ** 10n }),
  loansOutstandingMinor: fc.bigInt({ min: 0n, max: 10n ** 10n }),
  loansLateMinor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  fundLoansOutstandingMinor: fc.bigInt({ min: 0n, max: 10n ** 10n }),
  fundArrearsMinor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
  attendancePresent: fc.nat(200),
  attendanceExpected: fc.nat(200),
  grade: fc.constantFrom("A" as const, "B" as const, "C" as const, null),
}) satisfies fc.Arbitrary<GroupFigures>;

describe("roll-up of a federation node", () => {
  it("equals the roll-up of its parts taken together, whichever way the groups are split", () => {
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 30 }), fc.nat(30), (groups, cut) => {
        const whole = rollUp(groups);
        const left = rollUp(groups.slice(0, cut));
        const right = rollUp(groups.slice(cut));
        expect(whole.members).toBe(left.members + right.members);
        expect(whole.savingsMinor).toBe(left.savingsMinor + right.savingsMinor);
        expect(whole.loansOutstandingMinor).toBe(left.loansOutstandingMinor + right.loansOutstandingMinor);
        expect(whole.fundArrearsMinor).toBe(left.fundArrearsMinor + right.fundArrearsMinor);
        expect(whole.grades.A + whole.grades.B + whole.grades.C + whole.grades.ungraded).toBe(groups.length);
      }),
    );
  });

  it("weighs PAR by balance and attendance by members, not by group", () => {
    const g = (late: bigint, out: bigint, present: number, expected: number): GroupFigures => ({
      groupId: "g",
      members: 10,
      savingsMinor: 0n,
      loansOutstandingMinor: out,
      loansLateMinor: late,
      fundLoansOutstandingMinor: 0n,
      fundArrearsMinor: 0n,
      attendancePresent: present,
      attendanceExpected: expected,
      grade: "A",
    });
    const r = rollUp([g(100n, 100n, 1, 1), g(0n, 900n, 0, 3)]);
    expect(r.portfolioAtRisk).toBe(0.1);
    expect(r.attendanceRate).toBe(0.25);
  });
});
