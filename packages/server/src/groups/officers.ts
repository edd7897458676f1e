/**
 * A group's officers (leader, bookkeeper, cashier) and their terms (migration 0020). A role has at most one
 * holder on a day: appointing someone ends the previous holder's term the day before. Only an active member
 * may hold a role. Terms are kept as history, also of members who left.
 */
import {
  appointGroupOfficerRequestSchema,
  endGroupOfficerTermRequestSchema,
  groupOfficersResponseSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { addDays, type PlainDate, plainDate } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { loadGroupRow } from "./state";

async function officersOf(trx: Tx, orgId: string, groupId: string, asOf: PlainDate) {
  const rows = await trx
    .selectFrom("group_officers as o")
    .innerJoin("group_members as m", (join) =>
      join.onRef("m.org_id", "=", "o.org_id").onRef("m.id", "=", "o.member_id"),
    )
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "m.org_id").onRef("p.id", "=", "m.person_id"),
    )
    .select(["o.id", "o.role", "o.member_id", "o.from_on", "o.to_on", "p.surname", "p.given_name"])
    .where("o.org_id", "=", orgId)
    .where("o.group_id", "=", groupId)
    .orderBy("o.from_on", "desc")
    .orderBy("o.role")
    .execute();
  const terms = rows.map((row) => ({
    id: row.id,
    role: row.role,
    memberId: row.member_id,
    name: `${row.surname} ${row.given_name}`,
    fromOn: row.from_on,
    toOn: row.to_on,
  }));
  const current = terms.filter((term) => term.fromOn <= asOf && (term.toOn === null || term.toOn >= asOf));
  return { asOf, current, terms };
}

export function groupOfficerRoutes(app: FastifyInstance, database: Database): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "groups.read", anyScope: true } } as const;
  const manage = { access: { kind: "permission", permission: "groups.manage", anyScope: true } } as const;
  const params = z.object({ groupId: uuidSchema });

  routes.get(
    "/api/v1/groups/:groupId/officers",
    {
      config: read,
      schema: {
        tags: ["groups"],
        summary: "The group's officers on a date, and every term",
        params,
        querystring: z.strictObject({
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: { 200: groupOfficersResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId);
        const asOf =
          request.query.asOf === undefined
            ? await todayOf(trx, orgId)
            : dateOrRefuse(request.query.asOf, "asOf");
        return officersOf(trx, orgId, group.id, asOf);
      });
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/officers",
    {
      config: manage,
      schema: {
        tags: ["groups"],
        summary: "Appoint a member to a role from a date; the previous holder's term ends the day before",
        params,
        body: appointGroupOfficerRequestSchema,
        response: { 201: groupOfficersResponseSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const fromOn = dateOrRefuse(request.body.fromOn, "fromOn");
      const result = await inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId, true);
        if (fromOn < plainDate(group.formed_on))
          throw new AppError("officer_term_must_follow_previous", {
            field: "fromOn",
            after: group.formed_on,
          });
        const member = await trx
          .selectFrom("group_members")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("group_id", "=", group.id)
          .where("id", "=", request.body.memberId)
          .executeTakeFirst();
        if (
          member === undefined ||
          member.joined_on > fromOn ||
          (member.left_on !== null && member.left_on <= fromOn)
        )
          throw new AppError("member_must_be_active", { field: "memberId", memberId: request.body.memberId });
        // Terms of a role follow one another, so the latest is the only one that can still be open.
        const latest = await trx
          .selectFrom("group_officers")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("group_id", "=", group.id)
          .where("role", "=", request.body.role)
          .orderBy("from_on", "desc")
          .limit(1)
          .executeTakeFirst();
        const latestDay = latest === undefined ? null : (latest.to_on ?? latest.from_on);
        if (latestDay !== null && latestDay >= fromOn)
          throw new AppError("officer_term_must_follow_previous", { field: "fromOn", after: latestDay });
        const open = latest?.to_on === null ? latest : undefined;
        if (open !== undefined)
          await trx
            .updateTable("group_officers")
            .set({ to_on: addDays(fromOn, -1) })
            .where("org_id", "=", orgId)
            .where("id", "=", open.id)
            .execute();
        const id = newId();
        await trx
          .insertInto("group_officers")
          .values({
            org_id: orgId,
            id,
            group_id: group.id,
            member_id: member.id,
            role: request.body.role,
            from_on: fromOn,
            to_on: null,
            created_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "group.officer_appoint",
          recordType: "group",
          recordId: group.id,
          summary: {
            officerId: id,
            role: request.body.role,
            memberId: member.id,
            fromOn,
            ended: open?.id ?? null,
          },
        });
        return officersOf(trx, orgId, group.id, fromOn);
      });
      return reply.code(201).send(result);
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/officers/:officerId/end",
    {
      config: manage,
      schema: {
        tags: ["groups"],
        summary:
          "End an officer's term on a date (nobody holds the role after it until someone is appointed)",
        params: params.extend({ officerId: uuidSchema }),
        body: endGroupOfficerTermRequestSchema,
        response: { 200: groupOfficersResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const toOn = dateOrRefuse(request.body.toOn, "toOn");
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId, true);
        const term = await trx
          .selectFrom("group_officers")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("group_id", "=", group.id)
          .where("id", "=", request.params.officerId)
          .executeTakeFirst();
        if (term === undefined) throw new AppError("record_must_exist");
        if (term.to_on !== null) throw new AppError("officer_term_must_be_open");
        if (toOn < term.from_on)
          throw new AppError("officer_term_must_follow_previous", { field: "toOn", after: term.from_on });
        await trx
          .updateTable("group_officers")
          .set({ to_on: toOn })
          .where("org_id", "=", orgId)
          .where("id", "=", term.id)
          .execute();
        await audit(trx, request, {
          action: "group.officer_end",
          recordType: "group",
          recordId: group.id,
          summary: { officerId: term.id, role: term.role, toOn },
        });
        return officersOf(trx, orgId, group.id, toOn);
      });
    },
  );
}
