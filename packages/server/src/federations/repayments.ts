/**
 * A group repays a community fund loan: on its own (the fund loan's route) or at the group's meeting (the
 * RecordMeeting command carries the lines). Either way the loan is locked, the amount checked against what is
 * outstanding, and one entry posted in the node's book and one in the group's, with the same source, so the two
 * books agree and a consolidation eliminates the pair.
 */
import type { Tx } from "@moldir/db";
import { checkFundRepayment, fundRepaymentPostings, type PlainDate } from "@moldir/domain";
import { AppError } from "../http/app-error";
import { newId } from "../identity/secrets";
import { repaymentsOf } from "./figures";
import { postInBothBooks } from "./two-books";

export interface FundRepayment {
  readonly loanId: string;
  readonly paidOn: PlainDate;
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
  /** At a meeting: the group whose meeting pays, which must be the borrower, and the meeting. */
  readonly meeting?: { readonly groupId: string; readonly meetingId: string };
}

export async function repayFundLoan(
  trx: Tx,
  context: { readonly orgId: string; readonly userId: string },
  repayment: FundRepayment,
): Promise<{ readonly id: string; readonly loanId: string }> {
  const { orgId } = context;
  const loan = await trx
    .selectFrom("fund_loans")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", repayment.loanId)
    .forUpdate()
    .executeTakeFirst();
  if (loan === undefined)
    throw new AppError(
      "record_must_exist",
      repayment.meeting === undefined ? {} : { field: "fundRepayments" },
    );
  if (repayment.meeting !== undefined && loan.group_id !== repayment.meeting.groupId)
    throw new AppError("fund_loan_must_belong_to_group", { field: "fundRepayments" });
  if (repayment.paidOn < loan.disbursed_on)
    throw new AppError("date_must_not_precede_start", { field: "paidOn", start: loan.disbursed_on });
  const paidPrincipal = (await repaymentsOf(trx, orgId, [loan.id])).reduce(
    (s, r) => s + r.principal_minor,
    0n,
  );
  const checked = checkFundRepayment(
    loan.principal_minor - paidPrincipal,
    repayment.principalMinor,
    repayment.interestMinor,
  );
  if (!checked.ok) throw new AppError(checked.code, checked.details);
  const node = await trx
    .selectFrom("federation_nodes")
    .select(["book_id", "name"])
    .where("org_id", "=", orgId)
    .where("id", "=", loan.node_id)
    .executeTakeFirstOrThrow();
  const group = await trx
    .selectFrom("groups")
    .select(["book_id", "name"])
    .where("org_id", "=", orgId)
    .where("id", "=", loan.group_id)
    .executeTakeFirstOrThrow();
  const id = newId();
  const entries = await postInBothBooks(
    trx,
    context,
    { nodeBookId: node.book_id, groupBookId: group.book_id },
    fundRepaymentPostings(loan.fund, repayment.principalMinor, repayment.interestMinor),
    repayment.paidOn,
    { type: "fund_repayment", id },
    `${loan.fund.toUpperCase()} repayment: ${group.name} → ${node.name}`,
  );
  await trx
    .insertInto("fund_repayments")
    .values({
      org_id: orgId,
      id,
      loan_id: loan.id,
      paid_on: repayment.paidOn,
      principal_minor: repayment.principalMinor,
      interest_minor: repayment.interestMinor,
      node_entry_id: entries.nodeEntryId,
      group_entry_id: entries.groupEntryId,
      created_by: context.userId,
      meeting_id: repayment.meeting?.meetingId ?? null,
    })
    .execute();
  return { id, loanId: loan.id };
}
