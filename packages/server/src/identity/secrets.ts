/**
 * Secrets of identity: passwords hashed with argon2id (memory-hard; OWASP's minimum profile of 19 MiB,
 * 2 passes), and random tokens for sessions, CSRF and API access, of which only a SHA-256 is stored.
 */
import { createHash, randomBytes } from "node:crypto";
import { uuidV7 } from "@moldir/domain";
import { hash, verify } from "@node-rs/argon2";

const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a password nobody has, verified when a login names no user, so that both answers take as long.
let decoyHash: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword(randomBytes(24).toString("base64url"));
  await verifyPassword(await decoyHash, password);
  return false;
}

/** 256 random bits, URL-safe, with a prefix that says what the token is for. */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** A new UUIDv7 for a record made now. */
export function newId(): string {
  return uuidV7(Date.now(), randomBytes(10));
}
