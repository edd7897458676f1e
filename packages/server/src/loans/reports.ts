/**
 * Portfolio reports of micro-credit, each a set-based query:
 * - portfolio and PAR by office, loan officer or product as of a closed business date (from the PAR snapshot
 *   close of business kept for that date, and the money paid out and repaid kept with it, so the figures never
 *   change), or as of today from the running loans' positions (migration 0024) and the daily flows of the loan
 *   postings (migration 0022);
 * - the arrears list with the borrowers' contacts;
 * - expected collections by day (the loans' schedules, replayed);
 * - a loan officer's day: her portfolio, its PAR trend and the installments due today (from the installments
 *   each loan's last event left, replaying only loans where those are not exact today);
 * - the credit bureau file (docs/credit-bureau.md).
 */
import { type StoredDueInstallment, sql, type Tx } from "@moldir/db";
import {
  addDays,
  arrearsBucketOf,
  assert,
  type LoanOffer,
  type LoanState,
  type PlainDate,
  plainDate,
} from "@moldir/domain";
import { AppError } from "../http/app-error";
import { lastClosedDate } from "./cob";
import {
  eventsByLoan,
  loadEventsOfLoans,
  loanEventColumns,
  reversedEventIds,
  stateOf,
  toDomainEvents,
} from "./service";
import { offerOf, parseStoredTerms, servicingOf } from "./terms";

export const portfolioGroupings = ["office", "officer", "product"] as const;
export type PortfolioGrouping = (typeof portfolioGroupings)[number];

export interface PortfolioRow {
  readonly key: string | null;
  readonly name: string;
  readonly loans: number;
  readonly outstandingMinor: bigint;
  readonly overdueMinor: bigint;
  /** Outstanding principal of loans at least this many days past due, per PAR threshold. */
  readonly atRiskMinor: readonly bigint[];
}

export interface PortfolioReport {
  readonly asOf: PlainDate;
  /** "snapshot": kept by close of business for the date; "live": the loans' state today. */
  readonly source: "snapshot" | "live";
  /** PAR thresholds in days (PAR1, PAR30…): the first day of each arrears bucket after the first. */
  readonly parDays: readonly number[];
  readonly rows: readonly PortfolioRow[];
  readonly total: PortfolioRow;
  readonly disbursedMinor: bigint;
  readonly repaidMinor: bigint;
}

export async function bucketStarts(trx: Tx, orgId: string, on: PlainDate): Promise<number[]> {
  const rule = await trx
    .selectFrom("lending_rules")
    .select("arrears_bucket_starts")
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", on)
    .orderBy("effective_from", "desc")
    .executeTakeFirst();
  return rule?.arrears_bucket_starts ?? [1, 31, 61, 91];
}

export async function portfolioReport(
  trx: Tx,
  orgId: string,
  asOf: PlainDate,
  today: PlainDate,
  groupBy: PortfolioGrouping,
): Promise<PortfolioReport> {
  // Whether the date is closed, with the flows kept when it closed and the flows to the date now, in one go.
  const { rows: heads } = await sql<{
    closed: boolean;
    kept_disbursed: string | null;
    kept_repaid: string | null;
    disbursed: string | null;
    repaid: string | null;
  }>`
    SELECT EXISTS (SELECT 1 FROM cob_runs WHERE org_id = ${orgId} AND business_date = ${asOf}::date
        AND status = 'done') AS closed,
      k.disbursed_minor::text AS kept_disbursed, k.principal_repaid_minor::text AS kept_repaid,
      f.disbursed::text AS disbursed, f.repaid::text AS repaid
    FROM (SELECT sum(disbursed_minor) AS disbursed, sum(principal_repaid_minor) AS repaid
      FROM loan_daily_flows WHERE org_id = ${orgId} AND value_date <= ${asOf}::date) f
    LEFT JOIN loan_flow_snapshots k ON k.org_id = ${orgId} AND k.business_date = ${asOf}::date`.execute(trx);
  const head = heads[0];
  assert(head !== undefined, "the head query answers one row");
  if (!head.closed && asOf !== today) {
    const last = await lastClosedDate(trx, orgId);
    throw new AppError("close_of_business_must_have_run", { asOf, lastClosed: last ?? "—" });
  }
  // A closed date reads what its close of business kept, so its report never changes.
  assert(!head.closed || head.kept_disbursed !== null, "a closed date has its flows kept");
  const starts = await bucketStarts(trx, orgId, asOf);
  const keyColumn =
    groupBy === "office" ? "office_id" : groupBy === "officer" ? "officer_user_id" : "product_id";
  const rows = head.closed
    ? await keptParRows(trx, orgId, asOf, keyColumn)
    : await liveParRows(trx, orgId, keyColumn, starts);
  const names = await namesOf(trx, orgId, groupBy);
  const byKey = new Map<
    string,
    { key: string | null; loans: number; outstanding: bigint; overdue: bigint; risk: bigint[] }
  >();
  for (const row of rows) {
    const id = row.key ?? "";
    const entry = byKey.get(id) ?? {
      key: row.key,
      loans: 0,
      outstanding: 0n,
      overdue: 0n,
      risk: starts.map(() => 0n),
    };
    entry.loans += Number(row.loans);
    entry.outstanding += BigInt(row.outstanding);
    entry.overdue += BigInt(row.overdue);
    starts.forEach((_start, index) => {
      if (row.bucket >= index + 1) entry.risk[index] = (entry.risk[index] ?? 0n) + BigInt(row.outstanding);
    });
    byKey.set(id, entry);
  }
  const reportRows: PortfolioRow[] = [...byKey.values()]
    .map((e) => ({
      key: e.key,
      name: e.key === null ? "—" : (names.get(e.key) ?? e.key),
      loans: e.loans,
      outstandingMinor: e.outstanding,
      overdueMinor: e.overdue,
      atRiskMinor: e.risk,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const total: PortfolioRow = {
    key: null,
    name: "",
    loans: reportRows.reduce((s, r) => s + r.loans, 0),
    outstandingMinor: reportRows.reduce((s, r) => s + r.outstandingMinor, 0n),
    overdueMinor: reportRows.reduce((s, r) => s + r.overdueMinor, 0n),
    atRiskMinor: starts.map((_s, i) => reportRows.reduce((s, r) => s + (r.atRiskMinor[i] ?? 0n), 0n)),
  };
  // Money out and back, net of reversals, to the date: kept by close of business for a closed date, else the
  // daily flows the loan service's postings add up to (a few rows a day, not every event).
  return {
    asOf,
    source: head.closed ? "snapshot" : "live",
    parDays: starts.map((start) => (start <= 1 ? 1 : start - 1)),
    rows: reportRows,
    total,
    disbursedMinor: BigInt((head.closed ? head.kept_disbursed : head.disbursed) ?? "0"),
    repaidMinor: BigInt((head.closed ? head.kept_repaid : head.repaid) ?? "0"),
  };
}

type ParRow = { key: string | null; bucket: number; loans: string; outstanding: string; overdue: string };

/** PAR by key and bucket as close of business kept it for a closed date. */
async function keptParRows(trx: Tx, orgId: string, asOf: PlainDate, keyColumn: string): Promise<ParRow[]> {
  const { rows } = await sql<ParRow>`
    SELECT ${sql.ref(keyColumn)}::text AS key, arrears_bucket AS bucket, sum(loans)::text AS loans,
      sum(principal_outstanding_minor)::text AS outstanding, sum(overdue_minor)::text AS overdue
    FROM par_snapshots WHERE org_id = ${orgId} AND business_date = ${asOf}::date
    GROUP BY 1, 2`.execute(trx);
  return rows;
}

/**
 * PAR by key and bucket of the running loans as their last event or close of business left them. The bucket
 * follows their days past due under the rules of the date: an event after close of business updates the days,
 * not the stored bucket. Read from `loan_positions` (migration 0024, ADR 0024): the narrow copy of those columns
 * the database keeps for every running loan, not the wide loan rows. Grouped by the column itself and turned
 * into text after, once per group rather than once per loan.
 */
async function liveParRows(
  trx: Tx,
  orgId: string,
  keyColumn: string,
  starts: readonly number[],
): Promise<ParRow[]> {
  const { rows } = await sql<Omit<ParRow, "bucket"> & { days: number }>`
    SELECT ${sql.ref(keyColumn)}::text AS key, days_past_due AS days, count(*)::text AS loans,
      sum(principal_outstanding_minor)::text AS outstanding, sum(overdue_minor)::text AS overdue
    FROM loan_positions WHERE org_id = ${orgId}
    GROUP BY ${sql.ref(keyColumn)}, days_past_due`.execute(trx);
  return rows.map(({ days, ...row }) => ({ ...row, bucket: arrearsBucketOf(days, starts) }));
}

async function namesOf(trx: Tx, orgId: string, groupBy: PortfolioGrouping): Promise<Map<string, string>> {
  switch (groupBy) {
    case "office": {
      const rows = await trx
        .selectFrom("offices")
        .select(["id", "name_ru"])
        .where("org_id", "=", orgId)
        .execute();
      return new Map(rows.map((r) => [r.id, r.name_ru]));
    }
    case "officer": {
      const rows = await trx
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select(["u.id", "u.display_name"])
        .where("m.org_id", "=", orgId)
        .execute();
      return new Map(rows.map((r) => [r.id, r.display_name]));
    }
    case "product": {
      const rows = await trx
        .selectFrom("loan_products")
        .select(["id", "code"])
        .where("org_id", "=", orgId)
        .execute();
      return new Map(rows.map((r) => [r.id, r.code]));
    }
  }
}

export interface ArrearsRow {
  readonly loanId: string;
  readonly number: number;
  readonly borrowerName: string;
  readonly phone: string | null;
  readonly address: string | null;
  readonly productCode: string;
  readonly officerName: string | null;
  readonly daysPastDue: number;
  readonly overdueMinor: bigint;
  readonly outstandingMinor: bigint;
  /** The arrears bucket close of business or the last event put the loan in (1: the first after on time). */
  readonly arrearsBucket: number;
}

/** Loans past due today (as the last event or close of business left them), the longest first. */
export async function arrearsList(
  trx: Tx,
  orgId: string,
  officerUserId: string | null = null,
): Promise<ArrearsRow[]> {
  let query = trx
    .selectFrom("loans as l")
    .innerJoin("loan_products as p", (j) =>
      j.onRef("p.org_id", "=", "l.org_id").onRef("p.id", "=", "l.product_id"),
    )
    .leftJoin("persons as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.person_id"))
    .leftJoin("groups as g", (j) => j.onRef("g.org_id", "=", "l.org_id").onRef("g.id", "=", "l.group_id"))
    .leftJoin("users as u", "u.id", "l.officer_user_id")
    .select([
      "l.id",
      "l.number",
      "s.surname",
      "s.given_name",
      "s.phones",
      "s.address",
      "g.name as group_name",
      "p.code",
      "u.display_name",
      "l.days_past_due",
      "l.overdue_minor",
      "l.principal_outstanding_minor",
      "l.arrears_bucket",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.status", "=", "active")
    .where("l.days_past_due", ">", 0);
  if (officerUserId !== null) query = query.where("l.officer_user_id", "=", officerUserId);
  const rows = await query.orderBy("l.days_past_due", "desc").orderBy("l.number").limit(5_000).execute();
  return rows.map((r) => ({
    loanId: r.id,
    number: r.number,
    borrowerName: r.group_name ?? [r.surname, r.given_name].filter(Boolean).join(" "),
    phone: Array.isArray(r.phones) ? ((r.phones[0] as string | undefined) ?? null) : null,
    address: r.address ?? null,
    productCode: r.code,
    officerName: r.display_name,
    daysPastDue: r.days_past_due,
    overdueMinor: r.overdue_minor,
    outstandingMinor: r.principal_outstanding_minor,
    arrearsBucket: r.arrears_bucket,
  }));
}

/** Bounds the running loans the expected collections read. */
const expectedCollectionsLoansMax = 20_000;

/** How many loans a report read from what was kept and how many it replayed (for tests and benchmarks). */
export interface KeptCounts {
  kept: number;
  replayed: number;
}

type CollectionDays = Map<string, { loans: number; dueMinor: bigint }>;

/** Adds an installment still open on its due day to the days' sums. */
function addDue(byDay: CollectionDays, dueOn: string, open: bigint): void {
  if (open === 0n) return;
  const day = byDay.get(dueOn) ?? { loans: 0, dueMinor: 0n };
  day.loans += 1;
  day.dueMinor += open;
  byDay.set(dueOn, day);
}

/**
 * What the running loans are due to pay each day from `from` for `days` days (amounts still open today), as their
 * replayed schedules say. Read from the installments each loan's last event left (`loan_due_states`) where they
 * are exact: the row is as new as the loan and not from a later day, the days start today or later, and each
 * installment in them is final or falls due after tomorrow. Then nothing was paid since the row (every payment
 * is an event, and the loan's version would have moved); an installment due today or later carries no penalty
 * today; principal and fees change only by events; and interest only by events too, except that a product
 * recalculating it sets an installment's interest when its period closes, which by the end of today has happened
 * to installments due by tomorrow. Any other loan is replayed, which gives the same figures by definition.
 */
export async function expectedCollections(
  trx: Tx,
  orgId: string,
  from: PlainDate,
  days: number,
  today: PlainDate,
  counts?: KeptCounts,
): Promise<{ date: PlainDate; loans: number; dueMinor: bigint }[]> {
  const until = addDays(from, days - 1);
  const tomorrow = addDays(today, 1);
  const { rows } = await sql<{ id: string; is_kept: boolean; due: StoredDueInstallment[] | null }>`
    SELECT l.id, (d.loan_version = l.version AND d.as_of <= ${today}::date) IS TRUE AS is_kept,
      (SELECT jsonb_agg(x) FROM jsonb_array_elements(d.installments) AS x
        WHERE x->>0 >= ${from} AND x->>0 <= ${until}) AS due
    FROM loans l
    LEFT JOIN loan_due_states d ON d.org_id = l.org_id AND d.loan_id = l.id
    WHERE l.org_id = ${orgId} AND l.status = 'active'
    ORDER BY l.number
    LIMIT ${expectedCollectionsLoansMax}`.execute(trx);
  const byDay: CollectionDays = new Map();
  const replayed: string[] = [];
  for (const row of rows) {
    const due = row.due ?? [];
    const isExact =
      row.is_kept && from >= today && due.every(([dueOn, , , isFinal]) => isFinal || dueOn > tomorrow);
    if (!isExact) {
      replayed.push(row.id);
      continue;
    }
    for (const [dueOn, , open] of due) addDue(byDay, dueOn, BigInt(open));
  }
  for (const state of await statesByReplay(trx, orgId, replayed, today)) {
    for (const row of state.installments) {
      if (row.dueOn < from || row.dueOn > until) continue;
      addDue(
        byDay,
        row.dueOn,
        row.principal.outstandingMinor +
          row.interest.outstandingMinor +
          row.fee.outstandingMinor +
          row.penalty.outstandingMinor,
      );
    }
  }
  if (counts !== undefined) {
    counts.kept += rows.length - replayed.length;
    counts.replayed += replayed.length;
  }
  return collectionDays(byDay, from, until);
}

function collectionDays(byDay: CollectionDays, from: PlainDate, until: PlainDate) {
  const result: { date: PlainDate; loans: number; dueMinor: bigint }[] = [];
  for (let day = from; day <= until; day = addDays(day, 1)) {
    const entry = byDay.get(day);
    result.push({ date: plainDate(day), loans: entry?.loans ?? 0, dueMinor: entry?.dueMinor ?? 0n });
  }
  return result;
}

/** Loans replayed to a date, in the order of the ids given (two statements: their terms, their events). */
async function statesByReplay(
  trx: Tx,
  orgId: string,
  loanIds: readonly string[],
  asOf: PlainDate,
): Promise<LoanState[]> {
  if (loanIds.length === 0) return [];
  const loans = await trx
    .selectFrom("loans")
    .select(["id", "terms"])
    .where("org_id", "=", orgId)
    .where("id", "in", loanIds)
    .execute();
  const termsOf = new Map(loans.map((loan) => [loan.id, loan.terms]));
  const eventsOf = await loadEventsOfLoans(trx, orgId, loanIds);
  return loanIds.map((id) =>
    stateOf(servicingOf(parseStoredTerms(termsOf.get(id))), toDomainEvents(eventsOf.get(id) ?? []), asOf),
  );
}

/**
 * Expected collections with every running loan replayed, as the report was before it read what is kept: what
 * the tests compare the report with.
 */
export async function expectedCollectionsByReplay(
  trx: Tx,
  orgId: string,
  from: PlainDate,
  days: number,
  today: PlainDate,
): Promise<{ date: PlainDate; loans: number; dueMinor: bigint }[]> {
  const until = addDays(from, days - 1);
  const loans = await trx
    .selectFrom("loans")
    .select("id")
    .where("org_id", "=", orgId)
    .where("status", "=", "active")
    .orderBy("number")
    .limit(expectedCollectionsLoansMax)
    .execute();
  const byDay: CollectionDays = new Map();
  const states = await statesByReplay(
    trx,
    orgId,
    loans.map((loan) => loan.id),
    today,
  );
  for (const state of states) {
    for (const row of state.installments) {
      if (row.dueOn < from || row.dueOn > until) continue;
      addDue(
        byDay,
        row.dueOn,
        row.principal.outstandingMinor +
          row.interest.outstandingMinor +
          row.fee.outstandingMinor +
          row.penalty.outstandingMinor,
      );
    }
  }
  return collectionDays(byDay, from, until);
}

/** One line of the credit bureau file (docs/credit-bureau.md). */
export interface CreditBureauRecord {
  readonly contractNumber: number;
  readonly contractDate: string;
  readonly iin: string | null;
  readonly surname: string;
  readonly givenName: string;
  readonly birthDate: string | null;
  readonly productCode: string;
  readonly currency: string;
  readonly amountMinor: bigint;
  readonly disbursedOn: string;
  readonly maturityOn: string;
  readonly gesvTenths: number;
  readonly outstandingMinor: bigint;
  readonly overdueMinor: bigint;
  readonly daysPastDue: number;
  readonly status: "active" | "overdue" | "closed" | "written_off";
  readonly lastPaymentOn: string | null;
}

type BureauFigures = Pick<CreditBureauRecord, "outstandingMinor" | "overdueMinor" | "daysPastDue" | "status">;

/** The loan and borrower columns a bureau record starts from. */
interface BureauLoanColumns {
  readonly number: number;
  readonly disbursed_on: string | null;
  readonly iin: string | null;
  readonly surname: string;
  readonly given_name: string;
  readonly birth_date: string | null;
  readonly code: string;
  readonly currency: string;
  readonly principal_minor: bigint;
  readonly gesv_tenths: number;
}

/** What a bureau record says of the contract: the loan, its borrower, its product and its maturity. */
function bureauContractOf(
  loan: BureauLoanColumns,
  offer: LoanOffer,
  asOf: PlainDate,
): Omit<CreditBureauRecord, keyof BureauFigures | "lastPaymentOn"> {
  return {
    contractNumber: loan.number,
    contractDate: (loan.disbursed_on ?? asOf) as string,
    iin: loan.iin,
    surname: loan.surname,
    givenName: loan.given_name,
    birthDate: loan.birth_date,
    productCode: loan.code,
    currency: loan.currency,
    amountMinor: loan.principal_minor,
    disbursedOn: loan.disbursed_on as string,
    maturityOn: offer.schedule.installments.at(-1)?.dueOn ?? (loan.disbursed_on as string),
    gesvTenths: loan.gesv_tenths,
  };
}

/** The bureau's figures of a replayed state. */
function bureauFiguresOf(state: LoanState): BureauFigures {
  const status =
    state.status === "closed"
      ? "closed"
      : state.status === "written_off"
        ? "written_off"
        : state.daysPastDue > 0
          ? "overdue"
          : "active";
  return {
    outstandingMinor: state.principalOutstandingMinor,
    overdueMinor: state.overdueMinor,
    daysPastDue: state.daysPastDue,
    status,
  };
}

/** The loan columns the bureau's figures can be read from (see `keptBureauFigures`). */
interface KeptLoanColumns {
  readonly is_current: boolean;
  readonly status: string;
  readonly state_as_of: string | null;
  readonly principal_outstanding_minor: bigint;
  readonly overdue_minor: bigint;
  readonly days_past_due: number;
}

/**
 * The bureau's figures as of `asOf` from what the loan keeps, where they are exactly its replay's; null
 * otherwise. "Current" means the loan's installments due (`loan_due_states`) are as new as the loan and from a
 * day on or before `asOf`: every event is then dated on or before `asOf` (none is dated after the day it is
 * recorded), and the loan's status is its last replay's. A written-off loan shows nothing owed from then on. A
 * loan whose interest is not recalculated changes status only by events (time adds only penalties, and only to
 * installments with something open), so a closed one shows nothing owed from then on, and a running one shows
 * the balances close of business or its last event kept when they were kept for `asOf` itself. A product that
 * recalculates interest can close or reopen a loan as periods end: those loans are replayed, as are all others.
 */
function keptBureauFigures(
  loan: KeptLoanColumns,
  interestRecalculation: boolean,
  asOf: PlainDate,
): BureauFigures | null {
  if (!loan.is_current) return null;
  const nothingOwed = { outstandingMinor: 0n, overdueMinor: 0n, daysPastDue: 0 };
  if (loan.status === "written_off") return { ...nothingOwed, status: "written_off" };
  if (interestRecalculation) return null;
  if (loan.status === "closed") return { ...nothingOwed, status: "closed" };
  if (loan.status !== "active" || loan.state_as_of !== asOf) return null;
  return {
    outstandingMinor: loan.principal_outstanding_minor,
    overdueMinor: loan.overdue_minor,
    daysPastDue: loan.days_past_due,
    status: loan.days_past_due > 0 ? "overdue" : "active",
  };
}

/**
 * Every disbursed loan to a person, its state as of `asOf`: read from what the loan keeps where that is exact
 * (`keptBureauFigures`), the rest replayed (one query for the loans, one for the events of those replayed).
 */
export async function creditBureauRecords(
  trx: Tx,
  orgId: string,
  asOf: PlainDate,
  counts?: KeptCounts,
): Promise<CreditBureauRecord[]> {
  const loans = await trx
    .selectFrom("loans as l")
    .innerJoin("persons as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.person_id"))
    .innerJoin("loan_products as p", (j) =>
      j.onRef("p.org_id", "=", "l.org_id").onRef("p.id", "=", "l.product_id"),
    )
    .leftJoin("loan_due_states as d", (j) =>
      j.onRef("d.org_id", "=", "l.org_id").onRef("d.loan_id", "=", "l.id"),
    )
    .select([
      "l.id",
      "l.number",
      "l.terms",
      "l.principal_minor",
      "l.disbursed_on",
      "l.gesv_tenths",
      "l.status",
      "l.state_as_of",
      "l.principal_outstanding_minor",
      "l.overdue_minor",
      "l.days_past_due",
      "s.iin",
      "s.surname",
      "s.given_name",
      "s.birth_date",
      "p.code",
      "p.currency",
    ])
    .select([
      sql<boolean>`(d.loan_version = l.version AND d.as_of <= ${asOf}::date) IS TRUE`.as("is_current"),
      // The last payment in force on the date: what the replay's events give (a reversal dated on or before it
      // takes its payment out).
      sql<string | null>`(SELECT max(e.value_date)::text FROM loan_events e
        WHERE e.org_id = l.org_id AND e.loan_id = l.id AND e.kind IN ('repayment', 'prepayment')
          AND e.value_date <= ${asOf}::date
          AND NOT EXISTS (SELECT 1 FROM loan_events r WHERE r.org_id = e.org_id AND r.loan_id = e.loan_id
            AND r.kind = 'reversal' AND r.value_date <= ${asOf}::date
            AND r.details->>'reversedEventId' = e.id::text))`.as("last_payment_on"),
    ])
    .where("l.org_id", "=", orgId)
    .where("l.disbursed_on", "<=", asOf)
    .orderBy("l.number")
    .execute();
  const offers = loans.map((loan) => offerOf(parseStoredTerms(loan.terms)));
  const figures = loans.map((loan, index) =>
    keptBureauFigures(loan, (offers[index] as LoanOffer).servicing.interestRecalculation, asOf),
  );
  const replayIds = loans.filter((_loan, index) => figures[index] === null).map((loan) => loan.id);
  const eventsOf = await loadEventsOfLoans(trx, orgId, replayIds);
  if (counts !== undefined) {
    counts.kept += loans.length - replayIds.length;
    counts.replayed += replayIds.length;
  }
  return loans.map((loan, index) => {
    const offer = offers[index] as LoanOffer;
    const rows = (eventsOf.get(loan.id) ?? []).filter((row) => row.value_date <= asOf);
    const kept = figures[index] ?? null;
    return {
      ...bureauContractOf(loan, offer, asOf),
      ...(kept ?? bureauFiguresOf(stateOf(offer.servicing, toDomainEvents(rows), asOf))),
      lastPaymentOn: loan.last_payment_on,
    };
  });
}

/**
 * The credit bureau file with every loan replayed, as it was before it read what is kept: what the tests compare
 * the file with.
 */
export async function creditBureauRecordsByReplay(
  trx: Tx,
  orgId: string,
  asOf: PlainDate,
): Promise<CreditBureauRecord[]> {
  const loans = await trx
    .selectFrom("loans as l")
    .innerJoin("persons as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.person_id"))
    .innerJoin("loan_products as p", (j) =>
      j.onRef("p.org_id", "=", "l.org_id").onRef("p.id", "=", "l.product_id"),
    )
    .select([
      "l.id",
      "l.number",
      "l.terms",
      "l.principal_minor",
      "l.disbursed_on",
      "l.gesv_tenths",
      "l.decided_at",
      "s.iin",
      "s.surname",
      "s.given_name",
      "s.birth_date",
      "p.code",
      "p.currency",
    ])
    .where("l.org_id", "=", orgId)
    .where("l.disbursed_on", "<=", asOf)
    .orderBy("l.number")
    .execute();
  const eventRows = await trx
    .selectFrom("loan_events")
    .select(["loan_id", ...loanEventColumns])
    .where("org_id", "=", orgId)
    .where("value_date", "<=", asOf)
    .execute();
  const eventsOf = eventsByLoan(eventRows);
  return loans.map((loan) => {
    const rows = eventsOf.get(loan.id) ?? [];
    const offer = offerOf(parseStoredTerms(loan.terms));
    const state = stateOf(offer.servicing, toDomainEvents(rows), asOf);
    const reversed = reversedEventIds(rows);
    const payments = rows
      .filter((r) => (r.kind === "repayment" || r.kind === "prepayment") && !reversed.has(r.id))
      .map((r) => r.value_date)
      .sort();
    return {
      ...bureauContractOf(loan, offer, asOf),
      ...bureauFiguresOf(state),
      lastPaymentOn: payments.at(-1) ?? null,
    };
  });
}

/** What a loan officer sees first: her running loans, their PAR over the closed days, today's collections. */
export interface OfficerDashboard {
  readonly asOf: PlainDate;
  readonly parDays: readonly number[];
  readonly loans: number;
  readonly outstandingMinor: bigint;
  readonly overdueMinor: bigint;
  readonly atRiskMinor: readonly bigint[];
  /** One point per closed business date (oldest first), from the PAR snapshots close of business kept. */
  readonly parTrend: readonly {
    readonly businessDate: PlainDate;
    readonly outstandingMinor: bigint;
    readonly atRiskMinor: readonly bigint[];
  }[];
  /** Installments falling due today: as scheduled, what was paid today, what is still open. */
  readonly today: {
    readonly loansDue: number;
    readonly scheduledMinor: bigint;
    readonly collectedMinor: bigint;
    readonly openMinor: bigint;
  };
  readonly arrears: readonly ArrearsRow[];
}

/** Outstanding principal at risk per PAR threshold, from sums by arrears bucket. */
function atRiskByThreshold(
  starts: readonly number[],
  byBucket: readonly { bucket: number; outstanding: bigint }[],
): bigint[] {
  return starts.map((_start, index) =>
    byBucket.filter((b) => b.bucket >= index + 1).reduce((sum, b) => sum + b.outstanding, 0n),
  );
}

/** Bounds the officer picker's list. */
const loanOfficersMax = 1_000;

/**
 * The organization's loan officers, by name: active members holding the loan officer role, and whoever is the
 * officer of a running loan.
 */
export async function loanOfficersOf(trx: Tx, orgId: string): Promise<{ id: string; name: string }[]> {
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT u.id, u.display_name AS name FROM users u
    WHERE u.id IN (
      SELECT r.user_id FROM role_assignments r
        JOIN memberships m ON m.org_id = r.org_id AND m.user_id = r.user_id AND m.is_active
        WHERE r.org_id = ${orgId} AND r.role = 'loan_officer'
      UNION
      SELECT officer_user_id FROM loans WHERE org_id = ${orgId} AND status = 'active' AND officer_user_id IS NOT NULL)
    ORDER BY u.display_name, u.id
    LIMIT ${loanOfficersMax}`.execute(trx);
  return rows;
}

/** The dashboard of one loan officer as of today; the PAR trend covers the last `trendDates` closed dates. */
export async function officerDashboard(
  trx: Tx,
  orgId: string,
  officerUserId: string,
  today: PlainDate,
  trendDates = 60,
): Promise<OfficerDashboard> {
  const starts = await bucketStarts(trx, orgId, today);
  const { rows: buckets } = await sql<{
    bucket: number;
    loans: string;
    outstanding: string;
    overdue: string;
  }>`
    SELECT arrears_bucket AS bucket, count(*)::text AS loans,
      sum(principal_outstanding_minor)::text AS outstanding, sum(overdue_minor)::text AS overdue
    FROM loans WHERE org_id = ${orgId} AND status = 'active' AND officer_user_id = ${officerUserId}
    GROUP BY 1`.execute(trx);
  const { rows: snapshots } = await sql<{ business_date: string; bucket: number; outstanding: string }>`
    SELECT business_date::text AS business_date, arrears_bucket AS bucket,
      sum(principal_outstanding_minor)::text AS outstanding
    FROM par_snapshots
    WHERE org_id = ${orgId} AND officer_user_id = ${officerUserId}
      AND business_date IN (SELECT business_date FROM cob_runs WHERE org_id = ${orgId} AND status = 'done'
        ORDER BY business_date DESC LIMIT ${trendDates})
    GROUP BY 1, 2 ORDER BY 1`.execute(trx);
  const byDate = new Map<string, { bucket: number; outstanding: bigint }[]>();
  for (const row of snapshots) {
    const list = byDate.get(row.business_date) ?? [];
    list.push({ bucket: row.bucket, outstanding: BigInt(row.outstanding) });
    byDate.set(row.business_date, list);
  }
  const current = buckets.map((b) => ({ bucket: b.bucket, outstanding: BigInt(b.outstanding) }));
  return {
    asOf: today,
    parDays: starts.map((start) => (start <= 1 ? 1 : start - 1)),
    loans: buckets.reduce((sum, b) => sum + Number(b.loans), 0),
    outstandingMinor: current.reduce((sum, b) => sum + b.outstanding, 0n),
    overdueMinor: buckets.reduce((sum, b) => sum + BigInt(b.overdue), 0n),
    atRiskMinor: atRiskByThreshold(starts, current),
    parTrend: [...byDate.entries()].map(([date, list]) => ({
      businessDate: plainDate(date),
      outstandingMinor: list.reduce((sum, b) => sum + b.outstanding, 0n),
      atRiskMinor: atRiskByThreshold(starts, list),
    })),
    today: await collectionsToday(trx, orgId, officerUserId, today),
    arrears: await arrearsList(trx, orgId, officerUserId),
  };
}

/** Installments falling due on a day: how many, as scheduled, collected that day, still open. */
export interface DayCollections {
  loansDue: number;
  scheduledMinor: bigint;
  collectedMinor: bigint;
  openMinor: bigint;
}

/** Bounds the running loans one officer's day reads. */
const officerLoansMax = 20_000;

/**
 * An officer's installments due today: as scheduled, paid today (net of reversals), still open. Read from the
 * installments each loan's last event left (`loan_due_states`) where they are exact today: the row is as new
 * as the loan, nothing is dated today (so nothing was paid today), and the installments due today are final.
 * Any other loan is replayed, which gives the same figures by definition.
 */
async function collectionsToday(
  trx: Tx,
  orgId: string,
  officerUserId: string,
  today: PlainDate,
): Promise<DayCollections> {
  const { rows } = await sql<{
    id: string;
    is_kept: boolean;
    due_today: StoredDueInstallment[] | null;
  }>`
    SELECT l.id,
      (d.loan_version = l.version AND d.as_of <= ${today}::date AND NOT EXISTS (
        SELECT 1 FROM loan_events e WHERE e.org_id = l.org_id AND e.loan_id = l.id AND e.value_date = ${today}::date
      )) IS TRUE AS is_kept,
      (SELECT jsonb_agg(x) FROM jsonb_array_elements(d.installments) AS x WHERE x->>0 = ${today}) AS due_today
    FROM loans l
    LEFT JOIN loan_due_states d ON d.org_id = l.org_id AND d.loan_id = l.id
    WHERE l.org_id = ${orgId} AND l.status = 'active' AND l.officer_user_id = ${officerUserId}
    ORDER BY l.number
    LIMIT ${officerLoansMax}`.execute(trx);
  const result: DayCollections = { loansDue: 0, scheduledMinor: 0n, collectedMinor: 0n, openMinor: 0n };
  const replayed: string[] = [];
  for (const row of rows) {
    const due = row.due_today ?? [];
    if (!row.is_kept || due.some(([, , , isFinal]) => !isFinal)) {
      replayed.push(row.id);
      continue;
    }
    for (const [, scheduled, open] of due) {
      result.loansDue += 1;
      result.scheduledMinor += BigInt(scheduled);
      result.openMinor += BigInt(open);
    }
  }
  const byReplay = await collectionsByReplay(trx, orgId, replayed, today);
  return {
    loansDue: result.loansDue + byReplay.loansDue,
    scheduledMinor: result.scheduledMinor + byReplay.scheduledMinor,
    collectedMinor: byReplay.collectedMinor,
    openMinor: result.openMinor + byReplay.openMinor,
  };
}

/** Loans' installments due today, replayed: as scheduled, paid today (net of reversals), still open. */
export async function collectionsByReplay(
  trx: Tx,
  orgId: string,
  loanIds: readonly string[],
  today: PlainDate,
): Promise<DayCollections> {
  const result: DayCollections = { loansDue: 0, scheduledMinor: 0n, collectedMinor: 0n, openMinor: 0n };
  if (loanIds.length === 0) return result;
  const loans = await trx
    .selectFrom("loans")
    .select(["id", "terms"])
    .where("org_id", "=", orgId)
    .where("id", "in", loanIds)
    .execute();
  const eventsOf = await loadEventsOfLoans(
    trx,
    orgId,
    loans.map((l) => l.id),
  );
  const yesterday = addDays(today, -1);
  for (const loan of loans) {
    const servicing = servicingOf(parseStoredTerms(loan.terms));
    const events = toDomainEvents(eventsOf.get(loan.id) ?? []);
    const now = stateOf(servicing, events, today);
    const before = events.some((e) => e.on <= yesterday) ? stateOf(servicing, events, yesterday) : null;
    result.collectedMinor += now.paidMinor - (before?.paidMinor ?? 0n);
    for (const row of now.installments) {
      if (row.dueOn !== today) continue;
      result.loansDue += 1;
      result.scheduledMinor += row.principal.dueMinor + row.interest.dueMinor + row.fee.dueMinor;
      result.openMinor +=
        row.principal.outstandingMinor + row.interest.outstandingMinor + row.fee.outstandingMinor;
    }
  }
  return result;
}
