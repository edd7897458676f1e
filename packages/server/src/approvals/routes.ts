import {
  type ApprovalAction,
  approvalActionSchema,
  approvalPolicySchema,
  approvalSchema,
  decideApprovalRequestSchema,
  setApprovalPoliciesRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { audit, inTenant } from "../http/tenant";
import { decide } from "./registry";

const tags = ["approvals"];

async function loadApprovals(trx: Tx, orgId: string, filter: { status?: string; id?: string }) {
  let query = trx
    .selectFrom("pending_actions as p")
    .leftJoin("users as maker", "maker.id", "p.maker_user_id")
    .leftJoin("users as checker", "checker.id", "p.checker_user_id")
    .select([
      "p.id",
      "p.action",
      "p.summary",
      "p.maker_user_id",
      "maker.display_name as maker_name",
      "p.made_at",
      "p.status",
      "p.checker_user_id",
      "checker.display_name as checker_name",
      "p.decided_at",
      "p.decision_comment",
    ])
    .where("p.org_id", "=", orgId)
    .orderBy("p.made_at", "desc")
    .limit(limits.pageSizeMax);
  if (filter.status !== undefined) query = query.where("p.status", "=", filter.status as "pending");
  if (filter.id !== undefined) query = query.where("p.id", "=", filter.id);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action as ApprovalAction,
    summary: row.summary as Record<string, unknown>,
    makerUserId: row.maker_user_id,
    makerName: row.maker_name ?? "",
    madeAt: row.made_at.toISOString(),
    status: row.status,
    checkerUserId: row.checker_user_id,
    checkerName: row.checker_name,
    decidedAt: row.decided_at?.toISOString() ?? null,
    comment: row.decision_comment,
  }));
}

export async function approvalRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    "/api/v1/approval-policies",
    {
      config: { access: { kind: "permission", permission: "organization.read" } },
      schema: {
        tags,
        summary: "Which actions need a second person",
        response: { 200: z.object({ items: z.array(approvalPolicySchema) }) },
      },
    },
    async (request) => {
      const rows = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("approval_policies")
          .select(["action", "requires_approval"])
          .where("org_id", "=", memberOf(request).orgId)
          .execute(),
      );
      const set = new Map(rows.map((r) => [r.action, r.requires_approval]));
      return {
        items: approvalActionSchema.options.map((action) => ({
          action,
          requiresApproval: set.get(action) ?? false,
        })),
      };
    },
  );

  routes.put(
    "/api/v1/approval-policies",
    {
      config: { access: { kind: "permission", permission: "organization.manage" } },
      schema: {
        tags,
        summary: "Set which actions need a second person",
        body: setApprovalPoliciesRequestSchema,
        response: { 200: z.object({ items: z.array(approvalPolicySchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      await inTenant(database, request, async (trx) => {
        for (const policy of request.body.policies) {
          await trx
            .insertInto("approval_policies")
            .values({ org_id: orgId, action: policy.action, requires_approval: policy.requiresApproval })
            .onConflict((oc) =>
              oc.columns(["org_id", "action"]).doUpdateSet({ requires_approval: policy.requiresApproval }),
            )
            .execute();
        }
        await audit(trx, request, {
          action: "approval_policy.set",
          recordType: "organization",
          recordId: orgId,
          summary: { policies: request.body.policies },
        });
      });
      const rows = await inTenant(database, request, (trx) =>
        trx
          .selectFrom("approval_policies")
          .select(["action", "requires_approval"])
          .where("org_id", "=", orgId)
          .execute(),
      );
      const set = new Map(rows.map((r) => [r.action, r.requires_approval]));
      return {
        items: approvalActionSchema.options.map((action) => ({
          action,
          requiresApproval: set.get(action) ?? false,
        })),
      };
    },
  );

  routes.get(
    "/api/v1/approvals",
    {
      config: { access: { kind: "permission", permission: "approvals.read" } },
      schema: {
        tags,
        summary: "Actions waiting for, or decided by, a second person",
        querystring: z.strictObject({ status: z.enum(["pending", "approved", "rejected"]).optional() }),
        response: { 200: z.object({ items: z.array(approvalSchema) }) },
      },
    },
    async (request) => ({
      items: await inTenant(database, request, (trx) =>
        loadApprovals(
          trx,
          memberOf(request).orgId,
          request.query.status === undefined ? {} : { status: request.query.status },
        ),
      ),
    }),
  );

  routes.get(
    "/api/v1/approvals/:approvalId",
    {
      config: { access: { kind: "permission", permission: "approvals.read" } },
      schema: {
        tags,
        summary: "One pending or decided action",
        params: z.object({ approvalId: uuidSchema }),
        response: { 200: approvalSchema },
      },
    },
    async (request) => {
      const [approval] = await inTenant(database, request, (trx) =>
        loadApprovals(trx, memberOf(request).orgId, { id: request.params.approvalId }),
      );
      if (approval === undefined) throw new AppError("record_must_exist");
      return approval;
    },
  );

  for (const decision of ["approve", "reject"] as const) {
    routes.post(
      `/api/v1/approvals/:approvalId/${decision}`,
      {
        config: { access: { kind: "permission", permission: "approvals.decide" } },
        schema: {
          tags,
          summary:
            decision === "approve" ? "Approve (and so execute) a pending action" : "Reject a pending action",
          params: z.object({ approvalId: uuidSchema }),
          body: decideApprovalRequestSchema,
          response: { 200: approvalSchema },
        },
      },
      async (request) => {
        await decide(
          database,
          request,
          request.params.approvalId,
          decision === "approve" ? "approved" : "rejected",
          request.body.comment ?? null,
        );
        const [approval] = await inTenant(database, request, (trx) =>
          loadApprovals(trx, memberOf(request).orgId, { id: request.params.approvalId }),
        );
        if (approval === undefined) throw new AppError("record_must_exist");
        return approval;
      },
    );
  }
}
