import { beforeAll, describe, expect, it } from "vitest";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
  testShgBylaws,
} from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("the children's support center", () => {
  const testApp = useTestApp();
  let admin: Client;
  let manager: Client;
  let caseWorker: Client;
  let officer: Client;
  let motherId: string;
  let childPersonId: string;
  let householdId: string;
  let childId: string;
  const secretNote = "Мама сообщила о трудностях дома; назначена встреча с психологом.";

  async function person(surname: string, birthDate: string) {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: { surname, givenName: "Test", sex: "female", birthDate },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  }

  const register = (payload: Record<string, unknown>) =>
    manager.request({ method: "POST", url: "/api/v1/children-center/children", payload });

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database);
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    manager = await signIn(app, (await buildUser(database, orgId, ["program_manager"])).email);
    caseWorker = await signIn(app, (await buildUser(database, orgId, ["case_worker"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["me_officer"])).email);
    motherId = await buildConsentingPerson(admin, { surname: "Әбенова", givenName: "Ләззат" });
    childPersonId = await person("Әбенова", "2015-04-01");
    householdId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/households",
        payload: {
          name: "Әбеновтар",
          members: [
            { personId: motherId, relationship: "mother" },
            { personId: childPersonId, relationship: "child" },
          ],
        },
      })
    ).json().id;
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: "Шапағат",
          methodology: "shg",
          frequency: "weekly",
          formedOn: "2025-01-01",
          bylaws: testShgBylaws,
        },
      })
    ).json();
    const joined = (
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/members`,
        payload: { personId: motherId, joinedOn: "2025-01-01" },
      })
    ).json();
    const memberId = joined.members[0].id;
    const meeting = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: crypto.randomUUID(),
        heldOn: "2025-01-08",
        attendance: [{ memberId, status: "present" }],
        savings: [{ memberId, amountMinor: "50000" }],
        socialFund: [{ memberId, amountMinor: "10000" }],
        cashCountedMinor: "60000",
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
  });

  describe("registration", () => {
    it("registers a child with her household and mother", async () => {
      const registered = await register({
        personId: childPersonId,
        householdId,
        motherPersonId: motherId,
        school: "№ 12",
        grade: "4",
        needs: ["tutoring"],
        enrolledOn: "2025-02-01",
      });
      expect(registered.statusCode, registered.body).toBe(201);
      childId = registered.json().id;
      expect(registered.json()).toMatchObject({ mother: { id: motherId }, householdId, school: "№ 12" });
    });

    it("refuses a child registered already, an adult, and a mother outside the household", async () => {
      const again = await register({ personId: childPersonId, enrolledOn: "2025-03-01" });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe("child_must_be_new_to_center");
      const adult = await register({
        personId: await person("Үлкен", "2000-01-01"),
        enrolledOn: "2025-03-01",
      });
      expect(adult.json().error.code).toBe("child_must_be_under_18");
      const stranger = await person("Бөтен", "1980-01-01");
      const outside = await register({
        personId: await person("Кіші", "2018-01-01"),
        householdId,
        motherPersonId: stranger,
        enrolledOn: "2025-03-01",
      });
      expect(outside.statusCode).toBe(422);
      expect(outside.json().error.code).toBe("mother_must_belong_to_household");
      const list = (await officer.request({ url: "/api/v1/children-center/children" })).json().items;
      expect(list).toHaveLength(1);
    });
  });

  describe("attendance and services", () => {
    it("records the day's sheet, replaces it when entered again, and counts the month's days", async () => {
      const today = (await manager.request({ url: "/api/v1/children-center/attendance" })).json().attendedOn;
      const sheet = await manager.request({
        method: "PUT",
        url: "/api/v1/children-center/attendance",
        payload: { attendedOn: today, childIds: [childId] },
      });
      expect(sheet.statusCode, sheet.body).toBe(200);
      const again = await manager.request({
        method: "PUT",
        url: "/api/v1/children-center/attendance",
        payload: { attendedOn: today, childIds: [childId, childId] },
      });
      expect(again.json().childIds).toEqual([childId]);
      const read = (await manager.request({ url: `/api/v1/children-center/attendance?on=${today}` })).json();
      expect(read.childIds).toEqual([childId]);
      const list = (await manager.request({ url: "/api/v1/children-center/children" })).json().items;
      expect(list[0].daysThisMonth).toBe(1);
    });

    it("refuses a sheet with a child not registered that day, changing nothing", async () => {
      const refused = await manager.request({
        method: "PUT",
        url: "/api/v1/children-center/attendance",
        payload: { attendedOn: "2025-01-15", childIds: [childId] },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: "child_must_attend_center", details: { row: 1 } });
    });

    it("records a meal and shows it next to the mother's savings in her group", async () => {
      const meal = await manager.request({
        method: "POST",
        url: `/api/v1/children-center/children/${childId}/services`,
        payload: { kind: "meals", deliveredOn: "2025-02-03", quantity: 2 },
      });
      expect(meal.statusCode, meal.body).toBe(201);
      const detail = (await officer.request({ url: `/api/v1/children-center/children/${childId}` })).json();
      expect(detail.services).toMatchObject([{ kind: "meals", quantity: 2 }]);
      expect(detail.motherGroups).toEqual([
        {
          groupId: expect.any(String),
          groupName: "Шапағат",
          savingsMinor: "50000",
          loansOutstandingMinor: "0",
        },
      ]);
    });
  });

  describe("case notes", () => {
    it("lets a case worker write and read them", async () => {
      const written = await caseWorker.request({
        method: "POST",
        url: `/api/v1/children-center/children/${childId}/case-notes`,
        payload: { writtenOn: "2025-02-04", note: secretNote },
      });
      expect(written.statusCode, written.body).toBe(201);
      const notes = (
        await caseWorker.request({ url: `/api/v1/children-center/children/${childId}/case-notes` })
      ).json();
      expect(notes.items).toMatchObject([{ note: secretNote }]);
    });

    it("refuses them to every other role but the administrator's, and shows their words nowhere else", async () => {
      for (const client of [manager, officer]) {
        const read = await client.request({ url: `/api/v1/children-center/children/${childId}/case-notes` });
        expect(read.statusCode).toBe(403);
        expect(read.json().error.code).toBe("permission_must_be_granted");
        expect(read.body).not.toContain(secretNote);
        const write = await client.request({
          method: "POST",
          url: `/api/v1/children-center/children/${childId}/case-notes`,
          payload: { writtenOn: "2025-02-05", note: "x" },
        });
        expect(write.statusCode).toBe(403);
        const detail = await client.request({ url: `/api/v1/children-center/children/${childId}` });
        expect(detail.body).not.toContain(secretNote);
      }
      const audit = await admin.request({ url: "/api/v1/audit-events?action=case_note.write" });
      expect(audit.json().items).toHaveLength(1);
      expect(audit.body).not.toContain(secretNote);
      const notes = (
        await caseWorker.request({ url: `/api/v1/children-center/children/${childId}/case-notes` })
      ).json();
      expect(notes.items).toHaveLength(1);
    });
  });
});
