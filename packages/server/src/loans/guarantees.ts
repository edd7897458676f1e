/**
 * Joint-liability groups as guarantee circles: a borrower's individual loan is guaranteed by other current
 * members of a group she belongs to. A guarantor in arrears on a loan of her own cannot guarantee
 * (docs/adr/0012-guarantee-circles-and-term-change-requests.md).
 */
import {
  type LoanGuarantees,
  loanGuaranteeRequestSchema,
  loanGuaranteesSchema,
  uuidSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { loanReachCheck } from "./scope";
import { borrowerName, type LoanRow, loadLoan } from "./service";

const tags = ["loans"];

/** Whether a person is a current member of a group on a date. */
async function isMember(trx: Tx, orgId: string, groupId: string, personId: string, on: string) {
  const row = await trx
    .selectFrom("group_members")
    .select("id")
    .where("org_id", "=", orgId)
    .where("group_id", "=", groupId)
    .where("person_id", "=", personId)
    .where("joined_on", "<=", on)
    .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">", on)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Refuses a guarantee the circle's rules do not allow; the loan is locked by the caller. */
async function requireGuarantee(
  trx: Tx,
  loan: LoanRow,
  body: z.infer<typeof loanGuaranteeRequestSchema>,
): Promise<void> {
  if (loan.client_kind !== "joint_liability" || loan.person_id === null) {
    throw new AppError("loan_must_be_joint_liability");
  }
  if (loan.status !== "applied" && loan.status !== "approved") throw new AppError("loan_must_be_applied");
  if (body.guarantorPersonId === loan.person_id) {
    throw new AppError("guarantor_must_not_be_borrower", { field: "guarantorPersonId" });
  }
  const today = await todayOf(trx, loan.org_id);
  if (!(await isMember(trx, loan.org_id, body.groupId, loan.person_id, today))) {
    throw new AppError("borrower_must_be_group_member", { field: "groupId" });
  }
  if (!(await isMember(trx, loan.org_id, body.groupId, body.guarantorPersonId, today))) {
    throw new AppError("guarantor_must_be_group_member", { field: "guarantorPersonId" });
  }
  const late = await trx
    .selectFrom("loans")
    .select("number")
    .where("org_id", "=", loan.org_id)
    .where("person_id", "=", body.guarantorPersonId)
    .where("status", "=", "active")
    .where("days_past_due", ">", 0)
    .orderBy("number")
    .executeTakeFirst();
  if (late !== undefined) {
    throw new AppError("guarantor_must_not_be_in_arrears", {
      field: "guarantorPersonId",
      loanNumber: late.number,
    });
  }
  const existing = await trx
    .selectFrom("loan_guarantees")
    .select("id")
    .where("org_id", "=", loan.org_id)
    .where("loan_id", "=", loan.id)
    .where("guarantor_person_id", "=", body.guarantorPersonId)
    .executeTakeFirst();
  if (existing !== undefined) throw new AppError("guarantee_must_be_new", { field: "guarantorPersonId" });
}

/** The guarantors of a loan's borrower on this loan, and the loans she guarantees for others. */
export async function guaranteesOf(trx: Tx, loan: LoanRow): Promise<LoanGuarantees> {
  const guarantors = await trx
    .selectFrom("loan_guarantees as lg")
    .innerJoin("persons as p", (j) =>
      j.onRef("p.org_id", "=", "lg.org_id").onRef("p.id", "=", "lg.guarantor_person_id"),
    )
    .innerJoin("groups as g", (j) => j.onRef("g.org_id", "=", "lg.org_id").onRef("g.id", "=", "lg.group_id"))
    .select([
      "lg.id",
      "lg.group_id",
      "g.name",
      "lg.guarantor_person_id",
      "p.surname",
      "p.given_name",
      "lg.created_at",
    ])
    .where("lg.org_id", "=", loan.org_id)
    .where("lg.loan_id", "=", loan.id)
    .orderBy("lg.created_at")
    .execute();
  const guaranteed =
    loan.person_id === null
      ? []
      : await trx
          .selectFrom("loan_guarantees as lg")
          .innerJoin("loans as l", (j) =>
            j.onRef("l.org_id", "=", "lg.org_id").onRef("l.id", "=", "lg.loan_id"),
          )
          .leftJoin("persons as p", (j) =>
            j.onRef("p.org_id", "=", "l.org_id").onRef("p.id", "=", "l.person_id"),
          )
          .select([
            "lg.id",
            "l.id as loan_id",
            "l.number",
            "l.status",
            "l.days_past_due",
            "p.surname",
            "p.given_name",
          ])
          .where("lg.org_id", "=", loan.org_id)
          .where("lg.guarantor_person_id", "=", loan.person_id)
          .orderBy("l.number")
          .execute();
  return {
    guarantors: guarantors.map((r) => ({
      id: r.id,
      groupId: r.group_id,
      groupName: r.name,
      guarantorPersonId: r.guarantor_person_id,
      guarantorName: borrowerName({ surname: r.surname, given_name: r.given_name, group_name: null }),
      createdAt: r.created_at.toISOString(),
    })),
    guaranteedLoans: guaranteed.map((r) => ({
      guaranteeId: r.id,
      loanId: r.loan_id,
      number: r.number,
      borrowerName: borrowerName({ surname: r.surname, given_name: r.given_name, group_name: null }),
      status: r.status,
      daysPastDue: r.days_past_due,
    })),
  };
}

export async function loanGuaranteeRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  app.addHook("preHandler", loanReachCheck(options.database));
  const params = z.object({ loanId: uuidSchema });

  routes.get(
    "/api/v1/loans/:loanId/guarantees",
    {
      config: { access: { kind: "permission", permission: "loans.read", anyScope: true } },
      schema: {
        tags,
        summary:
          "Who guarantees this loan in the borrower's joint-liability group, and whose loans she guarantees",
        params,
        response: { 200: loanGuaranteesSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) =>
        guaranteesOf(trx, await loadLoan(trx, orgId, request.params.loanId)),
      );
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/guarantees",
    {
      config: { access: { kind: "permission", permission: "loans.manage", anyScope: true } },
      schema: {
        tags,
        summary:
          "A member of the borrower's group guarantees her loan (before disbursement); refused for someone " +
          "outside the group, the borrower herself, or a member in arrears",
        params,
        body: loanGuaranteeRequestSchema,
        response: { 201: loanGuaranteesSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const answer = await inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, actor.orgId, request.params.loanId, true);
        await requireGuarantee(trx, loan, request.body);
        const id = newId();
        await trx
          .insertInto("loan_guarantees")
          .values({
            org_id: actor.orgId,
            id,
            loan_id: loan.id,
            group_id: request.body.groupId,
            guarantor_person_id: request.body.guarantorPersonId,
            created_by: actor.userId,
          })
          .execute();
        await audit(trx, request, {
          action: "loan.guarantee_add",
          recordType: "loan",
          recordId: loan.id,
          summary: { guaranteeId: id, groupId: request.body.groupId },
        });
        return guaranteesOf(trx, loan);
      });
      return reply.code(201).send(answer);
    },
  );

  routes.delete(
    "/api/v1/loans/:loanId/guarantees/:guaranteeId",
    {
      config: { access: { kind: "permission", permission: "loans.manage", anyScope: true } },
      schema: {
        tags,
        summary:
          "Removes a guarantor from the loan's guarantee circle (before disbursement: after it the guarantee " +
          "is part of the contract); audited",
        params: params.extend({ guaranteeId: uuidSchema }),
        response: { 200: loanGuaranteesSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, actor.orgId, request.params.loanId, true);
        const guarantee = await trx
          .selectFrom("loan_guarantees")
          .select(["id", "group_id", "guarantor_person_id"])
          .where("org_id", "=", actor.orgId)
          .where("loan_id", "=", loan.id)
          .where("id", "=", request.params.guaranteeId)
          .executeTakeFirst();
        if (guarantee === undefined) throw new AppError("record_must_exist", { field: "guaranteeId" });
        if (loan.status !== "applied" && loan.status !== "approved") {
          throw new AppError("guarantor_removal_needs_open_application");
        }
        await trx
          .deleteFrom("loan_guarantees")
          .where("org_id", "=", actor.orgId)
          .where("id", "=", guarantee.id)
          .execute();
        await audit(trx, request, {
          action: "loan.guarantee_remove",
          recordType: "loan",
          recordId: loan.id,
          summary: {
            guaranteeId: guarantee.id,
            groupId: guarantee.group_id,
            guarantorPersonId: guarantee.guarantor_person_id,
          },
        });
        return guaranteesOf(trx, loan);
      });
    },
  );
}
