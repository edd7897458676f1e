import { limits } from "@moldir/domain";
import { TOTP } from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, cookieFrom, signIn, testPassword } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("logging in", () => {
  const testApp = useTestApp();
  let orgId: string;
  let email: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database, { name: "Мөлдір" }));
    ({ email } = await buildUser(testApp().database, orgId, ["administrator"]));
  });

  it("signs in with email and password, sets a safe cookie and answers with the session", async () => {
    const response = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: email.toUpperCase(), password: testPassword },
    });
    expect(response.statusCode).toBe(200);
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/moldir_session=s_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const body = response.json();
    expect(body.currentOrgId).toBe(orgId);
    expect(body.organizationPermissions).toContain("users.manage");
    expect(body.csrfToken).toMatch(/^c_/);
    expect(body.organizations).toEqual([
      { orgId, kind: "ngo", names: { kk: "Мөлдір", ru: "Мөлдір", en: "Мөлдір" } },
    ]);
  });

  it("refuses a wrong password and an unknown login with the same answer", async () => {
    for (const payload of [
      { login: email, password: "not the password at all" },
      { login: "nobody@example.kz", password: testPassword },
    ]) {
      const response = await testApp().app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload,
        headers: { "accept-language": "ru" },
        remoteAddress: "10.0.0.9",
      });
      expect(response.statusCode).toBe(401);
      expect(response.json().error).toEqual({
        code: "credentials_must_be_valid",
        message: "Неверный логин или пароль.",
        details: {},
      });
      expect(response.headers["set-cookie"]).toBeUndefined();
    }
  });

  it("locks an account after repeated failures, says for how long, and records it", async () => {
    const { email: target } = await buildUser(testApp().database, orgId, ["trainer"]);
    for (let attempt = 0; attempt < limits.loginFailuresPerAccountMax; attempt++) {
      const response = await testApp().app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login: target, password: "wrong password again" },
        remoteAddress: `10.1.0.${attempt}`,
      });
      expect(response.statusCode).toBe(401);
    }
    const locked = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: target, password: testPassword },
      headers: { "accept-language": "en" },
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("login_must_not_be_locked");
    expect(locked.json().error.message).toMatch(/Try again in \d+ minutes/);
    const events = await testApp().database.db.selectFrom("security_events").select("event").execute();
    expect(events.map((e) => e.event)).toEqual(
      expect.arrayContaining(["login_failed", "login_locked", "login_refused_while_locked"]),
    );
  });

  it("blocks an address that guesses too many accounts", async () => {
    const address = "10.2.0.1";
    for (let attempt = 0; attempt < limits.loginFailuresPerAddressMax; attempt++) {
      await testApp().app.inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { login: `guess${attempt}@example.kz`, password: "whatever it is" },
        remoteAddress: address,
      });
    }
    const blocked = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: email, password: testPassword },
      remoteAddress: address,
    });
    expect(blocked.statusCode).toBe(429);
  });

  it("refuses a login body with unknown fields", async () => {
    const response = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: email, password: testPassword, admin: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.field).toBe("admin");
  });
});

describe("behind an HTTPS proxy", () => {
  const testApp = useTestApp({ trustProxy: true });

  it("marks the session cookie Secure", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const { email } = await buildUser(testApp().database, orgId, ["trainer"]);
    const response = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: email, password: testPassword },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers["set-cookie"])).toMatch(/; Secure/);
  });
});

describe("sessions", () => {
  const testApp = useTestApp();
  let orgId: string;
  let email: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
    ({ email } = await buildUser(testApp().database, orgId, ["accountant"]));
  });

  it("answers 401 without a session, and with a forged one", async () => {
    for (const headers of [
      {},
      { cookie: "moldir_session=s_forged" },
      { authorization: "Bearer mld_forged" },
    ]) {
      const response = await testApp().app.inject({ url: "/api/v1/session", headers });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("session_must_be_valid");
    }
  });

  it("refuses a cookie-authenticated write without the CSRF token", async () => {
    const client = await signIn(testApp().app, email);
    const response = await testApp().app.inject({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { displayName: "x" },
      headers: { cookie: client.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe("csrf_token_must_match");
    const allowed = await client.request({
      method: "PATCH",
      url: "/api/v1/me",
      payload: { preferredLocale: "kk" },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().user.preferredLocale).toBe("kk");
  });

  it("gives a new token at every login and ends the old one", async () => {
    const first = await signIn(testApp().app, email);
    const second = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: email, password: testPassword },
      headers: { cookie: first.cookie },
    });
    expect(cookieFrom(second)).not.toBe(first.cookie);
    expect((await first.request({ url: "/api/v1/session" })).statusCode).toBe(401);
  });

  it("logs out this session, and everywhere", async () => {
    const a = await signIn(testApp().app, email);
    const b = await signIn(testApp().app, email);
    expect((await a.request({ method: "POST", url: "/api/v1/auth/logout" })).statusCode).toBe(200);
    expect((await a.request({ url: "/api/v1/session" })).statusCode).toBe(401);
    expect((await b.request({ url: "/api/v1/session" })).statusCode).toBe(200);
    const c = await signIn(testApp().app, email);
    const everywhere = await c.request({ method: "POST", url: "/api/v1/auth/logout-everywhere" });
    expect(everywhere.json().ended).toBeGreaterThanOrEqual(2);
    expect((await b.request({ url: "/api/v1/session" })).statusCode).toBe(401);
    expect((await c.request({ url: "/api/v1/session" })).statusCode).toBe(401);
  });

  it("ends a session that has been idle too long", async () => {
    const client = await signIn(testApp().app, email);
    await testApp()
      .database.db.updateTable("sessions")
      .set({ last_seen_at: new Date(Date.now() - (limits.sessionIdleMinutes + 1) * 60_000) })
      .where("revoked_at", "is", null)
      .execute();
    expect((await client.request({ url: "/api/v1/session" })).statusCode).toBe(401);
  });

  it("switches between the organizations of one user, and refuses one she does not belong to", async () => {
    const { orgId: second } = await buildOrganization(testApp().database, { kind: "mco" });
    const { orgId: foreign } = await buildOrganization(testApp().database);
    const { email: both, userId } = await buildUser(testApp().database, orgId, ["accountant"]);
    const { addToOrganization } = await import("../testing/fixtures");
    await addToOrganization(testApp().database, second, userId, ["loan_officer"]);
    const client = await signIn(testApp().app, both);
    const switched = await client.request({
      method: "POST",
      url: "/api/v1/session/organization",
      payload: { orgId: second },
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json().currentOrgId).toBe(second);
    expect(switched.json().organizationPermissions).toContain("loans.manage");
    expect(switched.json().organizations).toHaveLength(2);
    const refused = await client.request({
      method: "POST",
      url: "/api/v1/session/organization",
      payload: { orgId: foreign },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe("membership_must_exist");
  });
});

describe("profile: password and two factors", () => {
  const testApp = useTestApp();
  let orgId: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
  });

  it("changes the password after checking the current one and the policy, and ends other sessions", async () => {
    const { email } = await buildUser(testApp().database, orgId, ["trainer"]);
    const client = await signIn(testApp().app, email);
    const other = await signIn(testApp().app, email);
    const wrong = await client.request({
      method: "POST",
      url: "/api/v1/me/password",
      payload: { currentPassword: "nope nope nope", newPassword: "a brand new phrase 7" },
    });
    expect(wrong.json().error.code).toBe("current_password_must_match");
    const weak = await client.request({
      method: "POST",
      url: "/api/v1/me/password",
      payload: { currentPassword: testPassword, newPassword: "password123" },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.code).toBe("password_must_not_be_common");
    const short = await client.request({
      method: "POST",
      url: "/api/v1/me/password",
      payload: { currentPassword: testPassword, newPassword: "short" },
    });
    expect(short.json().error).toMatchObject({
      code: "password_must_be_long_enough",
      details: { minLength: 10 },
    });
    const changed = await client.request({
      method: "POST",
      url: "/api/v1/me/password",
      payload: { currentPassword: testPassword, newPassword: "a brand new phrase 7" },
    });
    expect(changed.statusCode).toBe(200);
    expect((await client.request({ url: "/api/v1/session" })).statusCode).toBe(200);
    expect((await other.request({ url: "/api/v1/session" })).statusCode).toBe(401);
    await expect(signIn(testApp().app, email)).rejects.toThrow(/401/);
    await signIn(testApp().app, email, "a brand new phrase 7");
  });

  it("turns on two factors, then asks for a code at login", async () => {
    const { email } = await buildUser(testApp().database, orgId, ["trainer"]);
    const client = await signIn(testApp().app, email);
    const setup = await client.request({ method: "POST", url: "/api/v1/me/two-factor/setup" });
    const { secret, otpauthUri } = setup.json();
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const totp = new TOTP({ secret, digits: 6, period: 30, algorithm: "SHA1" });
    expect(
      (
        await client.request({
          method: "POST",
          url: "/api/v1/me/two-factor/enable",
          payload: { code: "000000" },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await client.request({
          method: "POST",
          url: "/api/v1/me/two-factor/enable",
          payload: { code: totp.generate() },
        })
      ).statusCode,
    ).toBe(200);

    const login = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { login: email, password: testPassword },
    });
    expect(login.json().secondFactorPending).toBe(true);
    const pending = { cookie: cookieFrom(login), "x-csrf-token": login.json().csrfToken };
    expect((await testApp().app.inject({ url: "/api/v1/api-tokens", headers: pending })).statusCode).toBe(
      401,
    );
    const bad = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/second-factor",
      payload: { code: "123456" },
      headers: pending,
    });
    expect(bad.statusCode).toBe(401);
    const good = await testApp().app.inject({
      method: "POST",
      url: "/api/v1/auth/second-factor",
      payload: { code: totp.generate() },
      headers: pending,
    });
    expect(good.statusCode).toBe(200);
    expect(good.json().secondFactorPending).toBe(false);
    expect(cookieFrom(good)).not.toBe(pending.cookie);
  });

  it("keeps an administrator out of her work until she turns on two factors, when the organization says so", async () => {
    const { orgId: strict } = await buildOrganization(testApp().database);
    await testApp()
      .database.db.updateTable("organizations")
      .set({ require_two_factor_for_admins: true })
      .where("org_id", "=", strict)
      .execute();
    const { email } = await buildUser(testApp().database, strict, ["administrator"]);
    const client = await signIn(testApp().app, email);
    expect((await client.request({ url: "/api/v1/session" })).json().mustEnableSecondFactor).toBe(true);
    const blocked = await client.request({ url: "/api/v1/api-tokens" });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe("second_factor_must_be_enabled");
  });
});

describe("API tokens", () => {
  const testApp = useTestApp();
  let orgId: string;
  let email: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
    ({ email } = await buildUser(testApp().database, orgId, ["administrator"]));
  });

  it("shows the secret once, stores only its hash, limits it to its permissions, and revokes it", async () => {
    const client = await signIn(testApp().app, email);
    const created = await client.request({
      method: "POST",
      url: "/api/v1/api-tokens",
      payload: { name: "bank import", permissions: ["organization.read"], expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { secret, token } = created.json();
    expect(secret).toMatch(/^mld_/);
    const stored = await testApp()
      .database.db.selectFrom("api_tokens")
      .select("token_hash")
      .where("id", "=", token.id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.token_hash).toString("utf8")).not.toContain(secret.slice(4));
    const listed = await client.request({ url: "/api/v1/api-tokens" });
    expect(JSON.stringify(listed.json())).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const session = await testApp().app.inject({ url: "/api/v1/session", headers: bearer });
    expect(session.statusCode).toBe(200);
    expect(session.json().permissions).toEqual(["organization.read"]);
    const beyond = await testApp().app.inject({ url: "/api/v1/api-tokens", headers: bearer });
    expect(beyond.statusCode).toBe(403);

    expect(
      (await client.request({ method: "DELETE", url: `/api/v1/api-tokens/${token.id}` })).json().revokedAt,
    ).not.toBeNull();
    expect((await testApp().app.inject({ url: "/api/v1/session", headers: bearer })).statusCode).toBe(401);
  });

  it("refuses to give a token a permission its maker lacks", async () => {
    const { email: trainer } = await buildUser(testApp().database, orgId, ["trainer", "administrator"]);
    const client = await signIn(testApp().app, trainer);
    const refused = await client.request({
      method: "POST",
      url: "/api/v1/api-tokens",
      payload: { name: "x", permissions: ["network.read"], expiresInDays: 1 },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: "token_permissions_must_be_held",
      details: { permission: "network.read" },
    });
  });

  it("expires", async () => {
    const client = await signIn(testApp().app, email);
    const created = await client.request({
      method: "POST",
      url: "/api/v1/api-tokens",
      payload: { name: "short", permissions: ["organization.read"], expiresInDays: 1 },
    });
    await testApp()
      .database.db.updateTable("api_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", created.json().token.id)
      .execute();
    const response = await testApp().app.inject({
      url: "/api/v1/session",
      headers: { authorization: `Bearer ${created.json().secret}` },
    });
    expect(response.statusCode).toBe(401);
  });
});
