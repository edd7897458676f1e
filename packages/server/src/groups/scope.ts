/**
 * Which groups an actor may reach with a permission. Held over the whole organization, it reaches every group;
 * held through roles scoped to one group or to an office, it reaches those groups and the groups served by the
 * office and the offices below it. A group out of reach answers 404, as if it did not exist.
 */
import { sql, type Tx } from "@moldir/db";
import { limits, type Permission, rolePermissions } from "@moldir/domain";
import type { Actor } from "../http/access";
import { AppError } from "../http/app-error";

export type GroupScope =
  | { readonly kind: "all" }
  | {
      readonly kind: "some";
      readonly groupIds: ReadonlySet<string>;
      readonly officeIds: ReadonlySet<string>;
    };

export async function groupScopeOf(
  trx: Tx,
  actor: Actor & { orgId: string },
  permission: Permission,
): Promise<GroupScope> {
  if (actor.organizationPermissions.has(permission)) return { kind: "all" };
  const granting = actor.assignments.filter((a) => rolePermissions[a.role].includes(permission));
  const groupIds = new Set(
    granting.filter((a) => a.scopeKind === "group" && a.scopeId !== null).map((a) => a.scopeId as string),
  );
  const officeRoots = granting
    .filter((a) => a.scopeKind === "office" && a.scopeId !== null)
    .map((a) => a.scopeId as string);
  const officeIds = new Set<string>();
  if (officeRoots.length > 0) {
    const { rows } = await sql<{ id: string }>`WITH RECURSIVE down(id, depth) AS (
        SELECT id, 0 FROM offices WHERE org_id = ${actor.orgId} AND id = ANY(${officeRoots}::uuid[])
        UNION ALL
        SELECT o.id, down.depth + 1 FROM offices o JOIN down ON o.org_id = ${actor.orgId} AND o.parent_id = down.id
        WHERE down.depth < ${limits.officesPerOrganizationMax}
      ) SELECT DISTINCT id FROM down`.execute(trx);
    for (const row of rows) officeIds.add(row.id);
  }
  return { kind: "some", groupIds, officeIds };
}

export function isGroupInScope(
  scope: GroupScope,
  group: { readonly id: string; readonly office_id: string | null },
): boolean {
  if (scope.kind === "all") return true;
  return scope.groupIds.has(group.id) || (group.office_id !== null && scope.officeIds.has(group.office_id));
}

export function requireGroupInScope(
  scope: GroupScope,
  group: { readonly id: string; readonly office_id: string | null },
): void {
  if (!isGroupInScope(scope, group)) throw new AppError("record_must_exist");
}
