/**
 * Users of the organization and their roles. Changing a user's roles is an approvable action
 * (`user.roles.change`): with four eyes on, it waits for a second administrator. An organization always
 * keeps at least one active administrator.
 */
import {
  createUserRequestSchema,
  pendingResponseSchema,
  roleAssignmentSchema,
  setRolesRequestSchema,
  updateUserRequestSchema,
  userSchema,
  uuidSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import {
  assert,
  checkPassword,
  limits,
  normalizeEmail,
  normalizePhone,
  type RoleAssignment,
} from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type ActionContext,
  type ApprovableAction,
  performOrQueue,
  registerApprovableAction,
} from "../approvals/registry";
import { memberOf } from "../http/access";
import { AppError, refusal } from "../http/app-error";
import { audit, inTenant } from "../http/tenant";
import { hashPassword, newId } from "../identity/secrets";

const tags = ["users"];

type UserRow = {
  id: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  preferred_locale: "kk" | "ru" | "en";
  is_active: boolean;
  roles: RoleAssignment[];
};

async function loadUsers(
  trx: Tx,
  orgId: string,
  filter: { userId?: string; q?: string },
): Promise<UserRow[]> {
  const search =
    filter.q === undefined || filter.q.trim() === ""
      ? null
      : `%${filter.q.trim().replace(/[%_\\]/g, "\\$&")}%`;
  const { rows } =
    await sql<UserRow>`SELECT u.id, u.display_name, u.email, u.phone, u.preferred_locale, m.is_active,
      coalesce((SELECT json_agg(json_build_object('role', r.role, 'scopeKind', r.scope_kind, 'scopeId', r.scope_id)
        ORDER BY r.role) FROM role_assignments r WHERE r.org_id = m.org_id AND r.user_id = m.user_id), '[]'::json) AS roles
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.org_id = ${orgId}
      AND (${filter.userId ?? null}::uuid IS NULL OR u.id = ${filter.userId ?? null}::uuid)
      AND (${search}::text IS NULL OR u.display_name ILIKE ${search} OR u.email ILIKE ${search} OR u.phone ILIKE ${search})
    ORDER BY u.display_name
    LIMIT ${limits.pageSizeMax}`.execute(trx);
  return rows;
}

function toUser(row: UserRow) {
  return {
    id: row.id,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    preferredLocale: row.preferred_locale,
    isActive: row.is_active,
    roles: row.roles,
  };
}

async function loadUser(trx: Tx, orgId: string, userId: string): Promise<UserRow> {
  const [row] = await loadUsers(trx, orgId, { userId });
  if (row === undefined) throw new AppError("record_must_exist");
  return row;
}

/** A scoped role must name an office, a federation node or a group of the organization. */
async function checkScopes(trx: Tx, orgId: string, roles: readonly RoleAssignment[]): Promise<void> {
  for (const assignment of roles) {
    if (assignment.scopeKind === "organization") continue;
    if (assignment.scopeId === null) throw new AppError("scope_must_exist", { field: "roles" });
    const found =
      assignment.scopeKind === "federation"
        ? await trx
            .selectFrom("federation_nodes")
            .select("id")
            .where("org_id", "=", orgId)
            .where("id", "=", assignment.scopeId)
            .executeTakeFirst()
        : assignment.scopeKind === "office"
          ? await trx
              .selectFrom("offices")
              .select("id")
              .where("org_id", "=", orgId)
              .where("id", "=", assignment.scopeId)
              .executeTakeFirst()
          : await trx
              .selectFrom("groups")
              .select("id")
              .where("org_id", "=", orgId)
              .where("id", "=", assignment.scopeId)
              .executeTakeFirst();
    if (found === undefined) throw new AppError("scope_must_exist", { field: "roles" });
  }
}

async function checkAdministratorRemains(trx: Tx, orgId: string): Promise<void> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM role_assignments r
    JOIN memberships m ON m.org_id = r.org_id AND m.user_id = r.user_id AND m.is_active
    WHERE r.org_id = ${orgId} AND r.role = 'administrator' AND r.scope_kind = 'organization'`.execute(trx);
  if ((rows[0]?.n ?? 0) === 0) throw new AppError("organization_must_keep_an_administrator");
}

async function replaceRoles(
  trx: Tx,
  orgId: string,
  userId: string,
  roles: readonly RoleAssignment[],
): Promise<void> {
  await trx
    .deleteFrom("role_assignments")
    .where("org_id", "=", orgId)
    .where("user_id", "=", userId)
    .execute();
  const unique = [...new Map(roles.map((r) => [`${r.role}|${r.scopeKind}|${r.scopeId}`, r])).values()];
  if (unique.length > 0) {
    await trx
      .insertInto("role_assignments")
      .values(
        unique.map((r) => ({
          org_id: orgId,
          id: newId(),
          user_id: userId,
          role: r.role,
          scope_kind: r.scopeKind,
          scope_id: r.scopeId,
        })),
      )
      .execute();
  }
}

const rolesChangePayload = z.object({
  userId: uuidSchema,
  roles: z.array(roleAssignmentSchema).max(limits.roleAssignmentsPerUserMax),
});
type RolesChange = z.infer<typeof rolesChangePayload>;

async function executeRolesChange(trx: Tx, context: ActionContext, payload: RolesChange) {
  const before = await loadUser(trx, context.orgId, payload.userId);
  await checkScopes(trx, context.orgId, payload.roles);
  await replaceRoles(trx, context.orgId, payload.userId, payload.roles);
  await checkAdministratorRemains(trx, context.orgId);
  const after = await loadUser(trx, context.orgId, payload.userId);
  return {
    result: toUser(after),
    recordType: "user",
    recordId: payload.userId,
    summary: { user: before.display_name, before: before.roles, after: after.roles },
  };
}

const rolesAction: ApprovableAction<RolesChange, ReturnType<typeof toUser>> = {
  action: "user.roles.change",
  permission: "roles.assign",
  payloadSchema: rolesChangePayload,
  summarize: async (trx, context, payload) => {
    const user = await loadUser(trx, context.orgId, payload.userId);
    await checkScopes(trx, context.orgId, payload.roles);
    return { user: user.display_name, userId: payload.userId, before: user.roles, after: payload.roles };
  },
  execute: executeRolesChange,
};
registerApprovableAction(rolesAction);

const createUserResponseSchema = userSchema.extend({
  pendingApprovalId: uuidSchema.nullable().describe("Set when the roles wait for a second person"),
});

export async function userRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/api/v1/users",
    {
      config: { access: { kind: "permission", permission: "users.read" } },
      schema: {
        tags,
        summary: "Users of the organization, with their roles",
        querystring: z.strictObject({ q: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(userSchema) }) },
      },
    },
    async (request) => {
      const rows = await inTenant(database, request, (trx) =>
        loadUsers(trx, memberOf(request).orgId, request.query.q === undefined ? {} : { q: request.query.q }),
      );
      return { items: rows.map(toUser) };
    },
  );

  routes.get(
    "/api/v1/users/:userId",
    {
      config: { access: { kind: "permission", permission: "users.read" } },
      schema: {
        tags,
        summary: "One user of the organization",
        params: z.object({ userId: uuidSchema }),
        response: { 200: userSchema },
      },
    },
    async (request) =>
      toUser(
        await inTenant(database, request, (trx) =>
          loadUser(trx, memberOf(request).orgId, request.params.userId),
        ),
      ),
  );

  routes.post(
    "/api/v1/users",
    {
      config: { access: { kind: "permission", permission: "users.manage" } },
      schema: {
        tags,
        summary: "Add a user to the organization (a new one, or one who works elsewhere already)",
        body: createUserRequestSchema,
        response: { 201: createUserResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const body = request.body;
      const email = body.email ? normalizeEmail(body.email) : null;
      const phone = body.phone ? normalizePhone(body.phone) : null;
      if (email === null && phone === null)
        throw new AppError("email_or_phone_must_be_given", { field: "email" });
      if (email !== null && !email.ok) throw new AppError(email.code, { field: "email" });
      if (phone !== null && !phone.ok) throw new AppError(phone.code, { field: "phone" });
      if (body.roles.length > 0 && !actor.organizationPermissions.has("roles.assign")) {
        throw new AppError("permission_must_be_granted", { permission: "roles.assign" });
      }
      const emailValue = email?.value ?? null;
      const phoneValue = phone?.value ?? null;
      const policy = checkPassword(body.password, [emailValue?.split("@")[0] ?? "", body.displayName]);
      const passwordHash = policy.ok ? await hashPassword(body.password) : null;

      const userId = await inTenant(database, request, async (trx) => {
        await checkScopes(trx, actor.orgId, body.roles);
        const { rows } = await sql<{
          id: string | null;
        }>`SELECT moldir_find_user(${emailValue}, ${phoneValue}) AS id`.execute(trx);
        const existing = rows[0]?.id ?? null;
        let id = existing;
        if (existing === null) {
          if (!policy.ok) throw refusal(policy);
          assert(passwordHash !== null, "a password that passed the policy was hashed");
          id = newId();
          await trx
            .insertInto("users")
            .values({
              id,
              email: emailValue,
              phone: phoneValue,
              display_name: body.displayName,
              preferred_locale: body.preferredLocale ?? "ru",
            })
            .execute();
          await trx
            .insertInto("user_credentials")
            .values({ user_id: id, password_hash: passwordHash })
            .execute();
        } else {
          const member = await trx
            .selectFrom("memberships")
            .select("user_id")
            .where("org_id", "=", actor.orgId)
            .where("user_id", "=", existing)
            .executeTakeFirst();
          if (member !== undefined)
            throw new AppError(emailValue !== null ? "email_must_be_unique" : "phone_must_be_unique", {
              field: emailValue !== null ? "email" : "phone",
            });
        }
        assert(id !== null, "the user exists or was just made");
        await trx.insertInto("memberships").values({ org_id: actor.orgId, user_id: id }).execute();
        await audit(trx, request, {
          action: "user.add",
          recordType: "user",
          recordId: id,
          summary: { displayName: body.displayName, existingUser: existing !== null },
        });
        return id;
      });

      let pendingApprovalId: string | null = null;
      if (body.roles.length > 0) {
        const performed = await performOrQueue(database, request, rolesAction, { userId, roles: body.roles });
        if (performed.kind === "pending") pendingApprovalId = performed.approvalId;
      }
      const row = await inTenant(database, request, (trx) => loadUser(trx, actor.orgId, userId));
      return reply.code(201).send({ ...toUser(row), pendingApprovalId });
    },
  );

  routes.patch(
    "/api/v1/users/:userId",
    {
      config: { access: { kind: "permission", permission: "users.manage" } },
      schema: {
        tags,
        summary: "Rename a user or (de)activate her membership",
        params: z.object({ userId: uuidSchema }),
        body: updateUserRequestSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { userId } = request.params;
      const row = await inTenant(database, request, async (trx) => {
        const before = await loadUser(trx, orgId, userId);
        if (request.body.displayName !== undefined) {
          await trx
            .updateTable("users")
            .set({ display_name: request.body.displayName, version: sql<number>`version + 1` })
            .where("id", "=", userId)
            .execute();
        }
        if (request.body.isActive !== undefined) {
          await trx
            .updateTable("memberships")
            .set({ is_active: request.body.isActive })
            .where("org_id", "=", orgId)
            .where("user_id", "=", userId)
            .execute();
          if (!request.body.isActive) await checkAdministratorRemains(trx, orgId);
        }
        const after = await loadUser(trx, orgId, userId);
        await audit(trx, request, {
          action: "user.update",
          recordType: "user",
          recordId: userId,
          summary: {
            before: { displayName: before.display_name, isActive: before.is_active },
            after: { displayName: after.display_name, isActive: after.is_active },
          },
        });
        return after;
      });
      return toUser(row);
    },
  );

  routes.put(
    "/api/v1/users/:userId/roles",
    {
      config: { access: { kind: "permission", permission: "roles.assign" } },
      schema: {
        tags,
        summary: "Set a user's roles (may wait for a second person)",
        params: z.object({ userId: uuidSchema }),
        body: setRolesRequestSchema,
        response: { 200: userSchema, 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      const performed = await performOrQueue(database, request, rolesAction, {
        userId: request.params.userId,
        roles: request.body.roles,
      });
      if (performed.kind === "pending")
        return reply
          .code(202)
          .send({ status: "pending_approval" as const, approvalId: performed.approvalId });
      return reply.code(200).send(performed.result);
    },
  );
}
