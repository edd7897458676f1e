/**
 * `moldir create-admin`: the first administrator of a new installation, with her organization. The password
 * is read from standard input (typed without echo on a terminal, or piped), never from the command line,
 * where it would stay in the shell's history.
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import { asSystem, type Database } from "@moldir/db";
import { checkPassword, err, normalizeEmail, ok, type Result } from "@moldir/domain";
import { hashPassword, newId } from "./secrets";

export interface CreateAdminInput {
  readonly email: string;
  readonly displayName: string;
  readonly organizationName: string;
  readonly organizationKind: "network" | "ngo" | "federation" | "mco";
  readonly password: string;
}

export type CreateAdminError =
  | "email_must_be_valid"
  | "email_must_be_unique"
  | "password_must_be_long_enough"
  | "password_must_not_be_too_long"
  | "password_must_not_be_common";

export async function createAdmin(
  database: Database,
  input: CreateAdminInput,
): Promise<Result<{ orgId: string; userId: string }, CreateAdminError>> {
  const email = normalizeEmail(input.email);
  if (!email.ok) return email;
  const policy = checkPassword(input.password, [email.value.split("@")[0] ?? "", input.displayName]);
  if (!policy.ok) return policy;
  const existing = await database.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email.value)
    .executeTakeFirst();
  if (existing !== undefined) return err("email_must_be_unique");
  const passwordHash = await hashPassword(input.password);
  const orgId = newId();
  const userId = newId();
  await asSystem(database, async (trx) => {
    const name = input.organizationName;
    await trx
      .insertInto("organizations")
      .values({ org_id: orgId, kind: input.organizationKind, name_kk: name, name_ru: name, name_en: name })
      .execute();
    await trx
      .insertInto("users")
      .values({ id: userId, email: email.value, phone: null, display_name: input.displayName })
      .execute();
    await trx
      .insertInto("user_credentials")
      .values({ user_id: userId, password_hash: passwordHash })
      .execute();
    await trx.insertInto("memberships").values({ org_id: orgId, user_id: userId }).execute();
    await trx
      .insertInto("role_assignments")
      .values({
        org_id: orgId,
        id: newId(),
        user_id: userId,
        role: "administrator",
        scope_kind: "organization",
        scope_id: null,
      })
      .execute();
    await trx
      .insertInto("audit_events")
      .values({
        org_id: orgId,
        id: newId(),
        actor_user_id: null,
        actor_address: "cli",
        action: "organization.create",
        record_type: "organization",
        record_id: orgId,
        summary: JSON.stringify({ administrator: userId, via: "moldir create-admin" }),
      })
      .execute();
  });
  return ok({ orgId, userId });
}

/** Reads one line from standard input; on a terminal, without echoing what is typed. */
export async function readPassword(prompt: string): Promise<string> {
  const isTerminal = process.stdin.isTTY === true;
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const lines = createInterface({ input: process.stdin, output, terminal: isTerminal });
  if (isTerminal) process.stderr.write(prompt);
  muted = true;
  const line = await new Promise<string>((resolve) => {
    lines.once("line", resolve);
    lines.once("close", () => resolve(""));
  });
  lines.close();
  if (isTerminal) process.stderr.write("\n");
  return line;
}
