import { fireEvent, screen, waitFor, within } from "@testing-library/react";
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
      [`GET /api/v1/children-center/children/${childId}/case-notes`]: json({ items: [] }),
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

describe("registering a child and her case notes", () => {
  const asem = person("0190a000-0000-7000-8000-0000000000d1", "Abenova", "Asem");
  const mother = person("0190a000-0000-7000-8000-0000000000d2", "Abenova", "Lazzat");
  const householdId = "0190a000-0000-7000-8000-00000000a0a1";
  const child = {
    id: childId,
    person: asem,
    mother,
    householdId,
    school: "No. 12",
    grade: "4",
    needs: ["tutoring"],
    enrolledOn: "2025-02-01",
    leftOn: null,
    daysThisMonth: 0,
  };

  it("finds the child, takes the mother from her household, and registers her", async () => {
    let isRegistered = false;
    const requests = fakeApi({
      "GET /api/v1/children-center/children": () => json({ items: isRegistered ? [child] : [] }),
      "GET /api/v1/children-center/attendance": json({ attendedOn: "2025-03-03", childIds: [] }),
      "POST /api/v1/persons/search": json({ items: [asem] }),
      [`GET /api/v1/persons/${asem.id}`]: json({
        ...asem,
        households: [{ householdId, name: "Abenovs", relationship: "child" }],
      }),
      [`GET /api/v1/households/${householdId}`]: json({
        id: householdId,
        name: "Abenovs",
        address: null,
        regionId: null,
        version: 1,
        members: [
          { person: mother, relationship: "mother", roles: [] },
          { person: asem, relationship: "child", roles: [] },
        ],
      }),
      "POST /api/v1/children-center/children": () => {
        isRegistered = true;
        return json(child, 201);
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/children-center",
      session: buildSession(["program_manager"]),
    });
    fireEvent.change(
      await screen.findByLabelText("Find the child (name, phone or IIN)", {}, { timeout: 5000 }),
      {
        target: { value: "Abenova" },
      },
    );
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: "Register Abenova Asem" }));
    await waitFor(() => expect((screen.getByLabelText("Mother") as HTMLSelectElement).value).toBe(mother.id));
    fireEvent.change(screen.getByLabelText("School"), { target: { value: "No. 12" } });
    fireEvent.change(screen.getByLabelText("Needs (comma-separated)"), { target: { value: "tutoring" } });
    fireEvent.change(screen.getByLabelText("Registered on"), { target: { value: "2025-02-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Register" }));
    expect(await screen.findByText("Abenova Asem is registered at the center.")).toBeTruthy();
    expect(requests.find((r) => r.method === "POST" && r.path.endsWith("/children"))?.body).toEqual({
      personId: asem.id,
      householdId,
      motherPersonId: mother.id,
      school: "No. 12",
      grade: null,
      needs: ["tutoring"],
      enrolledOn: "2025-02-01",
    });
    // A program manager is not a case worker: no case notes are shown or asked for.
    await screen.findByRole("checkbox", { name: /Abenova Asem/ });
    expect(screen.queryByText("Case notes")).toBeNull();
    expect(requests.some((r) => r.path.includes("case-notes"))).toBe(false);
  });

  it("shows a case worker the child's notes and writes one", async () => {
    const notes: unknown[] = [
      {
        id: "0190a000-0000-7000-8000-00000000b0b1",
        childId,
        writtenOn: "2025-02-03",
        note: "First visit",
        authorUserId: null,
      },
    ];
    const requests = fakeApi({
      "GET /api/v1/children-center/children": json({ items: [child] }),
      "GET /api/v1/children-center/attendance": json({ attendedOn: "2025-03-03", childIds: [] }),
      [`GET /api/v1/children-center/children/${childId}/case-notes`]: () => json({ items: notes }),
      [`POST /api/v1/children-center/children/${childId}/case-notes`]: (request) => {
        const note = {
          id: "0190a000-0000-7000-8000-00000000b0b2",
          childId,
          authorUserId: null,
          ...(request.body as object),
        };
        notes.push(note);
        return json(note, 201);
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/children-center",
      session: buildSession(["case_worker"]),
    });
    expect(await screen.findByText(/First visit/, {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Write the note" }));
    expect(await screen.findByText("Write the note first.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Note"), { target: { value: "Met the psychologist" } });
    fireEvent.change(screen.getByLabelText("Written on"), { target: { value: "2025-03-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Write the note" }));
    expect(await screen.findByText(/Met the psychologist/)).toBeTruthy();
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({
      writtenOn: "2025-03-01",
      note: "Met the psychologist",
    });
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

describe("courses and sessions", () => {
  it("adds a course with its certificate share, schedules a session of it, and corrects a session", async () => {
    const course = {
      id: "0190a000-0000-7000-8000-00000000c203",
      name: "Federation management",
      topic: "federation_management",
      hours: 24,
      certificateShareBps: 8_000,
    };
    const session = {
      id: sessionId,
      course,
      trainerUserId: null,
      place: "Talgar",
      startsOn: "2025-05-05",
      endsOn: "2025-05-07",
      days: 3,
      daysRequired: 3,
    };
    const courses: (typeof course)[] = [];
    const requests = fakeApi({
      "GET /api/v1/training-sessions": json({ items: [session] }),
      "GET /api/v1/training-courses": () => json({ items: courses }),
      "POST /api/v1/training-courses": () => {
        courses.push(course);
        return json(course, 201);
      },
      "POST /api/v1/training-sessions": json({ ...session, participants: [] }, 201),
      [`PATCH /api/v1/training-sessions/${sessionId}`]: json({ ...session, participants: [] }),
    });
    renderWithApp(<App />, { locale: "en", path: "/trainings", session: buildSession(["trainer"]) });
    const newCourse = await screen.findByRole("form", { name: "New course" }, { timeout: 5000 });
    fireEvent.click(within(newCourse).getByRole("button", { name: "Save the course" }));
    expect(await within(newCourse).findByText(/Name the course/)).toBeTruthy();
    fireEvent.change(within(newCourse).getByLabelText("Course"), {
      target: { value: "Federation management" },
    });
    fireEvent.change(within(newCourse).getByLabelText("topic"), {
      target: { value: "federation_management" },
    });
    fireEvent.change(within(newCourse).getByLabelText("Hours"), { target: { value: "24" } });
    fireEvent.change(within(newCourse).getByLabelText("Days for a certificate, %"), {
      target: { value: "80" },
    });
    fireEvent.click(within(newCourse).getByRole("button", { name: "Save the course" }));
    expect(await screen.findByText("Certificate: 80 % of days")).toBeTruthy();
    expect(requests.find((r) => r.method === "POST" && r.path === "/api/v1/training-courses")?.body).toEqual({
      name: "Federation management",
      topic: "federation_management",
      hours: 24,
      certificateShareBps: 8_000,
    });
    const newSession = screen.getByRole("form", { name: "New session" });
    await waitFor(() =>
      expect((within(newSession).getByLabelText("Course") as HTMLSelectElement).value).toBe(course.id),
    );
    fireEvent.change(within(newSession).getByLabelText("Place"), { target: { value: "Esik" } });
    fireEvent.change(within(newSession).getByLabelText("Starts on"), { target: { value: "2025-06-02" } });
    fireEvent.change(within(newSession).getByLabelText("Ends on"), { target: { value: "2025-06-04" } });
    fireEvent.click(within(newSession).getByRole("button", { name: "Save the session" }));
    await waitFor(() =>
      expect(
        requests.find((r) => r.method === "POST" && r.path === "/api/v1/training-sessions")?.body,
      ).toEqual({
        courseId: course.id,
        place: "Esik",
        startsOn: "2025-06-02",
        endsOn: "2025-06-04",
      }),
    );
    fireEvent.click(screen.getByRole("button", { name: /^Edit Federation management .+/ }));
    const edit = await screen.findByRole("form", { name: "Correct the session" });
    fireEvent.change(within(edit).getByLabelText("Ends on"), { target: { value: "2025-05-08" } });
    fireEvent.click(within(edit).getByRole("button", { name: "Save the session" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PATCH")).toBe(true));
    expect(requests.find((r) => r.method === "PATCH")?.body).toEqual({
      place: "Talgar",
      startsOn: "2025-05-05",
      endsOn: "2025-05-08",
    });
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

describe("a child's page", () => {
  it("shows her services next to her mother's groups, savings and loans", async () => {
    fakeApi({
      [`GET /api/v1/children-center/children/${childId}`]: json({
        id: childId,
        person: person("0190a000-0000-7000-8000-0000000000d1", "Abenova", "Asem"),
        mother: person("0190a000-0000-7000-8000-0000000000d2", "Abenova", "Lazzat"),
        householdId: null,
        school: "No. 12",
        grade: "4",
        needs: ["winter boots"],
        enrolledOn: "2025-02-01",
        leftOn: null,
        daysThisMonth: 9,
        services: [
          {
            id: "0190a000-0000-7000-8000-00000000e001",
            kind: "tutoring",
            deliveredOn: "2025-03-04",
            quantity: 2,
            note: "Mathematics",
          },
        ],
        motherGroups: [
          {
            groupId: "0190a000-0000-7000-8000-00000000f001",
            groupName: "Bereke",
            savingsMinor: "4500000",
            loansOutstandingMinor: "1200000",
          },
        ],
      }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/children-center/children/${childId}`,
      session: buildSession(["case_worker"]),
    });
    const groups = await screen.findByRole(
      "table",
      { name: "The mother's groups, savings and loans" },
      { timeout: 5000 },
    );
    expect(within(groups).getByRole("link", { name: "Bereke" }).getAttribute("href")).toBe(
      "/groups/0190a000-0000-7000-8000-00000000f001",
    );
    expect(within(groups).getByText(/45,000/)).toBeTruthy();
    expect(within(groups).getByText(/12,000/)).toBeTruthy();
    const services = screen.getByRole("table", { name: "Services to the child" });
    expect(within(services).getByText("Tutoring")).toBeTruthy();
    expect(within(services).getByText("Mathematics")).toBeTruthy();
    expect(screen.getByText("Needs: winter boots")).toBeTruthy();
    expect(screen.getByText("Registered on 1 Feb 2025; 9 days at the center this month.")).toBeTruthy();
  });
});
