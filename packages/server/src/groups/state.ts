/**
 * A group's state for deciding its next meeting, read from its records: the cash and social fund from its
 * book, each member's savings and shares from her passbook, and each internal loan's outstanding principal.
 */
import { sql, type Tx } from "@moldir/db";
import {
  type Bylaws,
  type GroupState,
  type InternalLoanState,
  type MemberState,
  naturalBalance,
  type PlainDate,
} from "@moldir/domain";
import { AppError } from "../http/app-error";

export interface BylawsJson {
  methodology: "shg" | "vsla";
  savingsPerMeetingMinor: string;
  sharePriceMinor: string;
  maxSharesPerMeeting: number;
  socialFundPerMeetingMinor: string;
  loanRateBpsPerMonth: number;
  loanTermMonthsMax: number;
  loanMaxMultipleOfSavings: number;
  fines: Record<"late" | "absent" | "missed_repayment" | "other", string>;
}

export function bylawsFromJson(json: BylawsJson): Bylaws {
  return {
    methodology: json.methodology,
    savingsPerMeetingMinor: BigInt(json.savingsPerMeetingMinor),
    sharePriceMinor: BigInt(json.sharePriceMinor),
    maxSharesPerMeeting: json.maxSharesPerMeeting,
    socialFundPerMeetingMinor: BigInt(json.socialFundPerMeetingMinor),
    loanRateBpsPerMonth: json.loanRateBpsPerMonth,
    loanTermMonthsMax: json.loanTermMonthsMax,
    loanMaxMultipleOfSavings: json.loanMaxMultipleOfSavings,
    fines: {
      late: BigInt(json.fines.late),
      absent: BigInt(json.fines.absent),
      missed_repayment: BigInt(json.fines.missed_repayment),
      other: BigInt(json.fines.other),
    },
  };
}

export async function loadGroupRow(trx: Tx, orgId: string, groupId: string, lock = false) {
  let query = trx.selectFrom("groups").selectAll().where("org_id", "=", orgId).where("id", "=", groupId);
  if (lock) query = query.forUpdate();
  const group = await query.executeTakeFirst();
  if (group === undefined) throw new AppError("record_must_exist");
  return group;
}

export async function bylawsOn(
  trx: Tx,
  orgId: string,
  groupId: string,
  on: PlainDate,
): Promise<{ effectiveFrom: string; json: BylawsJson }> {
  const row = await trx
    .selectFrom("group_bylaws")
    .select(["effective_from", "bylaws"])
    .where("org_id", "=", orgId)
    .where("group_id", "=", groupId)
    .where("effective_from", "<=", on)
    .orderBy("effective_from", "desc")
    .executeTakeFirst();
  if (row === undefined) throw new AppError("bylaws_must_be_in_force", { field: "heldOn" });
  return { effectiveFrom: row.effective_from, json: row.bylaws as unknown as BylawsJson };
}

export interface MemberBalances {
  readonly savingsMinor: bigint;
  readonly shares: number;
  readonly loansOutstandingMinor: bigint;
}

/** Savings, shares and loans of every member of a group, from the passbook lines. */
export async function memberBalances(
  trx: Tx,
  orgId: string,
  groupId: string,
): Promise<Map<string, MemberBalances>> {
  const { rows } = await sql<{
    member_id: string;
    savings: string;
    shares: string;
    lent: string;
    repaid: string;
  }>`SELECT member_id,
      (coalesce(sum(amount_minor) FILTER (WHERE kind IN ('savings', 'shares')), 0)
        - coalesce(sum(amount_minor) FILTER (WHERE kind = 'savings_withdrawn'), 0))::text AS savings,
      coalesce(sum(shares) FILTER (WHERE kind IN ('shares', 'savings_withdrawn')), 0)::text AS shares,
      coalesce(sum(amount_minor) FILTER (WHERE kind = 'loan_disbursed'), 0)::text AS lent,
      coalesce(sum(amount_minor) FILTER (WHERE kind IN ('loan_principal_repaid', 'loan_written_off')), 0)::text AS repaid
    FROM live_group_movements WHERE org_id = ${orgId} AND group_id = ${groupId} GROUP BY member_id`.execute(
    trx,
  );
  return new Map(
    rows.map((r) => [
      r.member_id,
      {
        savingsMinor: BigInt(r.savings),
        shares: Number(r.shares),
        loansOutstandingMinor: BigInt(r.lent) - BigInt(r.repaid),
      },
    ]),
  );
}

async function balanceOfPurpose(trx: Tx, orgId: string, bookId: string, purpose: string): Promise<bigint> {
  const { rows } = await sql<{
    type: "asset" | "liability" | "equity" | "income" | "expense";
    debit: string;
    credit: string;
  }>`SELECT a.type,
      coalesce(sum(t.debit_minor), 0)::text AS debit, coalesce(sum(t.credit_minor), 0)::text AS credit
    FROM accounts a LEFT JOIN account_daily_totals t ON t.org_id = a.org_id AND t.account_id = a.id
    WHERE a.org_id = ${orgId} AND a.book_id = ${bookId} AND a.purpose = ${purpose}
    GROUP BY a.org_id, a.id, a.type`.execute(trx);
  const row = rows[0];
  return row === undefined ? 0n : naturalBalance(row.type, BigInt(row.debit), BigInt(row.credit));
}

export async function groupState(
  trx: Tx,
  orgId: string,
  groupId: string,
  bookId: string,
): Promise<GroupState> {
  const members = await trx
    .selectFrom("group_members")
    .select(["id", "left_on"])
    .where("org_id", "=", orgId)
    .where("group_id", "=", groupId)
    .execute();
  const balances = await memberBalances(trx, orgId, groupId);
  const { rows: loans } = await sql<{
    id: string;
    member_id: string;
    outstanding: string;
  }>`SELECT l.id, l.member_id,
      (l.principal_minor - coalesce((SELECT sum(m.amount_minor) FROM live_group_movements m
        WHERE m.org_id = l.org_id AND m.loan_id = l.id AND m.kind IN ('loan_principal_repaid', 'loan_written_off')), 0))::text AS outstanding
    FROM live_group_loans l WHERE l.org_id = ${orgId} AND l.group_id = ${groupId}`.execute(trx);
  return {
    cashMinor: await balanceOfPurpose(trx, orgId, bookId, "cash"),
    socialFundMinor: await balanceOfPurpose(trx, orgId, bookId, "social_fund"),
    members: new Map(
      members.map((m): [string, MemberState] => {
        const balance = balances.get(m.id);
        return [
          m.id,
          {
            memberId: m.id,
            isActive: m.left_on === null,
            savingsMinor: balance?.savingsMinor ?? 0n,
            shares: balance?.shares ?? 0,
          },
        ];
      }),
    ),
    loans: new Map(
      loans.map((l): [string, InternalLoanState] => [
        l.id,
        { loanId: l.id, memberId: l.member_id, outstandingPrincipalMinor: BigInt(l.outstanding) },
      ]),
    ),
  };
}
