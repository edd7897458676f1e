/**
 * What the federation reads of its groups: the grade it holds for a group (its signed-off review, else the grade
 * computed from the group's records), the state of its fund loans, and the figures that roll up a node.
 */
import { sql, type Tx } from "@moldir/db";
import {
  addMonths,
  defaultGradingRubric,
  type FundLoanStatus,
  fundLoanStatus,
  type GradeLetter,
  type GroupFigures,
  limits,
  type PlainDate,
  plainDate,
} from "@moldir/domain";
import { gradeOfGroup, loansAsOf, meetingsAsOf } from "../groups/health";

export interface GroupRow {
  id: string;
  name: string;
  book_id: string;
  frequency: "weekly" | "fortnightly" | "monthly";
  formed_on: string;
}

/** The node's signed-off grade within the rubric's window, else the grade computed from the group's records. */
export async function heldGrade(
  trx: Tx,
  orgId: string,
  group: GroupRow,
  asOf: PlainDate,
): Promise<GradeLetter> {
  const review = await trx
    .selectFrom("federation_grade_reviews")
    .select("agreed_grade")
    .where("org_id", "=", orgId)
    .where("group_id", "=", group.id)
    .where("as_of", "<=", asOf)
    .where("as_of", ">", addMonths(asOf, -defaultGradingRubric.windowMonths))
    .orderBy("as_of", "desc")
    .orderBy("signed_off_at", "desc")
    .executeTakeFirst();
  if (review !== undefined) return review.agreed_grade;
  return (await gradeOfGroup(trx, orgId, group, asOf)).grade;
}

export interface FundLoanRow {
  id: string;
  application_id: string;
  node_id: string;
  group_id: string;
  fund: "cif" | "rf";
  principal_minor: bigint;
  term_months: number;
  rate_bps_per_month: number;
  disbursed_on: string;
  node_entry_id: string;
  group_entry_id: string;
}

export async function repaymentsOf(trx: Tx, orgId: string, loanIds: readonly string[]) {
  if (loanIds.length === 0) return [];
  return trx
    .selectFrom("fund_repayments")
    .select(["id", "loan_id", "paid_on", "principal_minor", "interest_minor"])
    .where("org_id", "=", orgId)
    .where("loan_id", "in", [...loanIds])
    .orderBy("paid_on")
    .orderBy("id")
    .execute();
}

export function statusOf(
  loan: FundLoanRow,
  repayments: readonly {
    loan_id: string;
    paid_on: string;
    principal_minor: bigint;
    interest_minor: bigint;
  }[],
  asOf: PlainDate,
): FundLoanStatus {
  return fundLoanStatus(
    {
      principalMinor: loan.principal_minor,
      termMonths: loan.term_months,
      rateBpsPerMonth: loan.rate_bps_per_month,
      disbursedOn: plainDate(loan.disbursed_on),
    },
    repayments
      .filter((r) => r.loan_id === loan.id)
      .map((r) => ({
        paidOn: plainDate(r.paid_on),
        principalMinor: r.principal_minor,
        interestMinor: r.interest_minor,
      })),
    asOf,
  );
}

/** The group's fund loans outstanding and in arrears as of a date. */
export async function fundPositionOf(trx: Tx, orgId: string, groupId: string, asOf: PlainDate) {
  const loans = await trx
    .selectFrom("fund_loans")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("group_id", "=", groupId)
    .where("disbursed_on", "<=", asOf)
    .limit(limits.pageSizeMax)
    .execute();
  const repayments = await repaymentsOf(
    trx,
    orgId,
    loans.map((l) => l.id),
  );
  let outstandingMinor = 0n;
  let arrearsMinor = 0n;
  for (const loan of loans) {
    const status = statusOf(loan, repayments, asOf);
    outstandingMinor += status.outstandingMinor;
    arrearsMinor += status.arrearsMinor;
  }
  return { outstandingMinor, arrearsMinor };
}

/**
 * One group's figures as of a date: the definition of what a node's roll-up sums. The roll-up itself reads all
 * its groups and dates at once (rollup.ts, ADR 0026); rollup.test.ts checks on both engines that it gives
 * what this gives, group by group and date by date.
 */
export async function figuresOfGroup(
  trx: Tx,
  orgId: string,
  group: GroupRow,
  asOf: PlainDate,
  withGrade: boolean,
): Promise<GroupFigures> {
  const { rows: members } = await sql<{ active: number; savings: string }>`SELECT
      (SELECT count(*)::int FROM group_members WHERE org_id = ${orgId} AND group_id = ${group.id}
        AND joined_on <= ${asOf}::date AND (left_on IS NULL OR left_on > ${asOf}::date)) AS active,
      (SELECT coalesce(sum(amount_minor) FILTER (WHERE kind IN ('savings', 'shares')), 0)
        - coalesce(sum(amount_minor) FILTER (WHERE kind = 'savings_withdrawn'), 0)
        FROM live_group_movements WHERE org_id = ${orgId} AND group_id = ${group.id} AND held_on <= ${asOf}::date)::text AS savings`.execute(
    trx,
  );
  const loans = await loansAsOf(trx, orgId, group.id, asOf);
  const recent = (await meetingsAsOf(trx, orgId, group.id, asOf)).slice(-4);
  const fund = await fundPositionOf(trx, orgId, group.id, asOf);
  const hasRecords = group.formed_on <= asOf;
  return {
    groupId: group.id,
    members: members[0]?.active ?? 0,
    savingsMinor: BigInt(members[0]?.savings ?? "0"),
    loansOutstandingMinor: loans.reduce((s, l) => s + l.outstandingMinor, 0n),
    loansLateMinor: loans
      .filter((l) => l.outstandingMinor > 0n && l.dueOn < asOf)
      .reduce((s, l) => s + l.outstandingMinor, 0n),
    fundLoansOutstandingMinor: fund.outstandingMinor,
    fundArrearsMinor: fund.arrearsMinor,
    attendancePresent: recent.reduce((s, m) => s + m.present, 0),
    attendanceExpected: recent.reduce((s, m) => s + m.expected, 0),
    grade: withGrade && hasRecords ? await heldGrade(trx, orgId, group, asOf) : null,
  };
}

/**
 * The groups in the given nodes on a date (joined on or before it, not left by it), with their node. All of
 * them: the roll-ups sum these, so a cut-off would leave groups out of the totals. (The roll-up reads them for
 * all its dates at once: `groupsInNodesOnDates` in rollup.ts.)
 */
export async function groupsInNodesOn(trx: Tx, orgId: string, nodeIds: readonly string[], asOf: PlainDate) {
  if (nodeIds.length === 0) return [];
  return trx
    .selectFrom("federation_node_groups as m")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "m.org_id").onRef("g.id", "=", "m.group_id"),
    )
    .select(["g.id", "g.name", "g.book_id", "g.frequency", "g.formed_on", "m.node_id"])
    .where("m.org_id", "=", orgId)
    .where("m.node_id", "in", [...nodeIds])
    .where("m.joined_on", "<=", asOf)
    .where((eb) => eb.or([eb("m.left_on", "is", null), eb("m.left_on", ">", asOf)]))
    .orderBy("g.name")
    .execute();
}
