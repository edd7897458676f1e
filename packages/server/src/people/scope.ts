/**
 * Which persons a user may see (docs/adr/0013-people-scope-and-jobs.md). Holding `people.read` over the whole
 * organization, every person. Holding it only through roles scoped to groups or offices, the persons who are or
 * were members of a group within that scope (the group itself, or served by the office or an office below it),
 * and the persons she registered herself, so that a facilitator still finds the woman she has just registered
 * before she joins the group. A person out of reach answers 404, as if she did not exist.
 */
import type { Tx } from "@moldir/db";
import type { Permission } from "@moldir/domain";
import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import { type GroupScope, groupScopeOf } from "../groups/scope";
import type { Actor } from "../http/access";
import { AppError } from "../http/app-error";

export type PersonScope =
  | { readonly kind: "all" }
  | { readonly kind: "some"; readonly groups: GroupScope & { kind: "some" }; readonly userId: string };

export async function personScopeOf(
  trx: Tx,
  actor: Actor & { orgId: string },
  permission: Permission = "people.read",
): Promise<PersonScope> {
  const groups = await groupScopeOf(trx, actor, permission);
  if (groups.kind === "all") return groups;
  return { kind: "some", groups, userId: actor.userId };
}

/** The condition on `persons as p` that keeps the persons within a scope. */
// biome-ignore lint/suspicious/noExplicitAny: the condition fits any query that names persons `p`.
export function personInScope(eb: ExpressionBuilder<any, any>, scope: PersonScope): Expression<SqlBool> {
  if (scope.kind === "all") return eb.lit(true);
  const groupIds = [...scope.groups.groupIds];
  const officeIds = [...scope.groups.officeIds];
  const reach: Expression<SqlBool>[] = [];
  if (groupIds.length > 0) reach.push(eb("g.id", "in", groupIds));
  if (officeIds.length > 0) reach.push(eb("g.office_id", "in", officeIds));
  const viaGroup =
    reach.length === 0
      ? eb.lit(false)
      : eb.exists(
          eb
            .selectFrom("group_members as sm")
            .innerJoin("groups as g", (join) =>
              join.onRef("g.org_id", "=", "sm.org_id").onRef("g.id", "=", "sm.group_id"),
            )
            .select("sm.person_id")
            .whereRef("sm.org_id", "=", "p.org_id")
            .whereRef("sm.person_id", "=", "p.id")
            .where((inner) => inner.or(reach)),
        );
  return eb.or([viaGroup, eb("p.created_by", "=", scope.userId)]);
}

/** Refuses a person out of the actor's scope as if she did not exist. */
export async function requirePersonInScope(trx: Tx, scope: PersonScope, orgId: string, personId: string) {
  if (scope.kind === "all") return;
  const found = await trx
    .selectFrom("persons as p")
    .select("p.id")
    .where("p.org_id", "=", orgId)
    .where("p.id", "=", personId)
    .where((eb) => personInScope(eb, scope))
    .executeTakeFirst();
  if (found === undefined) throw new AppError("record_must_exist");
}
