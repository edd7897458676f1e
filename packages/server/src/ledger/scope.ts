/**
 * Which books an actor may reach with a ledger permission. Held over the whole organization, every book;
 * held through scoped roles, the books of the groups in reach (a group, or the groups served by an office
 * subtree) and of the federation nodes in reach (a node and the nodes below it). The organization's own book
 * needs the permission over the whole organization. A book out of reach answers 404, as if it did not exist.
 */
import type { Database, Tx } from "@moldir/db";
import type { Permission } from "@moldir/domain";
import type { FastifyRequest } from "fastify";
import { isNodeInScope, type NodeScope, nodeScopeOf } from "../federations/scope";
import { type GroupScope, groupScopeOf, isGroupInScope } from "../groups/scope";
import { type Actor, memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { inTenant } from "../http/tenant";

export type BookScope =
  | { readonly kind: "all" }
  | { readonly kind: "some"; readonly groups: GroupScope; readonly nodes: NodeScope };

/** What decides whether a book is in reach: its owner and, for a group's book, the office serving the group. */
export interface BookOwner {
  readonly owner_kind: "organization" | "group" | "federation_node";
  readonly group_id: string | null;
  readonly federation_node_id: string | null;
  readonly group_office_id: string | null;
}

export async function bookScopeOf(
  trx: Tx,
  actor: Actor & { orgId: string },
  permission: Permission,
): Promise<BookScope> {
  if (actor.organizationPermissions.has(permission)) return { kind: "all" };
  return {
    kind: "some",
    groups: await groupScopeOf(trx, actor, permission),
    nodes: await nodeScopeOf(trx, actor, permission),
  };
}

export function isBookInScope(scope: BookScope, book: BookOwner): boolean {
  if (scope.kind === "all") return true;
  switch (book.owner_kind) {
    case "organization":
      return false;
    case "group":
      return (
        book.group_id !== null &&
        isGroupInScope(scope.groups, { id: book.group_id, office_id: book.group_office_id })
      );
    case "federation_node":
      return book.federation_node_id !== null && isNodeInScope(scope.nodes, book.federation_node_id);
  }
}

/** The books of an organization with what decides their reach, in the order the books list shows them. */
export function booksWithOwners(trx: Tx, orgId: string) {
  return trx
    .selectFrom("books as b")
    .leftJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "b.org_id").onRef("g.id", "=", "b.group_id"),
    )
    .selectAll("b")
    .select("g.office_id as group_office_id")
    .where("b.org_id", "=", orgId);
}

/** The book, if the actor may reach it with the permission; 404 otherwise. */
export async function reachableBook(
  trx: Tx,
  actor: Actor & { orgId: string },
  permission: Permission,
  bookId: string,
) {
  const book = await booksWithOwners(trx, actor.orgId).where("b.id", "=", bookId).executeTakeFirst();
  if (book === undefined) throw new AppError("record_must_exist");
  if (!isBookInScope(await bookScopeOf(trx, actor, permission), book))
    throw new AppError("record_must_exist");
  return book;
}

/** The book of an account (or of an entry), if in reach; 404 for an unknown record or one out of reach. */
export async function requireBookOf(
  trx: Tx,
  actor: Actor & { orgId: string },
  permission: Permission,
  record: { readonly table: "accounts" | "journal_entries"; readonly id: string },
): Promise<void> {
  const row = await trx
    .selectFrom(record.table)
    .select("book_id")
    .where("org_id", "=", actor.orgId)
    .where("id", "=", record.id)
    .executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  await reachableBook(trx, actor, permission, row.book_id);
}

/**
 * A preHandler for the ledger's routes: an actor who holds the route's permission only in some scope reaches
 * the book named by `bookId` (or the book of `accountId`, of `entryId`) only when it is in that scope. Over
 * the whole organization nothing is checked here (the fast path: no query).
 */
export function bookReachCheck(database: Database) {
  return async (request: FastifyRequest): Promise<void> => {
    const access = request.routeOptions.config.access;
    if (access?.kind !== "permission") return;
    const actor = memberOf(request);
    if (actor.organizationPermissions.has(access.permission)) return;
    const params = request.params as { bookId?: string; accountId?: string; entryId?: string };
    await inTenant(database, request, async (trx) => {
      if (params.bookId !== undefined) await reachableBook(trx, actor, access.permission, params.bookId);
      else if (params.accountId !== undefined)
        await requireBookOf(trx, actor, access.permission, { table: "accounts", id: params.accountId });
      else if (params.entryId !== undefined)
        await requireBookOf(trx, actor, access.permission, { table: "journal_entries", id: params.entryId });
    });
  };
}
