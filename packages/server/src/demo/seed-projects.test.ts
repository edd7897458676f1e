import { addDays, plainDateAt } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { generatePlan, generatorSizes } from "../generator/plan";
import { generateProjectsPlan, projectsSizes } from "../generator/projects";
import { signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { demoPassword, seedDemo } from "./seed-demo";
import { demoSeed } from "./seed-history";

describe("the demo's projects and children's center (tiny size)", () => {
  const testApp = useTestApp();
  const yesterday = addDays(plainDateAt(Date.now(), "Asia/Almaty"), -1);
  const planned = generateProjectsPlan(
    demoSeed,
    generatePlan(demoSeed, generatorSizes.tiny, yesterday),
    projectsSizes.tiny,
    yesterday,
  );
  beforeAll(async () => {
    await seedDemo(testApp().database);
  }, 120_000);

  it("runs the association's three projects through today, the women's project under the name the end-to-end test uses", async () => {
    const client = await signIn(testApp().app, "program-manager@moldir.demo", demoPassword);
    const projects: {
      code: string;
      name: string;
      startsOn: string;
      endsOn: string;
      activeBeneficiaries: number;
    }[] = (await client.request({ url: "/api/v1/projects" })).json().items;
    expect(projects.map((p) => p.code).sort()).toEqual(planned.projects.map((p) => p.code).sort());
    expect(projects.map((p) => p.name)).toContain(
      "Экономические возможности женщин / Women's economic empowerment",
    );
    for (const project of projects) {
      expect(project.startsOn <= yesterday && project.endsOn > yesterday, project.code).toBe(true);
      expect(project.activeBeneficiaries, project.code).toBeGreaterThan(0);
    }
  });

  it("counts each woman once across projects, as the plan has them", async () => {
    const client = await signIn(testApp().app, "me-officer@moldir.demo", demoPassword);
    const all = (
      await client.request({ url: "/api/v1/project-indicators?from=2000-01-01&to=2100-12-31" })
    ).json();
    const enrolments = planned.projects.flatMap((p) => p.enrolments);
    expect(all.newEnrolments).toBe(enrolments.length);
    expect(all.beneficiaries.total).toBe(new Set(enrolments.map((e) => e.personKey)).size);
    expect(all.services).toBe(
      planned.projects.flatMap((p) => p.sheets).reduce((n, s) => n + s.personKeys.length, 0),
    );
  });

  it("keeps the center's children, their sheets and the case worker's notes, which the M&E officer may not read", async () => {
    const caseWorker = await signIn(testApp().app, "case-worker@moldir.demo", demoPassword);
    const children = (await caseWorker.request({ url: "/api/v1/children-center/children" })).json().items;
    expect(children).toHaveLength(planned.center.children.length);
    const notes = await caseWorker.request({
      url: `/api/v1/children-center/children/${children[0].id}/case-notes`,
    });
    expect(notes.json().items.length).toBeGreaterThan(0);
    const officer = await signIn(testApp().app, "me-officer@moldir.demo", demoPassword);
    const refused = await officer.request({
      url: `/api/v1/children-center/children/${children[0].id}/case-notes`,
    });
    expect(refused.statusCode).toBe(403);
  });
});
