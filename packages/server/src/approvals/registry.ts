/**
 * Four eyes (maker-checker). An organization says which actions need a second person. Such an action is
 * stored as pending with its full request; another user who holds the action's permission and
 * `approvals.decide` approves it (which executes it, exactly once, in the same transaction that marks it
 * approved) or rejects it. The maker can never decide her own action, and the database refuses it too.
 */
import type { ApprovalAction } from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import type { Permission } from "@moldir/domain";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";

/** Who made an action, and who approved it (null when no approval was needed). */
export interface ActionContext {
  readonly orgId: string;
  readonly makerUserId: string;
  readonly checkerUserId: string | null;
  readonly address: string;
}

/** What an executed action changed, for the audit log. */
export interface ActionOutcome<R> {
  readonly result: R;
  readonly recordType: string;
  readonly recordId: string;
  readonly summary: Readonly<Record<string, unknown>>;
}

export interface ApprovableAction<P, R> {
  readonly action: ApprovalAction;
  /** Held by the maker to ask, and by the checker to approve. */
  readonly permission: Permission;
  readonly payloadSchema: z.ZodType<P>;
  /** What the checker sees before deciding; personal data masked. */
  summarize(trx: Tx, context: ActionContext, payload: P): Promise<Record<string, unknown>>;
  /** Checks and applies the action; throws AppError to refuse (nothing is then changed). */
  execute(trx: Tx, context: ActionContext, payload: P): Promise<ActionOutcome<R>>;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds actions of every payload type.
const registry = new Map<ApprovalAction, ApprovableAction<any, any>>();

export function registerApprovableAction<P, R>(definition: ApprovableAction<P, R>): void {
  registry.set(definition.action, definition);
}

export function approvableAction(action: string): ApprovableAction<unknown, unknown> | undefined {
  return registry.get(action as ApprovalAction);
}

export async function writeAuditEvent(
  trx: Tx,
  context: ActionContext,
  actorUserId: string,
  event: { action: string; recordType: string; recordId: string | null; summary: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({
      org_id: context.orgId,
      id: newId(),
      actor_user_id: actorUserId,
      actor_address: context.address,
      action: event.action,
      record_type: event.recordType,
      record_id: event.recordId,
      summary: JSON.stringify(event.summary),
    })
    .execute();
}

export type Performed<R> =
  | { readonly kind: "done"; readonly result: R }
  | { readonly kind: "pending"; readonly approvalId: string };

/** Does the action now, or stores it for a second person when the organization requires one. */
export async function performOrQueue<P, R>(
  database: Database,
  request: FastifyRequest,
  definition: ApprovableAction<P, R>,
  payload: P,
  options: { readonly alwaysRequireApproval?: boolean } = {},
): Promise<Performed<R>> {
  const actor = memberOf(request);
  const context: ActionContext = {
    orgId: actor.orgId,
    makerUserId: actor.userId,
    checkerUserId: null,
    address: request.ip,
  };
  return inTenant(database, request, async (trx) => {
    // The organization's approval policies came with the actor (one statement for both).
    if (options.alwaysRequireApproval === true || actor.fourEyesActions.has(definition.action)) {
      const summary = await definition.summarize(trx, context, payload);
      const approvalId = newId();
      await trx
        .insertInto("pending_actions")
        .values({
          org_id: actor.orgId,
          id: approvalId,
          action: definition.action,
          payload: JSON.stringify(payload),
          summary: JSON.stringify(summary),
          maker_user_id: actor.userId,
        })
        .execute();
      await writeAuditEvent(trx, context, actor.userId, {
        action: "approval.request",
        recordType: "approval",
        recordId: approvalId,
        summary: { action: definition.action, ...summary },
      });
      return { kind: "pending", approvalId };
    }
    const outcome = await definition.execute(trx, context, payload);
    await writeAuditEvent(trx, context, actor.userId, {
      action: definition.action,
      recordType: outcome.recordType,
      recordId: outcome.recordId,
      summary: { ...outcome.summary },
    });
    return { kind: "done", result: outcome.result };
  });
}

/** Approves or rejects a pending action; approval executes it exactly once. */
export async function decide(
  database: Database,
  request: FastifyRequest,
  approvalId: string,
  decision: "approved" | "rejected",
  comment: string | null,
): Promise<void> {
  const actor = memberOf(request);
  await inTenant(database, request, async (trx) => {
    const pending = await trx
      .selectFrom("pending_actions")
      .selectAll()
      .where("org_id", "=", actor.orgId)
      .where("id", "=", approvalId)
      .forUpdate()
      .executeTakeFirst();
    if (pending === undefined) throw new AppError("record_must_exist");
    if (pending.status !== "pending") throw new AppError("approval_must_be_pending");
    if (pending.maker_user_id === actor.userId)
      throw new AppError("approval_must_be_decided_by_another_user");
    const definition = approvableAction(pending.action);
    if (definition === undefined) throw new Error(`no executor for ${pending.action}`);
    if (!actor.organizationPermissions.has(definition.permission)) {
      throw new AppError("permission_must_be_granted", { permission: definition.permission });
    }
    const context: ActionContext = {
      orgId: actor.orgId,
      makerUserId: pending.maker_user_id,
      checkerUserId: actor.userId,
      address: request.ip,
    };
    let result: unknown = null;
    if (decision === "approved") {
      const payload = definition.payloadSchema.parse(pending.payload);
      const outcome = await definition.execute(trx, context, payload);
      result = outcome.result;
      await writeAuditEvent(trx, context, pending.maker_user_id, {
        action: definition.action,
        recordType: outcome.recordType,
        recordId: outcome.recordId,
        summary: { ...outcome.summary, approvedBy: actor.userId, approvalId },
      });
    }
    await trx
      .updateTable("pending_actions")
      .set({
        status: decision,
        checker_user_id: actor.userId,
        decided_at: sql<Date>`now()`,
        decision_comment: comment,
        result: JSON.stringify(result ?? null),
      })
      .where("org_id", "=", actor.orgId)
      .where("id", "=", approvalId)
      .execute();
    await writeAuditEvent(trx, context, actor.userId, {
      action: decision === "approved" ? "approval.approve" : "approval.reject",
      recordType: "approval",
      recordId: approvalId,
      summary: { action: pending.action, comment },
    });
  });
}
