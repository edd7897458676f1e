/**
 * Internal loans of a group with their schedules and arrears as of a date. The loan row keeps the terms it was
 * given under (principal, term, the bylaws' rate, the meeting frequency); the schedule is the domain's
 * (`internalLoanSchedule`, the loan engine with those terms) and the repayments are the passbook lines of the
 * meetings that stand (`live_group_movements`). Nothing is stored about arrears: they are computed for any date.
 */
import { internalLoansQuerySchema, internalLoansResponseSchema, uuidSchema } from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import {
  arrearsByMember,
  assert,
  type InternalLoanPayment,
  type InternalLoanStatus,
  internalLoanSchedule,
  internalLoanStatus,
  limits,
  type MeetingFrequency,
  type PlainDate,
  plainDate,
} from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { inTenant } from "../http/tenant";
import { loadGroupRow } from "./state";

export interface InternalLoanView {
  readonly loanId: string;
  readonly memberId: string;
  readonly meetingId: string;
  readonly disbursedOn: PlainDate;
  readonly carriedOverOn: PlainDate | null;
  readonly principalMinor: bigint;
  readonly termMonths: number;
  readonly rateBpsPerMonth: number;
  readonly repaymentFrequency: MeetingFrequency;
  readonly status: InternalLoanStatus;
}

/**
 * The group's internal loans given by `asOf` (or only one member's), each with its schedule and status on that
 * day, oldest first. Two queries whatever the number of loans.
 */
export async function internalLoansAsOf(
  trx: Tx,
  orgId: string,
  groupId: string,
  asOf: PlainDate,
  memberId: string | null = null,
): Promise<InternalLoanView[]> {
  const { rows: loans } = await sql<{
    id: string;
    member_id: string;
    meeting_id: string;
    principal: string;
    term_months: number;
    rate_bps_per_month: number;
    disbursed_on: string;
    repayment_frequency: MeetingFrequency;
    meeting_kind: string;
    meeting_held_on: string;
  }>`SELECT l.id, l.member_id, l.meeting_id, l.principal_minor::text AS principal, l.term_months,
      l.rate_bps_per_month, l.disbursed_on, l.repayment_frequency, m.kind AS meeting_kind, m.held_on AS meeting_held_on
    FROM live_group_loans l JOIN meetings m ON m.org_id = l.org_id AND m.id = l.meeting_id
    WHERE l.org_id = ${orgId} AND l.group_id = ${groupId} AND m.held_on <= ${asOf}::date
      AND (${memberId}::uuid IS NULL OR l.member_id = ${memberId}::uuid)
    ORDER BY m.held_on, l.id
    LIMIT ${limits.internalLoansPerListMax}`.execute(trx);
  if (loans.length === 0) return [];
  const { rows: lines } = await sql<{
    loan_id: string;
    held_on: string;
    kind: "loan_principal_repaid" | "loan_interest_paid" | "loan_written_off";
    amount: string;
  }>`SELECT v.loan_id, v.held_on, v.kind, v.amount_minor::text AS amount
    FROM live_group_movements v
    WHERE v.org_id = ${orgId} AND v.group_id = ${groupId} AND v.held_on <= ${asOf}::date
      AND v.loan_id = ANY(${loans.map((l) => l.id)}::uuid[])
      AND v.kind IN ('loan_principal_repaid', 'loan_interest_paid', 'loan_written_off')`.execute(trx);
  const paymentsByLoan = new Map<string, InternalLoanPayment[]>();
  for (const line of lines) {
    const amount = BigInt(line.amount);
    const payments = paymentsByLoan.get(line.loan_id) ?? [];
    payments.push({
      paidOn: plainDate(line.held_on),
      principalMinor: line.kind === "loan_principal_repaid" ? amount : 0n,
      interestMinor: line.kind === "loan_interest_paid" ? amount : 0n,
      writtenOffMinor: line.kind === "loan_written_off" ? amount : 0n,
    });
    paymentsByLoan.set(line.loan_id, payments);
  }
  return loans.map((loan) => {
    const principalMinor = BigInt(loan.principal);
    const carriedOverOn = loan.meeting_kind === "opening" ? plainDate(loan.meeting_held_on) : null;
    const schedule = internalLoanSchedule({
      principalMinor,
      disbursedOn: plainDate(loan.disbursed_on),
      termMonths: loan.term_months,
      rateBpsPerMonth: loan.rate_bps_per_month,
      frequency: loan.repayment_frequency,
      carriedOverOn,
    });
    // The meeting that gave the loan checked its term against the bylaws; a stored loan always has a schedule.
    assert(schedule.ok, "a stored internal loan has a schedule");
    return {
      loanId: loan.id,
      memberId: loan.member_id,
      meetingId: loan.meeting_id,
      disbursedOn: plainDate(loan.disbursed_on),
      carriedOverOn,
      principalMinor,
      termMonths: loan.term_months,
      rateBpsPerMonth: loan.rate_bps_per_month,
      repaymentFrequency: loan.repayment_frequency,
      status: internalLoanStatus(principalMinor, schedule.value, paymentsByLoan.get(loan.id) ?? [], asOf),
    };
  });
}

/** The wire shape of a loan (amounts as decimal strings). */
export function toInternalLoanJson(loan: InternalLoanView) {
  const s = loan.status;
  return {
    loanId: loan.loanId,
    memberId: loan.memberId,
    meetingId: loan.meetingId,
    disbursedOn: loan.disbursedOn,
    carriedOverOn: loan.carriedOverOn,
    principalMinor: loan.principalMinor.toString(),
    termMonths: loan.termMonths,
    rateBpsPerMonth: loan.rateBpsPerMonth,
    repaymentFrequency: loan.repaymentFrequency,
    schedule: s.installments.map((i) => ({
      number: i.number,
      dueOn: i.dueOn,
      principalMinor: i.principalMinor.toString(),
      interestMinor: i.interestMinor.toString(),
      principalPaidMinor: i.principalPaidMinor.toString(),
      interestPaidMinor: i.interestPaidMinor.toString(),
      status: i.status,
    })),
    principalPaidMinor: s.principalPaidMinor.toString(),
    interestPaidMinor: s.interestPaidMinor.toString(),
    writtenOffMinor: s.writtenOffMinor.toString(),
    outstandingMinor: s.outstandingMinor.toString(),
    overdueMinor: s.overdueMinor.toString(),
    overduePrincipalMinor: s.overduePrincipalMinor.toString(),
    overdueInterestMinor: s.overdueInterestMinor.toString(),
    daysLate: s.daysLate,
    isSettled: s.isSettled,
  };
}

export function internalLoanRoutes(app: FastifyInstance, database: Database): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    "/api/v1/groups/:groupId/internal-loans",
    {
      config: { access: { kind: "permission", permission: "groups.read", anyScope: true } },
      schema: {
        tags: ["groups"],
        summary: "Internal loans with their schedules, what was paid, and arrears per member as of a date",
        params: z.object({ groupId: uuidSchema }),
        querystring: internalLoansQuerySchema,
        response: { 200: internalLoansResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const { groupId } = request.params;
      const query = request.query;
      return inTenant(database, request, async (trx) => {
        await loadGroupRow(trx, orgId, groupId);
        const asOf = query.asOf === undefined ? await todayOf(trx, orgId) : dateOrRefuse(query.asOf, "asOf");
        if (query.memberId !== undefined) {
          const member = await trx
            .selectFrom("group_members")
            .select("id")
            .where("org_id", "=", orgId)
            .where("group_id", "=", groupId)
            .where("id", "=", query.memberId)
            .executeTakeFirst();
          if (member === undefined) throw new AppError("record_must_exist", { field: "memberId" });
        }
        const loans = await internalLoansAsOf(trx, orgId, groupId, asOf, query.memberId ?? null);
        const listed = query.status === "all" ? loans : loans.filter((l) => !l.status.isSettled);
        return {
          asOf,
          items: listed.map(toInternalLoanJson),
          arrears: arrearsByMember(loans).map((a) => ({
            memberId: a.memberId,
            overdueMinor: a.overdueMinor.toString(),
            daysLate: a.daysLate,
            loanIds: [...a.loanIds],
          })),
        };
      });
    },
  );
}
