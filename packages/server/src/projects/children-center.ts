/**
 * HTTP routes of the children's support center. A child is registered from her own person record, under 18,
 * with her household and mother when known (the mother must be in that household); attendance is kept as one
 * sheet a day, which the day's entry replaces; services are meals, tutoring, the psychologist and clothes. Case
 * notes are read and written only with `case_notes.manage` (case workers): every other role is refused, and the
 * child's page does not mention them. A child's page shows her mother's groups, savings and loans.
 */
import {
  caseNoteSchema,
  centerAttendanceSchema,
  childDetailSchema,
  childSummarySchema,
  recordCenterAttendanceRequestSchema,
  recordCenterServiceRequestSchema,
  registerChildRequestSchema,
  uuidSchema,
  writeCaseNoteRequestSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import { ageInYears, type PlainDate, plainDate } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberBalances } from "../groups/state";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { loadPerson, type PersonRow, personColumns, toPersonSummary } from "../people/persons";

const tags = ["children-center"];
const childParams = z.object({ childId: uuidSchema });
const childrenMax = 5_000;

async function loadChild(trx: Tx, orgId: string, childId: string) {
  const row = await trx
    .selectFrom("center_children")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", childId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  return row;
}

async function childSummaries(trx: Tx, orgId: string, today: PlainDate, ids?: readonly string[]) {
  let query = trx.selectFrom("center_children").selectAll().where("org_id", "=", orgId);
  if (ids !== undefined) query = query.where("id", "in", [...ids]);
  const rows = await query.orderBy("enrolled_on").limit(childrenMax).execute();
  if (rows.length === 0) return [];
  const personIds = [
    ...new Set(
      rows.flatMap((r) => (r.mother_person_id === null ? [r.person_id] : [r.person_id, r.mother_person_id])),
    ),
  ];
  const people = (await trx
    .selectFrom("persons")
    .select(personColumns)
    .where("org_id", "=", orgId)
    .where("id", "in", personIds)
    .execute()) as PersonRow[];
  const byId = new Map(people.map((p) => [p.id, p]));
  const monthStart = `${today.slice(0, 7)}-01`;
  const days = await trx
    .selectFrom("center_attendance")
    .select(["child_id", sql<string>`count(*)`.as("n")])
    .where("org_id", "=", orgId)
    .where("attended_on", ">=", monthStart)
    .where("attended_on", "<=", today)
    .groupBy("child_id")
    .execute();
  const daysById = new Map(days.map((d) => [d.child_id, Number(d.n)]));
  return rows.map((r) => {
    const person = byId.get(r.person_id);
    if (person === undefined) throw new Error(`child ${r.id} without her person record`);
    const mother = r.mother_person_id === null ? undefined : byId.get(r.mother_person_id);
    return {
      id: r.id,
      person: toPersonSummary(person),
      mother: mother === undefined ? null : toPersonSummary(mother),
      householdId: r.household_id,
      school: r.school,
      grade: r.grade,
      needs: r.needs,
      enrolledOn: r.enrolled_on,
      leftOn: r.left_on,
      daysThisMonth: daysById.get(r.id) ?? 0,
    };
  });
}

/** The mother's self-help groups with her savings and loans, for the household view. */
async function motherGroups(trx: Tx, orgId: string, motherPersonId: string | null) {
  if (motherPersonId === null) return [];
  const memberships = await trx
    .selectFrom("group_members as m")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "m.org_id").onRef("g.id", "=", "m.group_id"),
    )
    .select(["m.id as member_id", "g.id as group_id", "g.name"])
    .where("m.org_id", "=", orgId)
    .where("m.person_id", "=", motherPersonId)
    .where("m.left_on", "is", null)
    .limit(20)
    .execute();
  const result = [];
  for (const m of memberships) {
    const balance = (await memberBalances(trx, orgId, m.group_id)).get(m.member_id);
    result.push({
      groupId: m.group_id,
      groupName: m.name,
      savingsMinor: (balance?.savingsMinor ?? 0n).toString(),
      loansOutstandingMinor: (balance?.loansOutstandingMinor ?? 0n).toString(),
    });
  }
  return result;
}

async function registerChild(trx: Tx, orgId: string, body: z.infer<typeof registerChildRequestSchema>) {
  const enrolledOn = dateOrRefuse(body.enrolledOn, "enrolledOn");
  const child = await loadPerson(trx, orgId, body.personId);
  if (child.merged_into_id !== null) throw new AppError("person_must_not_be_merged");
  if (child.erased_at !== null) throw new AppError("person_must_not_be_erased");
  if (child.birth_date === null || ageInYears(plainDate(child.birth_date), enrolledOn) >= 18)
    throw new AppError("child_must_be_under_18", { field: "personId" });
  const motherId = body.motherPersonId ?? null;
  const householdId = body.householdId ?? null;
  if (motherId !== null) await loadPerson(trx, orgId, motherId);
  if (householdId !== null) {
    const household = await trx
      .selectFrom("households")
      .select("id")
      .where("org_id", "=", orgId)
      .where("id", "=", householdId)
      .executeTakeFirst();
    if (household === undefined) throw new AppError("record_must_exist", { field: "householdId" });
    if (motherId !== null) {
      const member = await trx
        .selectFrom("household_members")
        .select("person_id")
        .where("org_id", "=", orgId)
        .where("household_id", "=", householdId)
        .where("person_id", "=", motherId)
        .executeTakeFirst();
      if (member === undefined)
        throw new AppError("mother_must_belong_to_household", { field: "motherPersonId" });
    }
  }
  const active = await trx
    .selectFrom("center_children")
    .select("id")
    .where("org_id", "=", orgId)
    .where("person_id", "=", child.id)
    .where("left_on", "is", null)
    .executeTakeFirst();
  if (active !== undefined) throw new AppError("child_must_be_new_to_center", { field: "personId" });
  const id = newId();
  await trx
    .insertInto("center_children")
    .values({
      org_id: orgId,
      id,
      person_id: child.id,
      household_id: householdId,
      mother_person_id: motherId,
      school: body.school ?? null,
      grade: body.grade ?? null,
      needs: body.needs ?? [],
      enrolled_on: enrolledOn,
    })
    .execute();
  return id;
}

/** Refuses the first child (1-based row) not registered at the center on the day. */
async function requireAttending(trx: Tx, orgId: string, childIds: readonly string[], on: PlainDate) {
  if (childIds.length === 0) return;
  const rows = await trx
    .selectFrom("center_children")
    .select(["id", "enrolled_on", "left_on"])
    .where("org_id", "=", orgId)
    .where("id", "in", [...childIds])
    .execute();
  childIds.forEach((childId, index) => {
    const row = rows.find((r) => r.id === childId);
    if (row === undefined || row.enrolled_on > on || (row.left_on !== null && row.left_on < on))
      throw new AppError("child_must_attend_center", { row: index + 1 });
  });
}

export async function childrenCenterRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "children.read" } } as const;
  const manage = { access: { kind: "permission", permission: "children.manage" } } as const;
  const caseNotes = { access: { kind: "permission", permission: "case_notes.manage" } } as const;

  routes.get(
    "/api/v1/children-center/children",
    {
      config: read,
      schema: {
        tags,
        summary: "Children registered at the center, with the days each attended this month",
        response: { 200: z.object({ items: z.array(childSummarySchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) =>
        childSummaries(trx, orgId, await todayOf(trx, orgId)),
      );
      return { items };
    },
  );

  routes.post(
    "/api/v1/children-center/children",
    {
      config: manage,
      schema: {
        tags,
        summary: "Register a child at the center with her household and mother",
        body: registerChildRequestSchema,
        response: { 201: childSummarySchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const child = await inTenant(database, request, async (trx) => {
        const id = await registerChild(trx, orgId, request.body);
        await audit(trx, request, {
          action: "center_child.register",
          recordType: "center_child",
          recordId: id,
          summary: { enrolledOn: request.body.enrolledOn },
        });
        const [summary] = await childSummaries(trx, orgId, await todayOf(trx, orgId), [id]);
        if (summary === undefined) throw new Error("a registered child can be read");
        return summary;
      });
      return reply.code(201).send(child);
    },
  );

  routes.get(
    "/api/v1/children-center/children/:childId",
    {
      config: read,
      schema: {
        tags,
        summary: "A child with her services, and her mother's groups, savings and loans",
        params: childParams,
        response: { 200: childDetailSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const child = await loadChild(trx, orgId, request.params.childId);
        const [summary] = await childSummaries(trx, orgId, await todayOf(trx, orgId), [child.id]);
        if (summary === undefined) throw new Error("a loaded child can be read");
        const services = await trx
          .selectFrom("center_services")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("child_id", "=", child.id)
          .orderBy("delivered_on", "desc")
          .limit(500)
          .execute();
        return {
          ...summary,
          services: services.map((s) => ({
            id: s.id,
            kind: s.kind,
            deliveredOn: s.delivered_on,
            quantity: s.quantity,
            note: s.note,
          })),
          motherGroups: await motherGroups(trx, orgId, child.mother_person_id),
        };
      });
    },
  );

  routes.get(
    "/api/v1/children-center/attendance",
    {
      config: read,
      schema: {
        tags,
        summary: "The day's attendance sheet (today unless a date is given)",
        querystring: z.strictObject({ on: z.string().optional() }),
        response: { 200: centerAttendanceSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const on =
          request.query.on === undefined ? await todayOf(trx, orgId) : dateOrRefuse(request.query.on, "on");
        const rows = await trx
          .selectFrom("center_attendance")
          .select("child_id")
          .where("org_id", "=", orgId)
          .where("attended_on", "=", on)
          .limit(childrenMax)
          .execute();
        return { attendedOn: on, childIds: rows.map((r) => r.child_id) };
      });
    },
  );

  routes.put(
    "/api/v1/children-center/attendance",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record the day's attendance sheet, replacing what was recorded for that day",
        body: recordCenterAttendanceRequestSchema,
        response: { 200: centerAttendanceSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return inTenant(database, request, async (trx) => {
        const on = dateOrRefuse(request.body.attendedOn, "attendedOn");
        const childIds = [...new Set(request.body.childIds)];
        await requireAttending(trx, actor.orgId, request.body.childIds, on);
        await trx
          .deleteFrom("center_attendance")
          .where("org_id", "=", actor.orgId)
          .where("attended_on", "=", on)
          .execute();
        if (childIds.length > 0)
          await trx
            .insertInto("center_attendance")
            .values(
              childIds.map((childId) => ({
                org_id: actor.orgId,
                child_id: childId,
                attended_on: on,
                recorded_by: actor.userId,
              })),
            )
            .execute();
        await audit(trx, request, {
          action: "center_attendance.record",
          recordType: "center_attendance",
          recordId: null,
          summary: { attendedOn: on, children: childIds.length },
        });
        return { attendedOn: on, childIds };
      });
    },
  );

  routes.post(
    "/api/v1/children-center/children/:childId/services",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record a service to a child: meals, tutoring, the psychologist, clothes",
        params: childParams,
        body: recordCenterServiceRequestSchema,
        response: { 201: z.object({ id: uuidSchema }) },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const id = await inTenant(database, request, async (trx) => {
        const child = await loadChild(trx, actor.orgId, request.params.childId);
        const on = dateOrRefuse(request.body.deliveredOn, "deliveredOn");
        await requireAttending(trx, actor.orgId, [child.id], on);
        const serviceId = newId();
        await trx
          .insertInto("center_services")
          .values({
            org_id: actor.orgId,
            id: serviceId,
            child_id: child.id,
            kind: request.body.kind,
            delivered_on: on,
            quantity: request.body.quantity ?? 1,
            note: request.body.note ?? null,
            recorded_by: actor.userId,
          })
          .execute();
        await audit(trx, request, {
          action: "center_service.record",
          recordType: "center_service",
          recordId: serviceId,
          summary: { childId: child.id, kind: request.body.kind, deliveredOn: on },
        });
        return serviceId;
      });
      return reply.code(201).send({ id });
    },
  );

  routes.get(
    "/api/v1/children-center/children/:childId/case-notes",
    {
      config: caseNotes,
      schema: {
        tags,
        summary: "A child's case notes; case workers only",
        params: childParams,
        response: { 200: z.object({ items: z.array(caseNoteSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) => {
        const child = await loadChild(trx, orgId, request.params.childId);
        const rows = await trx
          .selectFrom("case_notes")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("child_id", "=", child.id)
          .orderBy("written_on", "desc")
          .limit(500)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          childId: r.child_id,
          writtenOn: r.written_on,
          note: r.note,
          authorUserId: r.author_user_id,
        }));
      });
      return { items };
    },
  );

  routes.post(
    "/api/v1/children-center/children/:childId/case-notes",
    {
      config: caseNotes,
      schema: {
        tags,
        summary: "Write a case note about a child; case workers only",
        params: childParams,
        body: writeCaseNoteRequestSchema,
        response: { 201: caseNoteSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const note = await inTenant(database, request, async (trx) => {
        const child = await loadChild(trx, actor.orgId, request.params.childId);
        const writtenOn = dateOrRefuse(request.body.writtenOn, "writtenOn");
        const id = newId();
        await trx
          .insertInto("case_notes")
          .values({
            org_id: actor.orgId,
            id,
            child_id: child.id,
            written_on: writtenOn,
            note: request.body.note,
            author_user_id: actor.userId,
          })
          .execute();
        // The audit log names the note, never its words: the log is read by more roles than the notes are.
        await audit(trx, request, {
          action: "case_note.write",
          recordType: "case_note",
          recordId: id,
          summary: { childId: child.id, writtenOn },
        });
        return { id, childId: child.id, writtenOn, note: request.body.note, authorUserId: actor.userId };
      });
      return reply.code(201).send(note);
    },
  );
}
