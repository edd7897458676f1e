/**
 * HTTP routes of trainings: courses; sessions with a trainer, place and dates; participants from the
 * organization's groups (who must be members of the group named) or from partner NGOs; the days each attended
 * and her test scores before and after; a certificate (PDF, kk/ru/en) for whoever attended every day; and a
 * group's training history.
 */
import {
  addParticipantRequestSchema,
  courseSchema,
  createCourseRequestSchema,
  createSessionRequestSchema,
  groupTrainingSchema,
  plainDateSchema,
  rollCallRequestSchema,
  sessionSchema,
  updateCourseRequestSchema,
  updateParticipantRequestSchema,
  updateSessionRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { daysBetween, daysRequiredForCertificate, plainDate } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sendExport } from "../exports/render";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { loadPerson, type PersonRow, personColumns, toPersonSummary } from "../people/persons";
import { renderCertificate } from "./certificate";

const tags = ["trainings"];
const sessionParams = z.object({ sessionId: uuidSchema });
const participantParams = z.object({ sessionId: uuidSchema, personId: uuidSchema });
const listMax = 1_000;

function toCourse(row: {
  id: string;
  name: string;
  topic: string;
  hours: number;
  certificate_share_bps: number;
}) {
  return {
    id: row.id,
    name: row.name,
    topic: row.topic as z.infer<typeof courseSchema>["topic"],
    hours: row.hours,
    certificateShareBps: row.certificate_share_bps,
  };
}

const sessionDays = (s: { starts_on: string; ends_on: string }) =>
  daysBetween(plainDate(s.starts_on), plainDate(s.ends_on)) + 1;

/** Days of a session a certificate needs, from its course's share. */
const daysRequired = (s: { starts_on: string; ends_on: string; certificate_share_bps: number }) =>
  daysRequiredForCertificate(sessionDays(s), s.certificate_share_bps);

async function loadSession(trx: Tx, orgId: string, sessionId: string) {
  const row = await trx
    .selectFrom("training_sessions as s")
    .innerJoin("training_courses as c", (join) =>
      join.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.course_id"),
    )
    .select([
      "s.id",
      "s.trainer_user_id",
      "s.place",
      "s.starts_on",
      "s.ends_on",
      "c.id as course_id",
      "c.name as course_name",
      "c.topic",
      "c.hours",
      "c.certificate_share_bps",
    ])
    .where("s.org_id", "=", orgId)
    .where("s.id", "=", sessionId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  return row;
}

async function sessionDetail(trx: Tx, orgId: string, sessionId: string) {
  const session = await loadSession(trx, orgId, sessionId);
  const days = sessionDays(session);
  const required = daysRequired(session);
  const rollCall = await trx
    .selectFrom("training_attendance_days")
    .select(["person_id", "attended_on"])
    .where("org_id", "=", orgId)
    .where("session_id", "=", sessionId)
    .orderBy("attended_on")
    .limit(listMax * days)
    .execute();
  const attendedDays = new Map<string, string[]>();
  for (const r of rollCall)
    attendedDays.set(r.person_id, [...(attendedDays.get(r.person_id) ?? []), r.attended_on]);
  const participants = await trx
    .selectFrom("training_participants as t")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "t.org_id").onRef("p.id", "=", "t.person_id"),
    )
    .select([
      "t.group_id",
      "t.partner_organization",
      "t.days_attended",
      "t.pre_score",
      "t.post_score",
      ...personColumns.map((c) => `p.${c}` as const),
    ])
    .where("t.org_id", "=", orgId)
    .where("t.session_id", "=", sessionId)
    .orderBy("p.surname")
    .limit(listMax)
    .execute();
  return {
    id: session.id,
    course: toCourse({
      id: session.course_id,
      name: session.course_name,
      topic: session.topic,
      hours: session.hours,
      certificate_share_bps: session.certificate_share_bps,
    }),
    trainerUserId: session.trainer_user_id,
    place: session.place,
    startsOn: session.starts_on,
    endsOn: session.ends_on,
    days,
    daysRequired: required,
    participants: participants.map((p) => ({
      person: toPersonSummary(p as unknown as PersonRow),
      groupId: p.group_id,
      partnerOrganization: p.partner_organization,
      daysAttended: p.days_attended,
      preScore: p.pre_score,
      postScore: p.post_score,
      hasCompleted: p.days_attended >= required,
      attendedDays: attendedDays.get(p.id) ?? [],
    })),
  };
}

async function loadParticipant(trx: Tx, orgId: string, sessionId: string, personId: string) {
  const row = await trx
    .selectFrom("training_participants")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("session_id", "=", sessionId)
    .where("person_id", "=", personId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  return row;
}

export async function trainingRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const manage = { access: { kind: "permission", permission: "trainings.manage" } } as const;
  // A group's history is read organization-wide: the group scopes of the groups' routes do not reach here.
  const groupRead = { access: { kind: "permission", permission: "groups.read" } } as const;

  routes.get(
    "/api/v1/training-courses",
    {
      config: manage,
      schema: {
        tags,
        summary: "Training courses",
        response: { 200: z.object({ items: z.array(courseSchema) }) },
      },
    },
    async (request) => {
      const rows = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("training_courses")
          .selectAll()
          .where("org_id", "=", memberOf(request).orgId)
          .orderBy("name")
          .limit(listMax)
          .execute(),
      );
      return { items: rows.map(toCourse) };
    },
  );

  routes.post(
    "/api/v1/training-courses",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a training course",
        body: createCourseRequestSchema,
        response: { 201: courseSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const course = await inTenant(database, request, async (trx) => {
        const id = newId();
        await trx
          .insertInto("training_courses")
          .values({
            org_id: orgId,
            id,
            name: request.body.name,
            topic: request.body.topic,
            hours: request.body.hours,
            certificate_share_bps: request.body.certificateShareBps ?? 10_000,
          })
          .execute();
        await audit(trx, request, {
          action: "training_course.create",
          recordType: "training_course",
          recordId: id,
        });
        return { id, ...request.body, certificateShareBps: request.body.certificateShareBps ?? 10_000 };
      });
      return reply.code(201).send(course);
    },
  );

  routes.patch(
    "/api/v1/training-courses/:courseId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Correct a training course: name, topic, hours, the share of days a certificate needs",
        params: z.object({ courseId: uuidSchema }),
        body: updateCourseRequestSchema,
        response: { 200: courseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { body } = request;
      return inTenant(database, request, async (trx) => {
        const before = await trx
          .selectFrom("training_courses")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.courseId)
          .forUpdate()
          .executeTakeFirst();
        if (before === undefined) throw new AppError("record_must_exist");
        const after = {
          ...before,
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.topic === undefined ? {} : { topic: body.topic }),
          ...(body.hours === undefined ? {} : { hours: body.hours }),
          ...(body.certificateShareBps === undefined
            ? {}
            : { certificate_share_bps: body.certificateShareBps }),
        };
        await trx
          .updateTable("training_courses")
          .set({
            name: after.name,
            topic: after.topic,
            hours: after.hours,
            certificate_share_bps: after.certificate_share_bps,
          })
          .where("org_id", "=", orgId)
          .where("id", "=", before.id)
          .execute();
        await audit(trx, request, {
          action: "training_course.update",
          recordType: "training_course",
          recordId: before.id,
          summary: { changed: Object.keys(body) },
        });
        return toCourse(after);
      });
    },
  );

  routes.patch(
    "/api/v1/training-sessions/:sessionId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Correct a training session: trainer, place, dates (days already attended must still fit)",
        params: sessionParams,
        body: updateSessionRequestSchema,
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { body } = request;
      const { sessionId } = request.params;
      return inTenant(database, request, async (trx) => {
        const before = await loadSession(trx, orgId, sessionId);
        const startsOn =
          body.startsOn === undefined ? before.starts_on : dateOrRefuse(body.startsOn, "startsOn");
        const endsOn = body.endsOn === undefined ? before.ends_on : dateOrRefuse(body.endsOn, "endsOn");
        if (endsOn < startsOn) throw new AppError("training_period_must_be_ordered", { field: "endsOn" });
        const outside = await trx
          .selectFrom("training_attendance_days")
          .select("attended_on")
          .where("org_id", "=", orgId)
          .where("session_id", "=", sessionId)
          .where((eb) => eb.or([eb("attended_on", "<", startsOn), eb("attended_on", ">", endsOn)]))
          .orderBy("attended_on")
          .executeTakeFirst();
        if (outside !== undefined)
          throw new AppError("roll_call_day_must_be_in_session", {
            field: "startsOn",
            day: outside.attended_on,
          });
        const days = sessionDays({ starts_on: startsOn, ends_on: endsOn });
        const most = await trx
          .selectFrom("training_participants")
          .select((eb) => eb.fn.max("days_attended").as("most"))
          .where("org_id", "=", orgId)
          .where("session_id", "=", sessionId)
          .executeTakeFirst();
        if (most?.most != null && Number(most.most) > days)
          throw new AppError("attendance_must_not_exceed_session_days", { field: "endsOn", days });
        await trx
          .updateTable("training_sessions")
          .set({
            starts_on: startsOn,
            ends_on: endsOn,
            ...(body.place === undefined ? {} : { place: body.place }),
            ...(body.trainerUserId === undefined ? {} : { trainer_user_id: body.trainerUserId }),
          })
          .where("org_id", "=", orgId)
          .where("id", "=", sessionId)
          .execute();
        await audit(trx, request, {
          action: "training_session.update",
          recordType: "training_session",
          recordId: sessionId,
          summary: { changed: Object.keys(body) },
        });
        return sessionDetail(trx, orgId, sessionId);
      });
    },
  );

  routes.get(
    "/api/v1/training-sessions",
    {
      config: manage,
      schema: {
        tags,
        summary: "Training sessions, newest first (the training calendar)",
        response: { 200: z.object({ items: z.array(sessionSchema.omit({ participants: true })) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const rows = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("training_sessions as s")
          .innerJoin("training_courses as c", (join) =>
            join.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.course_id"),
          )
          .select([
            "s.id",
            "s.trainer_user_id",
            "s.place",
            "s.starts_on",
            "s.ends_on",
            "c.id as course_id",
            "c.name",
            "c.topic",
            "c.hours",
            "c.certificate_share_bps",
          ])
          .where("s.org_id", "=", orgId)
          .orderBy("s.starts_on", "desc")
          .limit(listMax)
          .execute(),
      );
      return {
        items: rows.map((s) => ({
          id: s.id,
          course: toCourse({ ...s, id: s.course_id }),
          trainerUserId: s.trainer_user_id,
          place: s.place,
          startsOn: s.starts_on,
          endsOn: s.ends_on,
          days: sessionDays(s),
          daysRequired: daysRequired(s),
        })),
      };
    },
  );

  routes.post(
    "/api/v1/training-sessions",
    {
      config: manage,
      schema: {
        tags,
        summary: "Schedule a training session",
        body: createSessionRequestSchema,
        response: { 201: sessionSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const session = await inTenant(database, request, async (trx) => {
        const startsOn = dateOrRefuse(request.body.startsOn, "startsOn");
        const endsOn = dateOrRefuse(request.body.endsOn, "endsOn");
        if (endsOn < startsOn) throw new AppError("training_period_must_be_ordered", { field: "endsOn" });
        const course = await trx
          .selectFrom("training_courses")
          .select("id")
          .where("org_id", "=", orgId)
          .where("id", "=", request.body.courseId)
          .executeTakeFirst();
        if (course === undefined) throw new AppError("record_must_exist", { field: "courseId" });
        const id = newId();
        await trx
          .insertInto("training_sessions")
          .values({
            org_id: orgId,
            id,
            course_id: course.id,
            trainer_user_id: request.body.trainerUserId ?? null,
            place: request.body.place,
            starts_on: startsOn,
            ends_on: endsOn,
          })
          .execute();
        await audit(trx, request, {
          action: "training_session.create",
          recordType: "training_session",
          recordId: id,
        });
        return sessionDetail(trx, orgId, id);
      });
      return reply.code(201).send(session);
    },
  );

  routes.get(
    "/api/v1/training-sessions/:sessionId",
    {
      config: manage,
      schema: {
        tags,
        summary: "A training session with its participants",
        params: sessionParams,
        response: { 200: sessionSchema },
      },
    },
    async (request) =>
      inTenant(database, request, (trx) =>
        sessionDetail(trx, memberOf(request).orgId, request.params.sessionId),
      ),
  );

  routes.post(
    "/api/v1/training-sessions/:sessionId/participants",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a participant, from one of the organization's groups or from a partner NGO",
        params: sessionParams,
        body: addParticipantRequestSchema,
        response: { 201: sessionSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const session = await inTenant(database, request, async (trx) => {
        const found = await loadSession(trx, orgId, request.params.sessionId);
        const person = await loadPerson(trx, orgId, request.body.personId);
        const groupId = request.body.groupId ?? null;
        if (groupId !== null) {
          const member = await trx
            .selectFrom("group_members")
            .select("id")
            .where("org_id", "=", orgId)
            .where("group_id", "=", groupId)
            .where("person_id", "=", person.id)
            .where("joined_on", "<=", found.starts_on)
            .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">=", found.starts_on)]))
            .executeTakeFirst();
          if (member === undefined)
            throw new AppError("participant_must_belong_to_group", { field: "groupId" });
        }
        const existing = await trx
          .selectFrom("training_participants")
          .select("person_id")
          .where("org_id", "=", orgId)
          .where("session_id", "=", found.id)
          .where("person_id", "=", person.id)
          .executeTakeFirst();
        if (existing !== undefined)
          throw new AppError("participant_must_be_new_to_session", { field: "personId" });
        await trx
          .insertInto("training_participants")
          .values({
            org_id: orgId,
            session_id: found.id,
            person_id: person.id,
            group_id: groupId,
            partner_organization: request.body.partnerOrganization ?? null,
            pre_score: null,
            post_score: null,
          })
          .execute();
        await audit(trx, request, {
          action: "training_participant.add",
          recordType: "training_session",
          recordId: found.id,
          summary: { groupId },
        });
        return sessionDetail(trx, orgId, found.id);
      });
      return reply.code(201).send(session);
    },
  );

  routes.patch(
    "/api/v1/training-sessions/:sessionId/participants/:personId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record a participant's days attended and test scores",
        params: participantParams,
        body: updateParticipantRequestSchema,
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { sessionId, personId } = request.params;
      return inTenant(database, request, async (trx) => {
        const session = await loadSession(trx, orgId, sessionId);
        await loadParticipant(trx, orgId, sessionId, personId);
        const days = sessionDays(session);
        const { daysAttended, preScore, postScore } = request.body;
        if (daysAttended !== undefined && daysAttended > days)
          throw new AppError("attendance_must_not_exceed_session_days", { field: "daysAttended", days });
        await trx
          .updateTable("training_participants")
          .set({
            ...(daysAttended === undefined ? {} : { days_attended: daysAttended }),
            ...(preScore === undefined ? {} : { pre_score: preScore }),
            ...(postScore === undefined ? {} : { post_score: postScore }),
          })
          .where("org_id", "=", orgId)
          .where("session_id", "=", sessionId)
          .where("person_id", "=", personId)
          .execute();
        await audit(trx, request, {
          action: "training_participant.update",
          recordType: "training_session",
          recordId: sessionId,
          summary: { daysAttended, preScore, postScore },
        });
        return sessionDetail(trx, orgId, sessionId);
      });
    },
  );

  routes.put(
    "/api/v1/training-sessions/:sessionId/roll-calls/:day",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Record one day's roll call of a session (replacing that day's); each participant's days attended is then the count of her days",
        params: z.object({ sessionId: uuidSchema, day: plainDateSchema }),
        body: rollCallRequestSchema,
        response: { 200: sessionSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { sessionId } = request.params;
      return inTenant(database, request, async (trx) => {
        const session = await loadSession(trx, orgId, sessionId);
        const day = dateOrRefuse(request.params.day, "day");
        if (day < session.starts_on || day > session.ends_on)
          throw new AppError("roll_call_day_must_be_in_session", { field: "day", day });
        const personIds = [...new Set(request.body.personIds)];
        const participants = new Set(
          (
            await trx
              .selectFrom("training_participants")
              .select("person_id")
              .where("org_id", "=", orgId)
              .where("session_id", "=", sessionId)
              .limit(listMax)
              .execute()
          ).map((r) => r.person_id),
        );
        const stranger = personIds.findIndex((id) => !participants.has(id));
        if (stranger >= 0) throw new AppError("roll_call_must_name_participants", { row: stranger + 1 });
        await trx
          .deleteFrom("training_attendance_days")
          .where("org_id", "=", orgId)
          .where("session_id", "=", sessionId)
          .where("attended_on", "=", day)
          .execute();
        if (personIds.length > 0)
          await trx
            .insertInto("training_attendance_days")
            .values(
              personIds.map((personId) => ({
                org_id: orgId,
                session_id: sessionId,
                person_id: personId,
                attended_on: day,
                recorded_by: memberOf(request).userId,
              })),
            )
            .execute();
        // Once a roll call is taken, days attended are counted from it for every participant of the session.
        await trx
          .updateTable("training_participants as t")
          .set((eb) => ({
            days_attended: eb
              .selectFrom("training_attendance_days as d")
              .select((d) => d.fn.countAll<number>().as("n"))
              .whereRef("d.org_id", "=", "t.org_id")
              .whereRef("d.session_id", "=", "t.session_id")
              .whereRef("d.person_id", "=", "t.person_id"),
          }))
          .where("t.org_id", "=", orgId)
          .where("t.session_id", "=", sessionId)
          .execute();
        await audit(trx, request, {
          action: "training_roll_call.record",
          recordType: "training_session",
          recordId: sessionId,
          summary: { day, present: personIds.length },
        });
        return sessionDetail(trx, orgId, sessionId);
      });
    },
  );

  routes.get(
    "/api/v1/training-sessions/:sessionId/participants/:personId/certificate",
    {
      config: manage,
      schema: {
        tags,
        summary: "A participant's certificate (PDF in kk, ru or en), for attending every day of the session",
        params: participantParams,
        querystring: z.strictObject({ locale: z.enum(["kk", "ru", "en"]).optional() }),
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const { sessionId, personId } = request.params;
      const locale = request.query.locale ?? request.locale;
      const input = await inTenant(database, request, async (trx) => {
        const session = await loadSession(trx, orgId, sessionId);
        const participant = await loadParticipant(trx, orgId, sessionId, personId);
        const days = daysRequired(session);
        if (participant.days_attended < days)
          throw new AppError("certificate_must_follow_full_attendance", { days });
        const person = await loadPerson(trx, orgId, personId);
        const org = await trx
          .selectFrom("organizations")
          .select(["name_kk", "name_ru", "name_en"])
          .where("org_id", "=", orgId)
          .executeTakeFirstOrThrow();
        return {
          locale,
          organization: { kk: org.name_kk, ru: org.name_ru, en: org.name_en }[locale],
          personName: [person.surname, person.given_name, person.patronymic ?? ""].join(" ").trim(),
          courseName: session.course_name,
          hours: session.hours,
          place: session.place,
          startsOn: plainDate(session.starts_on),
          endsOn: plainDate(session.ends_on),
          preScore: participant.pre_score,
          postScore: participant.post_score,
        };
      });
      const body = await renderCertificate(input);
      return sendExport(
        reply,
        { body, contentType: "application/pdf", extension: "pdf" },
        { ascii: `certificate-${sessionId.slice(-8)}`, title: `${input.personName} ${input.courseName}` },
      );
    },
  );

  routes.get(
    "/api/v1/groups/:groupId/trainings",
    {
      config: groupRead,
      schema: {
        tags,
        summary: "A group's training history: the sessions its members took part in",
        params: z.object({ groupId: uuidSchema }),
        response: { 200: z.object({ items: z.array(groupTrainingSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const items = await inTenant(database, request, async (trx) => {
        const group = await trx
          .selectFrom("groups")
          .select("id")
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.groupId)
          .executeTakeFirst();
        if (group === undefined) throw new AppError("record_must_exist");
        const rows = await trx
          .selectFrom("training_participants as t")
          .innerJoin("training_sessions as s", (join) =>
            join.onRef("s.org_id", "=", "t.org_id").onRef("s.id", "=", "t.session_id"),
          )
          .innerJoin("training_courses as c", (join) =>
            join.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.course_id"),
          )
          .select([
            "s.id",
            "s.starts_on",
            "s.ends_on",
            "c.name",
            "c.topic",
            "c.certificate_share_bps",
            "t.days_attended",
          ])
          .where("t.org_id", "=", orgId)
          .where("t.group_id", "=", group.id)
          .orderBy("s.starts_on", "desc")
          .limit(listMax)
          .execute();
        const bySession = new Map<string, z.infer<typeof groupTrainingSchema>>();
        for (const r of rows) {
          const entry = bySession.get(r.id) ?? {
            sessionId: r.id,
            courseName: r.name,
            topic: r.topic,
            startsOn: r.starts_on,
            endsOn: r.ends_on,
            participants: 0,
            completed: 0,
          };
          bySession.set(r.id, {
            ...entry,
            participants: entry.participants + 1,
            completed: entry.completed + (r.days_attended >= daysRequired(r) ? 1 : 0),
          });
        }
        return [...bySession.values()];
      });
      return { items };
    },
  );
}
