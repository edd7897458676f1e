/**
 * Who is asking, and may they? Every API route declares its access in its config: public, any signed-in
 * user, or a permission (held across the organization, or in some scope). A route without a declaration
 * cannot be registered, so no route is open by accident. The actor comes from the session cookie or from an
 * API token; cookie-authenticated writes must also carry the session's CSRF token in `X-CSRF-Token`.
 */
import { type Database, sql } from "@moldir/db";
import {
  type Locale,
  limits,
  organizationWidePermissionsOf,
  type Permission,
  permissionsOf,
  type RoleAssignment,
} from "@moldir/domain";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sha256 } from "../identity/secrets";
import { AppError } from "./app-error";

export type Access =
  | { readonly kind: "public" }
  /** Signed in, with or without an organization (session, profile, switching organization). */
  | { readonly kind: "signed_in" }
  /** Signed in and working in an organization, holding `permission` over all of it or, with `anyScope`, in some scope. */
  | { readonly kind: "permission"; readonly permission: Permission; readonly anyScope?: boolean }
  /** Signed in and working in an organization; the handler checks what it needs. */
  | { readonly kind: "member" };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every API route with its declared access (for the tests that walk them all). */
    apiRoutes: ApiRoute[];
  }
}

export interface ApiRoute {
  readonly method: string;
  readonly url: string;
  readonly access: Access;
}

export const sessionCookieName = "moldir_session";
export const apiTokenPrefix = "mld_";

/** The signed-in user of a request. */
export interface Actor {
  readonly userId: string;
  readonly displayName: string;
  readonly preferredLocale: Locale;
  /** The organization the user works in now; null when she belongs to none. */
  readonly orgId: string | null;
  readonly assignments: readonly RoleAssignment[];
  /** Permissions held in some scope. */
  readonly permissions: ReadonlySet<Permission>;
  /** Permissions held over the whole organization. */
  readonly organizationPermissions: ReadonlySet<Permission>;
  readonly via:
    | {
        readonly kind: "session";
        readonly tokenHash: Buffer;
        readonly csrfToken: string;
        readonly isSecondFactorPending: boolean;
      }
    | { readonly kind: "token"; readonly tokenId: string };
  /** The organization requires two factors of administrators and this administrator has not turned it on. */
  readonly mustEnableSecondFactor: boolean;
  /**
   * The actions the organization puts under four eyes (its approval policies), read with the actor in the same
   * statement so that an approvable action does not spend a statement of its own on them.
   */
  readonly fourEyesActions: ReadonlySet<string>;
}

interface ActorRow {
  user_id: string;
  display_name: string;
  preferred_locale: Locale;
  org_id: string | null;
  csrf_token: string | null;
  is_second_factor_pending: boolean | null;
  token_id: string | null;
  token_permissions: string[] | null;
  assignments: RoleAssignment[];
  needs_second_factor: boolean;
  four_eyes_actions: string[];
  stale: boolean;
}

// One statement finds the session (or token), its user, her roles in the current organization and whether
// the organization requires her to use a second factor, and which actions it puts under four eyes.
function actorQuery(kind: "session" | "token", tokenHash: Buffer) {
  const source =
    kind === "session"
      ? sql`SELECT s.user_id, s.org_id, s.csrf_token, s.is_second_factor_pending, NULL::uuid AS token_id,
            NULL::text[] AS token_permissions, s.last_seen_at < now() - interval '1 minute' AS stale
          FROM sessions s
          WHERE s.token_hash = ${tokenHash} AND s.revoked_at IS NULL AND s.expires_at > now()
            AND s.last_seen_at > now() - make_interval(mins => ${limits.sessionIdleMinutes})`
      : sql`SELECT t.user_id, t.org_id, NULL AS csrf_token, false AS is_second_factor_pending, t.id AS token_id,
            t.permissions AS token_permissions, coalesce(t.last_used_at < now() - interval '1 minute', true) AS stale
          FROM api_tokens t
          WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL AND t.expires_at > now()`;
  return sql<ActorRow>`WITH a AS (${source})
    SELECT a.*, u.display_name, u.preferred_locale,
      coalesce((SELECT json_agg(json_build_object('role', r.role, 'scopeKind', r.scope_kind, 'scopeId', r.scope_id))
        FROM role_assignments r JOIN memberships m ON m.org_id = r.org_id AND m.user_id = r.user_id AND m.is_active
        WHERE r.org_id = a.org_id AND r.user_id = a.user_id), '[]'::json) AS assignments,
      coalesce((SELECT o.require_two_factor_for_admins FROM organizations o WHERE o.org_id = a.org_id), false)
        AND EXISTS (SELECT 1 FROM role_assignments r WHERE r.org_id = a.org_id AND r.user_id = a.user_id
          AND r.role = 'administrator')
        AND NOT EXISTS (SELECT 1 FROM user_credentials c WHERE c.user_id = a.user_id AND c.totp_enabled_at IS NOT NULL)
        AS needs_second_factor,
      coalesce((SELECT array_agg(p.action) FROM approval_policies p
        WHERE p.org_id = a.org_id AND p.requires_approval), '{}'::text[]) AS four_eyes_actions
    FROM a JOIN users u ON u.id = a.user_id AND NOT u.is_disabled`;
}

function readCookie(request: FastifyRequest): string | undefined {
  return request.cookies?.[sessionCookieName];
}

function readBearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || !header.startsWith("Bearer ")) return undefined;
  return header.slice("Bearer ".length).trim();
}

export async function loadActor(database: Database, request: FastifyRequest): Promise<Actor | null> {
  const bearer = readBearer(request);
  const cookie = bearer === undefined ? readCookie(request) : undefined;
  const secret = bearer ?? cookie;
  if (secret === undefined || secret.length > 200) return null;
  const kind = bearer === undefined ? "session" : "token";
  if (kind === "token" && !secret.startsWith(apiTokenPrefix)) return null;
  const tokenHash = sha256(secret);
  const { rows } = await actorQuery(kind, tokenHash).execute(database.db);
  const row = rows[0];
  if (row === undefined) return null;
  if (row.stale) await touch(database, kind, tokenHash);
  const assignments = row.assignments;
  let granted = permissionsOf(assignments);
  let organizationWide = organizationWidePermissionsOf(assignments);
  if (row.token_permissions !== null) {
    // A token holds at most what its user holds, and at most what it was given.
    const allowed = new Set(row.token_permissions);
    granted = new Set([...granted].filter((p) => allowed.has(p)));
    organizationWide = new Set([...organizationWide].filter((p) => allowed.has(p)));
  }
  return {
    userId: row.user_id,
    displayName: row.display_name,
    preferredLocale: row.preferred_locale,
    orgId: row.org_id,
    assignments,
    permissions: granted,
    organizationPermissions: organizationWide,
    via:
      kind === "session"
        ? {
            kind,
            tokenHash,
            csrfToken: row.csrf_token ?? "",
            isSecondFactorPending: row.is_second_factor_pending ?? false,
          }
        : { kind, tokenId: row.token_id ?? "" },
    mustEnableSecondFactor: row.needs_second_factor,
    fourEyesActions: new Set(row.four_eyes_actions),
  };
}

async function touch(database: Database, kind: "session" | "token", tokenHash: Buffer): Promise<void> {
  if (kind === "session") {
    await sql`UPDATE sessions SET last_seen_at = now() WHERE token_hash = ${tokenHash}`.execute(database.db);
  } else {
    await sql`UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ${tokenHash}`.execute(
      database.db,
    );
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Routes a signed-in user may use while her organization waits for her to turn on two factors. */
const allowedWhileSecondFactorMissing = ["/api/v1/session", "/api/v1/me", "/api/v1/auth/"];

export function checkAccess(request: FastifyRequest, access: Access): void {
  if (access.kind === "public") return;
  const actor = request.actor;
  if (actor === null) throw new AppError("session_must_be_valid");
  if (actor.via.kind === "session") {
    if (actor.via.isSecondFactorPending && !request.url.startsWith("/api/v1/auth/")) {
      throw new AppError("session_must_be_valid", { secondFactorPending: true });
    }
    if (!safeMethods.has(request.method) && request.headers["x-csrf-token"] !== actor.via.csrfToken) {
      throw new AppError("csrf_token_must_match");
    }
  }
  if (access.kind === "signed_in") return;
  if (actor.orgId === null) throw new AppError("membership_must_exist");
  if (
    actor.mustEnableSecondFactor &&
    !allowedWhileSecondFactorMissing.some((p) => request.url.startsWith(p))
  ) {
    throw new AppError("second_factor_must_be_enabled");
  }
  if (access.kind === "member") return;
  const held = access.anyScope === true ? actor.permissions : actor.organizationPermissions;
  if (!held.has(access.permission))
    throw new AppError("permission_must_be_granted", { permission: access.permission });
}

/** The actor of a route that declared a permission or membership: signed in, in an organization. */
export function memberOf(request: FastifyRequest): Actor & { readonly orgId: string } {
  const actor = request.actor;
  if (actor === null || actor.orgId === null) throw new AppError("session_must_be_valid");
  return actor as Actor & { readonly orgId: string };
}

export function signedIn(request: FastifyRequest): Actor {
  if (request.actor === null) throw new AppError("session_must_be_valid");
  return request.actor;
}

export function registerAccess(app: FastifyInstance, database: Database): void {
  app.decorateRequest("actor", null);
  app.decorate("apiRoutes", []);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/")) return;
    const access = route.config?.access;
    if (access === undefined)
      throw new Error(`route ${route.method} ${route.url} must declare its access in config.access`);
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.apiRoutes.push({ method, url: route.url, access });
    }
  });
  // onRequest runs before the body is read: a caller who may not use a route learns nothing of its schema.
  app.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    request.actor = await loadActor(database, request);
    checkAccess(request, access);
  });
}
