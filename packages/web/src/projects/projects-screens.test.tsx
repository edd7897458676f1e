import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { apiError, fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import type { Beneficiary, BudgetAgainstActual, Project, ProjectIndicators } from "./projects-api";

const projectId = "0190a000-0000-7000-8000-00000000d001";
const personId = "0190a000-0000-7000-8000-0000000000e1";

function person(id: string, surname: string, givenName: string) {
  return {
    id,
    surname,
    givenName,
    patronymic: null,
    nameLatin: `${surname} ${givenName}`,
    sex: "female" as const,
    birthDate: "1990-01-01",
    iinMasked: null,
    phones: [],
    regionId: null,
    vulnerabilities: [],
    mergedIntoId: null,
    isErased: false,
  };
}

const project: Project = {
  id: projectId,
  code: "UNW-2026",
  name: "Women's economic empowerment",
  donor: "UN Women",
  donorCurrency: "USD",
  startsOn: "2026-01-01",
  endsOn: "2026-12-31",
  budgetMinor: "478500000",
  actualMinor: "3000000",
  activeBeneficiaries: 1,
  ratePpm: "478500000",
  regionIds: [],
  targetGroups: [],
  activities: [],
  eligibility: {},
  bookId: "0190a000-0000-7000-8000-00000000b101",
  grantApprovalOverMinor: null,
  version: 1,
  budgetLines: [],
  targets: [{ indicator: "beneficiaries", target: "4" }],
};

function breakdown(total: number) {
  return {
    total,
    bySex: { female: total, male: 0 },
    byAgeBand: { "0-17": 0, "18-29": 0, "30-44": total, "45-59": 0, "60+": 0, unknown: 0 },
    byRegion: {},
    byVulnerability: {},
  };
}

const kinds = ["grant", "training", "consultation", "food_package", "school_package", "children_center_day"];
const indicators = (beneficiaries: number): ProjectIndicators => ({
  from: "2026-01-01",
  to: "2026-12-31",
  beneficiaries: breakdown(beneficiaries),
  newEnrolments: beneficiaries,
  exits: 0,
  peopleServed: breakdown(0),
  services: 0,
  servicesByKind: Object.fromEntries(
    kinds.map((k) => [k, { count: 0, quantity: 0, valueMinor: "0" }]),
  ) as ProjectIndicators["servicesByKind"],
  assistanceValueMinor: "0",
  targets: [
    {
      indicator: "beneficiaries",
      target: "4",
      actual: String(beneficiaries),
      progressBps: beneficiaries * 2500,
    },
  ],
});

const budget: BudgetAgainstActual = {
  asOf: "2026-11-27",
  lines: [
    {
      lineNo: 1,
      name: "Grants",
      accountId: "0190a000-0000-7000-8000-00000000a101",
      budgetMinor: "478500000",
      actualMinor: "3000000",
      remainingMinor: "475500000",
    },
  ],
  unbudgetedActualMinor: "0",
  totalBudgetMinor: "478500000",
  totalActualMinor: "3000000",
};

const aigul = person(personId, "Asanova", "Aigul");
const enrolled: Beneficiary = {
  id: "0190a000-0000-7000-8000-0000000000f1",
  projectId,
  person: aigul,
  enrolledOn: "2026-02-01",
  exitedOn: null,
  exitReason: null,
  services: 0,
};

describe("a project's dashboard", () => {
  it("shows progress to the target and the budget, enrols a woman and shows the count move", async () => {
    let isEnrolled = false;
    const requests = fakeApi({
      [`GET /api/v1/projects/${projectId}`]: () => json(project),
      [`GET /api/v1/projects/${projectId}/indicators`]: () => json(indicators(isEnrolled ? 2 : 1)),
      [`GET /api/v1/projects/${projectId}/budget`]: () => json(budget),
      [`GET /api/v1/projects/${projectId}/beneficiaries`]: () =>
        json({ items: isEnrolled ? [enrolled] : [] }),
      [`GET /api/v1/projects/${projectId}/services`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/stories`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/built-indicators`]: () => json({ items: [] }),
      "POST /api/v1/persons/search": () => json({ items: [aigul] }),
      [`POST /api/v1/projects/${projectId}/beneficiaries`]: () => {
        isEnrolled = true;
        return json(enrolled, 201);
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/projects/${projectId}`,
      session: buildSession(["program_manager"]),
    });
    const value = await screen.findByTestId("indicator-beneficiaries-value", {}, { timeout: 5000 });
    expect(value.textContent).toBe("1");
    expect(screen.getByText("1 of 4")).toBeTruthy();
    expect(screen.getByRole("img", { name: "Budget and spending by line" })).toBeTruthy();
    fireEvent.change(screen.getByRole("textbox", { name: "Name, phone or IIN" }), {
      target: { value: "Asanova" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: "Enrol Asanova Aigul" }));
    await waitFor(() => expect(screen.getByTestId("indicator-beneficiaries-value").textContent).toBe("2"));
    const post = requests.find((r) => r.method === "POST" && r.path.endsWith("/beneficiaries"));
    expect(post?.body).toMatchObject({ personId });
  });

  it("shows the server's refusal of an enrolment in the person's language", async () => {
    fakeApi({
      [`GET /api/v1/projects/${projectId}`]: () => json(project),
      [`GET /api/v1/projects/${projectId}/indicators`]: () => json(indicators(0)),
      [`GET /api/v1/projects/${projectId}/budget`]: () => json(budget),
      [`GET /api/v1/projects/${projectId}/beneficiaries`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/services`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/stories`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/built-indicators`]: () => json({ items: [] }),
      "POST /api/v1/persons/search": () => json({ items: [aigul] }),
      [`POST /api/v1/projects/${projectId}/beneficiaries`]: () =>
        apiError("consent_must_be_given", "The person has not consented to this (project).", 422, {
          purpose: "project",
        }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/projects/${projectId}`,
      session: buildSession(["program_manager"]),
    });
    fireEvent.change(await screen.findByRole("textbox", { name: "Name, phone or IIN" }, { timeout: 5000 }), {
      target: { value: "Asanova" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: "Enrol Asanova Aigul" }));
    expect((await screen.findByRole("alert")).textContent).toContain("has not consented");
  });
});

describe("creating and correcting a project", () => {
  it("asks for what is missing, then starts the project with its rate in millionths of a tenge", async () => {
    const requests = fakeApi({
      "GET /api/v1/books": json({ items: [] }),
      "POST /api/v1/projects": json(project, 201),
      [`GET /api/v1/projects/${projectId}`]: json(project),
    });
    renderWithApp(<App />, { locale: "en", path: "/projects/new", session: buildSession(["administrator"]) });
    await screen.findByRole("heading", { level: 1, name: "New project" });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect((await screen.findAllByText("Required")).length).toBeGreaterThan(0);
    expect(requests.some((request) => request.method === "POST")).toBe(false);
    const type = (name: RegExp, value: string) =>
      fireEvent.change(screen.getByLabelText(name), { target: { value } });
    type(/^Code/, "UNW-2026");
    type(/^Project/, "Women's economic empowerment");
    type(/^Donor$|^Donor \*/, "UN Women");
    type(/^Starts on/, "2026-01-01");
    type(/^Ends on/, "2026-12-31");
    type(/^Donor's currency/, "usd");
    type(/^Rate/, "478,5");
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((request) => request.method === "POST")).toBe(true));
    expect(requests.find((request) => request.method === "POST")?.body).toMatchObject({
      code: "UNW-2026",
      donorCurrency: "USD",
      ratePpm: "478500000",
      startsOn: "2026-01-01",
      budgetLines: [],
    });
  });

  it("corrects a project at the version read, its code and rate left alone", async () => {
    const requests = fakeApi({
      "GET /api/v1/books": json({ items: [] }),
      [`GET /api/v1/projects/${projectId}`]: json(project),
      [`PATCH /api/v1/projects/${projectId}`]: json({ ...project, name: "Phase 2", version: 2 }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/projects/${projectId}/edit`,
      session: buildSession(["administrator"]),
    });
    const name = await screen.findByLabelText(/^Project/);
    fireEvent.change(name, { target: { value: "Phase 2" } });
    expect(screen.queryByLabelText(/^Rate/)).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((request) => request.method === "PATCH")).toBe(true));
    const patch = requests.find((request) => request.method === "PATCH");
    expect(patch?.body).toMatchObject({ version: 1, name: "Phase 2" });
    expect(patch?.body).not.toHaveProperty("code");
  });
});

describe("exits and stories", () => {
  it("records that a beneficiary left, and adds her story", async () => {
    let hasLeft = false;
    const requests = fakeApi({
      [`GET /api/v1/projects/${projectId}`]: () => json(project),
      [`GET /api/v1/projects/${projectId}/indicators`]: () => json(indicators(1)),
      [`GET /api/v1/projects/${projectId}/budget`]: () => json(budget),
      [`GET /api/v1/projects/${projectId}/beneficiaries`]: () =>
        json({ items: [hasLeft ? { ...enrolled, exitedOn: "2026-06-30", exitReason: "Moved" } : enrolled] }),
      [`GET /api/v1/projects/${projectId}/services`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/stories`]: () => json({ items: [] }),
      [`GET /api/v1/projects/${projectId}/built-indicators`]: () => json({ items: [] }),
      [`POST /api/v1/projects/${projectId}/stories`]: () => json({}, 201),
      [`POST /api/v1/beneficiaries/${enrolled.id}/exit`]: () => {
        hasLeft = true;
        return json({ ...enrolled, exitedOn: "2026-06-30", exitReason: "Moved" });
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/projects/${projectId}`,
      session: buildSession(["administrator"]),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Asanova Aigul left the project" }));
    const dialog = await screen.findByRole("dialog", { name: "Asanova Aigul left the project" });
    fireEvent.change(within(dialog).getByLabelText(/^Reason/), { target: { value: "Moved" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Record" }));
    await waitFor(() => expect(requests.some((r) => r.path.endsWith("/exit"))).toBe(true));
    expect(requests.find((r) => r.path.endsWith("/exit"))?.body).toMatchObject({ reason: "Moved" });
    await waitFor(() =>
      expect(screen.queryByRole("button", { name: "Asanova Aigul left the project" })).toBeNull(),
    );

    expect(await screen.findByText("No stories yet.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Add the story" }));
    expect(await screen.findByText("Required")).toBeTruthy();
    expect(requests.some((r) => r.method === "POST" && r.path.endsWith("/stories"))).toBe(false);
  });
});
