/**
 * Login, logout, the session, switching organization, the profile with password change and two factors
 * (TOTP, RFC 6238), and API tokens for integrations.
 */
import {
  apiTokenSchema,
  changePasswordRequestSchema,
  createApiTokenRequestSchema,
  createApiTokenResponseSchema,
  loginRequestSchema,
  secondFactorRequestSchema,
  sessionResponseSchema,
  switchOrganizationRequestSchema,
  twoFactorSetupResponseSchema,
  updateProfileRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import { asSystem, type Database, sql } from "@moldir/db";
import { checkPassword, limits, type Permission } from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { Secret, TOTP } from "otpauth";
import { z } from "zod";
import { type Actor, apiTokenPrefix, loadActor, memberOf, sessionCookieName, signedIn } from "../http/access";
import { AppError, refusal } from "../http/app-error";
import { audit, inTenant } from "../http/tenant";
import { logIn } from "./login";
import { hashPassword, newId, newSecretToken, sha256, verifyPassword } from "./secrets";
import {
  clearSessionCookie,
  createSession,
  revokeAllSessions,
  revokeSessionByToken,
  setSessionCookie,
  writeSecurityEvent,
} from "./sessions";

const okSchema = z.object({ ok: z.literal(true) });

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: "Moldir",
    label,
    algorithm: "SHA1",
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** True when the code matches now, a step before or a step after (clocks of phones drift). */
function isTotpValid(secret: string, code: string): boolean {
  return totpFor(secret, "check").validate({ token: code, window: 1 }) !== null;
}

async function sessionResponse(database: Database, actor: Actor) {
  const user = await database.db
    .selectFrom("users")
    .leftJoin("user_credentials", "user_credentials.user_id", "users.id")
    .select([
      "users.id",
      "users.display_name",
      "users.email",
      "users.phone",
      "users.preferred_locale",
      "user_credentials.totp_enabled_at",
    ])
    .where("users.id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  const organizations = await database.db
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.org_id", "memberships.org_id")
    .select([
      "organizations.org_id",
      "organizations.kind",
      "organizations.name_kk",
      "organizations.name_ru",
      "organizations.name_en",
    ])
    .where("memberships.user_id", "=", actor.userId)
    .where("memberships.is_active", "=", true)
    .orderBy("organizations.name_en")
    .execute();
  return {
    user: {
      id: user.id,
      displayName: user.display_name,
      email: user.email,
      phone: user.phone,
      preferredLocale: user.preferred_locale,
      twoFactorEnabled: user.totp_enabled_at !== null,
    },
    organizations: organizations.map((o) => ({
      orgId: o.org_id,
      kind: o.kind,
      names: { kk: o.name_kk, ru: o.name_ru, en: o.name_en },
    })),
    currentOrgId: actor.orgId,
    roles: [...actor.assignments],
    permissions: [...actor.permissions].sort(),
    organizationPermissions: [...actor.organizationPermissions].sort(),
    csrfToken: actor.via.kind === "session" ? actor.via.csrfToken : "",
    secondFactorPending: actor.via.kind === "session" && actor.via.isSecondFactorPending,
    mustEnableSecondFactor: actor.mustEnableSecondFactor,
  };
}

function sessionOf(request: FastifyRequest): Extract<Actor["via"], { kind: "session" }> {
  const actor = signedIn(request);
  if (actor.via.kind !== "session") throw new AppError("session_must_be_valid");
  return actor.via;
}

function toApiToken(row: {
  id: string;
  name: string;
  permissions: string[];
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
}) {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions as Permission[],
    expiresAt: row.expires_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function identityRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["identity"];

  routes.post(
    "/api/v1/auth/login",
    {
      config: { access: { kind: "public" } },
      schema: {
        tags,
        summary: "Log in with email or phone and password; sets the session cookie",
        body: loginRequestSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const result = await logIn(database, request, request.body.login, request.body.password);
      // A new token at every login; the one the browser had, if any, ends now.
      await asSystem(database, (trx) => revokeSessionByToken(trx, request.cookies[sessionCookieName]));
      setSessionCookie(request, reply, result.token);
      const actor = await reloadActor(database, request, result.token);
      return sessionResponse(database, actor);
    },
  );

  routes.post(
    "/api/v1/auth/second-factor",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Finish a login with a code from the authenticator app",
        body: secondFactorRequestSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const actor = signedIn(request);
      if (!session.isSecondFactorPending) throw new AppError("second_factor_must_be_pending");
      const credentials = await database.db
        .selectFrom("user_credentials")
        .select("totp_secret")
        .where("user_id", "=", actor.userId)
        .executeTakeFirst();
      if (credentials?.totp_secret == null || !isTotpValid(credentials.totp_secret, request.body.code)) {
        await writeSecurityEvent(database, "second_factor_failed", request, actor.userId);
        throw new AppError("second_factor_must_be_valid");
      }
      const token = await asSystem(database, async (trx) => {
        await revokeSessionByToken(trx, request.cookies[sessionCookieName]);
        const created = await createSession(trx, actor.userId, actor.orgId, false);
        await writeSecurityEvent(trx, "second_factor_succeeded", request, actor.userId);
        return created.token;
      });
      setSessionCookie(request, reply, token);
      return sessionResponse(database, await reloadActor(database, request, token));
    },
  );

  routes.post(
    "/api/v1/auth/logout",
    {
      config: { access: { kind: "signed_in" } },
      schema: { tags, summary: "End this session", response: { 200: okSchema } },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      await asSystem(database, async (trx) => {
        await revokeSessionByToken(trx, request.cookies[sessionCookieName]);
        await writeSecurityEvent(trx, "logout", request, actor.userId);
      });
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  routes.post(
    "/api/v1/auth/logout-everywhere",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "End every session of this user, on every device",
        response: { 200: z.object({ ended: z.number().int() }) },
      },
    },
    async (request, reply) => {
      const actor = signedIn(request);
      const ended = await asSystem(database, async (trx) => {
        const count = await revokeAllSessions(trx, actor.userId);
        await writeSecurityEvent(trx, "logout_everywhere", request, actor.userId, { ended: count });
        return count;
      });
      clearSessionCookie(reply);
      return { ended };
    },
  );

  routes.get(
    "/api/v1/session",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Who is signed in, where, with which permissions",
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => sessionResponse(database, signedIn(request)),
  );

  routes.post(
    "/api/v1/session/organization",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Switch to another organization of this user",
        body: switchOrganizationRequestSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const actor = signedIn(request);
      const membership = await database.db
        .selectFrom("memberships")
        .select("org_id")
        .where("user_id", "=", actor.userId)
        .where("org_id", "=", request.body.orgId)
        .where("is_active", "=", true)
        .executeTakeFirst();
      if (membership === undefined) throw new AppError("membership_must_exist");
      await database.db
        .updateTable("sessions")
        .set({ org_id: membership.org_id })
        .where("token_hash", "=", session.tokenHash)
        .execute();
      const token = request.cookies[sessionCookieName] ?? "";
      return sessionResponse(database, await reloadActor(database, request, token));
    },
  );

  routes.patch(
    "/api/v1/me",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Change one's own name or language",
        body: updateProfileRequestSchema,
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const changes = {
        ...(request.body.displayName === undefined ? {} : { display_name: request.body.displayName }),
        ...(request.body.preferredLocale === undefined
          ? {}
          : { preferred_locale: request.body.preferredLocale }),
      };
      if (Object.keys(changes).length > 0) {
        await database.db
          .updateTable("users")
          .set({ ...changes, version: sql<number>`version + 1` })
          .where("id", "=", actor.userId)
          .execute();
      }
      return sessionResponse(database, actor);
    },
  );

  routes.post(
    "/api/v1/me/password",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Change one's own password; other sessions end",
        body: changePasswordRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const credentials = await database.db
        .selectFrom("user_credentials")
        .innerJoin("users", "users.id", "user_credentials.user_id")
        .select(["user_credentials.password_hash", "users.email", "users.phone"])
        .where("user_id", "=", actor.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(credentials.password_hash, request.body.currentPassword))) {
        await writeSecurityEvent(database, "password_change_refused", request, actor.userId);
        throw new AppError("current_password_must_match");
      }
      const context = [credentials.email?.split("@")[0] ?? "", credentials.phone ?? "", actor.displayName];
      const policy = checkPassword(request.body.newPassword, context);
      if (!policy.ok) throw refusal(policy);
      const passwordHash = await hashPassword(request.body.newPassword);
      await asSystem(database, async (trx) => {
        await trx
          .updateTable("user_credentials")
          .set({ password_hash: passwordHash, password_changed_at: new Date() })
          .where("user_id", "=", actor.userId)
          .execute();
        await revokeAllSessions(
          trx,
          actor.userId,
          actor.via.kind === "session" ? actor.via.tokenHash : undefined,
        );
        await writeSecurityEvent(trx, "password_changed", request, actor.userId);
      });
      return { ok: true as const };
    },
  );

  routes.post(
    "/api/v1/me/two-factor/setup",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Start turning on two factors: a new secret for the authenticator app",
        response: { 200: twoFactorSetupResponseSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const secret = new Secret({ size: 20 }).base32;
      await database.db
        .updateTable("user_credentials")
        .set({ totp_secret: secret, totp_enabled_at: null })
        .where("user_id", "=", actor.userId)
        .execute();
      await writeSecurityEvent(database, "second_factor_setup_started", request, actor.userId);
      return { secret, otpauthUri: totpFor(secret, actor.displayName).toString() };
    },
  );

  routes.post(
    "/api/v1/me/two-factor/enable",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Turn on two factors by proving the app works",
        body: secondFactorRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const credentials = await database.db
        .selectFrom("user_credentials")
        .select("totp_secret")
        .where("user_id", "=", actor.userId)
        .executeTakeFirst();
      if (credentials?.totp_secret == null || !isTotpValid(credentials.totp_secret, request.body.code)) {
        throw new AppError("second_factor_must_be_valid");
      }
      await database.db
        .updateTable("user_credentials")
        .set({ totp_enabled_at: new Date() })
        .where("user_id", "=", actor.userId)
        .execute();
      await writeSecurityEvent(database, "second_factor_enabled", request, actor.userId);
      return { ok: true as const };
    },
  );

  routes.post(
    "/api/v1/me/two-factor/disable",
    {
      config: { access: { kind: "signed_in" } },
      schema: {
        tags,
        summary: "Turn off two factors (needs a current code)",
        body: secondFactorRequestSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request);
      const credentials = await database.db
        .selectFrom("user_credentials")
        .select(["totp_secret", "totp_enabled_at"])
        .where("user_id", "=", actor.userId)
        .executeTakeFirst();
      if (
        credentials?.totp_secret == null ||
        credentials.totp_enabled_at === null ||
        !isTotpValid(credentials.totp_secret, request.body.code)
      ) {
        throw new AppError("second_factor_must_be_valid");
      }
      await database.db
        .updateTable("user_credentials")
        .set({ totp_secret: null, totp_enabled_at: null })
        .where("user_id", "=", actor.userId)
        .execute();
      await writeSecurityEvent(database, "second_factor_disabled", request, actor.userId);
      return { ok: true as const };
    },
  );

  routes.get(
    "/api/v1/api-tokens",
    {
      config: { access: { kind: "permission", permission: "tokens.manage" } },
      schema: {
        tags,
        summary: "API tokens of this organization",
        response: { 200: z.object({ items: z.array(apiTokenSchema) }) },
      },
    },
    async (request) => {
      const rows = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("api_tokens")
          .select(["id", "name", "permissions", "expires_at", "revoked_at", "last_used_at", "created_at"])
          .where("org_id", "=", memberOf(request).orgId)
          .orderBy("created_at", "desc")
          .limit(limits.apiTokensPerOrganizationMax)
          .execute(),
      );
      return { items: rows.map(toApiToken) };
    },
  );

  routes.post(
    "/api/v1/api-tokens",
    {
      config: { access: { kind: "permission", permission: "tokens.manage" } },
      schema: {
        tags,
        summary: "Make an API token; its secret is shown once",
        body: createApiTokenRequestSchema,
        response: { 201: createApiTokenResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      for (const permission of request.body.permissions) {
        if (!actor.permissions.has(permission))
          throw new AppError("token_permissions_must_be_held", { permission });
      }
      const secret = newSecretToken(apiTokenPrefix);
      const id = newId();
      const row = await inTenant(database, request, async (trx) => {
        const created = await trx
          .insertInto("api_tokens")
          .values({
            org_id: actor.orgId,
            id,
            user_id: actor.userId,
            name: request.body.name,
            token_hash: sha256(secret),
            permissions: [...new Set(request.body.permissions)],
            expires_at: new Date(Date.now() + request.body.expiresInDays * 86_400_000),
          })
          .returning(["id", "name", "permissions", "expires_at", "revoked_at", "last_used_at", "created_at"])
          .executeTakeFirstOrThrow();
        await audit(trx, request, {
          action: "api_token.create",
          recordType: "api_token",
          recordId: id,
          summary: {
            name: request.body.name,
            permissions: request.body.permissions,
            expiresInDays: request.body.expiresInDays,
          },
        });
        return created;
      });
      return reply.code(201).send({ token: toApiToken(row), secret });
    },
  );

  routes.delete(
    "/api/v1/api-tokens/:tokenId",
    {
      config: { access: { kind: "permission", permission: "tokens.manage" } },
      schema: {
        tags,
        summary: "Revoke an API token",
        params: z.object({ tokenId: uuidSchema }),
        response: { 200: apiTokenSchema },
      },
    },
    async (request) => {
      const row = await inTenant(database, request, async (trx) => {
        const revoked = await trx
          .updateTable("api_tokens")
          .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
          .where("org_id", "=", memberOf(request).orgId)
          .where("id", "=", request.params.tokenId)
          .returning(["id", "name", "permissions", "expires_at", "revoked_at", "last_used_at", "created_at"])
          .executeTakeFirst();
        if (revoked === undefined) throw new AppError("record_must_exist");
        await audit(trx, request, {
          action: "api_token.revoke",
          recordType: "api_token",
          recordId: revoked.id,
        });
        return revoked;
      });
      return toApiToken(row);
    },
  );
}

/** Loads the actor again after the session changed within this request (login, second factor, switch). */
async function reloadActor(database: Database, request: FastifyRequest, token: string): Promise<Actor> {
  request.cookies[sessionCookieName] = token;
  request.headers.authorization = undefined;
  request.actor = await loadActor(database, request);
  return signedIn(request);
}
