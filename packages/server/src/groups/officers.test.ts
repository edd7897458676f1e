import { beforeAll, describe, expect, it } from "vitest";
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

type Term = { id: string; role: string; memberId: string; name: string; fromOn: string; toOn: string | null };

describe("a group's officers and their terms", () => {
  const testApp = useTestApp();
  let admin: Client;
  let bookkeeper: Client;
  let groupId: string;
  let aigul: string;
  let bibigul: string;

  const officers = async (asOf: string) =>
    (await admin.request({ url: `/api/v1/groups/${groupId}/officers?asOf=${asOf}` })).json();
  const appoint = (client: Client, payload: Record<string, unknown>) =>
    client.request({ method: "POST", url: `/api/v1/groups/${groupId}/officers`, payload });

  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    bookkeeper = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["group_bookkeeper"])).email,
    );
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name: "Жұлдыз",
        methodology: "shg",
        frequency: "weekly",
        formedOn: "2025-01-01",
        bylaws: testShgBylaws,
      },
    });
    groupId = created.json().id;
    for (const surname of ["Асанова", "Бекова"]) {
      const personId = await buildConsentingPerson(admin, { surname, givenName: "Айгүл" });
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/members`,
        payload: { personId, joinedOn: "2025-01-01" },
      });
    }
    const group = (await admin.request({ url: `/api/v1/groups/${groupId}` })).json();
    const idOf = (surname: string) =>
      group.members.find((m: { person: { surname: string } }) => m.person.surname === surname).id as string;
    [aigul, bibigul] = [idOf("Асанова"), idOf("Бекова")];
  });

  it("appoints a leader, then a new one whose term starts the day after the first ends", async () => {
    const first = await appoint(admin, { role: "leader", memberId: aigul, fromOn: "2025-01-01" });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().current).toMatchObject([{ role: "leader", memberId: aigul, toOn: null }]);
    const second = await appoint(admin, { role: "leader", memberId: bibigul, fromOn: "2025-06-01" });
    expect(second.statusCode).toBe(201);
    await appoint(admin, { role: "bookkeeper", memberId: aigul, fromOn: "2025-02-01" });

    const inSpring = await officers("2025-05-31");
    expect(inSpring.current.map((t: Term) => [t.role, t.memberId]).sort()).toEqual(
      [
        ["bookkeeper", aigul],
        ["leader", aigul],
      ].sort(),
    );
    const inSummer = await officers("2025-06-01");
    expect(inSummer.current.find((t: Term) => t.role === "leader").memberId).toBe(bibigul);
    const aigulsTerm = inSummer.terms.find((t: Term) => t.role === "leader" && t.memberId === aigul);
    expect(aigulsTerm).toMatchObject({ fromOn: "2025-01-01", toOn: "2025-05-31" });
    expect(aigulsTerm.name).toBe("Асанова Айгүл");
  });

  it("ends a term, after which nobody holds the role", async () => {
    const term = (await officers("2025-06-01")).current.find((t: Term) => t.role === "bookkeeper") as Term;
    const ended = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/officers/${term.id}/end`,
      payload: { toOn: "2025-07-31" },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await officers("2025-08-01")).current.some((t: Term) => t.role === "bookkeeper")).toBe(false);
    const again = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/officers/${term.id}/end`,
      payload: { toOn: "2025-08-31" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("officer_term_must_be_open");
  });

  it("refuses bad appointments and changes nothing", async () => {
    const before = await officers("2025-12-31");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ role: "cashier", memberId: newId(), fromOn: "2025-02-01" }, 422, "member_must_be_active"],
      [{ role: "cashier", memberId: aigul, fromOn: "2024-12-01" }, 422, "officer_term_must_follow_previous"],
      [{ role: "leader", memberId: aigul, fromOn: "2025-05-01" }, 422, "officer_term_must_follow_previous"],
      // The bookkeeper's term was ended on 31 July: a new one cannot start inside it.
      [
        { role: "bookkeeper", memberId: bibigul, fromOn: "2025-07-15" },
        422,
        "officer_term_must_follow_previous",
      ],
      [{ role: "cashier", memberId: aigul, fromOn: "2025-02-30" }, 422, "date_must_be_valid"],
    ];
    for (const [payload, status, code] of cases) {
      const refused = await appoint(admin, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(status);
      expect(refused.json().error.code).toBe(code);
    }
    const badRole = await appoint(admin, { role: "treasurer", memberId: aigul, fromOn: "2025-09-01" });
    expect(badRole.statusCode).toBe(400);
    const notAllowed = await appoint(bookkeeper, { role: "cashier", memberId: aigul, fromOn: "2025-09-01" });
    expect(notAllowed.statusCode).toBe(403);
    expect(await officers("2025-12-31")).toEqual(before);
  });
});
