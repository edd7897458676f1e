/**
 * Which loans an actor may reach. Held over the whole organization, a loan permission reaches every loan;
 * held through a role scoped to an office (a branch), it reaches the loans booked at that office and the offices
 * below it: a branch's loan officer sees and serves her branch's portfolio. A loan out of reach answers 404, as if
 * it did not exist. Products, lending rules and the organization's reports need the permission organization-wide.
 */
import type { Database, Tx } from "@moldir/db";
import type { Permission } from "@moldir/domain";
import type { FastifyRequest } from "fastify";
import { groupScopeOf } from "../groups/scope";
import { type Actor, memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { inTenant } from "../http/tenant";

/** "all", or the offices whose loans are in reach. */
export type LoanReach = "all" | ReadonlySet<string>;

export async function loanReachOf(
  trx: Tx,
  actor: Actor & { readonly orgId: string },
  permission: Permission,
): Promise<LoanReach> {
  if (actor.organizationPermissions.has(permission)) return "all";
  const scope = await groupScopeOf(trx, actor, permission);
  return scope.kind === "all" ? "all" : scope.officeIds;
}

export function isOfficeInReach(reach: LoanReach, officeId: string | null): boolean {
  return reach === "all" || (officeId !== null && reach.has(officeId));
}

/** A preHandler: a route naming `:loanId` answers 404 when the loan is booked outside the actor's offices. */
export function loanReachCheck(database: Database) {
  return async (request: FastifyRequest): Promise<void> => {
    const access = request.routeOptions.config.access;
    const { loanId } = request.params as { loanId?: string };
    if (access?.kind !== "permission" || loanId === undefined) return;
    const actor = memberOf(request);
    if (actor.organizationPermissions.has(access.permission)) return;
    await inTenant(database, request, async (trx) => {
      const loan = await trx
        .selectFrom("loans")
        .select("office_id")
        .where("org_id", "=", actor.orgId)
        .where("id", "=", loanId)
        .executeTakeFirst();
      // An unknown loan answers 404 from its handler; one out of reach answers the same here.
      if (
        loan !== undefined &&
        !isOfficeInReach(await loanReachOf(trx, actor, access.permission), loan.office_id)
      )
        throw new AppError("record_must_exist");
    });
  };
}
