/**
 * Which federation nodes an actor may reach with a permission. Held over the whole organization, every node;
 * held through roles scoped to a federation node (`scope_kind = 'federation'`, the node's id), that node and the
 * nodes below it. A node out of reach answers 404, as if it did not exist, and so do its applications and loans.
 */
import { sql, type Tx } from "@moldir/db";
import { limits, type Permission, rolePermissions } from "@moldir/domain";
import type { Actor } from "../http/access";
import { AppError } from "../http/app-error";

export type NodeScope =
  | { readonly kind: "all" }
  | { readonly kind: "some"; readonly nodeIds: ReadonlySet<string> };

/** Bound of the depth of a federation's tree (village → cluster → regional, with room to spare). */
export const nodeDepthMax = 16;

/** The node and every node below it (each root included), bounded. */
export async function nodesBelow(trx: Tx, orgId: string, roots: readonly string[]): Promise<string[]> {
  if (roots.length === 0) return [];
  const { rows } = await sql<{ id: string }>`WITH RECURSIVE down(id, depth) AS (
      SELECT id, 0 FROM federation_nodes WHERE org_id = ${orgId} AND id = ANY(${roots}::uuid[])
      UNION ALL
      SELECT n.id, down.depth + 1 FROM federation_nodes n JOIN down ON n.org_id = ${orgId} AND n.parent_id = down.id
      WHERE down.depth < ${nodeDepthMax}
    ) SELECT DISTINCT id FROM down LIMIT ${limits.officesPerOrganizationMax}`.execute(trx);
  return rows.map((r) => r.id);
}

export async function nodeScopeOf(
  trx: Tx,
  actor: Actor & { orgId: string },
  permission: Permission,
): Promise<NodeScope> {
  if (actor.organizationPermissions.has(permission)) return { kind: "all" };
  const roots = actor.assignments
    .filter(
      (a) =>
        a.scopeKind === "federation" && a.scopeId !== null && rolePermissions[a.role].includes(permission),
    )
    .map((a) => a.scopeId as string);
  return { kind: "some", nodeIds: new Set(await nodesBelow(trx, actor.orgId, roots)) };
}

export function isNodeInScope(scope: NodeScope, nodeId: string): boolean {
  return scope.kind === "all" || scope.nodeIds.has(nodeId);
}

export function requireNodeInScope(scope: NodeScope, nodeId: string): void {
  if (!isNodeInScope(scope, nodeId)) throw new AppError("record_must_exist");
}
