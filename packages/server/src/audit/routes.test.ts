import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("the audit log", () => {
  const testApp = useTestApp();
  let admin: Client;
  let trainer: Client;
  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"], { displayName: "Әсел" })).email,
    );
    trainer = await signIn(testApp().app, (await buildUser(testApp().database, orgId, ["trainer"])).email);
    for (let i = 0; i < 5; i++) {
      await admin.request({
        method: "POST",
        url: "/api/v1/offices",
        payload: { parentId: null, names: { kk: `К${i}`, ru: `О${i}`, en: `=O${i}` } },
      });
    }
  });

  it("records who did what, from where, newest first, and pages by cursor", async () => {
    const first = (await admin.request({ url: "/api/v1/audit-events?action=office.create&limit=2" })).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({
      action: "office.create",
      recordType: "office",
      actorName: "Әсел",
      actorAddress: "127.0.0.1",
    });
    expect(first.items[0].summary.names.en).toBe("=O4");
    const second = (
      await admin.request({
        url: `/api/v1/audit-events?action=office.create&limit=2&before=${first.nextCursor}`,
      })
    ).json();
    const third = (
      await admin.request({
        url: `/api/v1/audit-events?action=office.create&limit=2&before=${second.nextCursor}`,
      })
    ).json();
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((e: { id: string }) => e.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("exports CSV that a spreadsheet will not execute", async () => {
    const response = await admin.request({ url: "/api/v1/audit-events/export.csv?action=office.create" });
    expect(response.headers["content-type"]).toMatch(/text\/csv/);
    const lines = response.body.trim().split("\r\n");
    expect(lines[0]).toContain("at,actor,actor_user_id");
    expect(lines).toHaveLength(6);
    expect(response.body).not.toMatch(/,=O/);
  });

  it("is closed to roles without audit.read", async () => {
    expect((await trainer.request({ url: "/api/v1/audit-events" })).statusCode).toBe(403);
  });
});
