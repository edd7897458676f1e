/**
 * The loan service: the one way a loan's money changes. Every change is an event appended to the loan; the
 * loan is then replayed by the domain from all its events, and the ledger is brought to what the replay
 * says: the difference between the replay's cumulative amounts (disbursed, principal, interest, fees,
 * penalties repaid, overpaid) and what the books already hold for the loan is posted as one balanced entry
 * dated the event's value date. So a back-dated payment that changes how later payments were allocated
 * posts exactly the correction, and the loan accounts of the ledger always equal the sum of the loans.
 */
import type { LoanDetail, LoanSummary } from "@moldir/contract";
import {
  type LoanEventKind,
  type LoansTable,
  type Schema,
  type StoredDueInstallment,
  sql,
  type Tx,
} from "@moldir/db";
import {
  assert,
  type JournalLineDraft,
  type LoanEvent,
  type LoanOffer,
  type LoanServicingTerms,
  type LoanState,
  loanStateAsOf,
  loanStateWithPayoffAsOf,
  maxBigint,
  type PaymentReplay,
  type PayoffQuote,
  type PlainDate,
  plainDate,
  quotePayoffAfter,
  replayPayment,
} from "@moldir/domain";
import type { QueryCreator, Selectable } from "kysely";
import type { ActionContext } from "../approvals/registry";
import { AppError, refusal } from "../http/app-error";
import { newId } from "../identity/secrets";
import { reverseEntry } from "../ledger/entries";
import { postEntries } from "../ledger/posting";
import { parseStoredTerms, servicingOf } from "./terms";

/** A loan's own row. */
export type LoanRecord = Selectable<LoansTable>;
/** A loan with the interest close of business and its events have recognized (`loan_accruals`, ADR 0023). */
export type LoanRow = LoanRecord & { readonly recognized_interest_minor: bigint };

/** Cumulative amounts of a loan, as the replay computes them or as the ledger holds them. */
export interface LoanAmounts {
  readonly disbursed: bigint;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly fee: bigint;
  readonly penalty: bigint;
  readonly overpaid: bigint;
  readonly recovered: bigint;
  /** Principal written off (against the write-off expense). */
  readonly writtenOff: bigint;
}

const zeroAmounts: LoanAmounts = {
  disbursed: 0n,
  principal: 0n,
  interest: 0n,
  fee: 0n,
  penalty: 0n,
  overpaid: 0n,
  recovered: 0n,
  writtenOff: 0n,
};

const amountKeys = Object.keys(zeroAmounts) as (keyof LoanAmounts)[];

function subtract(a: LoanAmounts, b: LoanAmounts): LoanAmounts {
  return Object.fromEntries(amountKeys.map((k) => [k, a[k] - b[k]])) as unknown as LoanAmounts;
}

function add(a: LoanAmounts, b: LoanAmounts): LoanAmounts {
  return Object.fromEntries(amountKeys.map((k) => [k, a[k] + b[k]])) as unknown as LoanAmounts;
}

export function amountsOfState(state: LoanState): LoanAmounts {
  let principal = 0n;
  let interest = 0n;
  let fee = 0n;
  let penalty = 0n;
  for (const row of state.installments) {
    principal += row.principal.paidMinor;
    interest += row.interest.paidMinor;
    fee += row.fee.paidMinor;
    penalty += row.penalty.paidMinor;
  }
  return {
    disbursed: state.disbursedMinor,
    principal,
    interest,
    fee,
    penalty,
    overpaid: state.overpaidMinor,
    recovered: state.recoveredMinor,
    writtenOff: state.status === "written_off" ? state.disbursedMinor - principal : 0n,
  };
}

function postedAmounts(loan: LoanRow): LoanAmounts {
  return {
    disbursed: loan.posted_disbursed_minor,
    principal: loan.posted_principal_repaid_minor,
    interest: loan.posted_interest_paid_minor,
    fee: loan.posted_fee_paid_minor,
    penalty: loan.posted_penalty_paid_minor,
    overpaid: loan.posted_overpaid_minor,
    recovered: loan.posted_recovered_minor,
    writtenOff: loan.posted_written_off_minor,
  };
}

function amountsToJson(amounts: LoanAmounts): Record<string, string> {
  return Object.fromEntries(amountKeys.map((k) => [k, amounts[k].toString()]));
}

function amountsFromJson(json: unknown): LoanAmounts {
  const record = (json ?? {}) as Record<string, string | undefined>;
  return Object.fromEntries(amountKeys.map((k) => [k, BigInt(record[k] ?? "0")])) as unknown as LoanAmounts;
}

export type LoanEventRow = {
  id: string;
  kind: LoanEventKind;
  value_date: string;
  amount_minor: bigint | null;
  details: unknown;
  reason: string | null;
  entry_id: string | null;
  created_at: Date;
};

/** The columns of an event row the replay reads. */
export type ReplayEventRow = Pick<LoanEventRow, "id" | "kind" | "value_date" | "amount_minor" | "details">;

/** The domain's events of a loan's rows. */
export function toDomainEvents(rows: readonly ReplayEventRow[]): LoanEvent[] {
  return rows.map(toDomainEvent);
}

function toDomainEvent(row: ReplayEventRow): LoanEvent {
  const on = plainDate(row.value_date);
  const details = (row.details ?? {}) as Record<string, unknown>;
  const amountMinor = row.amount_minor ?? 0n;
  switch (row.kind) {
    case "disbursement":
    case "repayment":
    case "recovery":
      return { id: row.id, on, kind: row.kind, amountMinor };
    case "prepayment":
      return {
        id: row.id,
        on,
        kind: "prepayment",
        amountMinor,
        strategy: details.strategy === "reduce_term" ? "reduce_term" : "reduce_installment",
      };
    case "waiver":
      return {
        id: row.id,
        on,
        kind: "waiver",
        amountMinor,
        component: (details.component as "penalty" | "fee" | "interest") ?? "penalty",
      };
    case "reschedule": {
      const changes = (details.changes ?? {}) as { installments?: number; firstRepaymentOn?: string | null };
      return {
        id: row.id,
        on,
        kind: "reschedule",
        changes: {
          ...(changes.installments === undefined ? {} : { installments: changes.installments }),
          ...(changes.firstRepaymentOn === undefined
            ? {}
            : {
                firstRepaymentOn:
                  changes.firstRepaymentOn === null ? null : plainDate(changes.firstRepaymentOn),
              }),
        },
      };
    }
    case "write_off":
      return { id: row.id, on, kind: "write_off" };
    case "reversal":
      return { id: row.id, on, kind: "reversal", reversedEventId: String(details.reversedEventId) };
  }
}

/** The ids of the events a reversal among `rows` has reversed. */
export function reversedEventIds(rows: readonly LoanEventRow[]): Set<string> {
  return new Set(
    rows
      .filter((r) => r.kind === "reversal")
      .map((r) => String((r.details as Record<string, unknown>).reversedEventId)),
  );
}

/** The event to reverse: a payment or recovery not reversed yet; refused otherwise. */
export function reversibleEvent(rows: readonly LoanEventRow[], eventId: string): LoanEventRow {
  const target = rows.find((r) => r.id === eventId);
  if (target === undefined) throw new AppError("record_must_exist");
  if (
    !["repayment", "prepayment", "recovery"].includes(target.kind) ||
    reversedEventIds(rows).has(target.id)
  ) {
    throw new AppError("loan_event_must_be_reversible");
  }
  return target;
}

/** Event rows of many loans (each row naming its loan), by loan, in the order given. */
export function eventsByLoan<R extends LoanEventRow & { loan_id: string }>(
  rows: readonly R[],
): Map<string, R[]> {
  const byLoan = new Map<string, R[]>();
  for (const row of rows) {
    const list = byLoan.get(row.loan_id);
    if (list === undefined) byLoan.set(row.loan_id, [row]);
    else list.push(row);
  }
  return byLoan;
}

/**
 * The interest a loan (of the query's table or alias `loan`) has recognized, from its accrual row (migration 0023),
 * that row locked when `lock`: a locking subquery reads the row's newest version, even after waiting.
 */
export function recognizedInterestOf(loan: "loans" | "l", lock: boolean) {
  return sql<bigint>`coalesce((SELECT a.recognized_interest_minor FROM loan_accruals a
    WHERE a.org_id = ${sql.ref(`${loan}.org_id`)} AND a.loan_id = ${sql.ref(`${loan}.id`)}
    ${lock ? sql`FOR UPDATE` : sql``}), 0)`;
}

/**
 * A loan, locked for a change when `forUpdate`: then its accrual row is locked too, so that a close of business
 * closing the day for it (a quiet day updates only that row) has committed before the interest it recognized
 * is read, or sees the event's change and replays the loan instead.
 */
export async function loadLoan(trx: Tx, orgId: string, loanId: string, forUpdate = false): Promise<LoanRow> {
  let query = trx
    .selectFrom("loans")
    .selectAll("loans")
    .select(recognizedInterestOf("loans", forUpdate).as("recognized_interest_minor"))
    .where("org_id", "=", orgId)
    .where("id", "=", loanId);
  if (forUpdate) query = query.forUpdate("loans");
  const loan = await query.executeTakeFirst();
  if (loan === undefined) throw new AppError("record_must_exist");
  return loan;
}

/** The columns of a loan event row the replay and the pages read. */
export const loanEventColumns = [
  "id",
  "kind",
  "value_date",
  "amount_minor",
  "details",
  "reason",
  "entry_id",
  "created_at",
] as const;

export async function loadEvents(trx: Tx, orgId: string, loanId: string): Promise<LoanEventRow[]> {
  return trx
    .selectFrom("loan_events")
    .select(loanEventColumns)
    .where("org_id", "=", orgId)
    .where("loan_id", "=", loanId)
    .orderBy("value_date")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The events of several loans in one query, by loan, each loan's in the order `loadEvents` gives. */
export async function loadEventsOfLoans(
  trx: Tx,
  orgId: string,
  loanIds: readonly string[],
): Promise<Map<string, (LoanEventRow & { loan_id: string })[]>> {
  if (loanIds.length === 0) return new Map();
  return eventsByLoan(
    await trx
      .selectFrom("loan_events")
      .select(["loan_id", ...loanEventColumns])
      .where("org_id", "=", orgId)
      .where("loan_id", "in", loanIds)
      .orderBy("value_date")
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  );
}

/** The replayed state of a loan as of a date. */
export function stateOf(
  servicing: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
): LoanState {
  const state = loanStateAsOf(servicing, events, asOf);
  if (!state.ok) throw refusal(state);
  return state.value;
}

/** The replayed state of a loan as of a date and what paying it off at the end of that day takes, in one replay. */
export function stateWithPayoffOf(
  servicing: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
): { readonly state: LoanState; readonly payoff: PayoffQuote } {
  const replayed = loanStateWithPayoffAsOf(servicing, events, asOf);
  if (!replayed.ok) throw refusal(replayed);
  return replayed.value;
}

/**
 * The ledger accounts of the loan's book by purpose as one JSON object, a column for a statement that reads the
 * loan as `l` (the same accounts `loanAccounts` reads).
 */
export const loanAccountsColumn = sql<Record<string, string> | null>`(SELECT json_object_agg(a.purpose, a.id)
  FROM accounts a WHERE a.org_id = l.org_id AND a.book_id = l.book_id AND a.purpose IS NOT NULL)`;

/** Ledger accounts a loan posts to, by purpose. */
async function loanAccounts(trx: Tx, loan: LoanRow): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom("accounts")
    .select(["id", "purpose"])
    .where("org_id", "=", loan.org_id)
    .where("book_id", "=", loan.book_id)
    .where("purpose", "is not", null)
    .execute();
  return new Map(rows.map((r) => [r.purpose as string, r.id]));
}

const portfolioPurpose: Record<LoanRow["client_kind"], string> = {
  individual: "loans_to_customers",
  joint_liability: "loans_to_groups",
  shg: "loans_to_shgs",
};

export type Channel = "cash" | "bank";

/**
 * The lines that bring the ledger from what it holds to `delta` more. Money received (principal, interest,
 * fees, penalties, overpayment, recoveries) comes in through the channel; a disbursement goes out through it,
 * less the upfront fee deducted, which is income.
 */
/**
 * Interest and penalties are income when earned: close of business recognizes them day by day against a
 * receivable, and a payment first settles that receivable; what it pays beyond what was recognized is income
 * at once. `recognized` never falls below what was paid, so the receivable is never negative.
 */
export function incomeSplit(paidBefore: bigint, paidAfter: bigint, recognizedBefore: bigint) {
  const recognizedAfter = maxBigint(recognizedBefore, paidAfter);
  const income = recognizedAfter - recognizedBefore;
  return { income, receivable: paidAfter - paidBefore - income, recognizedAfter };
}

export interface Recognized {
  readonly interest: bigint;
  readonly penalty: bigint;
}

function linesOf(
  accounts: ReadonlyMap<string, string>,
  loan: LoanRow,
  posted: LoanAmounts,
  delta: LoanAmounts,
  recognized: Recognized,
  channel: Channel,
  feeDeductedMinor: bigint,
  writtenOff: boolean,
): { lines: JournalLineDraft[]; recognized: Recognized } {
  const account = (purpose: string): string => {
    const id = accounts.get(purpose);
    if (id === undefined) throw new AppError("loan_book_must_exist", { purpose });
    return id;
  };
  // Signed amounts: positive is a debit.
  const signed = new Map<string, bigint>();
  const move = (purpose: string, debitMinor: bigint) => {
    const id = account(purpose);
    signed.set(id, (signed.get(id) ?? 0n) + debitMinor);
  };
  const portfolio = portfolioPurpose[loan.client_kind];
  move(portfolio, delta.disbursed);
  move(channel, -(delta.disbursed - feeDeductedMinor));
  if (feeDeductedMinor !== 0n) move("fee_income", -feeDeductedMinor);
  const received =
    delta.principal + delta.interest + delta.fee + delta.penalty + delta.overpaid + delta.recovered;
  move(channel, received);
  move(portfolio, -delta.principal);
  const interest = incomeSplit(posted.interest, posted.interest + delta.interest, recognized.interest);
  move("interest_income", -interest.income);
  move("interest_receivable", -interest.receivable);
  move("fee_income", -delta.fee);
  const penalty = incomeSplit(posted.penalty, posted.penalty + delta.penalty, recognized.penalty);
  move("penalty_income", -penalty.income);
  move("penalty_receivable", -penalty.receivable);
  move("overpayments", -delta.overpaid);
  move("recoveries", -delta.recovered);
  move("write_off_expense", delta.writtenOff);
  move(portfolio, -delta.writtenOff);
  let interestRecognized = interest.recognizedAfter;
  let penaltyRecognized = penalty.recognizedAfter;
  if (writtenOff) {
    // Income recognized but never paid is given back with the receivable.
    const interestDrop = interestRecognized - (posted.interest + delta.interest);
    move("interest_income", interestDrop);
    move("interest_receivable", -interestDrop);
    interestRecognized -= interestDrop;
    const penaltyDrop = penaltyRecognized - (posted.penalty + delta.penalty);
    move("penalty_income", penaltyDrop);
    move("penalty_receivable", -penaltyDrop);
    penaltyRecognized -= penaltyDrop;
  }
  const lines: JournalLineDraft[] = [];
  for (const [accountId, amount] of signed) {
    if (amount === 0n) continue;
    lines.push({
      accountId,
      side: amount > 0n ? "debit" : "credit",
      amountMinor: amount > 0n ? amount : -amount,
    });
  }
  return {
    lines,
    recognized: { interest: interestRecognized, penalty: penaltyRecognized },
  };
}

export interface AppendedEvent {
  readonly id: string;
  readonly kind: LoanEventKind;
  readonly valueDate: PlainDate;
  readonly amountMinor: bigint | null;
  readonly details: Record<string, unknown>;
  readonly reason: string | null;
}

/** The event row of an event not yet recorded, as the replay reads it. */
export function pendingEventRow(event: AppendedEvent): ReplayEventRow {
  return {
    id: event.id,
    kind: event.kind,
    value_date: event.valueDate,
    amount_minor: event.amountMinor,
    details: event.details,
  };
}

/** The domain's event of an event not yet recorded. */
export function pendingEvent(event: AppendedEvent): LoanEvent {
  return toDomainEvent(pendingEventRow(event));
}

export interface LoanEventOptions {
  readonly channel: Channel;
  readonly narration: string;
  readonly today: PlainDate;
  readonly feeDeductedMinor?: bigint;
  /** Amounts an earlier entry of this loan posted and that were just reversed in the ledger. */
  readonly unposted?: LoanAmounts;
  /** Income that reversed entry recognized. */
  readonly unrecognized?: Recognized;
  /** The ledger accounts of the loan's book by purpose, when already read (`loanAccountsColumn`). */
  readonly accounts?: ReadonlyMap<string, string>;
}

/**
 * Appends an event to a loan, replays it, posts what the ledger lacks and rewrites the loan's projection.
 * `before` runs between the replay and the posting (e.g. to reverse an earlier entry first).
 */
export async function appendLoanEvent(
  trx: Tx,
  context: ActionContext,
  loan: LoanRow,
  event: AppendedEvent,
  options: LoanEventOptions,
): Promise<{ readonly entryId: string | null; readonly state: LoanState }> {
  const servicing = servicingOf(parseStoredTerms(loan.terms));
  const rows = await loadEvents(trx, loan.org_id, loan.id);
  const events = toDomainEvents([...rows, pendingEventRow(event)]);
  // A loan is replayed to today; an event is never dated later (the routes refuse it).
  const state = stateOf(servicing, events, options.today);
  const written = await writeLoanEvent(trx, context, loan, event, servicing, state, options);
  return { entryId: written.row.entry_id, state };
}

/**
 * Records an event whose replay (the loan's events with it, to `options.today`) is `state`: posts what the
 * ledger lacks, inserts the event and rewrites the loan's projection and its installments due. Answers the
 * event's row and the loan's row as written (without a statement more: both come back from their writes).
 */
export async function writeLoanEvent(
  trx: Tx,
  context: ActionContext,
  loan: LoanRow,
  event: AppendedEvent,
  servicing: LoanServicingTerms,
  state: LoanState,
  options: LoanEventOptions,
): Promise<{ readonly row: LoanEventRow; readonly loan: LoanRow }> {
  const asOf = options.today;
  const posted = subtract(postedAmounts(loan), options.unposted ?? zeroAmounts);
  const delta = subtract(amountsOfState(state), posted);
  const accounts = options.accounts ?? (await loanAccounts(trx, loan));
  const recognizedBefore: Recognized = {
    interest: loan.recognized_interest_minor - (options.unrecognized?.interest ?? 0n),
    penalty: loan.recognized_penalty_minor - (options.unrecognized?.penalty ?? 0n),
  };
  const { lines, recognized } = linesOf(
    accounts,
    loan,
    posted,
    delta,
    recognizedBefore,
    options.channel,
    options.feeDeductedMinor ?? 0n,
    state.status === "written_off",
  );
  let entryId: string | null = null;
  if (lines.length > 0) {
    const [entry] = await postEntries(trx, { orgId: loan.org_id, userId: context.makerUserId }, [
      {
        bookId: loan.book_id,
        valueDate: event.valueDate,
        narration: options.narration,
        source: { type: "loan", id: loan.id },
        lines,
      },
    ]);
    assert(entry !== undefined, "one draft posts one entry");
    entryId = entry.id;
  }
  const details = {
    ...event.details,
    posted: amountsToJson(delta),
    recognized: {
      interest: (recognized.interest - recognizedBefore.interest).toString(),
      penalty: (recognized.penalty - recognizedBefore.penalty).toString(),
    },
  };
  const now = add(posted, delta);
  // One statement: the event, the loan's projection and its installments due (data-modifying CTEs; a trigger on
  // `loan_events` adds the daily flows when the statement ends).
  const written = await trx
    .with("event", (db) =>
      db
        .insertInto("loan_events")
        .values({
          org_id: loan.org_id,
          id: event.id,
          loan_id: loan.id,
          kind: event.kind,
          value_date: event.valueDate,
          amount_minor: event.amountMinor,
          details: JSON.stringify(details),
          reason: event.reason,
          entry_id: entryId,
          created_by: context.makerUserId,
        })
        .returning("created_at"),
    )
    .with("due", (db) => dueStateUpsert(db, loan, loan.version + 1, servicing, state, asOf))
    // The interest recognized, and no quiet day: the loan is replayed by its next close of business (0023).
    .with("accrual", (db) =>
      db
        .insertInto("loan_accruals")
        .values({
          org_id: loan.org_id,
          loan_id: loan.id,
          number: loan.number,
          book_id: loan.book_id,
          product_id: loan.product_id,
          recognized_interest_minor: recognized.interest,
          cob_date: null,
          quiet_from: null,
          quiet_interest: null,
        })
        .onConflict((c) =>
          c.columns(["org_id", "loan_id"]).doUpdateSet({
            recognized_interest_minor: recognized.interest,
            quiet_from: null,
            quiet_interest: null,
          }),
        ),
    )
    .updateTable("loans")
    .set({
      status: statusOf(loan, state),
      disbursed_on: loan.disbursed_on ?? (event.kind === "disbursement" ? event.valueDate : null),
      closed_on: state.status === "closed" ? (loan.closed_on ?? event.valueDate) : null,
      principal_outstanding_minor: state.principalOutstandingMinor,
      overdue_minor: state.overdueMinor,
      days_past_due: state.daysPastDue,
      state_as_of: asOf,
      posted_disbursed_minor: now.disbursed,
      posted_principal_repaid_minor: now.principal,
      posted_interest_paid_minor: now.interest,
      posted_fee_paid_minor: now.fee,
      posted_penalty_paid_minor: now.penalty,
      posted_overpaid_minor: now.overpaid,
      posted_recovered_minor: now.recovered,
      posted_written_off_minor: now.writtenOff,
      recognized_penalty_minor: recognized.penalty,
      version: loan.version + 1,
    })
    .where("org_id", "=", loan.org_id)
    .where("id", "=", loan.id)
    .returningAll("loans")
    .returning((eb) => eb.selectFrom("event").select("event.created_at").as("event_created_at"))
    .executeTakeFirstOrThrow();
  const { event_created_at, ...writtenLoan } = written;
  assert(event_created_at !== null, "the event's insert returns its time of recording");
  return {
    row: {
      id: event.id,
      kind: event.kind,
      value_date: event.valueDate,
      amount_minor: event.amountMinor,
      details,
      reason: event.reason,
      entry_id: entryId,
      created_at: event_created_at,
    },
    loan: { ...writtenLoan, recognized_interest_minor: recognized.interest },
  };
}

/**
 * Keeps the installments due on or after `asOf` as this replay left them, for the loan officer's day and the
 * expected collections (migration 0022): the upsert, for the statement that writes the event. Principal and fees
 * due change only by events; interest too, unless the product recalculates it, in which case an installment due
 * later is marked not final (its interest is set when its period closes). Penalties are not kept: the day's
 * figures leave them out.
 */
function dueStateUpsert(
  db: QueryCreator<Schema>,
  loan: LoanRow,
  version: number,
  servicing: LoanServicingTerms,
  state: LoanState,
  asOf: PlainDate,
) {
  const installments: StoredDueInstallment[] = state.installments
    .filter((row) => row.dueOn >= asOf)
    .map((row) => [
      row.dueOn,
      (row.principal.dueMinor + row.interest.dueMinor + row.fee.dueMinor).toString(),
      (row.principal.outstandingMinor + row.interest.outstandingMinor + row.fee.outstandingMinor).toString(),
      !servicing.interestRecalculation || row.dueOn <= asOf,
    ]);
  const values = {
    org_id: loan.org_id,
    loan_id: loan.id,
    loan_version: version,
    as_of: asOf,
    installments: JSON.stringify(installments),
  };
  return db
    .insertInto("loan_due_states")
    .values(values)
    .onConflict((c) =>
      c.columns(["org_id", "loan_id"]).doUpdateSet({
        loan_version: values.loan_version,
        as_of: values.as_of,
        installments: values.installments,
      }),
    );
}

function statusOf(loan: LoanRow, state: LoanState): LoanRow["status"] {
  if (state.status === "closed") return "closed";
  if (state.status === "written_off") return "written_off";
  if (state.status === "active") return "active";
  return loan.status;
}

/** What paying the loan off at the end of a date takes, after that day's payments; a payment above it is refused. */
export function payoffOn(servicing: LoanServicingTerms, events: readonly LoanEvent[], on: PlainDate) {
  const quote = quotePayoffAfter(servicing, events, on);
  if (!quote.ok) throw refusal(quote);
  return quote.value;
}

/**
 * A new payment replayed with the loan (`replayPayment`, usually one replay): the payoff before it on its date,
 * refused with the replay's code; the state and payoff with it as of `asOf` are left as a result, refused by the
 * caller once the payment's amount has been checked against the payoff (the order the refusals always had).
 */
export function paymentReplayOf(
  servicing: LoanServicingTerms,
  events: readonly LoanEvent[],
  added: LoanEvent,
  asOf: PlainDate,
): PaymentReplay {
  const replayed = replayPayment(servicing, events, added, asOf);
  if (!replayed.ok) throw refusal(replayed);
  return replayed.value;
}

/** Reverses an event: its entry is reversed in the ledger, then the loan is replayed without it. */
export async function reverseLoanEvent(
  trx: Tx,
  context: ActionContext,
  loan: LoanRow,
  eventId: string,
  reason: string,
  today: PlainDate,
): Promise<{ readonly reversalEventId: string }> {
  const target = reversibleEvent(await loadEvents(trx, loan.org_id, loan.id), eventId);
  const targetDetails = target.details as Record<string, unknown>;
  const original = amountsFromJson(targetDetails.posted);
  const income = (targetDetails.recognized ?? {}) as Record<string, string | undefined>;
  let unposted = zeroAmounts;
  let unrecognized: Recognized = { interest: 0n, penalty: 0n };
  if (target.entry_id !== null) {
    await reverseEntry(trx, context, { entryId: target.entry_id, reason });
    unposted = original;
    unrecognized = { interest: BigInt(income.interest ?? "0"), penalty: BigInt(income.penalty ?? "0") };
  }
  const reversalEventId = newId();
  const channel = ((target.details as Record<string, unknown>).channel as Channel | undefined) ?? "cash";
  await appendLoanEvent(
    trx,
    context,
    loan,
    {
      id: reversalEventId,
      kind: "reversal",
      valueDate: plainDate(target.value_date),
      amountMinor: null,
      details: { reversedEventId: target.id, channel },
      reason,
    },
    { channel, narration: `Loan ${loan.number}: reversal (${reason})`, today, unposted, unrecognized },
  );
  return { reversalEventId };
}

export function borrowerName(row: {
  surname: string | null;
  given_name: string | null;
  group_name: string | null;
}): string {
  if (row.group_name !== null) return row.group_name;
  return [row.surname, row.given_name].filter((p) => p !== null && p !== "").join(" ");
}

export function toLoanSummary(
  loan: LoanRecord,
  extra: { productCode: string; borrowerName: string },
): LoanSummary {
  return {
    id: loan.id,
    number: loan.number,
    status: loan.status,
    productId: loan.product_id,
    productCode: extra.productCode,
    borrowerName: extra.borrowerName,
    personId: loan.person_id,
    groupId: loan.group_id,
    principalMinor: loan.principal_minor.toString(),
    principalOutstandingMinor: loan.principal_outstanding_minor.toString(),
    overdueMinor: loan.overdue_minor.toString(),
    daysPastDue: loan.days_past_due,
    disbursedOn: loan.disbursed_on,
    appliedAt: loan.applied_at.toISOString(),
  };
}

/** The schedule of a loan: the replay's installments once disbursed, the offer's before (null: not needed). */
export function scheduleOf(offer: LoanOffer | null, state: LoanState | null): LoanDetail["schedule"] {
  if (state === null || state.installments.length === 0) {
    assert(offer !== null, "a loan not paid out shows its offer's schedule");
    return offer.schedule.installments.map((row) => ({
      number: row.number,
      dueOn: row.dueOn,
      principalMinor: row.principalMinor.toString(),
      interestMinor: row.interestMinor.toString(),
      feeMinor: row.feeMinor.toString(),
      penaltyMinor: "0",
      totalDueMinor: row.totalDueMinor.toString(),
      paidMinor: "0",
      outstandingMinor: row.totalDueMinor.toString(),
    }));
  }
  return state.installments.map((row) => {
    const parts = [row.principal, row.interest, row.fee, row.penalty];
    const sum = (pick: (p: (typeof parts)[number]) => bigint) => parts.reduce((s, p) => s + pick(p), 0n);
    return {
      number: row.number,
      dueOn: row.dueOn,
      principalMinor: row.principal.dueMinor.toString(),
      interestMinor: row.interest.dueMinor.toString(),
      feeMinor: row.fee.dueMinor.toString(),
      penaltyMinor: row.penalty.dueMinor.toString(),
      totalDueMinor: sum((p) => p.dueMinor).toString(),
      paidMinor: sum((p) => p.paidMinor).toString(),
      outstandingMinor: sum((p) => p.outstandingMinor).toString(),
    };
  });
}
