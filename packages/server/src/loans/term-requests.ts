/**
 * A borrower's request to change her loan's terms after a delay (Kazakhstan: she may ask within 30 days of
 * the delay; the organization answers within 15 calendar days of receiving it). The request is tracked from
 * its receipt to a decision with a reason; approving it reschedules the loan and links the rescheduling
 * (docs/adr/0012-guarantee-circles-and-term-change-requests.md).
 */
import {
  type TermChangeRequest,
  termChangeDecisionSchema,
  termChangeRequestCreateSchema,
  termChangeRequestSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, LoanTermChangeRequestsTable, Tx } from "@moldir/db";
import { addDays, type PlainDate } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Selectable } from "kysely";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { rescheduleLoan } from "./routes";
import { loanReachCheck } from "./scope";
import { loadEvents, loadLoan, stateOf, toDomainEvents } from "./service";
import { parseStoredTerms, servicingOf } from "./terms";

const tags = ["loans"];

/** Days from the first day of a delay within which the borrower may ask for changed terms. */
export const termChangeWindowDays = 30;
/** Calendar days from receiving a request within which the organization must answer it. */
export const termChangeAnswerDays = 15;

type RequestRow = Selectable<LoanTermChangeRequestsTable>;

function toRequest(row: RequestRow, today: PlainDate): TermChangeRequest {
  return {
    id: row.id,
    loanId: row.loan_id,
    receivedOn: row.received_on,
    delayStartedOn: row.delay_started_on,
    windowEndsOn: row.window_ends_on,
    answerDueOn: row.answer_due_on,
    proposal: row.proposal,
    status: row.status,
    decisionReason: row.decision_reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    rescheduleEventId: row.reschedule_event_id,
    answerOverdue: row.status === "pending" && today > row.answer_due_on,
    version: row.version,
  };
}

/** When the delay the request is about began, from the loan replayed to the day it was received. */
async function delayStartOf(trx: Tx, orgId: string, loanId: string, receivedOn: PlainDate) {
  const loan = await loadLoan(trx, orgId, loanId, true);
  if (loan.status !== "active" || loan.disbursed_on === null) throw new AppError("loan_must_be_active");
  const today = await todayOf(trx, orgId);
  if (receivedOn > today) throw new AppError("value_date_must_not_be_in_the_future", { field: "receivedOn" });
  if (receivedOn < loan.disbursed_on) {
    throw new AppError("value_date_must_not_be_before_disbursement", {
      field: "receivedOn",
      disbursedOn: loan.disbursed_on,
    });
  }
  const servicing = servicingOf(parseStoredTerms(loan.terms));
  const state = stateOf(servicing, toDomainEvents(await loadEvents(trx, orgId, loan.id)), receivedOn);
  if (state.daysPastDue === 0) throw new AppError("loan_must_be_in_arrears", { field: "receivedOn" });
  const delayStartedOn = addDays(receivedOn, 1 - state.daysPastDue);
  const windowEndsOn = addDays(delayStartedOn, termChangeWindowDays);
  if (receivedOn > windowEndsOn) {
    throw new AppError("term_change_request_must_be_within_window", {
      field: "receivedOn",
      delayStartedOn,
      windowEndsOn,
    });
  }
  return { loan, today, delayStartedOn, windowEndsOn };
}

async function requestsOf(trx: Tx, orgId: string, loanId: string): Promise<RequestRow[]> {
  return trx
    .selectFrom("loan_term_change_requests")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("loan_id", "=", loanId)
    .orderBy("received_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
}

export async function termChangeRequestRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  app.addHook("preHandler", loanReachCheck(options.database));
  const loanParams = z.object({ loanId: uuidSchema });

  routes.get(
    "/api/v1/loans/:loanId/term-change-requests",
    {
      config: { access: { kind: "permission", permission: "loans.read", anyScope: true } },
      schema: {
        tags,
        summary: "The borrower's requests to change the loan's terms after a delay, the newest first",
        params: loanParams,
        response: { 200: z.object({ items: z.array(termChangeRequestSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, orgId, request.params.loanId);
        const today = await todayOf(trx, orgId);
        return { items: (await requestsOf(trx, orgId, loan.id)).map((row) => toRequest(row, today)) };
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/term-change-requests",
    {
      config: { access: { kind: "permission", permission: "loans.manage", anyScope: true } },
      schema: {
        tags,
        summary:
          "Record a borrower's request to change the terms, received within 30 days of a delay; the answer " +
          "is due within 15 days of receipt",
        params: loanParams,
        body: termChangeRequestCreateSchema,
        response: { 201: termChangeRequestSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const receivedOn = dateOrRefuse(request.body.receivedOn, "receivedOn");
      const created = await inTenant(database, request, async (trx) => {
        const { loan, today, delayStartedOn, windowEndsOn } = await delayStartOf(
          trx,
          actor.orgId,
          request.params.loanId,
          receivedOn,
        );
        if ((await requestsOf(trx, actor.orgId, loan.id)).some((r) => r.status === "pending")) {
          throw new AppError("term_change_request_must_be_only_pending");
        }
        const row = await trx
          .insertInto("loan_term_change_requests")
          .values({
            org_id: actor.orgId,
            id: newId(),
            loan_id: loan.id,
            received_on: receivedOn,
            delay_started_on: delayStartedOn,
            window_ends_on: windowEndsOn,
            answer_due_on: addDays(receivedOn, termChangeAnswerDays),
            proposal: request.body.proposal,
            created_by: actor.userId,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, request, {
          action: "loan.term_change_request",
          recordType: "loan",
          recordId: loan.id,
          summary: { requestId: row.id, receivedOn },
        });
        return toRequest(row, today);
      });
      return reply.code(201).send(created);
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/term-change-requests/:requestId/decision",
    {
      config: { access: { kind: "permission", permission: "loans.approve", anyScope: true } },
      schema: {
        tags,
        summary:
          "Decide a request with a reason: approving it reschedules the loan with the terms given and links " +
          "the rescheduling; refusing it keeps the terms",
        params: z.object({ loanId: uuidSchema, requestId: uuidSchema }),
        body: termChangeDecisionSchema,
        response: { 200: termChangeRequestSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      const body = request.body;
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, actor.orgId, request.params.loanId, true);
        const row = await trx
          .selectFrom("loan_term_change_requests")
          .selectAll()
          .where("org_id", "=", actor.orgId)
          .where("loan_id", "=", loan.id)
          .where("id", "=", request.params.requestId)
          .forUpdate()
          .executeTakeFirst();
        if (row === undefined) throw new AppError("record_must_exist");
        if (row.version !== body.version) throw new AppError("version_must_match");
        if (row.status !== "pending") throw new AppError("term_change_request_must_be_pending");
        let rescheduleEventId: string | null = null;
        if (body.decision === "approve") {
          if (body.reschedule === undefined)
            throw new AppError("request_must_be_valid", { field: "reschedule" });
          rescheduleEventId = await rescheduleLoan(trx, request, loan.id, {
            ...body.reschedule,
            reason: body.reason,
          });
        }
        const updated = await trx
          .updateTable("loan_term_change_requests")
          .set({
            status: body.decision === "approve" ? "approved" : "refused",
            decision_reason: body.reason,
            decided_by: actor.userId,
            decided_at: new Date(),
            reschedule_event_id: rescheduleEventId,
            version: row.version + 1,
          })
          .where("org_id", "=", actor.orgId)
          .where("id", "=", row.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(trx, request, {
          action: body.decision === "approve" ? "loan.term_change_approve" : "loan.term_change_refuse",
          recordType: "loan",
          recordId: loan.id,
          summary: { requestId: row.id, reason: body.reason, rescheduleEventId },
        });
        return toRequest(updated, await todayOf(trx, actor.orgId));
      });
    },
  );
}
