import { ageInYears, dayOfWeek, plainDate } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { generatePlan, generatorSizes, planDigest } from "./plan";
import { generateProjectsPlan, isCenterOpen, type ProjectsPlan, projectsSizes } from "./projects";

const lastDay = plainDate("2026-11-27");
const plan = generatePlan(2026, generatorSizes.small, lastDay);
const projects = generateProjectsPlan(2026, plan, projectsSizes.small, lastDay);
const digest = (p: ProjectsPlan) => planDigest({ ...p, vulnerabilities: [...p.vulnerabilities] });
const project = (key: string) => {
  const found = projects.projects.find((p) => p.key === key);
  if (found === undefined) throw new Error(`no project ${key}`);
  return found;
};

describe("the generator's projects and children's center", () => {
  it("is the same data for the same seed, and other data for another seed", () => {
    expect(digest(generateProjectsPlan(2026, plan, projectsSizes.small, lastDay))).toBe(digest(projects));
    expect(digest(generateProjectsPlan(2027, plan, projectsSizes.small, lastDay))).not.toBe(digest(projects));
  });

  it("plans the three projects of the story, each running through the last day, with targets above the plan", () => {
    expect(projects.projects.map((p) => p.code)).toEqual(["UNW-2025", "LAW-2026", "CSC-2025"]);
    for (const p of projects.projects) {
      expect(p.startsOn < lastDay && p.endsOn > lastDay, p.code).toBe(true);
      const rows = p.sheets.reduce((n, s) => n + s.personKeys.length, 0);
      const services = p.targets.find((t) => t.indicator === "services")?.target ?? 0n;
      expect(services, p.code).toBeGreaterThan(BigInt(rows));
      for (const e of p.enrolments) {
        expect(e.enrolledOn >= p.startsOn && e.enrolledOn <= lastDay, p.code).toBe(true);
        if (e.exit !== null) expect(e.exit.on >= e.enrolledOn && e.exit.on <= lastDay, p.code).toBe(true);
      }
      // Every service falls in the period, to a person enrolled on its day.
      const enrolment = new Map(p.enrolments.map((e) => [e.personKey, e]));
      for (const sheet of p.sheets) {
        expect(sheet.deliveredOn >= p.startsOn && sheet.deliveredOn <= lastDay, p.code).toBe(true);
        for (const key of sheet.personKeys) {
          const e = enrolment.get(key);
          expect(e !== undefined && e.enrolledOn <= sheet.deliveredOn, key).toBe(true);
          if (e?.exit) expect(e.exit.on >= sheet.deliveredOn, key).toBe(true);
        }
      }
      for (const built of p.builtIndicators) {
        expect(built.plannedValue, built.name).toBeGreaterThan(0n);
        expect(built.target, built.name).toBeGreaterThan(built.plannedValue);
      }
    }
  });

  it("has realistic shares: most of the groups' women enrolled, a few exits, half advised, varied services", () => {
    const unw = project("empowerment");
    const women = plan.groups.slice(0, 4).reduce((n, g) => n + g.householdKeys.length, 0);
    expect(unw.enrolments.length / women).toBeGreaterThan(0.7);
    expect(unw.enrolments.length / women).toBeLessThan(0.97);
    const exits = projects.projects.flatMap((p) => p.enrolments).filter((e) => e.exit !== null).length;
    const enrolments = projects.projects.reduce((n, p) => n + p.enrolments.length, 0);
    expect(exits / enrolments).toBeGreaterThan(0.03);
    expect(exits / enrolments).toBeLessThan(0.25);
    const advised = new Set(unw.sheets.filter((s) => s.kind === "consultation").flatMap((s) => s.personKeys));
    expect(advised.size / unw.enrolments.length).toBeGreaterThan(0.3);
    expect(advised.size / unw.enrolments.length).toBeLessThan(0.7);
    const kinds = new Set(projects.projects.flatMap((p) => p.sheets.map((s) => s.kind)));
    expect([...kinds].sort()).toEqual([
      "children_center_day",
      "consultation",
      "food_package",
      "school_package",
      "training",
    ]);
    expect(projects.projects.flatMap((p) => p.stories).length).toBeGreaterThanOrEqual(2);
    // Some women are in two projects, so the organization's unique count is below the projects' sum.
    const all = projects.projects.flatMap((p) => p.enrolments.map((e) => e.personKey));
    expect(new Set(all).size).toBeLessThan(all.length);
    // Single mothers are flagged at intake, and only they are in the legal help project.
    for (const e of project("legal").enrolments)
      expect(projects.vulnerabilities.get(e.personKey)).toContain("single_mother");
  });

  it("keeps the center's sheets on working days, with children there most days and absent some", () => {
    const { center } = projects;
    expect(center.children).toHaveLength(projectsSizes.small.centerChildren);
    expect(center.days.length).toBeGreaterThan(200);
    for (const day of center.days) {
      expect(dayOfWeek(day.on), day.on).toBeLessThanOrEqual(5);
      expect(isCenterOpen(day.on), day.on).toBe(true);
    }
    expect(center.days.some((d) => d.on.endsWith("-03-22"))).toBe(false);
    const households = new Map(plan.households.map((h) => [h.key, h]));
    const csc = project("children");
    const exit = new Map(csc.enrolments.map((e) => [e.personKey, e.exit?.on ?? null]));
    let possible = 0;
    let present = 0;
    for (const child of center.children) {
      const household = households.get(child.householdKey);
      const person = household?.children.find((c) => c.key === child.personKey);
      expect(household?.woman.key).toBe(child.motherKey);
      expect(person).toBeDefined();
      if (person) expect(ageInYears(person.birthDate, child.enrolledOn)).toBeLessThan(18);
      for (const day of center.days) {
        const gone = exit.get(child.personKey);
        if (day.on < child.enrolledOn || (gone != null && day.on >= gone)) {
          expect(day.childKeys).not.toContain(child.personKey);
          continue;
        }
        possible += 1;
        if (day.childKeys.includes(child.personKey)) present += 1;
      }
      // An intake note for every child, on the day she came.
      expect(center.caseNotes.find((n) => n.childKey === child.personKey)?.writtenOn).toBe(child.enrolledOn);
    }
    expect(present / possible).toBeGreaterThan(0.7);
    expect(present / possible).toBeLessThan(0.92);
    // The month's center days in the project are the days on the sheets.
    const counted = csc.sheets.filter((s) => s.kind === "children_center_day");
    for (const sheet of counted.slice(0, 20)) {
      const [key] = sheet.personKeys;
      const month = sheet.deliveredOn.slice(0, 7);
      const days = center.days.filter((d) => d.on.startsWith(month) && d.childKeys.includes(key as string));
      expect(sheet.quantity).toBe(days.length);
    }
    expect(new Set(center.services.map((s) => s.kind)).size).toBeGreaterThanOrEqual(3);
  });

  it("plans more for the large size, from the same households", () => {
    const large = generateProjectsPlan(2026, plan, projectsSizes.large, lastDay);
    const enrolments = (p: ProjectsPlan) => p.projects.reduce((n, x) => n + x.enrolments.length, 0);
    expect(enrolments(large)).toBeGreaterThan(enrolments(projects) * 1.5);
    expect(large.center.children.length).toBeGreaterThan(projects.center.children.length);
  });

  it("plans a handful for the tiny size, the center's last months only", () => {
    const tiny = generatePlan(2026, generatorSizes.tiny, lastDay);
    const small = generateProjectsPlan(2026, tiny, projectsSizes.tiny, lastDay);
    expect(small.center.children.length).toBeGreaterThanOrEqual(2);
    expect(small.center.days.length).toBeLessThan(70);
    for (const p of small.projects) expect(p.enrolments.length, p.code).toBeGreaterThan(0);
  });
});
