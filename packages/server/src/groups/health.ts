/** A group's grade and metrics as of a date, computed from its meetings, loans and book. */
import { sql, type Tx } from "@moldir/db";
import {
  addMonths,
  assert,
  endOfMonth,
  type Grade,
  type GradingInput,
  gradeGroup,
  groupMetrics,
  type MetricsInput,
  type PlainDate,
  plainDate,
} from "@moldir/domain";
import { trialBalance } from "../ledger/statements";
import { internalLoansAsOf } from "./internal-loans";
import { rubricOn } from "./rubric";

/**
 * Each internal loan given by `asOf` with the due date that decides whether it is late: the oldest installment
 * of its schedule still overdue on that day, else its last installment. A loan that missed an installment is
 * late from that installment on, not only after its term (ADR 0016).
 */
export async function loansAsOf(trx: Tx, orgId: string, groupId: string, asOf: PlainDate) {
  const loans = await internalLoansAsOf(trx, orgId, groupId, asOf);
  return loans.map((l) => {
    const installments = l.status.installments;
    const overdue = installments.find((i) => i.status === "overdue");
    const last = installments[installments.length - 1];
    assert(last !== undefined, "a schedule has installments");
    return {
      loanId: l.loanId,
      memberId: l.memberId,
      principalMinor: l.principalMinor,
      dueOn: overdue?.dueOn ?? last.dueOn,
      outstandingMinor: l.status.outstandingMinor,
    };
  });
}

export async function meetingsAsOf(trx: Tx, orgId: string, groupId: string, asOf: PlainDate) {
  const { rows } = await sql<{
    held_on: string;
    expected: number;
    present: number;
    saving: number;
    difference: string;
  }>`SELECT m.held_on,
      (SELECT count(*)::int FROM meeting_attendance a WHERE a.org_id = m.org_id AND a.meeting_id = m.id) AS expected,
      (SELECT count(*)::int FROM meeting_attendance a WHERE a.org_id = m.org_id AND a.meeting_id = m.id AND a.status <> 'absent') AS present,
      (SELECT count(DISTINCT v.member_id)::int FROM live_group_movements v WHERE v.org_id = m.org_id AND v.meeting_id = m.id
        AND v.kind IN ('savings', 'shares')) AS saving,
      m.cash_difference_minor::text AS difference
    FROM meetings m WHERE m.org_id = ${orgId} AND m.group_id = ${groupId} AND m.held_on <= ${asOf}::date AND m.reversed_at IS NULL
      AND m.kind = 'meeting'
    ORDER BY m.held_on`.execute(trx);
  return rows;
}

export async function cashAsOf(
  trx: Tx,
  orgId: string,
  bookId: string,
  purpose: string,
  asOf: PlainDate,
): Promise<bigint> {
  const { rows } = await sql<{ balance: string }>`SELECT coalesce(sum(CASE WHEN a.type IN ('asset', 'expense')
      THEN t.debit_minor - t.credit_minor ELSE t.credit_minor - t.debit_minor END), 0)::text AS balance
    FROM accounts a JOIN account_daily_totals t ON t.org_id = a.org_id AND t.account_id = a.id
    WHERE a.org_id = ${orgId} AND a.book_id = ${bookId} AND a.purpose = ${purpose} AND t.value_date <= ${asOf}::date`.execute(
    trx,
  );
  return BigInt(rows[0]?.balance ?? "0");
}

export async function gradeOfGroup(
  trx: Tx,
  orgId: string,
  group: { id: string; book_id: string; frequency: "weekly" | "fortnightly" | "monthly"; formed_on: string },
  asOf: PlainDate,
): Promise<Grade> {
  const meetings = await meetingsAsOf(trx, orgId, group.id, asOf);
  const input: GradingInput = {
    asOf,
    frequency: group.frequency,
    formedOn: plainDate(group.formed_on),
    meetings: meetings.map((m) => ({
      heldOn: plainDate(m.held_on),
      membersExpected: m.expected,
      membersSaving: m.saving,
      hasCashDifference: m.difference !== "0",
    })),
    loans: (await loansAsOf(trx, orgId, group.id, asOf)).map((l) => ({
      loanId: l.loanId,
      dueOn: l.dueOn,
      outstandingMinor: l.outstandingMinor,
    })),
    cashMinor: await cashAsOf(trx, orgId, group.book_id, "cash", asOf),
  };
  return gradeGroup(input, await rubricOn(trx, orgId, asOf));
}

/** Grades at the end of each of the last months, oldest first. */
export async function gradeHistory(
  trx: Tx,
  orgId: string,
  group: { id: string; book_id: string; frequency: "weekly" | "fortnightly" | "monthly"; formed_on: string },
  asOf: PlainDate,
  months: number,
): Promise<Grade[]> {
  const history: Grade[] = [];
  for (let back = months - 1; back >= 1; back--) {
    const monthEnd = endOfMonth(addMonths(asOf, -back));
    if (monthEnd >= group.formed_on) history.push(await gradeOfGroup(trx, orgId, group, monthEnd));
  }
  history.push(await gradeOfGroup(trx, orgId, group, asOf));
  return history;
}

export async function metricsOfGroup(
  trx: Tx,
  orgId: string,
  group: { id: string; book_id: string; formed_on: string },
  asOf: PlainDate,
) {
  return groupMetrics(await metricsInputOfGroup(trx, orgId, group, asOf));
}

/** What the savings-group metrics of a group are computed from, as of a date (summed over groups by a roll-up). */
export async function metricsInputOfGroup(
  trx: Tx,
  orgId: string,
  group: { id: string; book_id: string; formed_on: string },
  asOf: PlainDate,
): Promise<MetricsInput> {
  const meetings = await meetingsAsOf(trx, orgId, group.id, asOf);
  const loans = await loansAsOf(trx, orgId, group.id, asOf);
  const { rows: members } = await sql<{
    joined: number;
    left: number;
    active: number;
  }>`SELECT count(*)::int AS joined,
      count(*) FILTER (WHERE left_on IS NOT NULL AND left_on <= ${asOf}::date)::int AS left,
      count(*) FILTER (WHERE joined_on <= ${asOf}::date AND (left_on IS NULL OR left_on > ${asOf}::date))::int AS active
    FROM group_members WHERE org_id = ${orgId} AND group_id = ${group.id} AND joined_on <= ${asOf}::date`.execute(
    trx,
  );
  const { rows: shares } = await sql<{ savings: string; shares: string; written_off: string }>`SELECT
      (coalesce(sum(amount_minor) FILTER (WHERE kind IN ('savings', 'shares')), 0)
        - coalesce(sum(amount_minor) FILTER (WHERE kind = 'savings_withdrawn'), 0))::text AS savings,
      coalesce(sum(shares) FILTER (WHERE kind IN ('shares', 'savings_withdrawn')), 0)::text AS shares,
      coalesce(sum(amount_minor) FILTER (WHERE kind = 'loan_written_off'), 0)::text AS written_off
    FROM live_group_movements WHERE org_id = ${orgId} AND group_id = ${group.id} AND held_on <= ${asOf}::date`.execute(
    trx,
  );
  const tb = await trialBalance(trx, orgId, group.book_id, asOf);
  const total = (type: string) =>
    tb.rows.filter((r) => r.type === type && r.parentId === null).reduce((s, r) => s + r.balanceMinor, 0n);
  const assets = total("asset");
  const outstanding = loans.reduce((s, l) => s + l.outstandingMinor, 0n);
  const asOfDate = plainDate(asOf);
  // The cycle runs from the last share-out on or before the date (a VSLA), or from the group's formation.
  const cycle = await trx
    .selectFrom("group_cycles")
    .select("started_on")
    .where("org_id", "=", orgId)
    .where("group_id", "=", group.id)
    .where("started_on", "<=", asOf)
    .orderBy("started_on", "desc")
    .executeTakeFirst();
  const weeks = Math.max(
    1,
    Math.round((Date.parse(asOfDate) - Date.parse(cycle?.started_on ?? group.formed_on)) / (7 * 86_400_000)),
  );
  const m = members[0] ?? { joined: 0, left: 0, active: 0 };
  return {
    asOf,
    recentAttendance: meetings.map((x) => ({ present: x.present, expected: x.expected })),
    activeMembers: m.active,
    membersEverJoined: m.joined,
    membersLeft: m.left,
    savingsMinor: BigInt(shares[0]?.savings ?? "0"),
    loansOutstandingMinor: outstanding,
    loansLateMinor: loans
      .filter((l) => l.outstandingMinor > 0n && l.dueOn < asOf)
      .reduce((s, l) => s + l.outstandingMinor, 0n),
    writtenOffMinor: BigInt(shares[0]?.written_off ?? "0"),
    cashMinor: await cashAsOf(trx, orgId, group.book_id, "cash", asOf),
    socialFundMinor: await cashAsOf(trx, orgId, group.book_id, "social_fund", asOf),
    membersWithLoan: new Set(loans.filter((l) => l.outstandingMinor > 0n).map((l) => l.memberId)).size,
    loansDisbursedCount: loans.length,
    loansDisbursedMinor: loans.reduce((s, l) => s + l.principalMinor, 0n),
    equityMinor: assets - (total("liability") - BigInt(shares[0]?.savings ?? "0")),
    totalAssetsMinor: assets,
    weeksInCycle: weeks,
    totalShares: Number(shares[0]?.shares ?? "0"),
  };
}
