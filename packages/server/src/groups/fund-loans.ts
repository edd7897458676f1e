/**
 * The group's side of its federation's community fund loans: the loans still owed, with what is due, so that
 * the meeting screen can repay them from the meeting's cash (`fundRepayments` of RecordMeeting). Reading them
 * needs only the right to read the group: the bookkeeper who records the meeting does not read federations.
 */
import { groupFundLoansResponseSchema, uuidSchema } from "@moldir/contract";
import type { Database } from "@moldir/db";
import { fundLoanSchedule, limits, plainDate } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { repaymentsOf, statusOf } from "../federations/figures";
import { memberOf } from "../http/access";
import { dateOrRefuse, todayOf } from "../http/dates";
import { inTenant } from "../http/tenant";
import { loadGroupRow } from "./state";

export function groupFundLoanRoutes(app: FastifyInstance, database: Database): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    "/api/v1/groups/:groupId/fund-loans",
    {
      config: { access: { kind: "permission", permission: "groups.read", anyScope: true } },
      schema: {
        tags: ["groups"],
        summary: "The group's open community fund loans, with arrears and the next installment, as of a date",
        params: z.object({ groupId: uuidSchema }),
        querystring: z.strictObject({
          asOf: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
        response: { 200: groupFundLoansResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { groupId } = request.params;
      return inTenant(database, request, async (trx) => {
        await loadGroupRow(trx, orgId, groupId);
        const asOf =
          request.query.asOf === undefined
            ? await todayOf(trx, orgId)
            : dateOrRefuse(request.query.asOf, "asOf");
        const loans = await trx
          .selectFrom("fund_loans as l")
          .innerJoin("federation_nodes as n", (join) =>
            join.onRef("n.org_id", "=", "l.org_id").onRef("n.id", "=", "l.node_id"),
          )
          .selectAll("l")
          .select("n.name as node_name")
          .where("l.org_id", "=", orgId)
          .where("l.group_id", "=", groupId)
          .where("l.disbursed_on", "<=", asOf)
          .orderBy("l.disbursed_on")
          .orderBy("l.id")
          .limit(limits.pageSizeMax)
          .execute();
        const repayments = await repaymentsOf(
          trx,
          orgId,
          loans.map((l) => l.id),
        );
        const items = loans.flatMap((loan) => {
          const status = statusOf(loan, repayments, asOf);
          if (status.outstandingMinor === 0n) return [];
          const next = fundLoanSchedule({
            principalMinor: loan.principal_minor,
            termMonths: loan.term_months,
            rateBpsPerMonth: loan.rate_bps_per_month,
            disbursedOn: plainDate(loan.disbursed_on),
          }).find((installment) => installment.dueOn > asOf);
          return [
            {
              id: loan.id,
              fund: loan.fund,
              nodeName: loan.node_name,
              disbursedOn: loan.disbursed_on,
              principalMinor: loan.principal_minor.toString(),
              outstandingMinor: status.outstandingMinor.toString(),
              arrearsMinor: status.arrearsMinor.toString(),
              interestArrearsMinor: status.interestArrearsMinor.toString(),
              daysPastDue: status.daysPastDue,
              nextDue:
                next === undefined
                  ? null
                  : {
                      dueOn: next.dueOn,
                      principalMinor: next.principalMinor.toString(),
                      interestMinor: next.interestMinor.toString(),
                    },
            },
          ];
        });
        return { asOf, items };
      });
    },
  );
}
