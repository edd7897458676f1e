/**
 * Close of business for a business date: for every loan running that day, its ageing (days past due,
 * overdue amount, arrears bucket), the interest it has earned and the penalties it has been charged through
 * the end of the day (accrual accounting), summarized postings per product and day, and at the end a PAR
 * snapshot kept for history.
 *
 * The work is cut into chunks of loans by number. A worker claims a pending chunk with `FOR UPDATE SKIP
 * LOCKED` and does all of it (a few set-based statements: the chunk's loans, their events, one bulk update,
 * the summarized entries) in the transaction that marks it done. So a crash loses nothing and doubles nothing
 * (the chunk stays pending and the next run takes it), any number of workers share a date without taking the
 * same chunk, and running a date again changes nothing: postings are the difference between what the loans
 * have earned and what the books already recognize, which is zero the second time. Missed days are caught up
 * in order. Each loan is replayed by the same domain engine that serves its page, so close of business and
 * the loan page never disagree.
 */
import type { LoanProductSettingsJson } from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { sql, withTenant } from "@moldir/db";
import {
  addDays,
  arrearsBucketOf,
  daysBetween,
  type JournalEntryDraft,
  type JournalLineDraft,
  type LoanServicingTerms,
  loanAccrualsWithQuietDays,
  maxBigint,
  type PlainDate,
  plainDate,
} from "@moldir/domain";
import { postEntries } from "../ledger/posting";
import { type QueuedNotification, queueNotifications } from "../notifications/outbox";
import { type LoanEventRow, type ReplayEventRow, recognizedInterestOf, toDomainEvents } from "./service";
import { type StoredLoanTerms, servicingOf } from "./terms";

/**
 * Loans per chunk: a chunk costs about a dozen statements, so this keeps them under one per 1,000 loans, and two
 * chunks in memory at once (their loans, events and quiet days) keep a close of 1,000,000 loans under 1 GB.
 */
export const defaultChunkSize = 20_000;

/**
 * Quiet days kept for a replayed loan (migration 0023): a monthly loan is quiet at most until its next due
 * date, so a little over a month covers it; longer periods are replayed again when these run out.
 */
export const quietDaysKept = 35;

/** Loans replayed between two turns of the event loop, so that a long chunk does not hold up requests. */
const loansPerTurn = 1_000;

export interface CobProgress {
  readonly businessDate: PlainDate;
  readonly status: "running" | "done";
  readonly chunkCount: number;
  readonly chunksDone: number;
  readonly loansProcessed: number;
  readonly entriesPosted: number;
}

/** The last business date whose close of business finished, or null. */
export async function lastClosedDate(trx: Tx, orgId: string): Promise<PlainDate | null> {
  const row = await trx
    .selectFrom("cob_runs")
    .select("business_date")
    .where("org_id", "=", orgId)
    .where("status", "=", "done")
    .orderBy("business_date", "desc")
    .executeTakeFirst();
  return row === undefined ? null : plainDate(row.business_date);
}

/**
 * The dates a run up to `through` must close, in order: from the day after the last closed date (missed days
 * are caught up), or only `through` when nothing was ever closed. Empty when `through` is already closed.
 */
export function datesToClose(lastClosed: PlainDate | null, through: PlainDate): PlainDate[] {
  if (lastClosed === null) return [through];
  const dates: PlainDate[] = [];
  for (let day = addDays(lastClosed, 1); day <= through; day = addDays(day, 1)) dates.push(day);
  return dates;
}

/** Starts (or finds) the run of a date and cuts its loans into chunks; returns whether work is pending. */
export async function planRun(
  trx: Tx,
  orgId: string,
  businessDate: PlainDate,
  requestedBy: string | null,
  chunkSize = defaultChunkSize,
): Promise<void> {
  const inserted = await trx
    .insertInto("cob_runs")
    .values({ org_id: orgId, business_date: businessDate, requested_by: requestedBy })
    .onConflict((c) => c.columns(["org_id", "business_date"]).doNothing())
    .returning("business_date")
    .executeTakeFirst();
  if (inserted === undefined) return;
  const { rows } = await sql<{ chunk_no: number; first_number: number; last_number: number; loans: number }>`
    SELECT chunk_no::int, min(number)::int AS first_number, max(number)::int AS last_number, count(*)::int AS loans
    FROM (
      SELECT number, ((row_number() OVER (ORDER BY number)) - 1) / ${chunkSize} AS chunk_no
      FROM loans
      WHERE org_id = ${orgId} AND disbursed_on <= ${businessDate}
        AND (closed_on IS NULL OR closed_on >= ${businessDate}) AND status IN ('active', 'closed', 'written_off')
    ) numbered
    GROUP BY chunk_no ORDER BY chunk_no`.execute(trx);
  if (rows.length > 0) {
    await trx
      .insertInto("cob_chunks")
      .values(
        rows.map((r) => ({
          org_id: orgId,
          business_date: businessDate,
          chunk_no: r.chunk_no,
          first_number: r.first_number,
          last_number: r.last_number,
        })),
      )
      .execute();
  }
  await trx
    .updateTable("cob_runs")
    .set({ chunk_count: rows.length })
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .execute();
}

type ChunkLoan = {
  id: string;
  person_id: string | null;
  phones: string[] | null;
  languages: string[] | null;
  arrears_notified_since: string | null;
  number: number;
  product_id: string;
  book_id: string;
  loan_kind: StoredLoanTerms["loanKind"];
  /** The frozen product settings as JSON text: the same text for the loans of one product version. */
  settings_json: string;
  request: StoredLoanTerms["request"];
  posted_interest_paid_minor: bigint;
  posted_penalty_paid_minor: bigint;
  recognized_interest_minor: bigint;
  recognized_penalty_minor: bigint;
  principal_outstanding_minor: bigint;
  overdue_minor: bigint;
  days_past_due: number;
  arrears_bucket: number;
  status: string;
  cob_event_count: number | null;
  /** The first event dated after the business date already recorded, if any: quiet days end before it. */
  next_event_on: string | null;
  /** The loan's events to the business date, with only what the replay reads. */
  events: ReplayEventRow[];
};

/** An event as the chunk's query sends it: [id, kind, value date, amount or null, details or null]. */
type EventTuple = [string, LoanEventRow["kind"], string, string | null, unknown];

/**
 * The chunk's running loans not closed yet on the date (the quiet ones are), locked, each with its events and
 * the interest recognized, in one statement. The accrual row is locked by a subquery, which reads its newest
 * version: an event that held the loan meanwhile has changed it. The events come aggregated per
 * loan as compact JSON arrays (details only for the kinds that have any) rather than as one row each: on
 * the embedded database, materializing rows costs more than the replay itself.
 */
async function loadChunkLoans(
  trx: Tx,
  orgId: string,
  businessDate: PlainDate,
  chunk: { first_number: number; last_number: number },
): Promise<ChunkLoan[]> {
  const { rows } = await sql<Omit<ChunkLoan, "events"> & { events: EventTuple[] | null }>`
    SELECT l.id, l.number, l.product_id, l.book_id, l.terms->>'loanKind' AS loan_kind,
      (l.terms->'settings')::text AS settings_json, l.terms->'request' AS request,
      l.posted_interest_paid_minor, l.posted_penalty_paid_minor,
      ${recognizedInterestOf("l", true)} AS recognized_interest_minor,
      l.recognized_penalty_minor,
      l.principal_outstanding_minor, l.overdue_minor, l.days_past_due, l.arrears_bucket, l.status,
      l.cob_event_count, l.person_id, l.arrears_notified_since::text, s.phones, s.languages, ev.events,
      ev.next_event_on::text
    FROM loans l
    LEFT JOIN persons s ON s.org_id = l.org_id AND s.id = l.person_id
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_array(e.id, e.kind, e.value_date, e.amount_minor::text,
        CASE WHEN e.kind IN ('disbursement', 'repayment', 'recovery', 'write_off') THEN NULL ELSE e.details END))
          FILTER (WHERE e.value_date <= ${businessDate}::date) AS events,
        min(e.value_date) FILTER (WHERE e.value_date > ${businessDate}::date) AS next_event_on
      FROM loan_events e
      WHERE e.org_id = l.org_id AND e.loan_id = l.id
    ) ev ON true
    WHERE l.org_id = ${orgId} AND l.number BETWEEN ${chunk.first_number} AND ${chunk.last_number}
      AND l.disbursed_on <= ${businessDate}::date
      AND (l.closed_on IS NULL OR l.closed_on >= ${businessDate}::date)
      AND NOT EXISTS (SELECT 1 FROM loan_accruals a WHERE a.org_id = l.org_id AND a.loan_id = l.id
        AND a.cob_date >= ${businessDate}::date)
    ORDER BY l.number
    FOR UPDATE OF l`.execute(trx);
  return rows.map((row) => ({
    ...row,
    events: (row.events ?? []).map(([id, kind, valueDate, amount, details]) => ({
      id,
      kind,
      value_date: valueDate,
      amount_minor: amount === null ? null : BigInt(amount),
      details: details ?? {},
    })),
  }));
}

/**
 * The servicing terms of a chunk's loans. The product settings are read once per distinct text (a product
 * version's loans share it); each loan adds its own request.
 */
function servicingCache(): (loan: ChunkLoan) => LoanServicingTerms {
  const settingsByText = new Map<string, LoanProductSettingsJson>();
  return (loan) => {
    let settings = settingsByText.get(loan.settings_json);
    if (settings === undefined) {
      settings = JSON.parse(loan.settings_json) as LoanProductSettingsJson;
      settingsByText.set(loan.settings_json, settings);
    }
    return servicingOf({ loanKind: loan.loan_kind, settings, request: loan.request });
  };
}

/**
 * Whether a loan's replay to the business date is known without running it: a loan written off by the last
 * close of business, with the same events since (events are append-only, so the same count to a later date is
 * the same events). A written-off loan earns nothing more and is never past due, so its last results stand.
 */
function isSettledWriteOff(loan: ChunkLoan, events: readonly ReplayEventRow[]): boolean {
  return (
    loan.status === "written_off" &&
    loan.cob_event_count === events.length &&
    events.some((event) => event.kind === "write_off")
  );
}

/**
 * Claims one pending chunk of a date and processes it in this transaction; returns false when none is left
 * to claim (all done, or the rest held by other workers).
 */
export async function processNextChunk(trx: Tx, orgId: string, businessDate: PlainDate): Promise<boolean> {
  const { rows: claimed } = await sql<{ chunk_no: number; first_number: number; last_number: number }>`
    SELECT chunk_no, first_number, last_number FROM cob_chunks
    WHERE org_id = ${orgId} AND business_date = ${businessDate} AND status = 'pending'
    ORDER BY chunk_no LIMIT 1 FOR UPDATE SKIP LOCKED`.execute(trx);
  const chunk = claimed[0];
  if (chunk === undefined) return false;
  const bucketStarts = await bucketStartsOn(trx, orgId, businessDate);
  // Signed accrual per book and product: interest and penalties recognized this day (or given back).
  const accruals = new Map<
    string,
    { bookId: string; productId: string; interest: bigint; penalty: bigint }
  >();
  const addAccrual = (bookId: string, productId: string, interest: bigint, penalty: bigint) => {
    if (interest === 0n && penalty === 0n) return;
    const key = `${bookId}/${productId}`;
    const sum = accruals.get(key) ?? { bookId, productId, interest: 0n, penalty: 0n };
    sum.interest += interest;
    sum.penalty += penalty;
    accruals.set(key, sum);
  };
  // The quiet loans first, from their kept days; the rest (and any a concurrent event took) are replayed.
  const quiet = await accrueQuietLoans(trx, orgId, businessDate, chunk);
  for (const row of quiet.accruals) addAccrual(row.book_id, row.product_id, BigInt(row.interest), 0n);
  const loans = await loadChunkLoans(trx, orgId, businessDate, chunk);
  const lender = await trx
    .selectFrom("organizations")
    .select(["name_kk", "name_ru"])
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  const notices: QueuedNotification[] = [];
  const servicingOfLoan = servicingCache();

  // The wide loan row is written only where its state changed; the narrow accrual row always.
  const states = {
    id: [] as string[],
    penalty: [] as string[],
    principal: [] as string[],
    overdue: [] as string[],
    dpd: [] as number[],
    bucket: [] as number[],
    notified: [] as (string | null)[],
    events: [] as number[],
  };
  const recognized = {
    id: [] as string[],
    number: [] as number[],
    book: [] as string[],
    product: [] as string[],
    interest: [] as string[],
    quiet: [] as (string | null)[],
  };
  const keep = (
    loan: ChunkLoan,
    state: { penalty: bigint; principal: bigint; overdue: bigint; dpd: number; notified: string | null },
    interest: bigint,
    quietDays: readonly bigint[],
    eventCount: number,
  ) => {
    const bucket = arrearsBucketOf(state.dpd, bucketStarts);
    if (
      state.penalty !== loan.recognized_penalty_minor ||
      state.principal !== loan.principal_outstanding_minor ||
      state.overdue !== loan.overdue_minor ||
      state.dpd !== loan.days_past_due ||
      bucket !== loan.arrears_bucket ||
      state.notified !== loan.arrears_notified_since ||
      eventCount !== loan.cob_event_count
    ) {
      states.id.push(loan.id);
      states.penalty.push(state.penalty.toString());
      states.principal.push(state.principal.toString());
      states.overdue.push(state.overdue.toString());
      states.dpd.push(state.dpd);
      states.bucket.push(bucket);
      states.notified.push(state.notified);
      states.events.push(eventCount);
    }
    recognized.id.push(loan.id);
    recognized.number.push(loan.number);
    recognized.book.push(loan.book_id);
    recognized.product.push(loan.product_id);
    recognized.interest.push(interest.toString());
    recognized.quiet.push(quietDays.length === 0 ? null : `{${[interest, ...quietDays].join(",")}}`);
  };
  for (const [index, loan] of loans.entries()) {
    if (index % loansPerTurn === loansPerTurn - 1) await new Promise((resolve) => setImmediate(resolve));
    const events = loan.events;
    if (isSettledWriteOff(loan, events)) {
      // Its last results stand, on every day while no event comes.
      const days = quietDaysFor(loan, businessDate, "written_off");
      keep(
        loan,
        {
          penalty: loan.recognized_penalty_minor,
          principal: 0n,
          overdue: 0n,
          dpd: 0,
          notified: loan.arrears_notified_since,
        },
        loan.recognized_interest_minor,
        Array(days).fill(loan.recognized_interest_minor),
        events.length,
      );
      continue;
    }
    const servicing = servicingOfLoan(loan);
    const accrued = loanAccrualsWithQuietDays(
      servicing,
      toDomainEvents(events),
      businessDate,
      quietDaysFor(loan, businessDate, null),
    );
    if (!accrued.ok) throw new Error(`loan ${loan.number}: replay failed (${accrued.code})`);
    const { state, interestEarnedMinor, penaltyChargedMinor, quiet: quietDays } = accrued.value;
    const paidInterest = loan.posted_interest_paid_minor;
    const interestTarget = maxBigint(interestEarnedMinor, paidInterest);
    const penaltyTarget = maxBigint(penaltyChargedMinor, loan.posted_penalty_paid_minor);
    addAccrual(
      loan.book_id,
      loan.product_id,
      interestTarget - loan.recognized_interest_minor,
      penaltyTarget - loan.recognized_penalty_minor,
    );
    // A new delay: the borrower is told at once (the law allows 10 days), once per missed due date.
    const sinceOn = state.daysPastDue > 0 ? addDays(businessDate, -state.daysPastDue) : null;
    const phone = loan.phones?.[0];
    if (sinceOn !== null && sinceOn !== loan.arrears_notified_since && phone !== undefined) {
      const locale = loan.languages?.[0] === "kk" ? "kk" : "ru";
      notices.push({
        recipient: phone,
        locale,
        template: "loan_arrears_notice",
        payload: {
          lenderName: locale === "kk" ? lender.name_kk : lender.name_ru,
          loanNumber: loan.number,
          overdueMinor: state.overdueMinor.toString(),
          sinceOn,
        },
        personId: loan.person_id,
        source: { type: "loan", id: loan.id },
      });
    }
    keep(
      loan,
      {
        penalty: penaltyTarget,
        principal: state.principalOutstandingMinor,
        overdue: state.overdueMinor,
        dpd: state.daysPastDue,
        notified: sinceOn !== null && phone !== undefined ? sinceOn : loan.arrears_notified_since,
      },
      interestTarget,
      // A closed loan leaves the close of business; the interest paid stays recognized if it is more.
      state.status === "closed"
        ? []
        : quietDays.interestEarnedMinor.map((earned) => maxBigint(earned, paidInterest)),
      events.length,
    );
  }

  if (states.id.length > 0) {
    await sql`
      UPDATE loans AS l SET
        recognized_penalty_minor = v.penalty::bigint,
        principal_outstanding_minor = v.principal::bigint,
        overdue_minor = v.overdue::bigint,
        days_past_due = v.dpd,
        arrears_bucket = v.bucket,
        arrears_notified_since = v.notified::date,
        state_as_of = ${businessDate}::date,
        cob_event_count = v.events
      FROM unnest(${states.id}::uuid[], ${states.penalty}::text[], ${states.principal}::text[],
                  ${states.overdue}::text[], ${states.dpd}::int[], ${states.bucket}::int[],
                  ${states.notified}::text[], ${states.events}::int[])
        AS v(id, penalty, principal, overdue, dpd, bucket, notified, events)
      WHERE l.org_id = ${orgId} AND l.number BETWEEN ${chunk.first_number} AND ${chunk.last_number}
        AND l.id = v.id`.execute(trx);
  }
  if (recognized.id.length > 0) {
    await sql`
      INSERT INTO loan_accruals AS a (org_id, loan_id, number, book_id, product_id, recognized_interest_minor,
        cob_date, quiet_from, quiet_interest)
      SELECT ${orgId}::uuid, v.id, v.number, v.book, v.product, v.interest::bigint, ${businessDate}::date,
        CASE WHEN v.quiet IS NULL THEN NULL ELSE ${businessDate}::date END, v.quiet::bigint[]
      FROM unnest(${recognized.id}::uuid[], ${recognized.number}::int[], ${recognized.book}::uuid[],
                  ${recognized.product}::uuid[], ${recognized.interest}::text[], ${recognized.quiet}::text[])
        AS v(id, number, book, product, interest, quiet)
      ON CONFLICT (org_id, loan_id) DO UPDATE SET
        recognized_interest_minor = excluded.recognized_interest_minor,
        cob_date = excluded.cob_date,
        quiet_from = excluded.quiet_from,
        quiet_interest = excluded.quiet_interest`.execute(trx);
  }

  await queueNotifications(trx, orgId, notices);
  const drafts = await accrualDrafts(trx, orgId, businessDate, [...accruals.values()]);
  const posted = await postEntries(trx, { orgId, userId: null }, drafts);
  const processed = loans.length + quiet.loans;
  await trx
    .updateTable("cob_chunks")
    .set({ status: "done", loans: processed, done_at: new Date() })
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .where("chunk_no", "=", chunk.chunk_no)
    .execute();
  await trx
    .updateTable("cob_runs")
    .set((eb) => ({
      chunks_done: eb("chunks_done", "+", 1),
      loans_processed: eb("loans_processed", "+", processed),
      entries_posted: eb("entries_posted", "+", posted.length),
    }))
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .execute();
  return true;
}

/** The first day of each arrears bucket under the lending rules of a date. */
async function bucketStartsOn(trx: Tx, orgId: string, businessDate: PlainDate): Promise<number[]> {
  const rule = await trx
    .selectFrom("lending_rules")
    .select("arrears_bucket_starts")
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", businessDate)
    .orderBy("effective_from", "desc")
    .executeTakeFirst();
  return rule?.arrears_bucket_starts ?? [1, 31, 61, 91];
}

/**
 * Quiet days to keep for a loan replayed to the business date: none for a loan that closed (it leaves the
 * close of business), and none reaching the next event already recorded.
 */
function quietDaysFor(loan: ChunkLoan, businessDate: PlainDate, status: "written_off" | null): number {
  if (status === null && loan.status === "closed") return 0;
  if (loan.next_event_on === null) return quietDaysKept;
  return Math.max(0, Math.min(quietDaysKept, daysBetween(businessDate, plainDate(loan.next_event_on)) - 1));
}

/**
 * Closes the day for the chunk's quiet loans in one statement, from `loan_accruals` alone (migration 0023,
 * ADR 0023): a loan closed yesterday whose kept days include the business date. Its interest recognized
 * becomes the day's kept figure; yesterday's, which yesterday's close recognized, is the element before it,
 * so the day's accrual needs no other read. Nothing else changes on a quiet day (no penalty, nothing past due,
 * the same principal), so the wide loan row is not touched. An event on the loan clears its kept days in the
 * same row, which this update re-checks on the row it locks. Returns the interest recognized per book and
 * product, and how many loans were closed so.
 */
async function accrueQuietLoans(
  trx: Tx,
  orgId: string,
  businessDate: PlainDate,
  chunk: { first_number: number; last_number: number },
): Promise<{ loans: number; accruals: { book_id: string; product_id: string; interest: string }[] }> {
  const day = sql`(${businessDate}::date - a.quiet_from)`;
  const { rows } = await sql<{ book_id: string; product_id: string; interest: string; loans: number }>`
    WITH closed AS (
      UPDATE loan_accruals AS a SET
        recognized_interest_minor = a.quiet_interest[${day} + 1],
        cob_date = ${businessDate}::date
      WHERE a.org_id = ${orgId} AND a.number BETWEEN ${chunk.first_number} AND ${chunk.last_number}
        AND a.cob_date = ${businessDate}::date - 1
        AND ${day} BETWEEN 1 AND cardinality(a.quiet_interest) - 1
      RETURNING a.book_id, a.product_id, a.quiet_interest[${day} + 1] - a.quiet_interest[${day}] AS interest
    )
    SELECT book_id, product_id, sum(interest)::text AS interest, count(*)::int AS loans
    FROM closed GROUP BY book_id, product_id`.execute(trx);
  return { loans: rows.reduce((sum, row) => sum + row.loans, 0), accruals: rows };
}

/** One entry per book and product for the day: interest and penalties earned, against their receivables. */
async function accrualDrafts(
  trx: Tx,
  orgId: string,
  businessDate: PlainDate,
  sums: readonly { bookId: string; productId: string; interest: bigint; penalty: bigint }[],
): Promise<JournalEntryDraft[]> {
  if (sums.length === 0) return [];
  const accounts = await trx
    .selectFrom("accounts")
    .select(["id", "book_id", "purpose"])
    .where("org_id", "=", orgId)
    .where("purpose", "in", [
      "interest_receivable",
      "interest_income",
      "penalty_receivable",
      "penalty_income",
    ])
    .execute();
  const accountOf = (bookId: string, purpose: string): string => {
    const found = accounts.find((a) => a.book_id === bookId && a.purpose === purpose);
    if (found === undefined) throw new Error(`book ${bookId} has no account for ${purpose}`);
    return found.id;
  };
  const drafts: JournalEntryDraft[] = [];
  for (const sum of sums) {
    const lines: JournalLineDraft[] = [];
    const pair = (amount: bigint, receivable: string, income: string) => {
      if (amount === 0n) return;
      const positive = amount > 0n;
      const value = positive ? amount : -amount;
      lines.push(
        {
          accountId: accountOf(sum.bookId, receivable),
          side: positive ? "debit" : "credit",
          amountMinor: value,
        },
        { accountId: accountOf(sum.bookId, income), side: positive ? "credit" : "debit", amountMinor: value },
      );
    };
    pair(sum.interest, "interest_receivable", "interest_income");
    pair(sum.penalty, "penalty_receivable", "penalty_income");
    if (lines.length === 0) continue;
    drafts.push({
      bookId: sum.bookId,
      valueDate: businessDate,
      narration: `Close of business ${businessDate}: interest and penalties accrued`,
      source: { type: "cob", id: sum.productId },
      lines,
    });
  }
  return drafts;
}

/** Finishes a date whose chunks are all done: the PAR snapshot, then the run is marked done. */
export async function finishRun(trx: Tx, orgId: string, businessDate: PlainDate): Promise<boolean> {
  const run = await trx
    .selectFrom("cob_runs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .forUpdate()
    .executeTakeFirst();
  if (run === undefined || run.status === "done") return run !== undefined;
  const pending = await trx
    .selectFrom("cob_chunks")
    .select("chunk_no")
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .where("status", "=", "pending")
    .executeTakeFirst();
  if (pending !== undefined) return false;
  const t0 = performance.now();
  // The running loans closed on the date, from the narrow rows (migrations 0023 and 0024), each in the bucket
  // of its days past due under the rules of the date (the last bucket whose first day it has reached).
  const starts = await bucketStartsOn(trx, orgId, businessDate);
  const bucket =
    starts.length === 0
      ? sql`0`
      : sql`CASE ${sql.join(
          starts
            .map((start, index) => sql`WHEN p.days_past_due >= ${start}::int THEN ${index + 1}::int`)
            .reverse(),
          sql` `,
        )} ELSE 0 END`;
  await sql`
    INSERT INTO par_snapshots (org_id, business_date, office_id, officer_user_id, product_id, arrears_bucket,
      loans, principal_outstanding_minor, overdue_minor)
    SELECT p.org_id, ${businessDate}::date, p.office_id, p.officer_user_id, p.product_id,
      ${bucket} AS bucket,
      count(*)::int, sum(p.principal_outstanding_minor), sum(p.overdue_minor)
    FROM loan_positions p
    JOIN loan_accruals a ON a.org_id = p.org_id AND a.loan_id = p.loan_id
    WHERE p.org_id = ${orgId} AND a.cob_date = ${businessDate}::date AND p.principal_outstanding_minor > 0
    GROUP BY p.org_id, p.office_id, p.officer_user_id, p.product_id, 6`.execute(trx);
  if (process.env.MOLDIR_COB_TRACE)
    console.error(`${businessDate} snapshot ${(performance.now() - t0).toFixed(0)} ms`);
  await trx
    .updateTable("cob_runs")
    .set({ status: "done", finished_at: new Date() })
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .execute();
  return true;
}

export async function progressOf(
  trx: Tx,
  orgId: string,
  businessDate: PlainDate,
): Promise<CobProgress | null> {
  const run = await trx
    .selectFrom("cob_runs")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("business_date", "=", businessDate)
    .executeTakeFirst();
  if (run === undefined) return null;
  return {
    businessDate: plainDate(run.business_date),
    status: run.status,
    chunkCount: run.chunk_count,
    chunksDone: run.chunks_done,
    loansProcessed: run.loans_processed,
    entriesPosted: run.entries_posted,
  };
}

export interface RunOptions {
  readonly requestedBy: string | null;
  readonly chunkSize?: number;
  /**
   * Chunks worked on at once by this call, each in its own transaction on its own connection, claimed as
   * separate processes claim them (`SKIP LOCKED`): on PostgreSQL one chunk's SQL runs in the server while
   * another's loans are replayed here. The embedded database has one connection, so it takes one at a time.
   */
  readonly workers?: number;
  /** Called after each chunk; a test throws from it to simulate a crash. */
  readonly afterChunk?: (businessDate: PlainDate) => void | Promise<void>;
}

/** Chunks worked on at once by `closeBusinessThrough` on PostgreSQL: one in SQL while another is replayed. */
export const defaultWorkers = 2;

/**
 * Closes every date up to `through` that is not closed yet, in order, each chunk in its own transaction.
 * Returns the dates closed by this call.
 */
export async function closeBusinessThrough(
  database: Database,
  orgId: string,
  through: PlainDate,
  options: RunOptions,
): Promise<PlainDate[]> {
  const tenant = { orgId, userId: null };
  const lastClosed = await withTenant(database, tenant, (trx) => lastClosedDate(trx, orgId));
  const closed: PlainDate[] = [];
  for (const businessDate of datesToClose(lastClosed, through)) {
    await withTenant(database, tenant, (trx) =>
      planRun(trx, orgId, businessDate, options.requestedBy, options.chunkSize),
    );
    await processChunks(database, orgId, businessDate, options);
    const finished = await withTenant(database, tenant, (trx) => finishRun(trx, orgId, businessDate));
    // Another worker still holds a chunk of this date: later dates wait for it.
    if (!finished) break;
    closed.push(businessDate);
  }
  return closed;
}

/**
 * Processes the pending chunks of a date with `options.workers` claims at once (one on the embedded database).
 * After a failure no worker claims another chunk; the first error is thrown once every transaction has ended,
 * so nothing is left running behind the caller (each chunk's transaction either committed or rolled back).
 */
async function processChunks(
  database: Database,
  orgId: string,
  businessDate: PlainDate,
  options: RunOptions,
): Promise<void> {
  const tenant = { orgId, userId: null };
  const workers = database.engine === "pglite" ? 1 : Math.max(1, options.workers ?? defaultWorkers);
  const failures: unknown[] = [];
  const work = async (): Promise<void> => {
    try {
      while (
        failures.length === 0 &&
        (await withTenant(database, tenant, (trx) => processNextChunk(trx, orgId, businessDate)))
      ) {
        await options.afterChunk?.(businessDate);
      }
    } catch (error) {
      failures.push(error);
    }
  };
  await Promise.all(Array.from({ length: workers }, work));
  if (failures.length > 0) throw failures[0];
}
