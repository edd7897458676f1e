import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn, testPassword } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("users, roles and four eyes", () => {
  const testApp = useTestApp();
  let orgId: string;
  let admin: Client;
  let director: Client;
  let accountant: Client;
  let adminId: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
    const adminUser = await buildUser(testApp().database, orgId, ["administrator"], { displayName: "Айгүл" });
    adminId = adminUser.userId;
    admin = await signIn(testApp().app, adminUser.email);
    director = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"], { displayName: "Директор" })).email,
    );
    accountant = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["accountant"])).email,
    );
  });

  it("adds a user who can then log in, and refuses bad input without changing anything", async () => {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/users",
      payload: {
        displayName: "Сәуле",
        email: "Saule@Example.kz",
        password: "long enough phrase 12",
        roles: [{ role: "facilitator", scopeKind: "organization", scopeId: null }],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: "saule@example.kz",
      isActive: true,
      pendingApprovalId: null,
      roles: [{ role: "facilitator" }],
    });
    await signIn(testApp().app, "saule@example.kz", "long enough phrase 12");

    const before = (await admin.request({ url: "/api/v1/users" })).json().items.length;
    for (const [payload, code] of [
      [{ displayName: "x", password: "long enough phrase 12", roles: [] }, "email_or_phone_must_be_given"],
      [
        { displayName: "x", email: "not-an-email", password: "long enough phrase 12", roles: [] },
        "email_must_be_valid",
      ],
      [
        { displayName: "x", phone: "12", password: "long enough phrase 12", roles: [] },
        "phone_must_be_valid",
      ],
      [
        { displayName: "x", email: "weak@example.kz", password: "password123", roles: [] },
        "password_must_not_be_common",
      ],
      [
        { displayName: "x", email: "saule@example.kz", password: "long enough phrase 12", roles: [] },
        "email_must_be_unique",
      ],
      [
        {
          displayName: "x",
          email: "s2@example.kz",
          password: "long enough phrase 12",
          roles: [{ role: "trainer", scopeKind: "office", scopeId: "01890a5d-ac96-774b-bcce-b302099a8057" }],
        },
        "scope_must_exist",
      ],
    ] as const) {
      const response = await admin.request({ method: "POST", url: "/api/v1/users", payload });
      expect(response.statusCode, code).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, code).toBeLessThan(500);
      expect(response.json().error.code).toBe(code);
    }
    expect((await admin.request({ url: "/api/v1/users" })).json().items.length).toBe(before);
  });

  it("adds someone who already works for another organization without touching her password", async () => {
    const { orgId: other } = await buildOrganization(testApp().database);
    const elsewhere = await buildUser(testApp().database, other, ["trainer"]);
    const added = await admin.request({
      method: "POST",
      url: "/api/v1/users",
      payload: { displayName: "ignored", email: elsewhere.email, password: "whatever it may be", roles: [] },
    });
    expect(added.statusCode).toBe(201);
    const client = await signIn(testApp().app, elsewhere.email, testPassword);
    expect((await client.request({ url: "/api/v1/session" })).json().organizations).toHaveLength(2);
  });

  it("changes roles at once when no approval is required", async () => {
    const user = await buildUser(testApp().database, orgId, ["trainer"]);
    const changed = await admin.request({
      method: "PUT",
      url: `/api/v1/users/${user.userId}/roles`,
      payload: { roles: [{ role: "accountant", scopeKind: "organization", scopeId: null }] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().roles).toEqual([{ role: "accountant", scopeKind: "organization", scopeId: null }]);
  });

  it("never leaves the organization without an administrator", async () => {
    const { orgId: lonely } = await buildOrganization(testApp().database);
    const only = await buildUser(testApp().database, lonely, ["administrator"]);
    const client = await signIn(testApp().app, only.email);
    const demoted = await client.request({
      method: "PUT",
      url: `/api/v1/users/${only.userId}/roles`,
      payload: { roles: [] },
    });
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json().error.code).toBe("organization_must_keep_an_administrator");
    const deactivated = await client.request({
      method: "PATCH",
      url: `/api/v1/users/${only.userId}`,
      payload: { isActive: false },
    });
    expect(deactivated.json().error.code).toBe("organization_must_keep_an_administrator");
  });

  it("with four eyes on, a role change waits for a second person, who alone can approve it, once", async () => {
    const policies = await admin.request({
      method: "PUT",
      url: "/api/v1/approval-policies",
      payload: { policies: [{ action: "user.roles.change", requiresApproval: true }] },
    });
    expect(policies.json().items).toContainEqual({ action: "user.roles.change", requiresApproval: true });
    const user = await buildUser(testApp().database, orgId, ["trainer"]);
    const asked = await admin.request({
      method: "PUT",
      url: `/api/v1/users/${user.userId}/roles`,
      payload: { roles: [{ role: "administrator", scopeKind: "organization", scopeId: null }] },
    });
    expect(asked.statusCode).toBe(202);
    const { approvalId } = asked.json();
    expect((await admin.request({ url: `/api/v1/users/${user.userId}` })).json().roles[0].role).toBe(
      "trainer",
    );

    const own = await admin.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: {},
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.code).toBe("approval_must_be_decided_by_another_user");
    const unauthorized = await accountant.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: {},
    });
    expect(unauthorized.statusCode).toBe(403);
    expect(unauthorized.json().error.code).toBe("permission_must_be_granted");

    const inbox = (await director.request({ url: "/api/v1/approvals?status=pending" })).json().items;
    expect(inbox.map((a: { id: string }) => a.id)).toContain(approvalId);
    const approved = await director.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: { comment: "Келісемін" },
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "approved",
      checkerName: "Директор",
      comment: "Келісемін",
      makerName: "Айгүл",
    });
    expect((await admin.request({ url: `/api/v1/users/${user.userId}` })).json().roles[0].role).toBe(
      "administrator",
    );

    const again = await director.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/approve`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("approval_must_be_pending");
    const assignments = await testApp()
      .database.db.selectFrom("role_assignments")
      .select("role")
      .where("user_id", "=", user.userId)
      .execute();
    expect(assignments).toHaveLength(1);

    const trail = (
      await admin.request({ url: `/api/v1/audit-events?recordId=${user.userId}&action=user.roles.change` })
    ).json().items;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actorUserId: adminId,
      summary: { approvedBy: expect.any(String), approvalId },
    });
  });

  it("rejects a pending change, which then changes nothing", async () => {
    const user = await buildUser(testApp().database, orgId, ["trainer"]);
    const { approvalId } = (
      await admin.request({
        method: "PUT",
        url: `/api/v1/users/${user.userId}/roles`,
        payload: { roles: [] },
      })
    ).json();
    const rejected = await director.request({
      method: "POST",
      url: `/api/v1/approvals/${approvalId}/reject`,
      payload: { comment: "Жоқ" },
    });
    expect(rejected.json()).toMatchObject({ status: "rejected", comment: "Жоқ" });
    expect((await admin.request({ url: `/api/v1/users/${user.userId}` })).json().roles).toHaveLength(1);
  });

  it("the database itself refuses a checker who is the maker", async () => {
    await expect(
      testApp()
        .database.db.insertInto("pending_actions")
        .values({
          org_id: orgId,
          id: "01890a5d-ac96-774b-bcce-b302099a8058",
          action: "x",
          payload: "{}",
          summary: "{}",
          maker_user_id: adminId,
          checker_user_id: adminId,
          decided_at: null,
          decision_comment: null,
          result: null,
        })
        .execute(),
    ).rejects.toThrow(/check/i);
  });
});
