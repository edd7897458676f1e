import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { demoPassword, seedDemo } from "./seed-demo";

describe("the demo's projects", () => {
  const testApp = useTestApp();
  beforeAll(async () => {
    await seedDemo(testApp().database);
  });

  it("shows the association's projects, with a woman in both counted once", async () => {
    const client = await signIn(testApp().app, "administrator@moldir.demo", demoPassword);
    const projects = (await client.request({ url: "/api/v1/projects" })).json().items;
    expect(projects.map((p: { code: string }) => p.code).sort()).toEqual(["CSC-2026", "UNW-2026"]);
    const all = (
      await client.request({ url: "/api/v1/project-indicators?from=2026-01-01&to=2026-12-31" })
    ).json();
    expect(all.newEnrolments).toBe(6);
    expect(all.beneficiaries.total).toBe(5);
    expect(all.services).toBe(14);
  });
});
