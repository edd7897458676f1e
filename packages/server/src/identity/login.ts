/**
 * Logging in, with limits on guessing: an account is locked after `loginFailuresPerAccountMax` failures in
 * `loginLockoutMinutes`, and an address after `loginFailuresPerAddressMax`. Failures, successes and locks are
 * security events. The answer for an unknown login and for a wrong password is the same, and takes as long.
 */
import { asSystem, type Database, sql } from "@moldir/db";
import { limits, normalizeEmail, normalizePhone } from "@moldir/domain";
import type { FastifyRequest } from "fastify";
import { AppError } from "../http/app-error";
import { sha256, verifyDecoy, verifyPassword } from "./secrets";
import { createSession, type NewSession, writeSecurityEvent } from "./sessions";

/** Email in lower case, or phone in E.164; what a person typed is matched either way. */
export function normalizeLogin(login: string): { kind: "email" | "phone"; value: string } | null {
  if (login.includes("@")) {
    const email = normalizeEmail(login);
    return email.ok ? { kind: "email", value: email.value } : null;
  }
  const phone = normalizePhone(login);
  return phone.ok ? { kind: "phone", value: phone.value } : null;
}

async function failuresSince(database: Database, column: "login_hash" | "address", value: Buffer | string) {
  const { rows } = await sql<{
    failures: number;
    oldest: Date | null;
  }>`SELECT count(*)::int AS failures, min(at) AS oldest
    FROM login_attempts WHERE ${sql.ref(column)} = ${value} AND NOT succeeded
      AND at > now() - make_interval(mins => ${limits.loginLockoutMinutes})`.execute(database.db);
  return rows[0] ?? { failures: 0, oldest: null };
}

function minutesLeft(oldest: Date | null): number {
  if (oldest === null) return limits.loginLockoutMinutes;
  const unlockAt = oldest.getTime() + limits.loginLockoutMinutes * 60_000;
  return Math.max(1, Math.ceil((unlockAt - Date.now()) / 60_000));
}

export interface LoginResult extends NewSession {
  readonly userId: string;
  readonly isSecondFactorPending: boolean;
}

export async function logIn(
  database: Database,
  request: FastifyRequest,
  login: string,
  password: string,
): Promise<LoginResult> {
  const normalized = normalizeLogin(login);
  const loginHash = sha256(normalized?.value ?? login.trim().toLowerCase());
  const address = request.ip;

  const byAccount = await failuresSince(database, "login_hash", loginHash);
  const byAddress = await failuresSince(database, "address", address);
  if (
    byAccount.failures >= limits.loginFailuresPerAccountMax ||
    byAddress.failures >= limits.loginFailuresPerAddressMax
  ) {
    const oldest =
      byAccount.failures >= limits.loginFailuresPerAccountMax ? byAccount.oldest : byAddress.oldest;
    await writeSecurityEvent(database, "login_refused_while_locked", request, null);
    throw new AppError("login_must_not_be_locked", { minutes: minutesLeft(oldest) });
  }

  const found =
    normalized === null
      ? undefined
      : await database.db
          .selectFrom("users")
          .innerJoin("user_credentials", "user_credentials.user_id", "users.id")
          .select([
            "users.id",
            "users.is_disabled",
            "user_credentials.password_hash",
            "user_credentials.totp_enabled_at",
          ])
          .where(
            normalized.kind === "email" ? sql<string>`lower(users.email)` : sql<string>`users.phone`,
            "=",
            normalized.value,
          )
          .executeTakeFirst();
  const isValid =
    found === undefined || found.is_disabled
      ? await verifyDecoy(password)
      : await verifyPassword(found.password_hash, password);

  if (!isValid || found === undefined) {
    await database.db
      .insertInto("login_attempts")
      .values({ login_hash: loginHash, address, succeeded: false })
      .execute();
    const isNowLocked = byAccount.failures + 1 >= limits.loginFailuresPerAccountMax;
    await writeSecurityEvent(
      database,
      isNowLocked ? "login_locked" : "login_failed",
      request,
      found?.id ?? null,
    );
    throw new AppError("credentials_must_be_valid");
  }

  return asSystem(database, async (trx) => {
    await trx
      .insertInto("login_attempts")
      .values({ login_hash: loginHash, address, succeeded: true })
      .execute();
    const membership = await trx
      .selectFrom("memberships")
      .select("org_id")
      .where("user_id", "=", found.id)
      .where("is_active", "=", true)
      .orderBy("created_at")
      .orderBy("org_id")
      .executeTakeFirst();
    const isSecondFactorPending = found.totp_enabled_at !== null;
    const session = await createSession(trx, found.id, membership?.org_id ?? null, isSecondFactorPending);
    await writeSecurityEvent(trx, "login_succeeded", request, found.id, {
      secondFactorPending: isSecondFactorPending,
    });
    return { ...session, userId: found.id, isSecondFactorPending };
  });
}
