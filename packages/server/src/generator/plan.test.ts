import { parseIin, plainDate } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { generatePlan, generatorSizes, planDigest } from "./plan";

const lastDay = plainDate("2026-06-30");

describe("the generator's plan", () => {
  const plan = generatePlan(7, generatorSizes.tiny, lastDay);

  it("is the same data for the same seed, and other data for another seed", () => {
    expect(planDigest(generatePlan(7, generatorSizes.tiny, lastDay))).toBe(planDigest(plan));
    expect(planDigest(generatePlan(8, generatorSizes.tiny, lastDay))).not.toBe(planDigest(plan));
  });

  it("gives every person a valid IIN of her birth date and sex, and no IIN twice", () => {
    const people = plan.households.flatMap((h) => [h.woman, ...h.children]);
    for (const person of people) {
      const parsed = parseIin(person.iin);
      expect(parsed.ok, person.iin).toBe(true);
      if (parsed.ok) expect(parsed.value).toEqual({ birthDate: person.birthDate, sex: person.sex });
    }
    expect(new Set(people.map((p) => p.iin)).size).toBe(people.length);
  });

  it("has women in every household, children born after their mother, and groups of the size asked", () => {
    expect(plan.households.every((h) => h.woman.sex === "female")).toBe(true);
    expect(plan.households.every((h) => h.children.every((c) => c.birthDate > h.woman.birthDate))).toBe(true);
    expect(plan.groups.map((g) => g.methodology)).toEqual(["shg", "vsla"]);
    for (const group of plan.groups) {
      expect(group.householdKeys.length).toBeGreaterThanOrEqual(5);
      expect(group.householdKeys.length).toBeLessThanOrEqual(6);
    }
  });

  it("holds meetings up to the last day, with absences, loans given and repaid, and fines", () => {
    const meetings = plan.groups.flatMap((g) => g.meetings);
    expect(meetings.every((m) => m.heldOn <= lastDay)).toBe(true);
    // Three months: 3–4 monthly SHG meetings and 6–7 fortnightly VSLA meetings.
    expect(meetings.length).toBeGreaterThanOrEqual(9);
    expect(meetings.some((m) => m.attendance.some((a) => a.status === "absent"))).toBe(true);
    expect(meetings.some((m) => m.loansDisbursed.length > 0)).toBe(true);
    expect(meetings.some((m) => m.repayments.length > 0)).toBe(true);
    expect(meetings.some((m) => m.fines.length > 0)).toBe(true);
  });

  it("makes the demo's size: a few hundred women in a couple of dozen groups, a year of meetings", () => {
    const small = generatePlan(2026, generatorSizes.small, lastDay);
    expect(small.households.length).toBeGreaterThanOrEqual(180);
    expect(small.groups.length).toBe(18);
    expect(small.groups.every((g) => g.meetings.length >= 12)).toBe(true);
  });
});
