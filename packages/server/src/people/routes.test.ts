import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

const lazzat = {
  surname: "Ишмухамедова",
  givenName: "Ләззат",
  sex: "female",
  birthDate: "2006-12-11",
  iin: "061211600012",
  phones: ["8 701 234 56 78"],
};

describe("people", () => {
  const testApp = useTestApp();
  let admin: Client;
  let director: Client;
  let facilitator: Client;
  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    director = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    facilitator = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["facilitator"])).email,
    );
  });

  it("registers a person with her IIN masked, and never logs it", async () => {
    const created = await admin.request({ method: "POST", url: "/api/v1/persons", payload: lazzat });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      surname: "Ишмухамедова",
      iinMasked: "06•••••••012",
      phones: ["+77012345678"],
      nameLatin: "ishmukhamedova lazzat",
    });
    expect(created.body).not.toContain("061211600012");
    expect(JSON.stringify(testApp().logLines)).not.toContain("061211600012");
  });

  it("refuses facts that disagree with the IIN, and bad input, changing nothing", async () => {
    for (const [change, code] of [
      [{ birthDate: "2006-12-12" }, "iin_must_match_birth_date"],
      [{ sex: "male" }, "iin_must_match_sex"],
      [{ iin: "061211600013" }, "iin_must_have_valid_check_digit"],
      [{ surname: " " }, "surname_must_be_given"],
      [{ birthDate: "2999-01-01", iin: null }, "birth_date_must_not_be_in_the_future"],
      [{ phones: ["12"] }, "phone_must_be_valid"],
      [{ regionId: "KZ-00", iin: null, surname: "Other", birthDate: null }, "region_must_exist"],
    ] as const) {
      const response = await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { ...lazzat, ...change },
      });
      expect(response.statusCode, code).toBe(422);
      expect(response.json().error.code).toBe(code);
    }
    const all = await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: {} });
    expect(all.json().items).toHaveLength(1);
  });

  it("refuses a second record with the same IIN", async () => {
    const again = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: { ...lazzat, surname: "Иная" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("iin_must_be_unique");
  });

  it("offers likely duplicates across scripts and spellings before saving", async () => {
    const latin = { surname: "Ishmuhamedova", givenName: "Lazzat", sex: "female", birthDate: "2006-12-11" };
    const check = (
      await admin.request({ method: "POST", url: "/api/v1/persons/duplicates", payload: latin })
    ).json();
    expect(check.similar).toHaveLength(1);
    expect(check.similar[0].iinMasked).toBe("06•••••••012");
    const refused = await admin.request({ method: "POST", url: "/api/v1/persons", payload: latin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("person_may_be_duplicate");
    const byPhone = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: { surname: "Ishmukhamedova", givenName: "Lazat", sex: "female", phones: ["+7 701 234 56 78"] },
    });
    expect(byPhone.json().error.code).toBe("person_may_be_duplicate");
    const confirmed = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: { ...latin, confirmNotDuplicateOf: [check.similar[0].id] },
    });
    expect(confirmed.statusCode).toBe(201);
  });

  it("finds people by name in either script, by phone and by IIN, in pages", async () => {
    for (const givenName of ["Айнұр", "Айгерім", "Әлия"]) {
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname: "Қасымова", givenName, sex: "female" },
      });
    }
    const search = async (q: string, extra: object = {}) =>
      (
        await facilitator.request({ method: "POST", url: "/api/v1/persons/search", payload: { q, ...extra } })
      ).json();
    expect((await search("Ишмухамедова")).items).toHaveLength(2);
    expect((await search("ishmukhamedova")).items).toHaveLength(2);
    expect((await search("Kasymova")).items).toHaveLength(3);
    expect((await search("қасымова айгерім")).items).toHaveLength(1);
    expect((await search("Aigerim Kasymova")).items).toHaveLength(1);
    expect((await search("8 (701) 234-56-78")).items).toHaveLength(1);
    expect((await search("061211600012")).items).toHaveLength(1);
    const page1 = await search("Kasymova", { limit: 2 });
    const page2 = await search("Kasymova", { limit: 2, after: page1.nextCursor });
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
  });

  it("reveals the IIN only with the permission, and audits the reveal", async () => {
    const [person] = (
      await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: { q: "061211600012" } })
    ).json().items;
    expect(
      (await facilitator.request({ method: "POST", url: `/api/v1/persons/${person.id}/reveal-iin` }))
        .statusCode,
    ).toBe(403);
    const revealed = await admin.request({ method: "POST", url: `/api/v1/persons/${person.id}/reveal-iin` });
    expect(revealed.json()).toEqual({ iin: "061211600012" });
    const trail = (
      await admin.request({ url: `/api/v1/audit-events?action=person.reveal_iin&recordId=${person.id}` })
    ).json().items;
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail)).not.toContain("061211600012");
  });

  it("records consent and its withdrawal, which takes effect", async () => {
    const [person] = (
      await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: { q: "061211600012" } })
    ).json().items;
    const given = await admin.request({
      method: "POST",
      url: `/api/v1/persons/${person.id}/consents`,
      payload: {
        purpose: "credit",
        givenOn: "2025-01-10",
        validUntil: null,
        allowsThirdParties: true,
        allowsCrossBorder: false,
        document: "№ 17",
      },
    });
    expect(given.statusCode).toBe(201);
    expect(given.json().isActive).toBe(true);
    const badRange = await admin.request({
      method: "POST",
      url: `/api/v1/persons/${person.id}/consents`,
      payload: {
        purpose: "photo",
        givenOn: "2025-01-10",
        validUntil: "2024-01-01",
        allowsThirdParties: false,
        allowsCrossBorder: false,
      },
    });
    expect(badRange.json().error.code).toBe("date_must_be_valid");
    const withdrawn = await admin.request({
      method: "POST",
      url: `/api/v1/consents/${given.json().id}/withdraw`,
      payload: { withdrawnOn: "2025-06-01" },
    });
    expect(withdrawn.json()).toMatchObject({ withdrawnOn: "2025-06-01", isActive: false });
    const twice = await admin.request({
      method: "POST",
      url: `/api/v1/consents/${given.json().id}/withdraw`,
      payload: { withdrawnOn: "2025-06-02" },
    });
    expect(twice.json().error.code).toBe("consent_must_be_active");
  });

  it("keeps a household with its members and relationships", async () => {
    const mother = (
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname: "Оспанова", givenName: "Мәдина", sex: "female", birthDate: "1990-02-03" },
      })
    ).json();
    const child = (
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname: "Оспанов", givenName: "Ерлан", sex: "male", birthDate: "2015-07-01" },
      })
    ).json();
    const household = await admin.request({
      method: "POST",
      url: "/api/v1/households",
      payload: {
        name: "Оспановтар",
        members: [
          { personId: mother.id, relationship: "mother" },
          { personId: child.id, relationship: "child" },
        ],
      },
    });
    expect(household.statusCode).toBe(201);
    expect(household.json().members.map((m: { relationship: string }) => m.relationship)).toEqual([
      "mother",
      "child",
    ]);
    const duplicate = await admin.request({
      method: "POST",
      url: `/api/v1/households/${household.json().id}/members`,
      payload: { personId: child.id, relationship: "child" },
    });
    expect(duplicate.json().error.code).toBe("household_member_must_be_unique");
    const profile = (await admin.request({ url: `/api/v1/persons/${mother.id}` })).json();
    expect(profile.households).toEqual([
      { householdId: household.json().id, name: "Оспановтар", relationship: "mother" },
    ]);
  });

  it("merges a duplicate only with a second person's approval, moving her history, and can undo it", async () => {
    await admin.request({
      method: "PUT",
      url: "/api/v1/approval-policies",
      payload: { policies: [{ action: "person.merge", requiresApproval: true }] },
    });
    const survivor = (
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname: "Сейітова", givenName: "Гүлнар", sex: "female" },
      })
    ).json();
    const duplicate = (
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: {
          surname: "Seitova",
          givenName: "Gulnar",
          sex: "female",
          birthDate: "1980-05-05",
          phones: ["+77015550000"],
          confirmNotDuplicateOf: [survivor.id],
        },
      })
    ).json();
    const consent = (
      await admin.request({
        method: "POST",
        url: `/api/v1/persons/${duplicate.id}/consents`,
        payload: {
          purpose: "membership",
          givenOn: "2024-01-01",
          allowsThirdParties: false,
          allowsCrossBorder: false,
        },
      })
    ).json();
    const self = await admin.request({
      method: "POST",
      url: `/api/v1/persons/${survivor.id}/merge`,
      payload: { duplicateId: survivor.id },
    });
    expect(self.json().error.code).toBe("persons_must_differ");
    const asked = await admin.request({
      method: "POST",
      url: `/api/v1/persons/${survivor.id}/merge`,
      payload: { duplicateId: duplicate.id },
    });
    expect(asked.statusCode).toBe(202);
    expect(
      (
        await admin.request({
          method: "POST",
          url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await director.request({
          method: "POST",
          url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
          payload: {},
        })
      ).statusCode,
    ).toBe(200);

    const merged = (await admin.request({ url: `/api/v1/persons/${survivor.id}` })).json();
    expect(merged).toMatchObject({ birthDate: "1980-05-05", phones: ["+77015550000"] });
    expect(merged.consents.map((c: { id: string }) => c.id)).toEqual([consent.id]);
    expect((await admin.request({ url: `/api/v1/persons/${duplicate.id}` })).json().mergedIntoId).toBe(
      survivor.id,
    );
    const listed = (
      await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: { q: "Seitova" } })
    ).json().items;
    expect(listed.map((p: { id: string }) => p.id)).toEqual([survivor.id]);

    const undone = await admin.request({ method: "POST", url: `/api/v1/persons/${duplicate.id}/unmerge` });
    expect(undone.statusCode).toBe(200);
    const restored = (await admin.request({ url: `/api/v1/persons/${survivor.id}` })).json();
    expect(restored).toMatchObject({ birthDate: null, phones: [], consents: [] });
    expect((await admin.request({ url: `/api/v1/persons/${duplicate.id}` })).json()).toMatchObject({
      mergedIntoId: null,
      consents: [{ id: consent.id }],
    });
    const trail = (await admin.request({ url: `/api/v1/audit-events?recordId=${survivor.id}` }))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(trail).toContain("person.merge");
  });

  it("exports everything held about a person, and erases her personal data on request", async () => {
    const person = (
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: {
          surname: "Петренко",
          givenName: "Ольга",
          sex: "female",
          birthDate: "1975-01-01",
          phones: ["+77019998877"],
        },
      })
    ).json();
    const exported = await admin.request({ url: `/api/v1/persons/${person.id}/export` });
    expect(exported.headers["content-disposition"]).toContain("attachment");
    expect(exported.json().person).toMatchObject({ surname: "Петренко", phones: ["+77019998877"] });
    expect(exported.json().history.map((e: { action: string }) => e.action)).toContain("person.create");
    expect((await facilitator.request({ url: `/api/v1/persons/${person.id}/export` })).statusCode).toBe(403);

    const erased = await admin.request({
      method: "POST",
      url: `/api/v1/persons/${person.id}/erase`,
      payload: { reason: "өтініш бойынша" },
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ isErased: true, givenName: "—", birthDate: null, phones: [] });
    expect(erased.body).not.toContain("Петренко");
    expect(
      (
        await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: { q: "Петренко" } })
      ).json().items,
    ).toHaveLength(0);
    const again = await admin.request({
      method: "POST",
      url: `/api/v1/persons/${person.id}/erase`,
      payload: { reason: "x" },
    });
    expect(again.json().error.code).toBe("person_must_not_be_erased");
  });
});
