/** Factories for tests: organizations, users with roles, and signed-in clients of the real app. */
import { asSystem, type Database } from "@moldir/db";
import type { Role, RoleAssignment } from "@moldir/domain";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { hashPassword, newId } from "../identity/secrets";

export const testPassword = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export interface OrganizationFixture {
  readonly orgId: string;
}

export async function buildOrganization(
  database: Database,
  options: { kind?: "network" | "ngo" | "federation" | "mco"; name?: string } = {},
): Promise<OrganizationFixture> {
  const orgId = newId();
  const name = options.name ?? `Org ${orgId.slice(-6)}`;
  await asSystem(database, (trx) =>
    trx
      .insertInto("organizations")
      .values({ org_id: orgId, kind: options.kind ?? "ngo", name_kk: name, name_ru: name, name_en: name })
      .execute(),
  );
  return { orgId };
}

export interface UserFixture {
  readonly userId: string;
  readonly email: string;
}

/** A user with a password (`testPassword`) and the given roles, organization-wide unless a scope is given. */
export async function buildUser(
  database: Database,
  orgId: string,
  roles: readonly (Role | RoleAssignment)[],
  options: { email?: string; displayName?: string } = {},
): Promise<UserFixture> {
  const userId = newId();
  const email = options.email ?? `user-${userId.slice(-12)}@example.kz`;
  passwordHash ??= hashPassword(testPassword);
  const hash = await passwordHash;
  await asSystem(database, async (trx) => {
    await trx
      .insertInto("users")
      .values({ id: userId, email, phone: null, display_name: options.displayName ?? email })
      .execute();
    await trx.insertInto("user_credentials").values({ user_id: userId, password_hash: hash }).execute();
    await addMembership(trx, orgId, userId, roles);
  });
  return { userId, email };
}

export async function addToOrganization(
  database: Database,
  orgId: string,
  userId: string,
  roles: readonly (Role | RoleAssignment)[],
): Promise<void> {
  await asSystem(database, (trx) => addMembership(trx, orgId, userId, roles));
}

async function addMembership(
  trx: Parameters<Parameters<typeof asSystem>[1]>[0],
  orgId: string,
  userId: string,
  roles: readonly (Role | RoleAssignment)[],
): Promise<void> {
  await trx.insertInto("memberships").values({ org_id: orgId, user_id: userId }).execute();
  for (const role of roles) {
    const assignment: RoleAssignment =
      typeof role === "string" ? { role, scopeKind: "organization", scopeId: null } : role;
    await trx
      .insertInto("role_assignments")
      .values({
        org_id: orgId,
        id: newId(),
        user_id: userId,
        role: assignment.role,
        scope_kind: assignment.scopeKind,
        scope_id: assignment.scopeId,
      })
      .execute();
  }
}

/** A browser-like client: keeps the session cookie and sends the CSRF token with writes. */
export interface Client {
  readonly cookie: string;
  readonly csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export function cookieFrom(response: LightMyRequestResponse): string {
  const header = response.headers["set-cookie"];
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [header];
  const session = cookies.find((c) => c.startsWith("moldir_session="));
  if (session === undefined) throw new Error(`no session cookie in ${response.statusCode}: ${response.body}`);
  return session.split(";")[0] as string;
}

export async function signIn(app: FastifyInstance, email: string, password = testPassword): Promise<Client> {
  const response = await app.inject({
    method: "POST",
    url: "/api/v1/auth/login",
    payload: { login: email, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  return clientWith(app, cookieFrom(response), response.json().csrfToken);
}

export function clientWith(app: FastifyInstance, cookie: string, csrfToken: string): Client {
  return {
    cookie,
    csrfToken,
    request: (options) =>
      app.inject({
        ...options,
        headers: { cookie, "x-csrf-token": csrfToken, "accept-language": "en", ...(options.headers ?? {}) },
      }),
  };
}

/** Bylaws of an ordinary SHG for tests: 500 ₸ saved and 100 ₸ to the social fund a meeting, loans up to 3× savings. */
export const testShgBylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: "50000",
  sharePriceMinor: "0",
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: "10000",
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "5000", absent: "10000", missed_repayment: "10000", other: "0" },
} as const;

/** A person registered through the API who has consented to group membership (or the purposes given); returns her id. */
export async function buildConsentingPerson(
  client: Client,
  person: { surname: string; givenName: string; phones?: readonly string[]; languages?: readonly string[] },
  purposes: readonly string[] = ["membership"],
): Promise<string> {
  const created = await client.request({
    method: "POST",
    url: "/api/v1/persons",
    payload: { sex: "female", ...person },
  });
  if (created.statusCode !== 201) throw new Error(`person not created: ${created.body}`);
  const personId: string = created.json().id;
  for (const purpose of purposes) {
    await client.request({
      method: "POST",
      url: `/api/v1/persons/${personId}/consents`,
      payload: { purpose, givenOn: "2025-01-01", allowsThirdParties: false, allowsCrossBorder: false },
    });
  }
  return personId;
}
