/**
 * The roll-up of a federation node, set-based (ADR 0026). The node's report needs, for every group below it,
 * its figures as of the report's date (with its grade) and as of each month end of the trend, and the inputs of
 * the savings-group metrics as of the report's date. Read one group and one date at a time that was about
 * seven statements per group and date (832 s for 1,000 groups); here every record the figures come from is
 * read for all the groups and all the dates at once, in a fixed number of statements whatever the number of
 * groups or months:
 *
 * - what is a sum (members, savings, shares, written-off loans, account balances) is summed by SQL per group
 *   and date, the dates given as an array and joined to the groups' rows;
 * - what needs a schedule or the rubric (internal loans late or not, fund loans in arrears, the grade) is read
 *   as rows for all the groups up to the report's date and computed by the domain's own functions
 *   (`internalLoanStatus`, `fundLoanStatus`, `gradeGroup`), as the per-group path computes them, so that there
 *   is one definition of a late loan and of a grade.
 *
 * The per-group functions (`figuresOfGroup` in figures.ts, `metricsInputOfGroup` in groups/health.ts) remain
 * the definition: rollup.test.ts checks on both engines that this gives the same figures for every group and
 * date.
 */
import { sql, type Tx } from "@moldir/db";
import {
  addMonths,
  assert,
  defaultGradingRubric,
  fundLoanStatus,
  type GradeLetter,
  type GradingRubric,
  type GroupFigures,
  gradeGroup,
  type InternalInstallment,
  type InternalLoanPayment,
  internalLoanSchedule,
  internalLoanStatus,
  limits,
  type MeetingFrequency,
  type MetricsInput,
  type PlainDate,
  plainDate,
} from "@moldir/domain";
import { rubricOn } from "../groups/rubric";
import type { GroupRow } from "./figures";

/** A group in a node on a date, with its node. */
export interface NodeGroupRow extends GroupRow {
  node_id: string;
}

/** The figures of the groups below a node: as of the report's date, and as of each month end of the trend. */
export interface NodeRollupFigures {
  /** The groups in the nodes on the report's date, by name, each with its figures and held grade. */
  readonly groups: readonly { readonly group: NodeGroupRow; readonly figures: GroupFigures }[];
  /** Each month end given, in the order given, with the figures of the groups in the nodes then (no grade). */
  readonly trend: readonly { readonly monthEnd: PlainDate; readonly figures: readonly GroupFigures[] }[];
  /** The savings-group metrics' inputs of `groups` as of the report's date, in the same order. */
  readonly metricsInputs: readonly MetricsInput[];
}

/**
 * The groups in the nodes on each date (joined on or before it, not left by it), by date then name, as
 * `groupsInNodesOn` gives them for one date. Bounded by the books an organization may have (every group has a
 * book), for each date.
 */
export async function groupsInNodesOnDates(
  trx: Tx,
  orgId: string,
  nodeIds: readonly string[],
  dates: readonly PlainDate[],
): Promise<Map<PlainDate, NodeGroupRow[]>> {
  const byDate = new Map<PlainDate, NodeGroupRow[]>(dates.map((d) => [d, []]));
  if (nodeIds.length === 0 || dates.length === 0) return byDate;
  const { rows } = await sql<
    NodeGroupRow & { day: string }
  >`SELECT d.day::text AS day, g.id, g.name, g.book_id,
      g.frequency, g.formed_on::text AS formed_on, m.node_id
    FROM unnest(${dates}::date[]) AS d(day)
    JOIN federation_node_groups m ON m.org_id = ${orgId} AND m.node_id = ANY(${nodeIds}::uuid[])
      AND m.joined_on <= d.day AND (m.left_on IS NULL OR m.left_on > d.day)
    JOIN groups g ON g.org_id = m.org_id AND g.id = m.group_id
    ORDER BY d.day, g.name, g.id
    LIMIT ${limits.booksPerOrganizationMax * dates.length}`.execute(trx);
  for (const { day, ...group } of rows) byDate.get(plainDate(day))?.push(group);
  return byDate;
}

/**
 * The figures of the groups below the nodes as of `asOf` (with their grades) and as of each of `monthEnds`
 * (without), and their metrics' inputs as of `asOf`. A fixed number of statements.
 */
export async function figuresOfNodes(
  trx: Tx,
  orgId: string,
  nodeIds: readonly string[],
  asOf: PlainDate,
  monthEnds: readonly PlainDate[],
): Promise<NodeRollupFigures> {
  assert(
    monthEnds.every((d) => d < asOf),
    "the trend's month ends precede the report's date",
  );
  const dates = [...new Set([...monthEnds, asOf])].sort();
  const inNodes = await groupsInNodesOnDates(trx, orgId, nodeIds, dates);
  const distinct = new Map<string, NodeGroupRow>();
  for (const list of inNodes.values()) for (const g of list) distinct.set(g.id, g);
  const records = await readRecords(trx, orgId, [...distinct.values()], dates, asOf);
  const current = inNodes.get(asOf) ?? [];
  return {
    groups: current.map((group) => ({ group, figures: figuresOn(records, group, asOf, true) })),
    trend: monthEnds.map((monthEnd) => ({
      monthEnd,
      figures: (inNodes.get(monthEnd) ?? []).map((group) => figuresOn(records, group, monthEnd, false)),
    })),
    metricsInputs: current.map((group) => metricsInputOn(records, group, asOf)),
  };
}

/** Members of a group on a date: ever joined by then, left by then, and active then. */
interface MemberCounts {
  readonly joined: number;
  readonly left: number;
  readonly active: number;
}

/** Passbook sums of a group up to a date. */
interface MovementSums {
  readonly savingsMinor: bigint;
  readonly shares: number;
  readonly writtenOffMinor: bigint;
}

interface MeetingRecord {
  readonly heldOn: PlainDate;
  readonly expected: number;
  readonly present: number;
  readonly saving: number;
  readonly hasCashDifference: boolean;
}

interface LoanRecord {
  readonly loanId: string;
  readonly memberId: string;
  /** The day of the meeting that gave it (or of the opening balances that carried it over). */
  readonly givenOn: PlainDate;
  readonly principalMinor: bigint;
  readonly installments: readonly InternalInstallment[];
  readonly payments: InternalLoanPayment[];
}

interface FundLoanRecord {
  readonly principalMinor: bigint;
  readonly termMonths: number;
  readonly rateBpsPerMonth: number;
  readonly disbursedOn: PlainDate;
  readonly repayments: { paidOn: PlainDate; principalMinor: bigint; interestMinor: bigint }[];
}

/** Balances of a group's book as of the report's date. */
interface BookBalances {
  readonly cashMinor: bigint;
  readonly socialFundMinor: bigint;
  readonly assetsMinor: bigint;
  readonly liabilitiesMinor: bigint;
}

/** What the figures are computed from, for a set of groups and dates. */
interface Records {
  readonly members: ReadonlyMap<string, MemberCounts>;
  readonly movements: ReadonlyMap<string, MovementSums>;
  readonly meetings: ReadonlyMap<string, readonly MeetingRecord[]>;
  readonly loans: ReadonlyMap<string, readonly LoanRecord[]>;
  readonly fundLoans: ReadonlyMap<string, readonly FundLoanRecord[]>;
  /** The node's signed-off grade within the default rubric's window, by group. */
  readonly reviewed: ReadonlyMap<string, GradeLetter>;
  readonly rubric: GradingRubric;
  readonly books: ReadonlyMap<string, BookBalances>;
  /** The start of the cycle under way on the report's date, for groups that had a share-out. */
  readonly cycleStarts: ReadonlyMap<string, PlainDate>;
}

const keyOf = (groupId: string, on: PlainDate) => `${groupId} ${on}`;

async function readRecords(
  trx: Tx,
  orgId: string,
  groups: readonly NodeGroupRow[],
  dates: readonly PlainDate[],
  asOf: PlainDate,
): Promise<Records> {
  const groupIds = groups.map((g) => g.id);
  const bookIds = groups.map((g) => g.book_id);
  if (groupIds.length === 0)
    return {
      members: new Map(),
      movements: new Map(),
      meetings: new Map(),
      loans: new Map(),
      fundLoans: new Map(),
      reviewed: new Map(),
      rubric: defaultGradingRubric,
      books: new Map(),
      cycleStarts: new Map(),
    };
  return {
    members: await memberCountsOn(trx, orgId, groupIds, dates),
    movements: await movementSumsOn(trx, orgId, groupIds, dates, asOf),
    meetings: await meetingsUpTo(trx, orgId, groupIds, asOf),
    loans: await loansUpTo(trx, orgId, groupIds, asOf),
    fundLoans: await fundLoansUpTo(trx, orgId, groupIds, asOf),
    reviewed: await reviewedGrades(trx, orgId, groupIds, asOf),
    rubric: await rubricOn(trx, orgId, asOf),
    books: await bookBalances(trx, orgId, bookIds, asOf),
    cycleStarts: await cycleStarts(trx, orgId, groupIds, asOf),
  };
}

async function memberCountsOn(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  dates: readonly PlainDate[],
): Promise<Map<string, MemberCounts>> {
  const { rows } = await sql<{ group_id: string; day: string } & MemberCounts>`SELECT m.group_id,
      d.day::text AS day, count(*)::int AS joined,
      count(*) FILTER (WHERE m.left_on IS NOT NULL AND m.left_on <= d.day)::int AS left,
      count(*) FILTER (WHERE m.left_on IS NULL OR m.left_on > d.day)::int AS active
    FROM unnest(${dates}::date[]) AS d(day)
    JOIN group_members m ON m.org_id = ${orgId} AND m.group_id = ANY(${groupIds}::uuid[]) AND m.joined_on <= d.day
    GROUP BY m.group_id, d.day`.execute(trx);
  return new Map(rows.map((r) => [keyOf(r.group_id, plainDate(r.day)), r]));
}

/** The passbook summed by group and day first, then those day sums up to each date. */
async function movementSumsOn(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  dates: readonly PlainDate[],
  asOf: PlainDate,
): Promise<Map<string, MovementSums>> {
  const { rows } = await sql<{
    group_id: string;
    day: string;
    savings: string;
    shares: string;
    written_off: string;
  }>`WITH daily AS (
      SELECT v.group_id, v.held_on,
        coalesce(sum(v.amount_minor) FILTER (WHERE v.kind IN ('savings', 'shares')), 0)
          - coalesce(sum(v.amount_minor) FILTER (WHERE v.kind = 'savings_withdrawn'), 0) AS savings,
        coalesce(sum(v.shares) FILTER (WHERE v.kind IN ('shares', 'savings_withdrawn')), 0) AS shares,
        coalesce(sum(v.amount_minor) FILTER (WHERE v.kind = 'loan_written_off'), 0) AS written_off
      FROM live_group_movements v
      WHERE v.org_id = ${orgId} AND v.group_id = ANY(${groupIds}::uuid[]) AND v.held_on <= ${asOf}::date
      GROUP BY v.group_id, v.held_on
    )
    SELECT daily.group_id, d.day::text AS day, sum(daily.savings)::text AS savings,
      sum(daily.shares)::text AS shares, sum(daily.written_off)::text AS written_off
    FROM unnest(${dates}::date[]) AS d(day) JOIN daily ON daily.held_on <= d.day
    GROUP BY daily.group_id, d.day`.execute(trx);
  return new Map(
    rows.map((r) => [
      keyOf(r.group_id, plainDate(r.day)),
      { savingsMinor: BigInt(r.savings), shares: Number(r.shares), writtenOffMinor: BigInt(r.written_off) },
    ]),
  );
}

/**
 * The groups' meetings up to the date, oldest first, with attendance (rows of attendance, those not absent)
 * and the members who saved or bought shares. Meetings of one day keep the order they were recorded in. The
 * counts are subqueries by the meeting's key (index probes), as `meetingsAsOf` reads them: joined to a set of
 * meetings, the planner may not know its size and scan the attendance once per meeting.
 */
async function meetingsUpTo(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, MeetingRecord[]>> {
  const { rows } = await sql<{
    group_id: string;
    held_on: string;
    expected: number;
    present: number;
    saving: number;
    difference: string;
  }>`SELECT m.group_id, m.held_on::text AS held_on, attended.expected, attended.present,
      (SELECT count(DISTINCT v.member_id)::int FROM group_movements v WHERE v.org_id = m.org_id
        AND v.meeting_id = m.id AND v.kind IN ('savings', 'shares')) AS saving,
      m.cash_difference_minor::text AS difference
    FROM meetings m
    CROSS JOIN LATERAL (SELECT count(*)::int AS expected, count(*) FILTER (WHERE a.status <> 'absent')::int AS present
      FROM meeting_attendance a WHERE a.org_id = m.org_id AND a.meeting_id = m.id) AS attended
    WHERE m.org_id = ${orgId} AND m.group_id = ANY(${groupIds}::uuid[]) AND m.held_on <= ${asOf}::date
      AND m.reversed_at IS NULL AND m.kind = 'meeting'
    ORDER BY m.group_id, m.held_on, m.recorded_at, m.id`.execute(trx);
  const byGroup = new Map<string, MeetingRecord[]>();
  for (const r of rows) {
    const list = byGroup.get(r.group_id) ?? [];
    list.push({
      heldOn: plainDate(r.held_on),
      expected: r.expected,
      present: r.present,
      saving: r.saving,
      hasCashDifference: r.difference !== "0",
    });
    byGroup.set(r.group_id, list);
  }
  return byGroup;
}

/**
 * The groups' internal loans given up to the date with their schedules and repayment lines, as
 * `internalLoansAsOf` reads them: at most `internalLoansPerListMax` per group, the oldest. Loans are taken in
 * the order of the meetings that gave them, so the loans of any earlier date are a prefix of these and the
 * bound cuts them as it cuts them read as of that date.
 */
async function loansUpTo(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, LoanRecord[]>> {
  const { rows: loans } = await sql<{
    group_id: string;
    id: string;
    member_id: string;
    principal: string;
    term_months: number;
    rate_bps_per_month: number;
    disbursed_on: string;
    repayment_frequency: MeetingFrequency;
    meeting_kind: string;
    meeting_held_on: string;
  }>`SELECT * FROM (
      SELECT l.group_id, l.id, l.member_id, l.principal_minor::text AS principal, l.term_months,
        l.rate_bps_per_month, l.disbursed_on::text AS disbursed_on, l.repayment_frequency, m.kind AS meeting_kind,
        m.held_on::text AS meeting_held_on,
        row_number() OVER (PARTITION BY l.group_id ORDER BY m.held_on, l.id) AS rank
      FROM live_group_loans l JOIN meetings m ON m.org_id = l.org_id AND m.id = l.meeting_id
      WHERE l.org_id = ${orgId} AND l.group_id = ANY(${groupIds}::uuid[]) AND m.held_on <= ${asOf}::date
    ) AS given
    WHERE rank <= ${limits.internalLoansPerListMax}
    ORDER BY group_id, meeting_held_on, id`.execute(trx);
  const byGroup = new Map<string, LoanRecord[]>();
  if (loans.length === 0) return byGroup;
  const byId = new Map<string, LoanRecord>();
  for (const loan of loans) {
    const principalMinor = BigInt(loan.principal);
    const schedule = internalLoanSchedule({
      principalMinor,
      disbursedOn: plainDate(loan.disbursed_on),
      termMonths: loan.term_months,
      rateBpsPerMonth: loan.rate_bps_per_month,
      frequency: loan.repayment_frequency,
      carriedOverOn: loan.meeting_kind === "opening" ? plainDate(loan.meeting_held_on) : null,
    });
    // The meeting that gave the loan checked its term against the bylaws; a stored loan always has a schedule.
    assert(schedule.ok, "a stored internal loan has a schedule");
    const record: LoanRecord = {
      loanId: loan.id,
      memberId: loan.member_id,
      givenOn: plainDate(loan.meeting_held_on),
      principalMinor,
      installments: schedule.value,
      payments: [],
    };
    byId.set(loan.id, record);
    const list = byGroup.get(loan.group_id) ?? [];
    list.push(record);
    byGroup.set(loan.group_id, list);
  }
  const { rows: lines } = await sql<{
    loan_id: string;
    held_on: string;
    kind: "loan_principal_repaid" | "loan_interest_paid" | "loan_written_off";
    amount: string;
  }>`SELECT v.loan_id, v.held_on::text AS held_on, v.kind, v.amount_minor::text AS amount
    FROM live_group_movements v
    WHERE v.org_id = ${orgId} AND v.group_id = ANY(${groupIds}::uuid[]) AND v.held_on <= ${asOf}::date
      AND v.loan_id IS NOT NULL AND v.kind IN ('loan_principal_repaid', 'loan_interest_paid', 'loan_written_off')`.execute(
    trx,
  );
  for (const line of lines) {
    const amount = BigInt(line.amount);
    byId.get(line.loan_id)?.payments.push({
      paidOn: plainDate(line.held_on),
      principalMinor: line.kind === "loan_principal_repaid" ? amount : 0n,
      interestMinor: line.kind === "loan_interest_paid" ? amount : 0n,
      writtenOffMinor: line.kind === "loan_written_off" ? amount : 0n,
    });
  }
  return byGroup;
}

/**
 * The groups' fund loans disbursed up to the date with their repayments, as `fundPositionOf` reads them: at
 * most a page of loans per group, the oldest.
 */
async function fundLoansUpTo(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, FundLoanRecord[]>> {
  const { rows: loans } = await sql<{
    group_id: string;
    id: string;
    principal: string;
    term_months: number;
    rate_bps_per_month: number;
    disbursed_on: string;
  }>`SELECT * FROM (
      SELECT f.group_id, f.id, f.principal_minor::text AS principal, f.term_months, f.rate_bps_per_month,
        f.disbursed_on::text AS disbursed_on,
        row_number() OVER (PARTITION BY f.group_id ORDER BY f.disbursed_on, f.id) AS rank
      FROM fund_loans f
      WHERE f.org_id = ${orgId} AND f.group_id = ANY(${groupIds}::uuid[]) AND f.disbursed_on <= ${asOf}::date
    ) AS lent
    WHERE rank <= ${limits.pageSizeMax}
    ORDER BY group_id, disbursed_on, id`.execute(trx);
  const byGroup = new Map<string, FundLoanRecord[]>();
  if (loans.length === 0) return byGroup;
  const byId = new Map<string, FundLoanRecord>();
  for (const loan of loans) {
    const record: FundLoanRecord = {
      principalMinor: BigInt(loan.principal),
      termMonths: loan.term_months,
      rateBpsPerMonth: loan.rate_bps_per_month,
      disbursedOn: plainDate(loan.disbursed_on),
      repayments: [],
    };
    byId.set(loan.id, record);
    const list = byGroup.get(loan.group_id) ?? [];
    list.push(record);
    byGroup.set(loan.group_id, list);
  }
  const { rows: repayments } = await sql<{
    loan_id: string;
    paid_on: string;
    principal: string;
    interest: string;
  }>`SELECT r.loan_id, r.paid_on::text AS paid_on, r.principal_minor::text AS principal,
      r.interest_minor::text AS interest
    FROM fund_repayments r
    WHERE r.org_id = ${orgId} AND r.loan_id = ANY(${[...byId.keys()]}::uuid[])
    ORDER BY r.paid_on, r.id`.execute(trx);
  for (const r of repayments)
    byId.get(r.loan_id)?.repayments.push({
      paidOn: plainDate(r.paid_on),
      principalMinor: BigInt(r.principal),
      interestMinor: BigInt(r.interest),
    });
  return byGroup;
}

/** As `heldGrade` reads a review: the latest signed off within the default rubric's window, by any node. */
async function reviewedGrades(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, GradeLetter>> {
  const { rows } = await sql<{ group_id: string; agreed_grade: GradeLetter }>`SELECT DISTINCT ON (r.group_id)
      r.group_id, r.agreed_grade
    FROM federation_grade_reviews r
    WHERE r.org_id = ${orgId} AND r.group_id = ANY(${groupIds}::uuid[]) AND r.as_of <= ${asOf}::date
      AND r.as_of > ${addMonths(asOf, -defaultGradingRubric.windowMonths)}::date
    ORDER BY r.group_id, r.as_of DESC, r.signed_off_at DESC`.execute(trx);
  return new Map(rows.map((r) => [r.group_id, r.agreed_grade]));
}

/**
 * Balances of the groups' books as of the date: the cash and social fund accounts' own (as `cashAsOf` reads
 * them), and the assets and liabilities of the trial balance (each top-level account of the type with every
 * account below it, as `trialBalance` rolls them up).
 */
async function bookBalances(
  trx: Tx,
  orgId: string,
  bookIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, BookBalances>> {
  const { rows } = await sql<{
    book_id: string;
    cash: string;
    social_fund: string;
    assets: string;
    liabilities: string;
  }>`WITH RECURSIVE tree(id, book_id, type, purpose, root_type, depth) AS (
      SELECT a.id, a.book_id, a.type, a.purpose, a.type, 0 FROM accounts a
      WHERE a.org_id = ${orgId} AND a.book_id = ANY(${bookIds}::uuid[]) AND a.parent_id IS NULL
      UNION ALL
      SELECT a.id, a.book_id, a.type, a.purpose, tree.root_type, tree.depth + 1
      FROM accounts a JOIN tree ON a.org_id = ${orgId} AND a.parent_id = tree.id
      WHERE tree.depth < ${limits.accountsPerBookMax}
    ), totals AS (
      SELECT t.account_id, sum(t.debit_minor) AS debit, sum(t.credit_minor) AS credit
      FROM account_daily_totals t JOIN tree ON t.org_id = ${orgId} AND t.account_id = tree.id
      WHERE t.value_date <= ${asOf}::date
      GROUP BY t.account_id
    )
    SELECT tree.book_id,
      coalesce(sum(CASE WHEN tree.type IN ('asset', 'expense') THEN totals.debit - totals.credit
        ELSE totals.credit - totals.debit END) FILTER (WHERE tree.purpose = 'cash'), 0)::text AS cash,
      coalesce(sum(CASE WHEN tree.type IN ('asset', 'expense') THEN totals.debit - totals.credit
        ELSE totals.credit - totals.debit END) FILTER (WHERE tree.purpose = 'social_fund'), 0)::text AS social_fund,
      coalesce(sum(totals.debit - totals.credit) FILTER (WHERE tree.root_type = 'asset'), 0)::text AS assets,
      coalesce(sum(totals.credit - totals.debit) FILTER (WHERE tree.root_type = 'liability'), 0)::text AS liabilities
    FROM tree JOIN totals ON totals.account_id = tree.id
    GROUP BY tree.book_id`.execute(trx);
  return new Map(
    rows.map((r) => [
      r.book_id,
      {
        cashMinor: BigInt(r.cash),
        socialFundMinor: BigInt(r.social_fund),
        assetsMinor: BigInt(r.assets),
        liabilitiesMinor: BigInt(r.liabilities),
      },
    ]),
  );
}

/** The start of each group's cycle under way on the date: its last share-out's, for groups that had one. */
async function cycleStarts(
  trx: Tx,
  orgId: string,
  groupIds: readonly string[],
  asOf: PlainDate,
): Promise<Map<string, PlainDate>> {
  const { rows } = await sql<{ group_id: string; started_on: string }>`SELECT DISTINCT ON (c.group_id)
      c.group_id, c.started_on::text AS started_on
    FROM group_cycles c
    WHERE c.org_id = ${orgId} AND c.group_id = ANY(${groupIds}::uuid[]) AND c.started_on <= ${asOf}::date
    ORDER BY c.group_id, c.started_on DESC`.execute(trx);
  return new Map(rows.map((r) => [r.group_id, plainDate(r.started_on)]));
}

/** The group's internal loans given by the date, each with the due date that decides whether it is late. */
function loansOn(records: Records, groupId: string, on: PlainDate) {
  const loans = (records.loans.get(groupId) ?? []).filter((l) => l.givenOn <= on);
  return loans.map((l) => {
    const status = internalLoanStatus(l.principalMinor, l.installments, l.payments, on);
    // As `loansAsOf`: the oldest installment still overdue on the day, else the last installment.
    const overdue = status.installments.find((i) => i.status === "overdue");
    const last = status.installments[status.installments.length - 1];
    assert(last !== undefined, "a schedule has installments");
    return {
      loanId: l.loanId,
      memberId: l.memberId,
      principalMinor: l.principalMinor,
      dueOn: overdue?.dueOn ?? last.dueOn,
      outstandingMinor: status.outstandingMinor,
    };
  });
}

function meetingsOn(records: Records, groupId: string, on: PlainDate): readonly MeetingRecord[] {
  return (records.meetings.get(groupId) ?? []).filter((m) => m.heldOn <= on);
}

function fundPositionOn(records: Records, groupId: string, on: PlainDate) {
  let outstandingMinor = 0n;
  let arrearsMinor = 0n;
  for (const loan of records.fundLoans.get(groupId) ?? []) {
    if (loan.disbursedOn > on) continue;
    const status = fundLoanStatus(loan, loan.repayments, on);
    outstandingMinor += status.outstandingMinor;
    arrearsMinor += status.arrearsMinor;
  }
  return { outstandingMinor, arrearsMinor };
}

const noMovements: MovementSums = { savingsMinor: 0n, shares: 0, writtenOffMinor: 0n };
const noMembers: MemberCounts = { joined: 0, left: 0, active: 0 };
const noBalances: BookBalances = {
  cashMinor: 0n,
  socialFundMinor: 0n,
  assetsMinor: 0n,
  liabilitiesMinor: 0n,
};

function lateMinorOf(loans: ReturnType<typeof loansOn>, on: PlainDate): bigint {
  return loans
    .filter((l) => l.outstandingMinor > 0n && l.dueOn < on)
    .reduce((s, l) => s + l.outstandingMinor, 0n);
}

/** As `figuresOfGroup`. */
function figuresOn(records: Records, group: NodeGroupRow, on: PlainDate, withGrade: boolean): GroupFigures {
  const key = keyOf(group.id, on);
  const loans = loansOn(records, group.id, on);
  const recent = meetingsOn(records, group.id, on).slice(-4);
  const fund = fundPositionOn(records, group.id, on);
  return {
    groupId: group.id,
    members: (records.members.get(key) ?? noMembers).active,
    savingsMinor: (records.movements.get(key) ?? noMovements).savingsMinor,
    loansOutstandingMinor: loans.reduce((s, l) => s + l.outstandingMinor, 0n),
    loansLateMinor: lateMinorOf(loans, on),
    fundLoansOutstandingMinor: fund.outstandingMinor,
    fundArrearsMinor: fund.arrearsMinor,
    attendancePresent: recent.reduce((s, m) => s + m.present, 0),
    attendanceExpected: recent.reduce((s, m) => s + m.expected, 0),
    grade: withGrade && group.formed_on <= on ? heldGradeOn(records, group, on) : null,
  };
}

/** As `heldGrade`: the node's signed-off grade, else the grade computed from the group's records. */
function heldGradeOn(records: Records, group: NodeGroupRow, on: PlainDate): GradeLetter {
  const reviewed = records.reviewed.get(group.id);
  if (reviewed !== undefined) return reviewed;
  return gradeGroup(
    {
      asOf: on,
      frequency: group.frequency,
      formedOn: plainDate(group.formed_on),
      meetings: meetingsOn(records, group.id, on).map((m) => ({
        heldOn: m.heldOn,
        membersExpected: m.expected,
        membersSaving: m.saving,
        hasCashDifference: m.hasCashDifference,
      })),
      loans: loansOn(records, group.id, on).map((l) => ({
        loanId: l.loanId,
        dueOn: l.dueOn,
        outstandingMinor: l.outstandingMinor,
      })),
      cashMinor: (records.books.get(group.book_id) ?? noBalances).cashMinor,
    },
    records.rubric,
  ).grade;
}

/** As `metricsInputOfGroup`. */
function metricsInputOn(records: Records, group: NodeGroupRow, on: PlainDate): MetricsInput {
  const key = keyOf(group.id, on);
  const loans = loansOn(records, group.id, on);
  const members = records.members.get(key) ?? noMembers;
  const passbook = records.movements.get(key) ?? noMovements;
  const book = records.books.get(group.book_id) ?? noBalances;
  // The cycle runs from the last share-out on or before the date (a VSLA), or from the group's formation.
  const cycleStart = records.cycleStarts.get(group.id) ?? group.formed_on;
  const weeks = Math.max(1, Math.round((Date.parse(on) - Date.parse(cycleStart)) / (7 * 86_400_000)));
  return {
    asOf: on,
    recentAttendance: meetingsOn(records, group.id, on).map((m) => ({
      present: m.present,
      expected: m.expected,
    })),
    activeMembers: members.active,
    membersEverJoined: members.joined,
    membersLeft: members.left,
    savingsMinor: passbook.savingsMinor,
    loansOutstandingMinor: loans.reduce((s, l) => s + l.outstandingMinor, 0n),
    loansLateMinor: lateMinorOf(loans, on),
    writtenOffMinor: passbook.writtenOffMinor,
    cashMinor: book.cashMinor,
    socialFundMinor: book.socialFundMinor,
    membersWithLoan: new Set(loans.filter((l) => l.outstandingMinor > 0n).map((l) => l.memberId)).size,
    loansDisbursedCount: loans.length,
    loansDisbursedMinor: loans.reduce((s, l) => s + l.principalMinor, 0n),
    equityMinor: book.assetsMinor - (book.liabilitiesMinor - passbook.savingsMinor),
    totalAssetsMinor: book.assetsMinor,
    weeksInCycle: weeks,
    totalShares: passbook.shares,
  };
}
