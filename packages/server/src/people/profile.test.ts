import { withTenant } from "@moldir/db";
import { addDays, vulnerabilityFlags } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfText } from "../exports/testing";
import { todayOf } from "../http/dates";
import { newId } from "../identity/secrets";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
  testShgBylaws,
} from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

const lazzat = {
  surname: "Ишмухамедова",
  givenName: "Ләззат",
  sex: "female",
  birthDate: "2006-12-11",
  iin: "061211600012",
  phones: ["8 701 234 56 78"],
};

async function createGroup(client: Client, name: string): Promise<string> {
  const group = await client.request({
    method: "POST",
    url: "/api/v1/groups",
    payload: {
      name,
      methodology: "shg",
      frequency: "weekly",
      meetingDay: 3,
      formedOn: "2025-01-01",
      regionId: "KZ-19-TALGAR",
      bylaws: testShgBylaws,
    },
  });
  expect(group.statusCode, group.body).toBe(201);
  return group.json().id;
}

async function join(client: Client, groupId: string, personId: string): Promise<void> {
  const joined = await client.request({
    method: "POST",
    url: `/api/v1/groups/${groupId}/members`,
    payload: { personId, joinedOn: "2025-01-01" },
  });
  expect(joined.statusCode, joined.body).toBe(201);
}

describe("a person's profile: roles, PDF export and scope", () => {
  const testApp = useTestApp();
  let orgId: string;
  let admin: Client;
  let officer: Client;
  let lazzatId: string;
  let groupId: string;
  beforeAll(async () => {
    orgId = (await buildOrganization(testApp().database)).orgId;
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    officer = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["facilitator"])).email,
    );
    const created = await admin.request({ method: "POST", url: "/api/v1/persons", payload: lazzat });
    lazzatId = created.json().id;
    await admin.request({
      method: "POST",
      url: `/api/v1/persons/${lazzatId}/consents`,
      payload: {
        purpose: "membership",
        givenOn: "2025-01-01",
        allowsThirdParties: false,
        allowsCrossBorder: false,
      },
    });
    groupId = await createGroup(admin, "Бақыт");
    await join(admin, groupId, lazzatId);
  });

  it("shows her roles as a timeline", async () => {
    const roles = await admin.request({ method: "GET", url: `/api/v1/persons/${lazzatId}/roles` });
    expect(roles.statusCode).toBe(200);
    expect(roles.json().items).toEqual([
      {
        kind: "group_member",
        label: "Бақыт",
        recordId: groupId,
        from: "2025-01-01",
        until: null,
        detail: null,
      },
    ]);
  });

  it("exports everything held about her as a PDF in Kazakh, with the IIN in full for whoever may reveal it", async () => {
    const pdf = await admin.request({
      method: "GET",
      url: `/api/v1/persons/${lazzatId}/export.pdf?locale=kk`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["cache-control"]).toBe("no-store");
    const text = (await pdfText(pdf.rawPayload)).join("\n");
    for (const expected of ["Жеке деректер", "Ишмухамедова", "Ләззат", "061211600012", "Бақыт", "membership"])
      expect(text).toContain(expected);
  });

  it("masks the IIN in the PDF for a user without the reveal permission, in Russian, and audits both", async () => {
    const pdf = await officer.request({
      method: "GET",
      url: `/api/v1/persons/${lazzatId}/export.pdf?locale=ru`,
    });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).join("\n");
    expect(text).toContain("Персональные данные");
    expect(text).toContain("06•••••••012");
    expect(text).not.toContain("061211600012");
    const events = await withTenant(testApp().database, { orgId, userId: null }, (trx) =>
      trx
        .selectFrom("audit_events")
        .select("summary")
        .where("action", "=", "person.export")
        .where("record_id", "=", lazzatId)
        .orderBy("at")
        .execute(),
    );
    expect(events.map((e) => e.summary)).toEqual([
      { format: "pdf", locale: "kk", iinRevealed: true },
      { format: "pdf", locale: "ru", iinRevealed: false },
    ]);
  });

  it("refuses the PDF of a person who does not exist, and a bad language", async () => {
    const missing = await admin.request({ method: "GET", url: `/api/v1/persons/${newId()}/export.pdf` });
    expect(missing.statusCode).toBe(404);
    const badLocale = await admin.request({
      method: "GET",
      url: `/api/v1/persons/${lazzatId}/export.pdf?locale=de`,
    });
    expect(badLocale.statusCode).toBe(400);
  });

  it("lets a user scoped to one group see only its members and the persons she registered", async () => {
    const otherGroupId = await createGroup(admin, "Шұғыла");
    const outsider = await buildConsentingPerson(admin, { surname: "Сыртқы", givenName: "Сая" });
    await join(admin, otherGroupId, outsider);
    const scoped = await signIn(
      testApp().app,
      (
        await buildUser(testApp().database, orgId, [
          { role: "facilitator", scopeKind: "group", scopeId: groupId },
        ])
      ).email,
    );
    const own = await buildConsentingPerson(scoped, { surname: "Жаңа", givenName: "Жанар" });
    const list = await scoped.request({ method: "POST", url: "/api/v1/persons/search", payload: {} });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([lazzatId, own].sort());
    const byName = await scoped.request({
      method: "POST",
      url: "/api/v1/persons/search",
      payload: { q: "Сыртқы" },
    });
    expect(byName.json().items).toEqual([]);
    for (const url of [
      `/api/v1/persons/${outsider}`,
      `/api/v1/persons/${outsider}/roles`,
      `/api/v1/persons/${outsider}/export.pdf`,
    ]) {
      const refused = await scoped.request({ method: "GET", url });
      expect(refused.statusCode, url).toBe(404);
    }
    const patch = await scoped.request({
      method: "PATCH",
      url: `/api/v1/persons/${outsider}`,
      payload: { version: 1, givenName: "Басқа" },
    });
    expect(patch.statusCode).toBe(404);
    expect((await scoped.request({ method: "GET", url: `/api/v1/persons/${lazzatId}` })).statusCode).toBe(
      200,
    );
    const everyone = await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: {} });
    expect(everyone.json().items.map((p: { id: string }) => p.id)).toContain(outsider);
  });
});

describe("the person list's filters and pages over many rows", () => {
  const testApp = useTestApp();
  const count = 1_200;
  let admin: Client;
  let groupId: string;
  const people: {
    id: string;
    surname: string;
    sex: "female" | "male";
    birthDate: string | null;
    region: string | null;
    vulnerabilities: string[];
    consent: boolean;
    member: boolean;
  }[] = [];
  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    groupId = await createGroup(admin, "Көп");
    const today = await withTenant(testApp().database, { orgId, userId: null }, (trx) => todayOf(trx, orgId));
    for (let i = 0; i < count; i++) {
      people.push({
        id: newId(),
        // Many share a surname, so that pages break within equal names.
        surname: `Фамилия${String(i % 97).padStart(3, "0")}`,
        sex: i % 3 === 0 ? "male" : "female",
        birthDate: i % 11 === 0 ? null : addDays(today, -(365 * 10 + i * 23)),
        region: i % 4 === 0 ? "KZ-19-TALGAR" : null,
        vulnerabilities: i % 5 === 0 ? [vulnerabilityFlags[0]] : [],
        consent: i % 7 === 0,
        member: i % 13 === 0,
      });
    }
    await withTenant(testApp().database, { orgId, userId: null }, async (trx) => {
      for (let start = 0; start < people.length; start += 400) {
        const batch = people.slice(start, start + 400);
        await trx
          .insertInto("persons")
          .values(
            batch.map((p, index) => ({
              org_id: orgId,
              id: p.id,
              surname: p.surname,
              given_name: `Имя${start + index}`,
              patronymic: null,
              name_key: `familiya imya${start + index}`,
              sex: p.sex,
              birth_date: p.birthDate,
              iin: null,
              phones: [],
              address: null,
              region_id: p.region,
              documents: "[]",
              vulnerabilities: p.vulnerabilities,
              income_band: null,
              dependants: null,
              languages: [],
              merged_into_id: null,
              erased_at: null,
            })),
          )
          .execute();
      }
      const consenting = people.filter((p) => p.consent || p.member);
      await trx
        .insertInto("consents")
        .values(
          consenting.map((p) => ({
            org_id: orgId,
            id: newId(),
            person_id: p.id,
            purpose: "membership" as const,
            given_on: "2025-01-01",
            valid_until: null,
            withdrawn_on: null,
            allows_third_parties: false,
            allows_cross_border: false,
            document: null,
            recorded_by: null,
          })),
        )
        .execute();
      // More members than a group may have through the API: the list must not care.
      await trx
        .insertInto("group_members")
        .values(
          people
            .filter((p) => p.member)
            .map((p) => ({
              org_id: orgId,
              id: newId(),
              group_id: groupId,
              person_id: p.id,
              joined_on: "2025-01-01",
              left_on: null,
            })),
        )
        .execute();
    });
  });

  async function allPages(filters: Record<string, unknown>, limit = 100): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 100; page++) {
      const response = await admin.request({
        method: "POST",
        url: "/api/v1/persons/search",
        payload: { filters, limit, ...(after === undefined ? {} : { after }) },
      });
      expect(response.statusCode, JSON.stringify(filters)).toBe(200);
      ids.push(...response.json().items.map((p: { id: string }) => p.id));
      after = response.json().nextCursor ?? undefined;
      if (after === undefined) return ids;
    }
    throw new Error("too many pages");
  }

  it("pages through every row once, in order, with keyset cursors", async () => {
    const ids = await allPages({ sex: "female" }, 97);
    const expected = people.filter((p) => p.sex === "female");
    expect(ids).toHaveLength(expected.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("filters by sex, region, vulnerability, consent, group membership and their combination", async () => {
    const cases: [Record<string, unknown>, (p: (typeof people)[number]) => boolean][] = [
      [{ sex: "male" }, (p) => p.sex === "male"],
      [{ regionId: "KZ-19-TALGAR" }, (p) => p.region === "KZ-19-TALGAR"],
      [{ vulnerability: vulnerabilityFlags[0] }, (p) => p.vulnerabilities.length > 0],
      [{ consentPurpose: "membership" }, (p) => p.consent || p.member],
      [{ consentPurpose: "credit" }, () => false],
      [{ groupId }, (p) => p.member],
      [{ isGroupMember: false }, (p) => !p.member],
      [{ ageBand: "unknown" }, (p) => p.birthDate === null],
      [
        { sex: "female", regionId: "KZ-19-TALGAR", isGroupMember: true },
        (p) => p.sex === "female" && p.region === "KZ-19-TALGAR" && p.member,
      ],
    ];
    for (const [filters, keep] of cases) {
      const ids = await allPages(filters, 500);
      expect(ids.sort(), JSON.stringify(filters)).toEqual(
        people
          .filter(keep)
          .map((p) => p.id)
          .sort(),
      );
    }
  });

  it("splits the ages into bands that cover every person once", async () => {
    let total = 0;
    for (const ageBand of ["0-17", "18-29", "30-44", "45-59", "60+", "unknown"])
      total += (await allPages({ ageBand }, 500)).length;
    expect(total).toBe(count);
  });

  it("refuses a forged cursor and an unknown filter", async () => {
    const forged = await admin.request({
      method: "POST",
      url: "/api/v1/persons/search",
      payload: { filters: { sex: "female" }, after: "k.bm90LWpzb24" },
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe("request_must_be_valid");
    const unknown = await admin.request({
      method: "POST",
      url: "/api/v1/persons/search",
      payload: { filters: { colour: "red" } },
    });
    expect(unknown.statusCode).toBe(400);
  });
});
