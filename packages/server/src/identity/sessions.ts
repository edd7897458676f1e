/** Sessions of the web app: created at login (always a fresh token), revoked at logout. */
import type { Database, Tx } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import { sessionCookieName } from "../http/access";
import { newId, newSecretToken, sha256 } from "./secrets";

export interface NewSession {
  readonly token: string;
  readonly csrfToken: string;
}

export async function createSession(
  trx: Tx,
  userId: string,
  orgId: string | null,
  isSecondFactorPending: boolean,
): Promise<NewSession> {
  const token = newSecretToken("s_");
  const csrfToken = newSecretToken("c_");
  await trx
    .insertInto("sessions")
    .values({
      token_hash: sha256(token),
      user_id: userId,
      org_id: orgId,
      csrf_token: csrfToken,
      expires_at: new Date(Date.now() + limits.sessionAbsoluteHours * 3_600_000),
      is_second_factor_pending: isSecondFactorPending,
    })
    .execute();
  return { token, csrfToken };
}

export async function revokeSessionByToken(trx: Tx, token: string | undefined): Promise<void> {
  if (token === undefined || token.length > 200) return;
  await trx
    .updateTable("sessions")
    .set({ revoked_at: new Date() })
    .where("token_hash", "=", sha256(token))
    .where("revoked_at", "is", null)
    .execute();
}

export async function revokeAllSessions(trx: Tx, userId: string, exceptTokenHash?: Buffer): Promise<number> {
  let query = trx
    .updateTable("sessions")
    .set({ revoked_at: new Date() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null);
  if (exceptTokenHash !== undefined) query = query.where("token_hash", "!=", exceptTokenHash);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The cookie: httpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    maxAge: limits.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName, { path: "/" });
}

export async function writeSecurityEvent(
  database: Database | Tx,
  event: string,
  request: FastifyRequest,
  userId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  const db = "db" in database ? database.db : database;
  await db
    .insertInto("security_events")
    .values({ id: newId(), user_id: userId, address: request.ip, event, details: JSON.stringify(details) })
    .execute();
}
