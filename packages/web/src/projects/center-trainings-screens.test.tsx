import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import { GroupTrainingsPanel } from "./group-trainings-panel";

const childId = "0190a000-0000-7000-8000-00000000c001";
const sessionId = "0190a000-0000-7000-8000-00000000c101";

function person(id: string, surname: string, givenName: string) {
  return {
    id,
    surname,
    givenName,
    patronymic: null,
    nameLatin: `${surname} ${givenName}`,
    sex: "female" as const,
    birthDate: "2015-01-01",
    iinMasked: null,
    phones: [],
    regionId: null,
    vulnerabilities: [],
    mergedIntoId: null,
    isErased: false,
  };
}

describe("the children's center daily sheet", () => {
  it("is in a case worker's navigation, not the projects, and saves the children ticked present", async () => {
    const requests = fakeApi({
      "GET /api/v1/children-center/children": json({
        items: [
          {
            id: childId,
            person: person("0190a000-0000-7000-8000-0000000000d1", "Abenova", "Asem"),
            mother: person("0190a000-0000-7000-8000-0000000000d2", "Abenova", "Lazzat"),
            householdId: null,
            school: "No. 12",
            grade: "4",
            needs: [],
            enrolledOn: "2025-02-01",
            leftOn: null,
            daysThisMonth: 3,
          },
        ],
      }),
      "GET /api/v1/children-center/attendance": (request) =>
        json({ attendedOn: request.path.split("on=")[1] ?? "2025-03-03", childIds: [] }),
      "PUT /api/v1/children-center/attendance": (request) =>
        json({ attendedOn: "2025-03-03", childIds: (request.body as { childIds: string[] }).childIds }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/children-center",
      session: buildSession(["case_worker"]),
    });
    const present = await screen.findByRole("checkbox", { name: "Present: Abenova Asem" }, { timeout: 5000 });
    expect(screen.queryByRole("link", { name: "Projects" })).toBeNull();
    expect(screen.getByRole("link", { name: "Children's center" })).toBeTruthy();
    fireEvent.click(present);
    fireEvent.click(screen.getByRole("button", { name: "Save the day's sheet" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    expect(requests.find((r) => r.method === "PUT")?.body).toMatchObject({ childIds: [childId] });
  });
});

describe("the training calendar", () => {
  it("opens a session and saves a participant's attendance and scores", async () => {
    const course = {
      id: "0190a000-0000-7000-8000-00000000c201",
      name: "Financial literacy",
      topic: "financial_literacy",
      hours: 8,
      certificateShareBps: 10_000,
    };
    const session = {
      id: sessionId,
      course,
      trainerUserId: null,
      place: "Talgar",
      startsOn: "2025-03-03",
      endsOn: "2025-03-04",
      days: 2,
      daysRequired: 2,
    };
    const participant = {
      person: person("0190a000-0000-7000-8000-0000000000d3", "Sultanova", "Aigerim"),
      groupId: null,
      partnerOrganization: "Ak Niet",
      daysAttended: 0,
      preScore: null,
      postScore: null,
      hasCompleted: false,
      attendedDays: ["2025-03-03"],
    };
    const requests = fakeApi({
      "GET /api/v1/training-sessions": json({ items: [session] }),
      [`GET /api/v1/training-sessions/${sessionId}`]: json({ ...session, participants: [participant] }),
      [`PATCH /api/v1/training-sessions/${sessionId}/participants/${participant.person.id}`]: json({
        ...session,
        participants: [participant],
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/trainings", session: buildSession(["trainer"]) });
    fireEvent.click(await screen.findByRole("button", { name: "Participants" }, { timeout: 5000 }));
    const days = await screen.findByRole("textbox", { name: "Days attended: Sultanova Aigerim" });
    fireEvent.change(days, { target: { value: "2" } });
    fireEvent.change(screen.getByRole("textbox", { name: "Test after: Sultanova Aigerim" }), {
      target: { value: "80" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PATCH")).toBe(true));
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({
      daysAttended: 2,
      preScore: null,
      postScore: 80,
    });
  });
});

describe("a session's roll call", () => {
  it("shows who was present on a day, and saves the day's roll call", async () => {
    const course = {
      id: "0190a000-0000-7000-8000-00000000c202",
      name: "Bookkeeping",
      topic: "group_bookkeeping",
      hours: 16,
      certificateShareBps: 8_000,
    };
    const session = {
      id: sessionId,
      course,
      trainerUserId: null,
      place: "Esik",
      startsOn: "2025-04-07",
      endsOn: "2025-04-11",
      days: 5,
      daysRequired: 4,
    };
    const participant = (id: string, surname: string, attendedDays: string[]) => ({
      person: person(id, surname, "Aigerim"),
      groupId: null,
      partnerOrganization: null,
      daysAttended: attendedDays.length,
      preScore: null,
      postScore: null,
      hasCompleted: attendedDays.length >= 4,
      attendedDays,
    });
    const a = participant("0190a000-0000-7000-8000-0000000000d4", "Alieva", ["2025-04-07", "2025-04-08"]);
    const b = participant("0190a000-0000-7000-8000-0000000000d5", "Bekova", ["2025-04-07"]);
    const requests = fakeApi({
      "GET /api/v1/training-sessions": json({ items: [session] }),
      [`GET /api/v1/training-sessions/${sessionId}`]: json({ ...session, participants: [a, b] }),
      [`PUT /api/v1/training-sessions/${sessionId}/roll-calls/2025-04-08`]: json({
        ...session,
        participants: [a, b],
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/trainings", session: buildSession(["trainer"]) });
    fireEvent.click(await screen.findByRole("button", { name: "Participants" }, { timeout: 5000 }));
    expect(await screen.findByText("A certificate needs 4 of 5 days.")).toBeTruthy();
    const alieva = () => screen.getByRole("checkbox", { name: "Alieva Aigerim" }) as HTMLInputElement;
    const bekova = () => screen.getByRole("checkbox", { name: "Bekova Aigerim" }) as HTMLInputElement;
    expect([alieva().checked, bekova().checked]).toEqual([true, true]);
    fireEvent.change(screen.getByLabelText("Day"), { target: { value: "2025-04-08" } });
    expect([alieva().checked, bekova().checked]).toEqual([true, false]);
    fireEvent.click(bekova());
    fireEvent.click(alieva());
    fireEvent.click(screen.getByRole("button", { name: "Save the day's roll call" }));
    expect(await screen.findByText("The day's roll call is saved.")).toBeTruthy();
    expect(requests.find((r) => r.method === "PUT")?.body).toEqual({ personIds: [b.person.id] });
  });
});

describe("a group's training history", () => {
  it("lists the sessions its members took part in, for the group page", async () => {
    const groupId = "0190a000-0000-7000-8000-00000000c201";
    fakeApi({
      [`GET /api/v1/groups/${groupId}/trainings`]: json({
        items: [
          {
            sessionId,
            courseName: "Financial literacy",
            topic: "financial_literacy",
            startsOn: "2025-03-03",
            endsOn: "2025-03-05",
            participants: 12,
            completed: 10,
          },
        ],
      }),
    });
    renderWithApp(<GroupTrainingsPanel groupId={groupId} />, {
      locale: "en",
      session: buildSession(["facilitator"]),
    });
    expect(await screen.findByText("Financial literacy")).toBeTruthy();
    expect(screen.getByText("10 of 12 completed")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Trainings" })).toBeTruthy();
  });
});
