import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { xlsxRows } from "../exports/testing";
import { buildOrganization, buildUser, type Client, signIn, testPassword } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { signedInApi } from "./api";
import { applyPlan } from "./apply";
import { type AppliedProjects, applyProjects } from "./apply-projects";
import { generatePlan, generatorSizes } from "./plan";
import { generateProjectsPlan, type ProjectPlan, projectsSizes } from "./projects";

const lastDay = plainDate("2026-03-31");

/** What a project's dashboard should show over its period, worked out by hand from the plan. */
function expectedFigures(project: ProjectPlan) {
  const services = project.sheets.flatMap((s) => s.personKeys.map((key) => ({ key, kind: s.kind })));
  const kinds = new Map<string, number>();
  for (const s of services) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  return {
    beneficiaries: new Set(project.enrolments.map((e) => e.personKey)).size,
    newEnrolments: project.enrolments.length,
    exits: project.enrolments.filter((e) => e.exit !== null).length,
    services: services.length,
    peopleServed: new Set(services.map((s) => s.key)).size,
    kinds,
  };
}

describe("projects and the children's center written through the API", () => {
  const testApp = useTestApp();
  const plan = generatePlan(5, generatorSizes.tiny, lastDay);
  const projects = generateProjectsPlan(5, plan, projectsSizes.tiny, lastDay);
  let applied: AppliedProjects;
  let api: Awaited<ReturnType<typeof signedInApi>>;
  let admin: Client;
  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const user = async (role: "program_manager" | "trainer" | "case_worker") =>
      signedInApi(testApp().app, (await buildUser(testApp().database, orgId, [role])).email, testPassword);
    const { email } = await buildUser(testApp().database, orgId, ["administrator"]);
    api = await signedInApi(testApp().app, email, testPassword);
    admin = await signIn(testApp().app, email);
    const personIds = new Map<string, string>();
    await applyPlan(api, plan, { personIds });
    applied = await applyProjects(
      {
        manager: await user("program_manager"),
        trainer: await user("trainer"),
        caseWorker: await user("case_worker"),
      },
      projects,
      personIds,
    );
  }, 180_000);

  it("writes every consent, enrolment, exit, service, story, child, sheet, center service and case note", () => {
    const sum = (pick: (p: ProjectPlan) => number) => projects.projects.reduce((n, p) => n + pick(p), 0);
    expect(applied.counts).toEqual({
      projects: 3,
      consents: projects.consents.length,
      enrolments: sum((p) => p.enrolments.length),
      exits: sum((p) => p.enrolments.filter((e) => e.exit !== null).length),
      services: sum((p) => p.sheets.reduce((n, s) => n + s.personKeys.length, 0)),
      stories: sum((p) => p.stories.length),
      builtIndicators: 2,
      children: projects.center.children.length,
      attendanceSheets: projects.center.days.length,
      centerServices: projects.center.services.length,
      caseNotes: projects.center.caseNotes.length,
    });
    expect(applied.counts.children).toBeGreaterThan(0);
  });

  it("shows on each project's dashboard and built indicators the figures of the plan", async () => {
    for (const project of projects.projects) {
      const id = applied.projectIds.get(project.key) as string;
      const expected = expectedFigures(project);
      const indicators = await api<{
        beneficiaries: { total: number };
        newEnrolments: number;
        exits: number;
        services: number;
        peopleServed: { total: number };
        servicesByKind: Record<string, { count: number }>;
        targets: { indicator: string; target: string; actual: string }[];
      }>("GET", `/api/v1/projects/${id}/indicators`);
      expect(
        {
          beneficiaries: indicators.beneficiaries.total,
          newEnrolments: indicators.newEnrolments,
          exits: indicators.exits,
          services: indicators.services,
          peopleServed: indicators.peopleServed.total,
        },
        project.code,
      ).toEqual({
        beneficiaries: expected.beneficiaries,
        newEnrolments: expected.newEnrolments,
        exits: expected.exits,
        services: expected.services,
        peopleServed: expected.peopleServed,
      });
      for (const [kind, count] of expected.kinds)
        expect(indicators.servicesByKind[kind]?.count, `${project.code} ${kind}`).toBe(count);
      expect(indicators.targets.map((t) => [t.indicator, t.target])).toEqual(
        project.targets.map((t) => [t.indicator, t.target.toString()]).sort(),
      );
      const built = await api<{ items: { name: string; target: string; result: { value: string } }[] }>(
        "GET",
        `/api/v1/projects/${id}/built-indicators`,
      );
      expect(
        built.items.map((b) => [b.name, b.result.value, b.target]),
        project.code,
      ).toEqual(project.builtIndicators.map((b) => [b.name, b.plannedValue.toString(), b.target.toString()]));
    }
  });

  it("prints the same figures and the shareable stories in the donor report", async () => {
    const project = projects.projects.find((p) => p.key === "empowerment") as ProjectPlan;
    const id = applied.projectIds.get("empowerment") as string;
    const expected = expectedFigures(project);
    const xlsx = await admin.request({ url: `/api/v1/projects/${id}/donor-report?format=xlsx&locale=en` });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const { rows } = await xlsxRows(xlsx.rawPayload);
    const target = (key: string) => project.targets.find((t) => t.indicator === key)?.target.toString();
    expect(rows.find((r) => r[0] === "Unique beneficiaries")?.slice(1, 3)).toEqual([
      String(expected.beneficiaries),
      target("beneficiaries"),
    ]);
    expect(rows.find((r) => r[0] === "Services delivered")?.slice(1, 3)).toEqual([
      String(expected.services),
      target("services"),
    ]);
    const [built] = project.builtIndicators;
    if (built !== undefined)
      expect(rows.find((r) => r[0] === built.name)?.slice(1, 3)).toEqual([
        built.plannedValue.toString(),
        built.target.toString(),
      ]);
    const text = rows.map((r) => r.join("|")).join("\n");
    for (const story of project.stories) expect(text).toContain(story.story);
  });

  it("keeps the center's children with their mothers, the day's sheet and the case notes", async () => {
    const children = await api<{
      items: { id: string; mother: { id: string } | null; householdId: string | null }[];
    }>("GET", "/api/v1/children-center/children");
    expect(children.items).toHaveLength(projects.center.children.length);
    expect(children.items.every((c) => c.mother !== null && c.householdId !== null)).toBe(true);
    const day = projects.center.days.find((d) => d.childKeys.length > 0);
    if (day === undefined) throw new Error("a tiny center has children on some day");
    const sheet = await api<{ childIds: string[] }>("GET", `/api/v1/children-center/attendance?on=${day.on}`);
    expect(sheet.childIds.sort()).toEqual(day.childKeys.map((key) => applied.childIds.get(key)).sort());
    const [first] = projects.center.children;
    const notes = await api<{ items: unknown[] }>(
      "GET",
      `/api/v1/children-center/children/${applied.childIds.get(first?.personKey ?? "")}/case-notes`,
    );
    expect(notes.items).toHaveLength(
      projects.center.caseNotes.filter((n) => n.childKey === first?.personKey).length,
    );
  });
});
