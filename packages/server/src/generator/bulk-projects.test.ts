import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { bulkLoad, bulkSizes } from "./bulk";
import { type BulkProjectCounts, bulkLoadProjects } from "./bulk-projects";

describe("the bulk path for projects", () => {
  const testApp = useTestApp();
  let orgId: string;
  let counts: BulkProjectCounts;
  beforeAll(async () => {
    orgId = (await buildOrganization(testApp().database)).orgId;
    const lastDay = plainDate("2026-06-30");
    // Three groups of four women, meeting on the 28th of February, March, April and May (bulk.ts).
    await bulkLoad(testApp().database, orgId, { seed: 3, size: bulkSizes.tiny, lastDay });
    counts = await bulkLoadProjects(testApp().database, orgId, { lastDay, months: 4 });
  });

  it("enrols the women of every second group at its first meeting, with a training at each later one", async () => {
    // One group of the three: four women, enrolled at the first of four meetings, trained at the three after it.
    expect(counts).toEqual({ enrolments: 4, services: 12 });
    const { email } = await buildUser(testApp().database, orgId, ["me_officer"]);
    const client = await signIn(testApp().app, email);
    const [project] = (await client.request({ url: "/api/v1/projects" })).json().items;
    expect(project).toMatchObject({ code: "LIV-2026", activeBeneficiaries: 4 });
    const indicators = (await client.request({ url: `/api/v1/projects/${project.id}/indicators` })).json();
    expect(indicators).toMatchObject({ newEnrolments: 4, services: 12, beneficiaries: { total: 4 } });
    expect(indicators.peopleServed.bySex).toEqual({ female: 4, male: 0 });
    expect(
      indicators.targets.map((t: { indicator: string; target: string }) => [t.indicator, t.target]),
    ).toEqual([
      ["beneficiaries", "5"],
      ["services", "15"],
    ]);
  });
});
