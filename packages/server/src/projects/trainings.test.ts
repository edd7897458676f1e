import { beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../exports/testing";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
  testShgBylaws,
} from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("trainings", () => {
  const testApp = useTestApp();
  let admin: Client;
  let trainer: Client;
  let officer: Client;
  let groupId: string;
  let memberPersonId: string;
  let partnerPersonId: string;
  let outsiderId: string;
  let sessionId: string;

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database);
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    trainer = await signIn(app, (await buildUser(database, orgId, ["trainer"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["me_officer"])).email);
    memberPersonId = await buildConsentingPerson(admin, { surname: "Сұлтанова", givenName: "Әйгерім" });
    partnerPersonId = await buildConsentingPerson(admin, { surname: "Ким", givenName: "Ольга" });
    outsiderId = await buildConsentingPerson(admin, { surname: "Бөтенова", givenName: "Гүлім" });
    const group = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name: "Нұр",
        methodology: "shg",
        frequency: "weekly",
        formedOn: "2025-01-01",
        bylaws: testShgBylaws,
      },
    });
    groupId = group.json().id;
    await admin.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/members`,
      payload: { personId: memberPersonId, joinedOn: "2025-01-01" },
    });
  });

  it("schedules a session of a course and refuses one that ends before it starts", async () => {
    const course = await trainer.request({
      method: "POST",
      url: "/api/v1/training-courses",
      payload: { name: "Топ бухгалтерлерінің есебі", topic: "group_bookkeeping", hours: 16 },
    });
    expect(course.statusCode, course.body).toBe(201);
    const refused = await trainer.request({
      method: "POST",
      url: "/api/v1/training-sessions",
      payload: { courseId: course.json().id, place: "Талғар", startsOn: "2025-03-03", endsOn: "2025-03-01" },
    });
    expect(refused.json().error.code).toBe("training_period_must_be_ordered");
    const session = await trainer.request({
      method: "POST",
      url: "/api/v1/training-sessions",
      payload: { courseId: course.json().id, place: "Талғар", startsOn: "2025-03-03", endsOn: "2025-03-04" },
    });
    expect(session.statusCode, session.body).toBe(201);
    expect(session.json()).toMatchObject({ days: 2, participants: [] });
    sessionId = session.json().id;
    expect((await trainer.request({ url: "/api/v1/training-sessions" })).json().items).toHaveLength(1);
  });

  it("adds a group member and a partner NGO's participant, and refuses a stranger to the group named", async () => {
    const add = (payload: Record<string, unknown>) =>
      trainer.request({
        method: "POST",
        url: `/api/v1/training-sessions/${sessionId}/participants`,
        payload,
      });
    expect((await add({ personId: memberPersonId, groupId })).statusCode).toBe(201);
    expect((await add({ personId: partnerPersonId, partnerOrganization: "«Ақ ниет» ҚБ" })).statusCode).toBe(
      201,
    );
    const stranger = await add({ personId: outsiderId, groupId });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().error.code).toBe("participant_must_belong_to_group");
    const twice = await add({ personId: memberPersonId });
    expect(twice.statusCode).toBe(409);
    const session = (await trainer.request({ url: `/api/v1/training-sessions/${sessionId}` })).json();
    expect(session.participants).toHaveLength(2);
  });

  it("records attendance and scores, and gives a certificate only for full attendance", async () => {
    const update = (personId: string, payload: Record<string, unknown>) =>
      trainer.request({
        method: "PATCH",
        url: `/api/v1/training-sessions/${sessionId}/participants/${personId}`,
        payload,
      });
    const tooMany = await update(memberPersonId, { daysAttended: 3 });
    expect(tooMany.json().error).toMatchObject({
      code: "attendance_must_not_exceed_session_days",
      details: { days: 2 },
    });
    expect((await update(memberPersonId, { daysAttended: 2, preScore: 40, postScore: 85 })).statusCode).toBe(
      200,
    );
    expect((await update(partnerPersonId, { daysAttended: 1 })).statusCode).toBe(200);
    const certificate = (personId: string, locale: string) =>
      trainer.request({
        url: `/api/v1/training-sessions/${sessionId}/participants/${personId}/certificate?locale=${locale}`,
      });
    const kk = await certificate(memberPersonId, "kk");
    expect(kk.statusCode).toBe(200);
    expect(kk.headers["content-type"]).toBe("application/pdf");
    const text = (await pdfText(kk.rawPayload)).join(" ");
    expect(text).toContain("СЕРТИФИКАТ");
    expect(text).toContain("Сұлтанова Әйгерім");
    expect(text).toContain("Топ бухгалтерлерінің есебі");
    const ru = (await pdfText((await certificate(memberPersonId, "ru")).rawPayload)).join(" ");
    expect(ru).toContain("Настоящий сертификат выдан");
    const partial = await certificate(partnerPersonId, "ru");
    expect(partial.statusCode).toBe(422);
    expect(partial.json().error.code).toBe("certificate_must_follow_full_attendance");
  });

  it("shows the group's training history on the group", async () => {
    const history = await officer.request({ url: `/api/v1/groups/${groupId}/trainings` });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items).toMatchObject([
      { courseName: "Топ бухгалтерлерінің есебі", topic: "group_bookkeeping", participants: 1, completed: 1 },
    ]);
  });

  it("takes a roll call day by day and gives a certificate for the course's share of days", async () => {
    const course = await trainer.request({
      method: "POST",
      url: "/api/v1/training-courses",
      payload: {
        name: "Қаржылық сауаттылық",
        topic: "financial_literacy",
        hours: 20,
        certificateShareBps: 8_000,
      },
    });
    expect(course.json()).toMatchObject({ certificateShareBps: 8_000 });
    const session = await trainer.request({
      method: "POST",
      url: "/api/v1/training-sessions",
      payload: { courseId: course.json().id, place: "Есік", startsOn: "2025-04-07", endsOn: "2025-04-11" },
    });
    // Five days at 80 %: four days earn a certificate.
    expect(session.json()).toMatchObject({ days: 5, daysRequired: 4 });
    const id = session.json().id;
    for (const personId of [memberPersonId, partnerPersonId])
      await trainer.request({
        method: "POST",
        url: `/api/v1/training-sessions/${id}/participants`,
        payload: { personId },
      });
    const rollCall = (day: string, personIds: string[]) =>
      trainer.request({
        method: "PUT",
        url: `/api/v1/training-sessions/${id}/roll-calls/${day}`,
        payload: { personIds },
      });
    for (const day of ["2025-04-07", "2025-04-08", "2025-04-09", "2025-04-10"])
      expect((await rollCall(day, [memberPersonId, partnerPersonId])).statusCode).toBe(200);
    // The fourth day entered again without the partner's participant: the day's roll call is replaced.
    const replaced = await rollCall("2025-04-10", [memberPersonId]);
    const byPerson = (body: { participants: { person: { id: string } }[] }, personId: string) =>
      body.participants.find((p) => p.person.id === personId);
    expect(byPerson(replaced.json(), memberPersonId)).toMatchObject({
      daysAttended: 4,
      hasCompleted: true,
      attendedDays: ["2025-04-07", "2025-04-08", "2025-04-09", "2025-04-10"],
    });
    expect(byPerson(replaced.json(), partnerPersonId)).toMatchObject({
      daysAttended: 3,
      hasCompleted: false,
    });
    const certificate = (personId: string) =>
      trainer.request({
        url: `/api/v1/training-sessions/${id}/participants/${personId}/certificate?locale=en`,
      });
    expect((await certificate(memberPersonId)).statusCode).toBe(200);
    const refused = await certificate(partnerPersonId);
    expect(refused.json().error).toMatchObject({
      code: "certificate_must_follow_full_attendance",
      details: { days: 4 },
    });

    const outside = await rollCall("2025-04-12", [memberPersonId]);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.code).toBe("roll_call_day_must_be_in_session");
    const stranger = await rollCall("2025-04-11", [memberPersonId, outsiderId]);
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().error).toMatchObject({
      code: "roll_call_must_name_participants",
      details: { row: 2 },
    });
    const unchanged = (await trainer.request({ url: `/api/v1/training-sessions/${id}` })).json();
    expect(byPerson(unchanged, memberPersonId)).toMatchObject({ daysAttended: 4 });
    expect(
      (
        await officer.request({
          method: "PUT",
          url: `/api/v1/training-sessions/${id}/roll-calls/2025-04-11`,
          payload: { personIds: [] },
        })
      ).statusCode,
    ).toBe(403);

    // Corrections: the course's share and the session's place and dates; a day already called must stay inside.
    const courseId = course.json().id;
    const share = await trainer.request({
      method: "PATCH",
      url: `/api/v1/training-courses/${courseId}`,
      payload: { certificateShareBps: 10_000, name: "Қаржылық сауаттылық 2" },
    });
    expect(share.json()).toMatchObject({ certificateShareBps: 10_000, name: "Қаржылық сауаттылық 2" });
    const moved = await trainer.request({
      method: "PATCH",
      url: `/api/v1/training-sessions/${id}`,
      payload: { place: "Талғар", endsOn: "2025-04-10" },
    });
    expect(moved.json()).toMatchObject({ place: "Талғар", days: 4, daysRequired: 4 });
    const shortened = await trainer.request({
      method: "PATCH",
      url: `/api/v1/training-sessions/${id}`,
      payload: { endsOn: "2025-04-09" },
    });
    expect(shortened.statusCode).toBe(422);
    expect(shortened.json().error).toMatchObject({
      code: "roll_call_day_must_be_in_session",
      details: { day: "2025-04-10" },
    });
    const reversed = await trainer.request({
      method: "PATCH",
      url: `/api/v1/training-sessions/${id}`,
      payload: { startsOn: "2025-04-12" },
    });
    expect(reversed.json().error.code).toBe("training_period_must_be_ordered");
    expect((await trainer.request({ url: `/api/v1/training-sessions/${id}` })).json()).toMatchObject({
      place: "Талғар",
      endsOn: "2025-04-10",
    });
  });

  it("refuses trainings to roles without the permission", async () => {
    expect((await officer.request({ url: "/api/v1/training-sessions" })).statusCode).toBe(403);
  });
});
