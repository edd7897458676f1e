/**
 * The organization's grading rubric, effective-dated: weights of the five principles, the window, the lending
 * target and the grade bounds. Without a version in force the default Panchasutra rubric applies (100 points,
 * A above 85, B from 75). A grade as of a date uses the rubric in force on that date.
 */
import {
  type GradingRubricVersions,
  gradingRubricsResponseSchema,
  setGradingRubricRequestSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { checkGradingRubric, defaultGradingRubric, type GradingRubric, type PlainDate } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";

export async function rubricOn(trx: Tx, orgId: string, on: PlainDate): Promise<GradingRubric> {
  const row = await trx
    .selectFrom("grading_rubrics")
    .select("rubric")
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", on)
    .orderBy("effective_from", "desc")
    .executeTakeFirst();
  return row === undefined ? defaultGradingRubric : (row.rubric as unknown as GradingRubric);
}

async function rubricVersions(trx: Tx, orgId: string, today: PlainDate): Promise<GradingRubricVersions> {
  const rows = await trx
    .selectFrom("grading_rubrics")
    .select(["effective_from", "rubric"])
    .where("org_id", "=", orgId)
    .orderBy("effective_from", "desc")
    .execute();
  const versions = rows.map((r) => ({
    ...(r.rubric as unknown as GradingRubric),
    effectiveFrom: r.effective_from,
  }));
  const current = versions.find((v) => v.effectiveFrom <= today);
  return { current: current ?? { ...defaultGradingRubric, effectiveFrom: null }, versions };
}

export function rubricRoutes(app: FastifyInstance, database: Database): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["groups"];
  routes.get(
    "/api/v1/grading-rubrics",
    {
      config: { access: { kind: "permission", permission: "groups.read", anyScope: true } },
      schema: {
        tags,
        summary: "The grading rubric in force and its versions (the default Panchasutra rubric without any)",
        response: { 200: gradingRubricsResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) =>
        rubricVersions(trx, orgId, await todayOf(trx, orgId)),
      );
    },
  );

  routes.put(
    "/api/v1/grading-rubrics",
    {
      config: { access: { kind: "permission", permission: "organization.manage" } },
      schema: {
        tags,
        summary: "Adopt a grading rubric from a date (grades as of that date and later use it)",
        body: setGradingRubricRequestSchema,
        response: { 200: gradingRubricsResponseSchema },
      },
    },
    async (request) => {
      const { orgId, userId } = memberOf(request);
      const effectiveFrom = dateOrRefuse(request.body.effectiveFrom, "effectiveFrom");
      const checked = checkGradingRubric(request.body.rubric);
      if (!checked.ok) throw new AppError(checked.code, { field: `rubric.${String(checked.details.field)}` });
      return inTenant(database, request, async (trx) => {
        const rubric = JSON.stringify(request.body.rubric);
        await trx
          .insertInto("grading_rubrics")
          .values({ org_id: orgId, effective_from: effectiveFrom, rubric, created_by: userId })
          .onConflict((oc) => oc.columns(["org_id", "effective_from"]).doUpdateSet({ rubric }))
          .execute();
        await audit(trx, request, {
          action: "grading.rubric",
          recordType: "organization",
          recordId: orgId,
          summary: { effectiveFrom, rubric: request.body.rubric },
        });
        return rubricVersions(trx, orgId, await todayOf(trx, orgId));
      });
    },
  );
}
