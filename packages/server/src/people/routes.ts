/** HTTP routes of people, households and consent. */
import {
  addHouseholdMemberRequestSchema,
  consentSchema,
  createHouseholdRequestSchema,
  createPersonRequestSchema,
  erasePersonRequestSchema,
  giveConsentRequestSchema,
  householdSchema,
  mergePersonsRequestSchema,
  pendingResponseSchema,
  personExportQuerySchema,
  personRoleEventSchema,
  personSchema,
  personSummarySchema,
  searchPersonsRequestSchema,
  updatePersonRequestSchema,
  uuidSchema,
  withdrawConsentRequestSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import {
  limits,
  nameKey,
  normalizePhone,
  type Permission,
  type PlainDate,
  type Relationship,
} from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { performOrQueue, registerApprovableAction } from "../approvals/registry";
import { sendExport } from "../exports/render";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { isKeysetCursor, listPersons, type SearchCondition } from "./list";
import { mergeAction, unmerge } from "./merge";
import { renderPersonPdf } from "./person-pdf";
import {
  type ConsentRow,
  findLikelyDuplicates,
  loadPerson,
  normalizePerson,
  type PersonRow,
  personColumns,
  toConsent,
  toPersonSummary,
} from "./persons";
import { personTimeline } from "./roles";
import { personScopeOf, requirePersonInScope } from "./scope";

registerApprovableAction(mergeAction);

const tags = ["people"];
const personParams = z.object({ personId: uuidSchema });

async function personDetail(trx: Tx, orgId: string, row: PersonRow, today: PlainDate) {
  const households = await trx
    .selectFrom("household_members as m")
    .innerJoin("households as h", (join) =>
      join.onRef("h.org_id", "=", "m.org_id").onRef("h.id", "=", "m.household_id"),
    )
    .select(["h.id", "h.name", "m.relationship"])
    .where("m.org_id", "=", orgId)
    .where("m.person_id", "=", row.id)
    .execute();
  const consents = (await trx
    .selectFrom("consents")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("person_id", "=", row.id)
    .orderBy("given_on", "desc")
    .execute()) as ConsentRow[];
  return {
    ...toPersonSummary(row),
    address: row.address,
    documents: (row.documents as { kind: string; number: string; issuedOn?: string | null }[]) ?? [],
    incomeBand: row.income_band,
    dependants: row.dependants,
    languages: row.languages,
    version: row.version,
    households: households.map((h) => ({
      householdId: h.id,
      name: h.name,
      relationship: h.relationship as Relationship,
    })),
    consents: consents.map((c) => toConsent(c, today)),
  };
}

/** The roles each member of a household holds now across Moldir: groups, loans, projects, trainings, the center. */
async function rolesOf(
  trx: Tx,
  orgId: string,
  personIds: readonly string[],
): Promise<Map<string, { kind: string; label: string }[]>> {
  const today = await todayOf(trx, orgId);
  const roles = new Map<string, { kind: string; label: string }[]>();
  for (const personId of personIds) {
    const timeline = await personTimeline(trx, orgId, personId);
    roles.set(
      personId,
      timeline
        .filter((role) => role.until === null || role.until >= today)
        .map((role) => ({ kind: role.kind, label: role.label })),
    );
  }
  return roles;
}

async function loadHousehold(trx: Tx, orgId: string, householdId: string) {
  const household = await trx
    .selectFrom("households")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", householdId)
    .executeTakeFirst();
  if (household === undefined) throw new AppError("record_must_exist");
  const members = await trx
    .selectFrom("household_members as m")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "m.org_id").onRef("p.id", "=", "m.person_id"),
    )
    .select([...personColumns.map((c) => `p.${c}` as const), "m.relationship"])
    .where("m.org_id", "=", orgId)
    .where("m.household_id", "=", householdId)
    .orderBy("p.birth_date")
    .execute();
  const roles = await rolesOf(
    trx,
    orgId,
    members.map((m) => m.id),
  );
  return {
    id: household.id,
    name: household.name,
    address: household.address,
    regionId: household.region_id,
    version: household.version,
    members: members.map((m) => ({
      person: toPersonSummary(m as PersonRow),
      relationship: m.relationship as Relationship,
      roles: roles.get(m.id) ?? [],
    })),
  };
}

function searchCondition(q: string | undefined): SearchCondition {
  const text = q?.trim() ?? "";
  if (text === "") return { kind: "all" as const };
  if (/^\d{12}$/.test(text)) return { kind: "iin" as const, value: text };
  const phone = /\d{7,}/.test(text.replace(/[\s()+-]/g, "")) ? normalizePhone(text) : null;
  if (phone?.ok) return { kind: "phone" as const, value: phone.value };
  return {
    kind: "name" as const,
    tokens: nameKey(text)
      .split(" ")
      .filter((t) => t.length > 0)
      .slice(0, 5),
  };
}

export async function peopleRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "people.read", anyScope: true } } as const;
  const manage = { access: { kind: "permission", permission: "people.manage", anyScope: true } } as const;

  routes.post(
    "/api/v1/persons/search",
    {
      config: read,
      schema: {
        tags,
        summary: "Find people by name in either script, phone or IIN (sent in the body, never in the URL)",
        body: searchPersonsRequestSchema,
        response: {
          200: z.object({ items: z.array(personSummarySchema), nextCursor: z.string().nullable() }),
        },
      },
    },
    async (request) => {
      const member = memberOf(request);
      const orgId = member.orgId;
      const { body } = request;
      const limit = body.limit ?? limits.pageSizeDefault;
      const condition = searchCondition(body.q);
      const filters = body.filters ?? {};
      return inTenant(database, request, async (trx) => {
        const scope = await personScopeOf(trx, member);
        if (scope.kind === "some" || Object.keys(filters).length > 0 || isKeysetCursor(body.after)) {
          const page = await listPersons(
            trx,
            orgId,
            scope,
            { condition, filters, includeMerged: body.includeMerged === true, limit, after: body.after },
            await todayOf(trx, orgId),
          );
          return { items: page.rows.map(toPersonSummary), nextCursor: page.nextCursor };
        }
        const offset = body.after === undefined ? 0 : Number.parseInt(body.after, 10) || 0;
        // As the tables' owner, confined to the caller's organization: see migration 0008.
        const { rows } = await sql<PersonRow>`SELECT * FROM moldir_search_persons(
            ${condition.kind === "name" ? condition.tokens : null}::text[],
            ${condition.kind === "phone" ? condition.value : null}::text,
            ${condition.kind === "iin" ? condition.value : null}::text,
            ${body.includeMerged === true},
            ${limit + 1}::int,
            ${offset}::int)`.execute(trx);
        return {
          items: rows.slice(0, limit).map(toPersonSummary),
          nextCursor: rows.length > limit ? String(offset + limit) : null,
        };
      });
    },
  );

  routes.post(
    "/api/v1/persons/duplicates",
    {
      config: manage,
      schema: {
        tags,
        summary: "Likely duplicates of a person about to be created (offered before saving)",
        body: createPersonRequestSchema,
        response: {
          200: z.object({ sameIin: personSummarySchema.nullable(), similar: z.array(personSummarySchema) }),
        },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const person = normalizePerson(request.body, await todayOf(trx, orgId));
        const found = await findLikelyDuplicates(trx, orgId, person);
        return {
          sameIin: found.sameIin === undefined ? null : toPersonSummary(found.sameIin),
          similar: found.similar.map(toPersonSummary),
        };
      });
    },
  );

  routes.post(
    "/api/v1/persons",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Register a person; likely duplicates are refused unless the user confirmed them to be others",
        body: createPersonRequestSchema,
        response: { 201: personSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const person = await inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, orgId);
        const facts = normalizePerson(body, today);
        if (body.regionId) await requireRegion(trx, body.regionId);
        const found = await findLikelyDuplicates(trx, orgId, facts);
        if (found.sameIin !== undefined)
          throw new AppError("iin_must_be_unique", { field: "iin", personId: found.sameIin.id });
        const confirmed = new Set(body.confirmNotDuplicateOf ?? []);
        const unconfirmed = found.similar.filter((c) => !confirmed.has(c.id));
        if (unconfirmed.length > 0)
          throw new AppError("person_may_be_duplicate", { candidates: unconfirmed.map(toPersonSummary) });
        const id = newId();
        await trx
          .insertInto("persons")
          .values({
            org_id: orgId,
            id,
            surname: facts.surname,
            given_name: facts.givenName,
            patronymic: facts.patronymic,
            name_key: facts.nameKey,
            sex: facts.sex,
            birth_date: facts.birthDate,
            iin: facts.iin,
            phones: facts.phones,
            address: body.address ?? null,
            region_id: body.regionId ?? null,
            documents: JSON.stringify(body.documents ?? []),
            vulnerabilities: body.vulnerabilities ?? [],
            income_band: body.incomeBand ?? null,
            dependants: body.dependants ?? null,
            languages: body.languages ?? [],
            merged_into_id: null,
            erased_at: null,
            created_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "person.create",
          recordType: "person",
          recordId: id,
          summary: {
            name: `${facts.surname} ${facts.givenName}`,
            hasIin: facts.iin !== null,
            confirmedNotDuplicateOf: [...confirmed],
          },
        });
        return personDetail(trx, orgId, await loadPerson(trx, orgId, id), today);
      });
      return reply.code(201).send(person);
    },
  );

  routes.get(
    "/api/v1/persons/:personId",
    {
      config: read,
      schema: {
        tags,
        summary: "A person with her households and consents (IIN masked)",
        params: personParams,
        response: { 200: personSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) =>
        personDetail(
          trx,
          orgId,
          await personInReach(trx, request, request.params.personId, "people.read"),
          await todayOf(trx, orgId),
        ),
      );
    },
  );

  routes.patch(
    "/api/v1/persons/:personId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Correct a person's record",
        params: personParams,
        body: updatePersonRequestSchema,
        response: { 200: personSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      return inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, orgId);
        const before = await personInReach(trx, request, request.params.personId, "people.manage");
        if (before.merged_into_id !== null) throw new AppError("person_must_not_be_merged");
        if (before.erased_at !== null) throw new AppError("person_must_not_be_erased");
        if (before.version !== body.version)
          throw new AppError("version_must_match", { version: before.version });
        const facts = normalizePerson(
          {
            surname: body.surname ?? before.surname,
            givenName: body.givenName ?? before.given_name,
            patronymic: body.patronymic === undefined ? before.patronymic : body.patronymic,
            sex: body.sex ?? before.sex,
            birthDate: body.birthDate === undefined ? before.birth_date : body.birthDate,
            iin: body.iin === undefined ? before.iin : body.iin,
            phones: body.phones ?? before.phones,
          },
          today,
        );
        if (body.regionId) await requireRegion(trx, body.regionId);
        if (facts.iin !== null && facts.iin !== before.iin) {
          const found = await findLikelyDuplicates(trx, orgId, facts, before.id);
          if (found.sameIin !== undefined)
            throw new AppError("iin_must_be_unique", { field: "iin", personId: found.sameIin.id });
        }
        await trx
          .updateTable("persons")
          .set({
            surname: facts.surname,
            given_name: facts.givenName,
            patronymic: facts.patronymic,
            name_key: facts.nameKey,
            sex: facts.sex,
            birth_date: facts.birthDate,
            iin: facts.iin,
            phones: facts.phones,
            ...(body.address === undefined ? {} : { address: body.address }),
            ...(body.regionId === undefined ? {} : { region_id: body.regionId }),
            ...(body.documents === undefined ? {} : { documents: JSON.stringify(body.documents) }),
            ...(body.vulnerabilities === undefined ? {} : { vulnerabilities: body.vulnerabilities }),
            ...(body.incomeBand === undefined ? {} : { income_band: body.incomeBand }),
            ...(body.dependants === undefined ? {} : { dependants: body.dependants }),
            ...(body.languages === undefined ? {} : { languages: body.languages }),
            version: before.version + 1,
          })
          .where("org_id", "=", orgId)
          .where("id", "=", before.id)
          .where("version", "=", body.version)
          .execute();
        const changed = Object.keys(body).filter((k) => k !== "version");
        await audit(trx, request, {
          action: "person.update",
          recordType: "person",
          recordId: before.id,
          summary: { changed },
        });
        return personDetail(trx, orgId, await loadPerson(trx, orgId, before.id), today);
      });
    },
  );

  routes.post(
    "/api/v1/persons/:personId/reveal-iin",
    {
      config: { access: { kind: "permission", permission: "people.reveal_iin", anyScope: true } },
      schema: {
        tags,
        summary: "Show a person's full IIN (audited)",
        params: personParams,
        response: { 200: z.object({ iin: z.string().nullable() }) },
      },
    },
    async (request) =>
      inTenant(database, request, async (trx) => {
        const person = await personInReach(trx, request, request.params.personId, "people.reveal_iin");
        await audit(trx, request, { action: "person.reveal_iin", recordType: "person", recordId: person.id });
        return { iin: person.iin };
      }),
  );

  routes.post(
    "/api/v1/persons/:personId/merge",
    {
      config: manage,
      schema: {
        tags,
        summary: "Merge a duplicate record into this one (may wait for a second person)",
        params: personParams,
        body: mergePersonsRequestSchema,
        response: {
          200: z.object({ mergeId: uuidSchema, survivorId: uuidSchema }),
          202: pendingResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const payload = { survivorId: request.params.personId, duplicateId: request.body.duplicateId };
      await inTenant(database, request, (trx) =>
        mergeAction.summarize(
          trx,
          { orgId: memberOf(request).orgId, makerUserId: "", checkerUserId: null, address: request.ip },
          payload,
        ),
      );
      const performed = await performOrQueue(database, request, mergeAction, payload);
      if (performed.kind === "pending")
        return reply
          .code(202)
          .send({ status: "pending_approval" as const, approvalId: performed.approvalId });
      return reply.code(200).send(performed.result);
    },
  );

  routes.post(
    "/api/v1/persons/:personId/unmerge",
    {
      config: manage,
      schema: {
        tags,
        summary: "Undo the merge of this (duplicate) record",
        params: personParams,
        response: { 200: z.object({ mergeId: uuidSchema, survivorId: uuidSchema }) },
      },
    },
    async (request) =>
      inTenant(database, request, async (trx) => {
        const result = await unmerge(trx, memberOf(request).orgId, request.params.personId);
        await audit(trx, request, {
          action: "person.unmerge",
          recordType: "person",
          recordId: request.params.personId,
          summary: result,
        });
        return result;
      }),
  );

  routes.get(
    "/api/v1/persons/:personId/export",
    {
      config: { access: { kind: "permission", permission: "people.reveal_iin", anyScope: true } },
      schema: {
        tags,
        summary: "Everything held about a person, for her right of access (audited)",
        params: personParams,
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const data = await inTenant(database, request, async (trx) => {
        const row = await personInReach(trx, request, request.params.personId, "people.reveal_iin");
        const detail = await personDetail(trx, orgId, row, await todayOf(trx, orgId));
        const history = await trx
          .selectFrom("audit_events")
          .select(["at", "action", "summary"])
          .where("org_id", "=", orgId)
          .where("record_id", "=", row.id)
          .orderBy("at")
          .limit(limits.auditExportRowsMax)
          .execute();
        const roles = await personTimeline(trx, orgId, row.id);
        await audit(trx, request, {
          action: "person.export",
          recordType: "person",
          recordId: row.id,
          summary: { format: "json" },
        });
        return { exportedAt: new Date().toISOString(), person: { ...detail, iin: row.iin }, roles, history };
      });
      return reply
        .header("content-disposition", `attachment; filename="person-${request.params.personId}.json"`)
        .header("cache-control", "no-store")
        .type("application/json; charset=utf-8")
        .send(JSON.stringify(data, null, 2));
    },
  );

  routes.get(
    "/api/v1/persons/:personId/export.pdf",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Everything held about a person as a readable PDF in kk, ru or en; the IIN in full only for those who may reveal it (audited)",
        params: personParams,
        querystring: personExportQuerySchema,
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const orgId = member.orgId;
      const locale = request.query.locale ?? request.locale;
      const mayReveal = member.permissions.has("people.reveal_iin");
      const pdf = await inTenant(database, request, async (trx) => {
        const row = await personInReach(trx, request, request.params.personId, "people.manage");
        const detail = await personDetail(trx, orgId, row, await todayOf(trx, orgId));
        const org = await trx
          .selectFrom("organizations")
          .select(["name_kk", "name_ru", "name_en", "time_zone"])
          .where("org_id", "=", orgId)
          .executeTakeFirstOrThrow();
        const history = await trx
          .selectFrom("audit_events")
          .select(["at", "action"])
          .where("org_id", "=", orgId)
          .where("record_id", "=", row.id)
          .orderBy("at")
          .limit(limits.auditExportRowsMax)
          .execute();
        await audit(trx, request, {
          action: "person.export",
          recordType: "person",
          recordId: row.id,
          summary: { format: "pdf", locale, iinRevealed: mayReveal && row.iin !== null },
        });
        return renderPersonPdf({
          locale,
          organization: { kk: org.name_kk, ru: org.name_ru, en: org.name_en }[locale],
          timeZone: org.time_zone,
          generatedAt: new Date(),
          generatedBy: member.displayName,
          person: {
            ...detail,
            name: [detail.surname, detail.givenName, detail.patronymic ?? ""].join(" ").trim(),
            iin: mayReveal ? row.iin : detail.iinMasked,
          },
          households: detail.households,
          consents: detail.consents,
          roles: await personTimeline(trx, orgId, row.id),
          history,
        });
      });
      return sendExport(
        reply,
        { body: pdf, contentType: "application/pdf", extension: "pdf" },
        { ascii: `person-${request.params.personId}`, title: `person-${request.params.personId}` },
      );
    },
  );

  routes.get(
    "/api/v1/persons/:personId/roles",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A person's roles across Moldir as a timeline: groups, loans, projects, trainings, children's center",
        params: personParams,
        response: { 200: z.object({ items: z.array(personRoleEventSchema) }) },
      },
    },
    async (request) =>
      inTenant(database, request, async (trx) => {
        const row = await personInReach(trx, request, request.params.personId, "people.read");
        return { items: await personTimeline(trx, memberOf(request).orgId, row.id) };
      }),
  );

  routes.post(
    "/api/v1/persons/:personId/erase",
    {
      config: manage,
      schema: {
        tags,
        summary:
          "Erase a person's personal data where the law allows: fields pseudonymized, money records kept",
        params: personParams,
        body: erasePersonRequestSchema,
        response: { 200: personSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, orgId);
        const person = await personInReach(trx, request, request.params.personId, "people.manage");
        if (person.erased_at !== null) throw new AppError("person_must_not_be_erased");
        const pseudonym = `#${person.id.slice(-8)}`;
        await trx
          .updateTable("persons")
          .set({
            surname: pseudonym,
            given_name: "—",
            patronymic: null,
            name_key: "",
            birth_date: null,
            iin: null,
            phones: [],
            address: null,
            documents: "[]",
            vulnerabilities: [],
            income_band: null,
            dependants: null,
            languages: [],
            erased_at: new Date(),
            version: person.version + 1,
          })
          .where("org_id", "=", orgId)
          .where("id", "=", person.id)
          .execute();
        await trx
          .updateTable("consents")
          .set({ withdrawn_on: today })
          .where("org_id", "=", orgId)
          .where("person_id", "=", person.id)
          .where("withdrawn_on", "is", null)
          .execute();
        await audit(trx, request, {
          action: "person.erase",
          recordType: "person",
          recordId: person.id,
          summary: { reason: request.body.reason },
        });
        return personDetail(trx, orgId, await loadPerson(trx, orgId, person.id), today);
      });
    },
  );

  routes.post(
    "/api/v1/persons/:personId/consents",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record a consent for a purpose",
        params: personParams,
        body: giveConsentRequestSchema,
        response: { 201: consentSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const consent = await inTenant(database, request, async (trx) => {
        const person = await personInReach(trx, request, request.params.personId, "people.manage");
        if (person.erased_at !== null) throw new AppError("person_must_not_be_erased");
        const givenOn = dateOrRefuse(body.givenOn, "givenOn");
        const validUntil = body.validUntil ? dateOrRefuse(body.validUntil, "validUntil") : null;
        if (validUntil !== null && validUntil < givenOn)
          throw new AppError("date_must_be_valid", { field: "validUntil" });
        const id = newId();
        await trx
          .insertInto("consents")
          .values({
            org_id: orgId,
            id,
            person_id: person.id,
            purpose: body.purpose,
            given_on: givenOn,
            valid_until: validUntil,
            withdrawn_on: null,
            allows_third_parties: body.allowsThirdParties,
            allows_cross_border: body.allowsCrossBorder,
            document: body.document ?? null,
            recorded_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "consent.give",
          recordType: "person",
          recordId: person.id,
          summary: { consentId: id, purpose: body.purpose, givenOn, validUntil },
        });
        const row = (await trx
          .selectFrom("consents")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("id", "=", id)
          .executeTakeFirstOrThrow()) as ConsentRow;
        return toConsent(row, await todayOf(trx, orgId));
      });
      return reply.code(201).send(consent);
    },
  );

  routes.post(
    "/api/v1/consents/:consentId/withdraw",
    {
      config: manage,
      schema: {
        tags,
        summary: "Record the withdrawal of a consent; it takes effect from its date",
        params: z.object({ consentId: uuidSchema }),
        body: withdrawConsentRequestSchema,
        response: { 200: consentSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const before = (await trx
          .selectFrom("consents")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.consentId)
          .executeTakeFirst()) as ConsentRow | undefined;
        if (before === undefined) throw new AppError("record_must_exist");
        if (before.withdrawn_on !== null) throw new AppError("consent_must_be_active");
        const withdrawnOn = dateOrRefuse(request.body.withdrawnOn, "withdrawnOn");
        if (withdrawnOn < before.given_on) throw new AppError("date_must_be_valid", { field: "withdrawnOn" });
        await trx
          .updateTable("consents")
          .set({ withdrawn_on: withdrawnOn })
          .where("org_id", "=", orgId)
          .where("id", "=", before.id)
          .execute();
        await audit(trx, request, {
          action: "consent.withdraw",
          recordType: "person",
          recordId: before.person_id,
          summary: { consentId: before.id, purpose: before.purpose, withdrawnOn },
        });
        return toConsent({ ...before, withdrawn_on: withdrawnOn }, await todayOf(trx, orgId));
      });
    },
  );

  routes.post(
    "/api/v1/households",
    {
      config: manage,
      schema: {
        tags,
        summary: "Register a household and its members",
        body: createHouseholdRequestSchema,
        response: { 201: householdSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const household = await inTenant(database, request, async (trx) => {
        if (body.regionId) await requireRegion(trx, body.regionId);
        const ids = body.members.map((m) => m.personId);
        if (new Set(ids).size !== ids.length)
          throw new AppError("household_member_must_be_unique", { field: "members" });
        for (const member of body.members) await loadPerson(trx, orgId, member.personId);
        const id = newId();
        await trx
          .insertInto("households")
          .values({
            org_id: orgId,
            id,
            name: body.name,
            address: body.address ?? null,
            region_id: body.regionId ?? null,
          })
          .execute();
        if (body.members.length > 0) {
          await trx
            .insertInto("household_members")
            .values(
              body.members.map((m) => ({
                org_id: orgId,
                household_id: id,
                person_id: m.personId,
                relationship: m.relationship,
                joined_on: null,
                left_on: null,
              })),
            )
            .execute();
        }
        await audit(trx, request, {
          action: "household.create",
          recordType: "household",
          recordId: id,
          summary: { members: body.members.length },
        });
        return loadHousehold(trx, orgId, id);
      });
      return reply.code(201).send(household);
    },
  );

  routes.get(
    "/api/v1/households/:householdId",
    {
      config: read,
      schema: {
        tags,
        summary: "A household: its members, their relationships and roles",
        params: z.object({ householdId: uuidSchema }),
        response: { 200: householdSchema },
      },
    },
    async (request) =>
      inTenant(database, request, (trx) =>
        loadHousehold(trx, memberOf(request).orgId, request.params.householdId),
      ),
  );

  routes.post(
    "/api/v1/households/:householdId/members",
    {
      config: manage,
      schema: {
        tags,
        summary: "Add a person to a household",
        params: z.object({ householdId: uuidSchema }),
        body: addHouseholdMemberRequestSchema,
        response: { 200: householdSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        await loadHousehold(trx, orgId, request.params.householdId);
        await loadPerson(trx, orgId, request.body.personId);
        const exists = await trx
          .selectFrom("household_members")
          .select("person_id")
          .where("org_id", "=", orgId)
          .where("household_id", "=", request.params.householdId)
          .where("person_id", "=", request.body.personId)
          .executeTakeFirst();
        if (exists !== undefined)
          throw new AppError("household_member_must_be_unique", { field: "personId" });
        await trx
          .insertInto("household_members")
          .values({
            org_id: orgId,
            household_id: request.params.householdId,
            person_id: request.body.personId,
            relationship: request.body.relationship,
            joined_on: null,
            left_on: null,
          })
          .execute();
        await audit(trx, request, {
          action: "household.add_member",
          recordType: "household",
          recordId: request.params.householdId,
          summary: { personId: request.body.personId, relationship: request.body.relationship },
        });
        return loadHousehold(trx, orgId, request.params.householdId);
      });
    },
  );

  routes.delete(
    "/api/v1/households/:householdId/members/:personId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Remove a person from a household",
        params: z.object({ householdId: uuidSchema, personId: uuidSchema }),
        response: { 200: householdSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const removed = await trx
          .deleteFrom("household_members")
          .where("org_id", "=", orgId)
          .where("household_id", "=", request.params.householdId)
          .where("person_id", "=", request.params.personId)
          .executeTakeFirst();
        if (removed.numDeletedRows === 0n) throw new AppError("record_must_exist");
        await audit(trx, request, {
          action: "household.remove_member",
          recordType: "household",
          recordId: request.params.householdId,
          summary: { personId: request.params.personId },
        });
        return loadHousehold(trx, orgId, request.params.householdId);
      });
    },
  );
}

/** The person of a request's path, when she is within the caller's scope for a permission (404 otherwise). */
async function personInReach(
  trx: Tx,
  request: FastifyRequest,
  personId: string,
  permission: Permission,
): Promise<PersonRow> {
  const member = memberOf(request);
  await requirePersonInScope(trx, await personScopeOf(trx, member, permission), member.orgId, personId);
  return loadPerson(trx, member.orgId, personId);
}

async function requireRegion(trx: Tx, regionId: string): Promise<void> {
  const region = await trx.selectFrom("regions").select("id").where("id", "=", regionId).executeTakeFirst();
  if (region === undefined) throw new AppError("region_must_exist", { field: "regionId" });
}
