import { rolePermissions } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { demoPassword, isDatabaseEmpty, seedDemo } from "./seed-demo";

describe("the demo", () => {
  const testApp = useTestApp();
  let logins: Awaited<ReturnType<typeof seedDemo>>["logins"];
  beforeAll(async () => {
    expect(await isDatabaseEmpty(testApp().database)).toBe(true);
    const result = await seedDemo(testApp().database);
    expect(result.loaded).toBe(true);
    logins = result.logins;
  });

  it("loads once; a second load changes nothing", async () => {
    const again = await seedDemo(testApp().database);
    expect(again.loaded).toBe(false);
    const organizations = await testApp().database.db.selectFrom("organizations").select("org_id").execute();
    expect(organizations).toHaveLength(3);
  });

  it("has one user for every role, who can log in and holds exactly that role's permissions", async () => {
    expect(new Set(logins.map((l) => l.role)).size).toBe(Object.keys(rolePermissions).length);
    for (const login of logins) {
      const client = await signIn(testApp().app, login.email, demoPassword);
      const session = (await client.request({ url: "/api/v1/session" })).json();
      expect(new Set(session.organizationPermissions), login.email).toEqual(
        new Set(rolePermissions[login.role]),
      );
      const users = await client.request({ url: "/api/v1/users" });
      expect(users.statusCode, login.email).toBe(
        rolePermissions[login.role].includes("users.read") ? 200 : 403,
      );
      const audit = await client.request({ url: "/api/v1/audit-events" });
      expect(audit.statusCode, login.email).toBe(
        rolePermissions[login.role].includes("audit.read") ? 200 : 403,
      );
    }
  });

  it("lets the administrator switch between the association and the micro-credit organization", async () => {
    const client = await signIn(testApp().app, "administrator@moldir.demo", demoPassword);
    const session = (await client.request({ url: "/api/v1/session" })).json();
    expect(session.organizations.map((o: { kind: string }) => o.kind).sort()).toEqual(["mco", "ngo"]);
  });

  it("asks a second administrator to approve role changes in the association", async () => {
    const client = await signIn(testApp().app, "administrator@moldir.demo", demoPassword);
    const policies = (await client.request({ url: "/api/v1/approval-policies" })).json().items;
    expect(policies).toContainEqual({ action: "user.roles.change", requiresApproval: true });
  });
});
