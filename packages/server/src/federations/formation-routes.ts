/**
 * Formation of federations: the board of every federation being founded (by the organization or by a partner
 * NGO it helps), where each stands, and its checklist — each item done on a date with its evidence.
 */
import {
  completeFormationItemRequestSchema,
  createFormationRequestSchema,
  formationSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { formationProgress, formationStages, limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";

const tags = ["federations"];

async function formationsOf(trx: Tx, orgId: string, id?: string) {
  let query = trx.selectFrom("federation_formations").selectAll().where("org_id", "=", orgId);
  if (id !== undefined) query = query.where("id", "=", id);
  const formations = await query.orderBy("started_on").orderBy("name").limit(limits.pageSizeMax).execute();
  if (formations.length === 0) return [];
  const items = await trx
    .selectFrom("federation_formation_items")
    .select(["formation_id", "item", "done_on", "evidence"])
    .where("org_id", "=", orgId)
    .where(
      "formation_id",
      "in",
      formations.map((f) => f.id),
    )
    .execute();
  return formations.map((f) => {
    const mine = items.filter((i) => i.formation_id === f.id);
    const done = new Map(mine.map((i) => [i.item, i.done_on]));
    const progress = formationProgress(done);
    return {
      id: f.id,
      name: f.name,
      partnerName: f.partner_name,
      regionId: f.region_id,
      startedOn: f.started_on,
      currentStage: progress.currentStage,
      stages: progress.stages.map((s, index) => ({
        ...s,
        items: (formationStages[index]?.items ?? []).map((item) => {
          const row = mine.find((i) => i.item === item);
          return { item, doneOn: row?.done_on ?? null, evidence: row?.evidence ?? null };
        }),
      })),
    };
  });
}

export async function formationRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "federations.read" } } as const;
  const manage = { access: { kind: "permission", permission: "federations.manage" } } as const;
  const params = z.object({ formationId: uuidSchema });

  routes.post(
    "/api/v1/formations",
    {
      config: manage,
      schema: {
        tags,
        summary: "Start following the formation of a federation",
        body: createFormationRequestSchema,
        response: { 201: formationSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const startedOn = dateOrRefuse(request.body.startedOn, "startedOn");
      const formation = await inTenant(database, request, async (trx) => {
        if (request.body.regionId) {
          const region = await trx
            .selectFrom("regions")
            .select("id")
            .where("id", "=", request.body.regionId)
            .executeTakeFirst();
          if (region === undefined) throw new AppError("region_must_exist", { field: "regionId" });
        }
        const id = newId();
        await trx
          .insertInto("federation_formations")
          .values({
            org_id: orgId,
            id,
            name: request.body.name,
            partner_name: request.body.partnerName ?? null,
            region_id: request.body.regionId ?? null,
            node_id: null,
            started_on: startedOn,
          })
          .execute();
        await audit(trx, request, {
          action: "federation_formation.create",
          recordType: "federation_formation",
          recordId: id,
          summary: { name: request.body.name },
        });
        const [created] = await formationsOf(trx, orgId, id);
        if (created === undefined) throw new Error("the formation just written is read back");
        return created;
      });
      return reply.code(201).send(formation);
    },
  );

  routes.get(
    "/api/v1/formations",
    {
      config: read,
      schema: {
        tags,
        summary: "The formation board: every federation being founded and where it stands",
        response: { 200: z.object({ items: z.array(formationSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => ({ items: await formationsOf(trx, orgId) }));
    },
  );

  routes.get(
    "/api/v1/formations/:formationId",
    {
      config: read,
      schema: { tags, summary: "A formation with its checklist", params, response: { 200: formationSchema } },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const [formation] = await formationsOf(trx, orgId, request.params.formationId);
        if (formation === undefined) throw new AppError("record_must_exist");
        return formation;
      });
    },
  );

  routes.post(
    "/api/v1/formations/:formationId/checklist",
    {
      config: manage,
      schema: {
        tags,
        summary: "Tick an item of the checklist, with the day and the evidence",
        params,
        body: completeFormationItemRequestSchema,
        response: { 200: formationSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const doneOn = dateOrRefuse(request.body.doneOn, "doneOn");
      return inTenant(database, request, async (trx) => {
        const formation = await trx
          .selectFrom("federation_formations")
          .select(["id", "started_on"])
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.formationId)
          .forUpdate()
          .executeTakeFirst();
        if (formation === undefined) throw new AppError("record_must_exist");
        if (doneOn < formation.started_on)
          throw new AppError("date_must_not_precede_start", { field: "doneOn", start: formation.started_on });
        const existing = await trx
          .selectFrom("federation_formation_items")
          .select("done_on")
          .where("org_id", "=", orgId)
          .where("formation_id", "=", formation.id)
          .where("item", "=", request.body.item)
          .executeTakeFirst();
        if (existing !== undefined)
          throw new AppError("formation_item_must_be_open", { field: "item", doneOn: existing.done_on });
        await trx
          .insertInto("federation_formation_items")
          .values({
            org_id: orgId,
            formation_id: formation.id,
            item: request.body.item,
            done_on: doneOn,
            evidence: request.body.evidence,
            recorded_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "federation_formation.item_done",
          recordType: "federation_formation",
          recordId: formation.id,
          summary: { item: request.body.item, doneOn },
        });
        const [updated] = await formationsOf(trx, orgId, formation.id);
        if (updated === undefined) throw new Error("the formation just updated is read back");
        return updated;
      });
    },
  );
}
