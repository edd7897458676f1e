import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { apiError, fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import type { BudgetAgainstActual, Project, ProjectIndicators } from "./projects-api";

const projectId = "0190a000-0000-7000-8000-00000000d002";

const project: Project = {
  id: projectId,
  code: "CC-2026",
  name: "Children's center",
  donor: "Donor",
  donorCurrency: "KZT",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  budgetMinor: "0",
  actualMinor: "0",
  activeBeneficiaries: 0,
  ratePpm: "1000000",
  regionIds: [],
  targetGroups: [],
  activities: [],
  eligibility: {},
  bookId: null,
  grantApprovalOverMinor: null,
  version: 1,
  budgetLines: [],
  targets: [],
};

const none = {
  total: 0,
  bySex: { female: 0, male: 0 },
  byAgeBand: { "0-17": 0, "18-29": 0, "30-44": 0, "45-59": 0, "60+": 0, unknown: 0 },
  byRegion: {},
  byVulnerability: {},
};
const kinds = ["grant", "training", "consultation", "food_package", "school_package", "children_center_day"];
const indicators: ProjectIndicators = {
  from: "2026-01-01",
  to: "2026-12-31",
  beneficiaries: none,
  newEnrolments: 0,
  exits: 0,
  peopleServed: none,
  services: 0,
  servicesByKind: Object.fromEntries(
    kinds.map((k) => [k, { count: 0, quantity: 0, valueMinor: "0" }]),
  ) as ProjectIndicators["servicesByKind"],
  assistanceValueMinor: "0",
  targets: [],
};
const budget: BudgetAgainstActual = {
  asOf: "2026-11-27",
  lines: [],
  unbudgetedActualMinor: "0",
  totalBudgetMinor: "0",
  totalActualMinor: "0",
};

const result = {
  from: "2026-01-01",
  to: "2026-12-31",
  value: "1",
  people: 1,
  bySex: { female: "1", male: "0" },
  byAgeBand: { "0-17": "1", "18-29": "0", "30-44": "0", "45-59": "0", "60+": "0", unknown: "0" },
  byRegion: { unknown: "1" },
  byVulnerability: {},
};

function dashboardRoutes(saved: () => unknown[]) {
  return {
    [`GET /api/v1/projects/${projectId}`]: () => json(project),
    [`GET /api/v1/projects/${projectId}/indicators`]: () => json(indicators),
    [`GET /api/v1/projects/${projectId}/budget`]: () => json(budget),
    [`GET /api/v1/projects/${projectId}/beneficiaries`]: () => json({ items: [] }),
    [`GET /api/v1/projects/${projectId}/services`]: () => json({ items: [] }),
    [`GET /api/v1/projects/${projectId}/stories`]: () => json({ items: [] }),
    [`GET /api/v1/projects/${projectId}/built-indicators`]: () => json({ items: saved() }),
  };
}

describe("the indicator builder", () => {
  it("previews children attending at least 8 days a month, then saves it with a target and shows it", async () => {
    const saved: unknown[] = [];
    const requests = fakeApi({
      ...dashboardRoutes(() => saved),
      [`POST /api/v1/projects/${projectId}/indicator-previews`]: () => json(result),
      [`POST /api/v1/projects/${projectId}/built-indicators`]: (request) => {
        const body = request.body as { name: string; definition: unknown; target: string };
        const item = {
          id: "0190a000-0000-7000-8000-00000000e001",
          projectId,
          name: body.name,
          definition: body.definition,
          target: body.target,
          version: 1,
          result,
          progressBps: 5000,
        };
        saved.push(item);
        return json(item, 201);
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/projects/${projectId}`,
      session: buildSession(["program_manager"]),
    });
    expect(await screen.findByText("No built indicators yet.", {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Events"), { target: { value: "center_attendance" } });
    fireEvent.change(screen.getByLabelText("At least days in a month"), { target: { value: "8" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect((await screen.findByTestId("indicator-preview-value")).textContent).toBe("1");
    expect(screen.getByRole("table", { name: "Breakdown of the result" }).textContent).toContain("Age: 0-17");
    const preview = requests.find((r) => r.path.endsWith("/indicator-previews"));
    expect(preview?.body).toEqual({
      definition: {
        measure: "unique_persons",
        events: { source: "center_attendance" },
        minEventDaysInAMonth: 8,
      },
    });
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Children, 8 days a month" } });
    fireEvent.change(screen.getByLabelText("Target"), { target: { value: "2" } });
    fireEvent.click(screen.getByRole("button", { name: "Save indicator" }));
    expect(await screen.findByText("The indicator is saved.")).toBeTruthy();
    const card = await screen.findByTestId("built-indicator-Children, 8 days a month");
    expect(card.textContent).toContain("1 of 2");
    expect(
      requests.find((r) => r.method === "POST" && r.path.endsWith("/built-indicators"))?.body,
    ).toMatchObject({
      name: "Children, 8 days a month",
      target: "2",
    });
  });

  it("builds women trained in this project who took a loan within 6 months, and shows a refusal", async () => {
    const requests = fakeApi({
      ...dashboardRoutes(() => []),
      [`POST /api/v1/projects/${projectId}/indicator-previews`]: (request) =>
        (request.body as { definition: { conditions?: { months?: number }[] } }).definition.conditions?.[0]
          ?.months === 0
          ? apiError("request_must_be_valid", "The field “months” of the request is not valid.", 400)
          : json(result),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/projects/${projectId}`,
      session: buildSession(["me_officer"]),
    });
    fireEvent.change(await screen.findByLabelText("Events", {}, { timeout: 5000 }), {
      target: { value: "service" },
    });
    fireEvent.change(screen.getByLabelText("Events: Service"), { target: { value: "training" } });
    fireEvent.change(screen.getByLabelText("Sex"), { target: { value: "female" } });
    fireEvent.click(screen.getByLabelText("Only if another event of the person…"));
    expect((screen.getByLabelText("Another event") as HTMLSelectElement).value).toBe("loan");
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    await screen.findByTestId("indicator-preview-value");
    expect(requests.find((r) => r.path.endsWith("/indicator-previews"))?.body).toEqual({
      definition: {
        measure: "unique_persons",
        events: { source: "service", project: "this", kinds: ["training"] },
        persons: { sexes: ["female"] },
        conditions: [{ events: { source: "loan" }, window: "after", months: 6 }],
      },
    });
    // An officer who may not manage projects previews but is not offered saving.
    expect(screen.queryByRole("button", { name: "Save indicator" })).toBeNull();
    fireEvent.change(screen.getByLabelText("Months"), { target: { value: "none" } });
    fireEvent.click(screen.getByRole("button", { name: "Preview" }));
    expect((await screen.findByRole("alert")).textContent).toContain("months");
  });
});
