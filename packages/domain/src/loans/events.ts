/**
 * Loan events and replay. The state of a loan as of any date is computed purely from its event list: the
 * events in force on that date (reversed ones removed) are sorted by (date, kind, id) and applied to the
 * schedule one after another, with penalties and interest accruing day by day in between. Because the
 * order never depends on the order of the list, a back-dated event gives exactly what computing from
 * scratch gives (DOMAIN.md: "Back-dated transactions replay the loan from the first affected date
 * deterministically").
 *
 * Rules (issue 11):
 * - the first disbursement fixes the schedule; later disbursements are tranches re-amortizing the rest;
 * - a repayment pays what is due by the product's allocation order, oldest first; the rest pays future
 *   installments (with interest recalculation only their principal, since future interest is not earned);
 * - interest recalculation (declining balance): the interest of each period is
 *   factor × Σ(principal outstanding each day) / days of the period, so a late payment costs interest and an
 *   early one saves it; a borrower paying on the due dates pays exactly the scheduled interest;
 * - a prepayment pays what is due, the interest accrued to its date, then principal, and re-amortizes the
 *   rest over the remaining due dates: "reduce_installment" keeps their number, "reduce_term" keeps the
 *   installment amount and drops the last ones;
 * - a payoff quote is everything due, the interest of the current period (to the date, or the whole
 *   period, by product setting) and all principal outstanding;
 * - a waiver forgives penalties, fees or interest; a reschedule re-amortizes the principal not yet due over
 *   new terms from its date (the interest accrued to that date is added to the first new installment);
 * - a write-off stops accrual and records what is written off; later money is a recovery;
 * - a reversal removes an event (a reversed reversal restores it).
 */
import { assert, assertNever } from "../assert";
import { fromEpochDay, type PlainDate, toEpochDay } from "../calendar/plain-date";
import { maxBigint, minBigint } from "../money/rounding";
import { err, ok, type Result } from "../result";
import {
  type AllocationOrder,
  allocatePayment,
  type LoanComponent,
  type OutstandingParts,
} from "./allocation";
import { type CappedLoanKind, type CapRow, findPenaltyCap } from "./caps";
import { addPeriods } from "./day-count";
import type { LoanCalculatorErrorCode } from "./errors";
import { loanLimits } from "./limits";
import { computePenaltyMicro, computeYearlyPenaltyLimitMicro, microPerMinor } from "./penalties";
import { makeRatio, type Ratio, roundQuotient } from "./ratio";
import {
  buildSchedule,
  computeInterestFactor,
  firstPeriodStub,
  generateSchedule,
  type Schedule,
  type ScheduleOptions,
} from "./schedule";
import type { ScheduleTerms } from "./terms";

/** A product's settings for servicing a loan, with the loan's agreed schedule terms. */
export interface LoanServicingTerms {
  /** The agreed terms; principal and dates of disbursement come from the disbursement events. */
  readonly schedule: ScheduleTerms;
  readonly allocationOrder: AllocationOrder;
  /** Interest charged by a payoff: to the payoff date, or the whole current period. */
  readonly payoffInterest: "till_payoff_date" | "whole_period";
  /** Recalculate interest on the balance actually outstanding (declining balance only). */
  readonly interestRecalculation: boolean;
  /** The product's penalty per day as a fraction of the overdue amount (capped by `caps`). */
  readonly penaltyRatePerDay: Ratio;
  readonly loanKind: CappedLoanKind;
  /** Effective-dated caps (e.g. `kazakhstanCaps`). */
  readonly caps: readonly CapRow[];
}

interface EventBase {
  /** Unique id; also breaks ties between events of one day and one kind. */
  readonly id: string;
  /** Value date. */
  readonly on: PlainDate;
}

/** Something that happened to a loan. */
export type LoanEvent =
  | (EventBase & { readonly kind: "disbursement"; readonly amountMinor: bigint })
  | (EventBase & { readonly kind: "repayment"; readonly amountMinor: bigint })
  | (EventBase & {
      readonly kind: "prepayment";
      readonly amountMinor: bigint;
      readonly strategy: "reduce_term" | "reduce_installment";
    })
  | (EventBase & {
      readonly kind: "waiver";
      readonly component: "penalty" | "fee" | "interest";
      readonly amountMinor: bigint;
    })
  | (EventBase & { readonly kind: "reschedule"; readonly changes: RescheduleChanges })
  | (EventBase & { readonly kind: "write_off" })
  | (EventBase & { readonly kind: "recovery"; readonly amountMinor: bigint })
  | (EventBase & { readonly kind: "reversal"; readonly reversedEventId: string });

/** New terms of a reschedule. */
export type RescheduleChanges = Partial<
  Pick<
    ScheduleTerms,
    | "installments"
    | "repaymentEvery"
    | "repaymentFrequency"
    | "interestRate"
    | "interestRatePer"
    | "firstRepaymentOn"
  >
>;

/** One component of an installment as of a date. */
export interface ComponentState {
  readonly dueMinor: bigint;
  readonly paidMinor: bigint;
  readonly waivedMinor: bigint;
  readonly outstandingMinor: bigint;
}

/** One installment as of a date. */
export interface InstallmentState {
  readonly number: number;
  readonly dueOn: PlainDate;
  readonly principal: ComponentState;
  readonly interest: ComponentState;
  readonly fee: ComponentState;
  readonly penalty: ComponentState;
}

/** The state of a loan as of a date. */
export interface LoanState {
  readonly asOf: PlainDate;
  readonly status: "approved" | "active" | "closed" | "written_off";
  readonly disbursedMinor: bigint;
  readonly principalOutstandingMinor: bigint;
  /** Everything due before `asOf` and unpaid. */
  readonly overdueMinor: bigint;
  /** Days since the due date of the oldest installment with an overdue amount. */
  readonly daysPastDue: number;
  readonly installments: readonly InstallmentState[];
  /** Money received and allocated to installments. */
  readonly paidMinor: bigint;
  readonly waivedMinor: bigint;
  readonly writtenOffMinor: bigint;
  readonly recoveredMinor: bigint;
  /** Money received beyond everything owed (to be refunded). */
  readonly overpaidMinor: bigint;
}

/** Codes a replay can return. */
export const loanReplayErrorCodes = [
  "events_must_not_exceed_maximum",
  "event_ids_must_be_unique",
  "amount_must_be_positive",
  "first_event_must_be_a_disbursement",
  "reschedule_terms_must_be_valid",
  "schedule_terms_must_be_valid",
] as const;
/** A code a replay can return. */
export type LoanReplayErrorCode = (typeof loanReplayErrorCodes)[number];

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An installment being serviced; mutable inside one replay only. */
interface Slot {
  dueDay: number;
  startDay: number;
  /** Interest factor of its period, or null when interest is not recalculated for it. */
  factor: Ratio | null;
  due: Mutable<OutstandingParts>;
  paid: Mutable<OutstandingParts>;
  waived: Mutable<OutstandingParts>;
  open: Mutable<OutstandingParts>;
  penaltyMicro: bigint;
  balanceDays: bigint;
  periodClosed: boolean;
  /** Interest accrued before a reschedule and carried into this installment. */
  carriedInterestMinor: bigint;
}

const zeroParts = (): Mutable<OutstandingParts> => ({
  penaltyMinor: 0n,
  feeMinor: 0n,
  interestMinor: 0n,
  principalMinor: 0n,
});

const kindRank: Record<LoanEvent["kind"], number> = {
  disbursement: 0,
  waiver: 1,
  repayment: 2,
  prepayment: 3,
  reschedule: 4,
  write_off: 5,
  recovery: 6,
  reversal: 7,
};

function compareEvents(a: LoanEvent, b: LoanEvent): number {
  if (a.on !== b.on) return a.on < b.on ? -1 : 1;
  const rank = kindRank[a.kind] - kindRank[b.kind];
  if (rank !== 0) return rank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The events in force on `asOf`: on or before it, and not reversed by a reversal in force. */
export function selectEffectiveEvents(events: readonly LoanEvent[], asOf: PlainDate): LoanEvent[] {
  const reversalsOf = new Map<string, LoanEvent[]>();
  for (const event of events) {
    if (event.kind !== "reversal" || event.on > asOf) continue;
    const list = reversalsOf.get(event.reversedEventId) ?? [];
    list.push(event);
    reversalsOf.set(event.reversedEventId, list);
  }
  const memo = new Map<string, boolean>();
  const isReversed = (id: string, depth: number): boolean => {
    const cached = memo.get(id);
    if (cached !== undefined) return cached;
    // A chain of reversals longer than the events is a cycle in bad data: treat it as not reversed.
    if (depth > events.length) return false;
    const reversed = (reversalsOf.get(id) ?? []).some((reversal) => !isReversed(reversal.id, depth + 1));
    memo.set(id, reversed);
    return reversed;
  };
  return events
    .filter((event) => event.kind !== "reversal" && event.on <= asOf && !isReversed(event.id, 0))
    .sort(compareEvents);
}

function validateEvents(events: readonly LoanEvent[]): Result<true, LoanReplayErrorCode> {
  if (events.length > loanLimits.eventsPerLoanMax)
    return err("events_must_not_exceed_maximum", { field: "events" });
  const ids = new Set<string>();
  for (const event of events) {
    if (ids.has(event.id)) return err("event_ids_must_be_unique", { field: "id", eventId: event.id });
    ids.add(event.id);
    if ("amountMinor" in event && event.amountMinor <= 0n) {
      return err("amount_must_be_positive", { field: "amountMinor", eventId: event.id });
    }
  }
  return ok(true);
}

/**
 * The state of a loan at the end of `asOf`, computed from scratch from its events. The same inputs always
 * give the same state, whatever the order of the list.
 */
export function loanStateAsOf(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
): Result<LoanState, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const replay = replayLoan(terms, events, asOf);
  if (!replay.ok) return replay;
  replay.value.advance(toEpochDay(asOf) + 1);
  return ok(replay.value.snapshot(asOf));
}

/** What a loan has earned by the end of a day, for accrual accounting (close of business). */
export interface LoanAccruals {
  readonly state: LoanState;
  /**
   * Interest earned through the end of `asOf`: the interest of every installment due by then, and the part of
   * the current period's interest for the days elapsed; waived interest is not earned.
   */
  readonly interestEarnedMinor: bigint;
  /** Penalties charged through the end of `asOf` (whole minor units), less those waived. */
  readonly penaltyChargedMinor: bigint;
}

/** The state of a loan at the end of `asOf` with its interest earned and penalties charged to then. */
export function loanAccrualsAsOf(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
): Result<LoanAccruals, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const replay = replayLoan(terms, events, asOf);
  if (!replay.ok) return replay;
  const endDay = toEpochDay(asOf) + 1;
  replay.value.advance(endDay);
  const state = replay.value.snapshot(asOf);
  let penaltyChargedMinor = 0n;
  for (const row of state.installments) penaltyChargedMinor += row.penalty.dueMinor - row.penalty.waivedMinor;
  return ok({ state, interestEarnedMinor: replay.value.earnedInterest(endDay), penaltyChargedMinor });
}

/**
 * The days after a close of business on which, with no new event, a loan only earns interest: nothing falls
 * past due, so no penalty is charged, the principal, the overdue amount (nil) and the status stay as they are.
 * `interestEarnedMinor[i]` is the interest earned through the end of `asOf + 1 + i`, exactly what
 * `loanAccrualsAsOf` gives for that date from the same events. Empty when the loan is past due on `asOf`.
 */
export interface QuietDays {
  readonly interestEarnedMinor: readonly bigint[];
}

/**
 * `loanAccrualsAsOf`, with the interest of up to `maxDays` quiet days after `asOf` from the same replay, so
 * that close of business can accrue those days without replaying the loan (issue #8, ADR 0023).
 */
export function loanAccrualsWithQuietDays(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
  maxDays: number,
): Result<LoanAccruals & { readonly quiet: QuietDays }, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const replay = replayLoan(terms, events, asOf);
  if (!replay.ok) return replay;
  const endDay = toEpochDay(asOf) + 1;
  replay.value.advance(endDay);
  const state = replay.value.snapshot(asOf);
  let penaltyChargedMinor = 0n;
  for (const row of state.installments) penaltyChargedMinor += row.penalty.dueMinor - row.penalty.waivedMinor;
  return ok({
    state,
    interestEarnedMinor: replay.value.earnedInterest(endDay),
    penaltyChargedMinor,
    quiet: { interestEarnedMinor: replay.value.quietDays(endDay, maxDays) },
  });
}

/** What paying the loan off on a date takes. */
export interface PayoffQuote {
  readonly on: PlainDate;
  /** Everything due before or on the date and unpaid (penalties, fees, interest, principal). */
  readonly dueMinor: bigint;
  /** Interest of the current period, to the date or for the whole period by product setting. */
  readonly currentInterestMinor: bigint;
  /** Principal not yet due. */
  readonly futurePrincipalMinor: bigint;
  readonly totalMinor: bigint;
}

/** The amount that pays the loan off on `on` (before any payment that day). */
export function quotePayoff(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  on: PlainDate,
): Result<PayoffQuote, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const day = toEpochDay(on);
  // A disbursement of the day counts (a loan can be repaid on the day it is made); payments of the day do not.
  const replay = replayLoan(
    terms,
    events.filter((event) => event.on < on || event.kind === "disbursement" || event.kind === "reversal"),
    on,
  );
  if (!replay.ok) return replay;
  const loan = replay.value;
  loan.advance(day);
  const quote = loan.quote(day, terms.payoffInterest === "whole_period");
  return ok({
    on,
    ...quote,
    totalMinor: quote.dueMinor + quote.currentInterestMinor + quote.futurePrincipalMinor,
  });
}

/** What paying the loan off at the end of `on` takes, after every event recorded for that day. */
export function quotePayoffAfter(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  on: PlainDate,
): Result<PayoffQuote, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const day = toEpochDay(on);
  const replay = replayLoan(terms, events, on);
  if (!replay.ok) return replay;
  const loan = replay.value;
  loan.advance(day);
  const quote = loan.quote(day, terms.payoffInterest === "whole_period");
  return ok({
    on,
    ...quote,
    totalMinor: quote.dueMinor + quote.currentInterestMinor + quote.futurePrincipalMinor,
  });
}

/**
 * `loanStateAsOf` and `quotePayoffAfter` of the same date from one replay: the events are replayed once, then
 * a copy of the replay is advanced to the start of the day for the quote while the replay itself goes to the
 * end of the day for the state. Each result is exactly what its own function gives (a loan's page shows both).
 */
export function loanStateWithPayoffAsOf(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
): Result<{ state: LoanState; payoff: PayoffQuote }, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const day = toEpochDay(asOf);
  const replay = replayLoan(terms, events, asOf);
  if (!replay.ok) return replay;
  const forQuote = replay.value.copy();
  forQuote.advance(day);
  const quote = forQuote.quote(day, terms.payoffInterest === "whole_period");
  replay.value.advance(day + 1);
  return ok({
    state: replay.value.snapshot(asOf),
    payoff: {
      on: asOf,
      ...quote,
      totalMinor: quote.dueMinor + quote.currentInterestMinor + quote.futurePrincipalMinor,
    },
  });
}

/** A payment replayed with the loan: what it could take, and the loan with it (`replayPayment`). */
export interface PaymentReplay {
  /** `quotePayoffAfter` of the events without the payment, on its date: a payment above it is refused. */
  readonly payoffBefore: PayoffQuote;
  /** `loanStateWithPayoffAsOf` of the events with the payment, or the code that replay refuses with. */
  readonly after: Result<
    { readonly state: LoanState; readonly payoff: PayoffQuote },
    LoanReplayErrorCode | LoanCalculatorErrorCode
  >;
}

/**
 * A new payment, recovery or waiver `added` to a loan's `events`: the payoff before it on its date and the state
 * and payoff with it as of `asOf`, each exactly what its own function gives (the error, if any, is the
 * payoff's). The usual payment, dated `asOf` and ordered after every event in force, is replayed once: the
 * events are replayed to its day, the payoff quoted there, then the payment applied to the same replay and a
 * copy taken for the payoff after it (`loanStateWithPayoffAsOf`). Any other case (back-dated, or an event of the
 * day ordered after it) replays twice, as the two functions do.
 */
export function replayPayment(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  added: LoanEvent,
  asOf: PlainDate,
): Result<PaymentReplay, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  assert(added.on <= asOf, "a payment is replayed to a date on or after its own");
  if (isAppendedLast(events, added, asOf)) {
    const replay = replayLoan(terms, events, asOf);
    if (!replay.ok) return replay;
    const loan = replay.value;
    // A loan with no event in force would refuse the payment as its first event: replay it from scratch.
    if (loan.isStarted) {
      const day = toEpochDay(asOf);
      loan.advance(day);
      const payoffBefore = quoteOf(loan, day, asOf, terms);
      const valid = validateEvents([...events, added]);
      if (!valid.ok) return ok({ payoffBefore, after: valid });
      const applied = loan.apply(added);
      if (!applied.ok) return ok({ payoffBefore, after: applied });
      const forQuote = loan.copy();
      forQuote.advance(day);
      const payoff = quoteOf(forQuote, day, asOf, terms);
      loan.advance(day + 1);
      return ok({ payoffBefore, after: ok({ state: loan.snapshot(asOf), payoff }) });
    }
  }
  const payoffBefore = quotePayoffAfter(terms, events, added.on);
  if (!payoffBefore.ok) return payoffBefore;
  return ok({
    payoffBefore: payoffBefore.value,
    after: loanStateWithPayoffAsOf(terms, [...events, added], asOf),
  });
}

/**
 * Whether replaying `events` to `asOf` and then applying `added` is what replaying them all gives: `added` is
 * dated `asOf`, neither a disbursement (which would change the schedule built at the start) nor a reversal
 * (which would change which events are in force), reversed by nothing, and ordered after every event in force on
 * its date; and no reversal reverses a reversal (the selection of events in force then depends on their number).
 */
function isAppendedLast(events: readonly LoanEvent[], added: LoanEvent, asOf: PlainDate): boolean {
  if (added.on !== asOf || added.kind === "disbursement" || added.kind === "reversal") return false;
  const reversalIds = new Set<string>();
  for (const event of events) if (event.kind === "reversal") reversalIds.add(event.id);
  for (const event of events) {
    if (event.kind === "reversal") {
      if (event.reversedEventId === added.id || reversalIds.has(event.reversedEventId)) return false;
      continue;
    }
    if (event.on <= asOf && compareEvents(event, added) >= 0) return false;
  }
  return true;
}

function quoteOf(loan: LoanReplay, day: number, on: PlainDate, terms: LoanServicingTerms): PayoffQuote {
  const quote = loan.quote(day, terms.payoffInterest === "whole_period");
  return {
    on,
    ...quote,
    totalMinor: quote.dueMinor + quote.currentInterestMinor + quote.futurePrincipalMinor,
  };
}

function replayLoan(
  terms: LoanServicingTerms,
  events: readonly LoanEvent[],
  asOf: PlainDate,
): Result<LoanReplay, LoanReplayErrorCode | LoanCalculatorErrorCode> {
  const valid = validateEvents(events);
  if (!valid.ok) return valid;
  const effective = selectEffectiveEvents(events, asOf);
  const loan = new LoanReplay(terms);
  if (effective.length === 0) return ok(loan);
  const first = effective[0] as LoanEvent;
  if (first.kind !== "disbursement") return err("first_event_must_be_a_disbursement", { eventId: first.id });
  const started = loan.start(first, effective);
  if (!started.ok) return started;
  for (const event of effective.slice(1)) {
    loan.advance(toEpochDay(event.on));
    const applied = loan.apply(event);
    if (!applied.ok) return applied;
  }
  return ok(loan);
}

class LoanReplay {
  private slots: Slot[] = [];
  private currentTerms: ScheduleTerms;
  private cursorDay = 0;
  private firstOpen = 0;
  private started = false;
  private firstDisbursementDay = 0;
  private disbursed = 0n;
  private principalPaid = 0n;
  private paidTotal = 0n;
  private waivedTotal = 0n;
  private writtenOff = 0n;
  private recovered = 0n;
  private overpaid = 0n;
  private isWrittenOff = false;
  private tranchesAfter: { day: number; amountMinor: bigint }[] = [];
  private penaltyYearMicro = new Map<number, bigint>();

  constructor(private readonly terms: LoanServicingTerms) {
    this.currentTerms = terms.schedule;
  }

  /** Whether a disbursement in force started the loan. */
  get isStarted(): boolean {
    return this.started;
  }

  /** An independent copy: advancing or applying events to one leaves the other as it was. */
  copy(): LoanReplay {
    const twin = new LoanReplay(this.terms);
    twin.slots = this.slots.map((slot) => ({
      ...slot,
      due: { ...slot.due },
      paid: { ...slot.paid },
      waived: { ...slot.waived },
      open: { ...slot.open },
    }));
    twin.currentTerms = this.currentTerms;
    twin.cursorDay = this.cursorDay;
    twin.firstOpen = this.firstOpen;
    twin.started = this.started;
    twin.firstDisbursementDay = this.firstDisbursementDay;
    twin.disbursed = this.disbursed;
    twin.principalPaid = this.principalPaid;
    twin.paidTotal = this.paidTotal;
    twin.waivedTotal = this.waivedTotal;
    twin.writtenOff = this.writtenOff;
    twin.recovered = this.recovered;
    twin.overpaid = this.overpaid;
    twin.isWrittenOff = this.isWrittenOff;
    twin.tranchesAfter = this.tranchesAfter;
    twin.penaltyYearMicro = new Map(this.penaltyYearMicro);
    return twin;
  }

  start(
    first: Extract<LoanEvent, { kind: "disbursement" }>,
    effective: readonly LoanEvent[],
  ): Result<true, LoanCalculatorErrorCode | LoanReplayErrorCode> {
    const agreed = this.terms.schedule;
    const firstRepaymentOn =
      agreed.firstRepaymentOn !== null && agreed.firstRepaymentOn > first.on ? agreed.firstRepaymentOn : null;
    const tranches = effective
      .filter((event) => event.kind === "disbursement" && event.id !== first.id)
      .map((event) => ({
        disbursedOn: event.on,
        amountMinor: (event as { amountMinor: bigint }).amountMinor,
      }));
    const scheduleTerms: ScheduleTerms = {
      ...agreed,
      principalMinor: first.amountMinor,
      disbursementOn: first.on,
      firstRepaymentOn,
      tranches,
    };
    const schedule = buildSchedule(scheduleTerms);
    if (!schedule.ok) return schedule;
    this.currentTerms = scheduleTerms;
    this.started = true;
    this.firstDisbursementDay = toEpochDay(first.on);
    this.cursorDay = this.firstDisbursementDay;
    this.disbursed = first.amountMinor;
    this.tranchesAfter = tranches.map((t) => ({
      day: toEpochDay(t.disbursedOn),
      amountMinor: t.amountMinor,
    }));
    this.slots = this.buildSlots(scheduleTerms, schedule.value, null);
    return ok(true);
  }

  private buildSlots(
    terms: ScheduleTerms,
    schedule: Schedule,
    stubOverride: Ratio | null | undefined,
  ): Slot[] {
    // Interest deferred by a grace on interest payment belongs to other installments: no recalculation then.
    const recalculate =
      this.terms.interestRecalculation &&
      terms.interestMethod === "declining_balance" &&
      terms.graceOnInterestPaymentPeriods === 0;
    const disbursementDay = toEpochDay(terms.disbursementOn);
    const hasDownPayment = terms.downPaymentPercent !== null;
    const firstRegular = schedule.installments[hasDownPayment ? 1 : 0];
    const stub =
      stubOverride !== undefined
        ? stubOverride
        : firstPeriodStub(terms, disbursementDay, firstRegular?.dueDay ?? disbursementDay + 1);
    return schedule.installments.map((row, position) => {
      const index = hasDownPayment ? position - 1 : position;
      const factor =
        recalculate && index >= 0
          ? computeInterestFactor(terms, index, row.startDay, row.dueDay, stub)
          : null;
      const due = {
        penaltyMinor: 0n,
        feeMinor: row.feeMinor,
        interestMinor: row.interestMinor,
        principalMinor: row.principalMinor,
      };
      return {
        dueDay: row.dueDay,
        startDay: row.startDay,
        factor,
        due,
        paid: zeroParts(),
        waived: zeroParts(),
        open: { ...due },
        penaltyMicro: 0n,
        balanceDays: 0n,
        periodClosed: false,
        carriedInterestMinor: 0n,
      };
    });
  }

  private get balance(): bigint {
    return this.disbursed - this.principalPaid;
  }

  /** Accrues penalties and balance-days for the days from the cursor up to `toDay` (exclusive). */
  advance(toDay: number): void {
    if (!this.started || toDay <= this.cursorDay) return;
    if (this.isWrittenOff) {
      this.cursorDay = toDay;
      return;
    }
    while (this.cursorDay < toDay) {
      const yearIndex = this.loanYearOf(this.cursorDay);
      const anniversary = addPeriods(this.firstDisbursementDay, "months", 12, yearIndex + 1);
      let segmentEnd = Math.min(toDay, anniversary);
      const closing = this.nextPeriodEnd(this.cursorDay);
      if (closing !== null && closing < segmentEnd) segmentEnd = closing;
      this.accrueInterestDays(this.cursorDay, segmentEnd);
      this.accruePenalties(this.cursorDay, segmentEnd, yearIndex);
      this.cursorDay = segmentEnd;
      this.closePeriods(segmentEnd);
    }
  }

  private loanYearOf(day: number): number {
    let year = Math.floor((day - this.firstDisbursementDay) / 366);
    while (addPeriods(this.firstDisbursementDay, "months", 12, year + 1) <= day) year++;
    return year;
  }

  private nextPeriodEnd(day: number): number | null {
    for (let index = this.firstOpen; index < this.slots.length; index++) {
      const slot = this.slots[index] as Slot;
      if (slot.dueDay > day && !slot.periodClosed) return slot.dueDay;
    }
    return null;
  }

  private accrueInterestDays(fromDay: number, toDay: number): void {
    for (let index = this.firstOpen; index < this.slots.length; index++) {
      const slot = this.slots[index] as Slot;
      if (slot.startDay >= toDay) break;
      if (slot.factor === null || slot.periodClosed || slot.dueDay <= fromDay) continue;
      const days = Math.min(toDay, slot.dueDay) - Math.max(fromDay, slot.startDay);
      if (days > 0) slot.balanceDays += this.balance * BigInt(days);
    }
  }

  /** Sets the recalculated interest of every period that ends on or before `day`. */
  private closePeriods(day: number): void {
    for (let index = this.firstOpen; index < this.slots.length; index++) {
      const slot = this.slots[index] as Slot;
      if (slot.dueDay > day) break;
      if (slot.periodClosed) continue;
      slot.periodClosed = true;
      if (slot.factor === null) continue;
      const periodDays = BigInt(slot.dueDay - slot.startDay);
      const interest = roundQuotient(
        slot.balanceDays * slot.factor.numerator,
        slot.factor.denominator * periodDays,
        this.currentTerms.amountMultipleMinor,
        this.currentTerms.roundingMode,
      );
      this.setDue(slot, "interestMinor", interest + slot.carriedInterestMinor);
    }
  }

  private setDue(slot: Slot, component: LoanComponent, dueMinor: bigint): void {
    slot.due[component] = dueMinor;
    let open = dueMinor - slot.paid[component] - slot.waived[component];
    // Interest waived before its period closed, above what the period's recalculated interest came to: only
    // what is due can be forgiven, so the waiver shrinks to it.
    if (open < 0n && slot.waived[component] > 0n) {
      const shrink = minBigint(-open, slot.waived[component]);
      slot.waived[component] -= shrink;
      this.waivedTotal -= shrink;
      open += shrink;
    }
    assert(open >= 0n, "a recalculated amount stays above what was paid");
    slot.open[component] = open;
  }

  private accruePenalties(fromDay: number, toDay: number, yearIndex: number): void {
    const cap = findPenaltyCap(this.terms.caps, this.terms.loanKind, fromEpochDay(fromDay));
    const yearlyLimit = computeYearlyPenaltyLimitMicro(this.disbursed, cap);
    let yearAccrued = this.penaltyYearMicro.get(yearIndex) ?? 0n;
    for (let index = this.firstOpen; index < this.slots.length; index++) {
      const slot = this.slots[index] as Slot;
      if (slot.dueDay >= toDay - 1) break;
      const overdue = slot.open.principalMinor + slot.open.interestMinor;
      if (overdue === 0n) continue;
      const fromDelay = Math.max(fromDay, slot.dueDay + 1) - slot.dueDay;
      const toDelay = toDay - slot.dueDay;
      if (toDelay <= fromDelay) continue;
      let micro = computePenaltyMicro(overdue, fromDelay, toDelay, this.terms.penaltyRatePerDay, cap);
      if (yearlyLimit !== null && yearAccrued + micro > yearlyLimit) micro = yearlyLimit - yearAccrued;
      if (micro <= 0n) continue;
      yearAccrued += micro;
      slot.penaltyMicro += micro;
      this.setDue(slot, "penaltyMinor", slot.penaltyMicro / microPerMinor);
    }
    this.penaltyYearMicro.set(yearIndex, yearAccrued);
  }

  apply(event: LoanEvent): Result<true, LoanCalculatorErrorCode | LoanReplayErrorCode> {
    const day = toEpochDay(event.on);
    switch (event.kind) {
      case "disbursement":
        // The tranche is already in the schedule; the money now bears interest.
        this.disbursed += event.amountMinor;
        return ok(true);
      case "repayment":
        this.receivePayment(event.amountMinor, day);
        return ok(true);
      case "prepayment":
        this.prepay(event.amountMinor, day, event.strategy);
        return ok(true);
      case "waiver":
        this.waive(event.component, event.amountMinor);
        return ok(true);
      case "reschedule":
        return this.reschedule(event, day);
      case "write_off":
        this.writeOff();
        return ok(true);
      case "recovery":
        this.recover(event.amountMinor);
        return ok(true);
      case "reversal":
        assert(false, "reversals are removed before replay");
        return ok(true);
      default:
        return assertNever(event, "loan event");
    }
  }

  private dueEnd(day: number): number {
    let end = this.firstOpen;
    while (end < this.slots.length && (this.slots[end] as Slot).dueDay <= day) end++;
    return end;
  }

  private pay(
    amountMinor: bigint,
    startIndex: number,
    endIndex: number,
    components?: ReadonlySet<LoanComponent>,
  ): bigint {
    const allocation = allocatePayment(
      amountMinor,
      this.slots.map((slot) => slot.open),
      this.terms.allocationOrder,
      {
        startIndex,
        endIndex,
        ...(components === undefined ? {} : { components }),
      },
    );
    for (const part of allocation.allocations) {
      const slot = this.slots[part.index] as Slot;
      for (const component of componentKeys) {
        slot.open[component] -= part[component];
        slot.paid[component] += part[component];
        if (component === "principalMinor") this.principalPaid += part[component];
        this.paidTotal += part[component];
      }
    }
    this.moveFirstOpen();
    return allocation.unallocatedMinor;
  }

  private moveFirstOpen(): void {
    while (this.firstOpen < this.slots.length && isSettled(this.slots[this.firstOpen] as Slot))
      this.firstOpen++;
  }

  private receivePayment(amountMinor: bigint, day: number): void {
    if (this.isWrittenOff) {
      this.recover(amountMinor);
      return;
    }
    let rest = this.pay(amountMinor, this.firstOpen, this.dueEnd(day));
    const futureComponents = this.terms.interestRecalculation
      ? new Set<LoanComponent>(["principalMinor"])
      : undefined;
    rest = this.pay(rest, this.firstOpen, this.slots.length, futureComponents);
    this.overpaid += rest;
  }

  /** The current period's slot on `day` (first slot due after it), or -1. */
  private currentIndex(day: number): number {
    for (let index = this.firstOpen; index < this.slots.length; index++) {
      if ((this.slots[index] as Slot).dueDay > day) return index;
    }
    return -1;
  }

  /** Interest of the current period accrued up to `day` (or for the whole period). */
  private currentInterest(index: number, day: number, wholePeriod: boolean): bigint {
    const slot = this.slots[index] as Slot;
    if (wholePeriod) return slot.open.interestMinor;
    const terms = this.currentTerms;
    const elapsed = BigInt(Math.max(0, day - slot.startDay));
    const periodDays = BigInt(slot.dueDay - slot.startDay);
    if (slot.factor !== null) {
      return roundQuotient(
        slot.balanceDays * slot.factor.numerator,
        slot.factor.denominator * periodDays,
        terms.amountMultipleMinor,
        terms.roundingMode,
      );
    }
    return (
      roundQuotient(
        slot.due.interestMinor * elapsed,
        periodDays,
        terms.amountMultipleMinor,
        terms.roundingMode,
      ) - slot.paid.interestMinor
    );
  }

  /** Interest earned before `day`: installments due by then in full, the current one for its days elapsed. */
  earnedInterest(day: number): bigint {
    if (!this.started || this.isWrittenOff) return 0n;
    let earned = 0n;
    for (const slot of this.slots) {
      if (slot.dueDay <= day - 1) earned += slot.due.interestMinor - slot.waived.interestMinor;
    }
    const current = this.currentIndex(day - 1);
    if (current >= 0) {
      const slot = this.slots[current] as Slot;
      if (slot.startDay < day) {
        const accrued = maxZero(this.currentInterest(current, day, false)) + slot.paid.interestMinor;
        earned += minBigint(accrued, slot.due.interestMinor) - slot.waived.interestMinor;
      }
    }
    return earned;
  }

  /**
   * The interest earned through the end of each day from `endDay` on while the loan stays quiet (see
   * `QuietDays`), at most `maxDays` of them; this replay must be advanced to `endDay`. A copy is advanced one day
   * at a time: interest balance-days add up exactly whatever the steps, and no penalty accrues while nothing is
   * past due, so each figure is what a replay to that day gives.
   */
  quietDays(endDay: number, maxDays: number): bigint[] {
    if (!this.started) return [];
    if (this.isWrittenOff) return Array.from({ length: maxDays }, () => 0n);
    if (this.pastDueAt(endDay - 1)) return [];
    const status = this.statusNow();
    const twin = this.copy();
    const earned: bigint[] = [];
    for (let day = endDay; earned.length < maxDays; day++) {
      twin.advance(day + 1);
      if (twin.pastDueAt(day) || twin.statusNow() !== status) break;
      earned.push(twin.earnedInterest(day + 1));
    }
    return earned;
  }

  /** Whether an installment due before `day` has anything open: the loan is past due at the end of `day`. */
  private pastDueAt(day: number): boolean {
    for (let index = this.firstOpen; index < this.slots.length; index++) {
      const slot = this.slots[index] as Slot;
      if (slot.dueDay >= day) return false;
      if (openTotal(slot) > 0n) return true;
    }
    return false;
  }

  private statusNow(): LoanState["status"] {
    if (!this.started) return "approved";
    if (this.isWrittenOff) return "written_off";
    if (this.balance !== 0n) return "active";
    return this.slots.every((slot) => openTotal(slot) === 0n) ? "closed" : "active";
  }

  quote(day: number, wholePeriod: boolean): Omit<PayoffQuote, "on" | "totalMinor"> {
    let dueMinor = 0n;
    const end = this.dueEnd(day);
    for (let index = this.firstOpen; index < end; index++) dueMinor += openTotal(this.slots[index] as Slot);
    const current = this.currentIndex(day);
    let futurePrincipal = 0n;
    for (let index = Math.max(end, this.firstOpen); index < this.slots.length; index++) {
      futurePrincipal += (this.slots[index] as Slot).open.principalMinor;
    }
    const currentInterest = current < 0 ? 0n : maxZero(this.currentInterest(current, day, wholePeriod));
    return { dueMinor, currentInterestMinor: currentInterest, futurePrincipalMinor: futurePrincipal };
  }

  private prepay(amountMinor: bigint, day: number, strategy: "reduce_term" | "reduce_installment"): void {
    if (this.isWrittenOff) {
      this.recover(amountMinor);
      return;
    }
    let rest = this.pay(amountMinor, this.firstOpen, this.dueEnd(day));
    const current = this.currentIndex(day);
    if (current < 0) {
      this.overpaid += rest;
      return;
    }
    const slot = this.slots[current] as Slot;
    const accrued = maxZero(this.currentInterest(current, day, false));
    if (rest <= accrued) {
      this.receivePayment(rest, day);
      return;
    }
    rest -= accrued;
    let futurePrincipal = 0n;
    for (let index = current; index < this.slots.length; index++)
      futurePrincipal += (this.slots[index] as Slot).open.principalMinor;
    const principal = minBigint(rest, futurePrincipal);
    rest -= principal;
    const level = {
      payment: slot.due.principalMinor + slot.due.interestMinor,
      principal: slot.due.principalMinor,
    };
    const remainingDueDays = this.slots.slice(current).map((s) => s.dueDay);
    // The settled record of the prepayment: what the replaced installments had received, then the accrued
    // interest and the principal paid on its date.
    const settled = zeroParts();
    for (const s of this.slots.slice(current)) {
      for (const component of componentKeys) settled[component] += s.paid[component] + s.waived[component];
    }
    settled.interestMinor += accrued;
    settled.principalMinor += principal;
    const record: Slot = {
      dueDay: day,
      startDay: slot.startDay,
      factor: null,
      due: { ...settled },
      paid: { ...settled },
      waived: zeroParts(),
      open: zeroParts(),
      penaltyMicro: 0n,
      balanceDays: 0n,
      periodClosed: true,
      carriedInterestMinor: 0n,
    };
    this.principalPaid += principal;
    this.paidTotal += principal + accrued;
    const remaining = futurePrincipal - principal;
    this.slots = [...this.slots.slice(0, current), record];
    if (remaining > 0n) {
      const options: ScheduleOptions =
        strategy === "reduce_term"
          ? this.currentTerms.amortization === "equal_principal"
            ? { fixedPrincipalMinor: level.principal }
            : { fixedPaymentMinor: level.payment }
          : {};
      this.slots.push(
        ...this.regenerate(day, remaining, remainingDueDays, slot, options, strategy === "reduce_term"),
      );
    }
    this.overpaid += rest;
    this.moveFirstOpen();
  }

  /** Re-amortizes `principalMinor` from `day` over the given due days. */
  private regenerate(
    day: number,
    principalMinor: bigint,
    dueDays: readonly number[],
    currentSlot: Slot,
    options: ScheduleOptions,
    trim: boolean,
  ): Slot[] {
    const terms: ScheduleTerms = {
      ...this.currentTerms,
      principalMinor,
      disbursementOn: fromEpochDay(day),
      firstRepaymentOn: null,
      installments: dueDays.length,
      downPaymentPercent: null,
      graceOnPrincipalPeriods: 0,
      graceOnInterestPaymentPeriods: 0,
      interestFreePeriods: 0,
      fees: this.currentTerms.fees.filter((fee) => fee.kind === "per_installment"),
      tranches: this.futureTranches(day),
    };
    const periodDays = currentSlot.dueDay - currentSlot.startDay;
    const stubDays = currentSlot.dueDay - day;
    const stub = stubDays === periodDays ? null : makeRatio(BigInt(stubDays), BigInt(periodDays));
    const schedule = generateSchedule(terms, { ...options, dueDays, firstPeriodStub: stub });
    let rows = schedule.installments;
    if (trim) {
      const lastIndex = rows.findIndex((row) => row.principalBalanceAfterMinor === 0n);
      rows = rows.slice(0, lastIndex + 1);
    }
    return this.buildSlots(terms, { ...schedule, installments: rows }, stub);
  }

  private futureTranches(day: number): ScheduleTerms["tranches"] {
    return this.tranchesAfter
      .filter((t) => t.day > day)
      .map((t) => ({ disbursedOn: fromEpochDay(t.day), amountMinor: t.amountMinor }));
  }

  private waive(component: "penalty" | "fee" | "interest", amountMinor: bigint): void {
    const key: LoanComponent =
      component === "penalty" ? "penaltyMinor" : component === "fee" ? "feeMinor" : "interestMinor";
    const allocation = allocatePayment(
      amountMinor,
      this.slots.map((slot) => slot.open),
      this.terms.allocationOrder,
      {
        startIndex: this.firstOpen,
        components: new Set([key]),
      },
    );
    for (const part of allocation.allocations) {
      const slot = this.slots[part.index] as Slot;
      slot.open[key] -= part[key];
      slot.waived[key] += part[key];
      this.waivedTotal += part[key];
    }
    this.moveFirstOpen();
  }

  private reschedule(
    event: Extract<LoanEvent, { kind: "reschedule" }>,
    day: number,
  ): Result<true, LoanCalculatorErrorCode | LoanReplayErrorCode> {
    if (this.isWrittenOff) return ok(true);
    const current = this.currentIndex(day);
    if (current < 0) return ok(true);
    const slot = this.slots[current] as Slot;
    const accrued = maxZero(this.currentInterest(current, day, false));
    let futurePrincipal = 0n;
    for (let index = current; index < this.slots.length; index++)
      futurePrincipal += (this.slots[index] as Slot).open.principalMinor;
    if (futurePrincipal === 0n) return ok(true);
    const terms: ScheduleTerms = {
      ...this.currentTerms,
      ...event.changes,
      principalMinor: futurePrincipal,
      disbursementOn: event.on,
      downPaymentPercent: null,
      graceOnPrincipalPeriods: 0,
      graceOnInterestPaymentPeriods: 0,
      interestFreePeriods: 0,
      fees: this.currentTerms.fees.filter((fee) => fee.kind === "per_installment"),
      tranches: this.futureTranches(day),
    };
    const schedule = buildSchedule(terms);
    if (!schedule.ok) {
      return err("reschedule_terms_must_be_valid", {
        ...schedule.details,
        eventId: event.id,
        cause: schedule.code,
      });
    }
    assert(slot.dueDay > day, "the current period lies after the reschedule date");
    const fresh = this.buildSlots(terms, schedule.value, undefined);
    const first = fresh[0] as Slot;
    first.due.interestMinor += accrued;
    first.open.interestMinor += accrued;
    first.carriedInterestMinor = accrued;
    // Money already paid or waived on the replaced installments stays so: kept as settled records dated on
    // the reschedule, so that the installments stay in date order.
    const settled = this.slots.slice(current).filter((s) => !isUntouched(s));
    for (const s of settled) {
      s.due = { ...s.paid };
      for (const component of componentKeys) s.due[component] += s.waived[component];
      s.open = zeroParts();
      s.dueDay = day;
      s.periodClosed = true;
      s.factor = null;
    }
    this.slots = [...this.slots.slice(0, current), ...settled, ...fresh];
    this.currentTerms = terms;
    this.moveFirstOpen();
    return ok(true);
  }

  private writeOff(): void {
    if (this.isWrittenOff) return;
    let total = this.balance;
    for (const slot of this.slots)
      total += slot.open.interestMinor + slot.open.feeMinor + slot.open.penaltyMinor;
    this.writtenOff = total;
    this.isWrittenOff = true;
  }

  private recover(amountMinor: bigint): void {
    const room = this.writtenOff - this.recovered;
    const take = minBigint(amountMinor, room);
    this.recovered += take;
    this.overpaid += amountMinor - take;
  }

  snapshot(asOf: PlainDate): LoanState {
    const asOfDay = toEpochDay(asOf);
    let overdue = 0n;
    let oldestOverdueDay: number | null = null;
    const installments = this.slots.map((slot, index) => {
      if (slot.dueDay < asOfDay) {
        const open = openTotal(slot);
        overdue += open;
        if (open > 0n && oldestOverdueDay === null) oldestOverdueDay = slot.dueDay;
      }
      return toInstallmentState(slot, index + 1);
    });
    const status = this.statusNow();
    assert(
      this.principalPaid >= 0n && this.principalPaid <= this.disbursed,
      "principal paid stays within disbursed",
    );
    return {
      asOf,
      status,
      disbursedMinor: this.disbursed,
      principalOutstandingMinor: this.isWrittenOff ? 0n : this.balance,
      overdueMinor: this.isWrittenOff ? 0n : overdue,
      daysPastDue: this.isWrittenOff || oldestOverdueDay === null ? 0 : asOfDay - oldestOverdueDay,
      installments,
      paidMinor: this.paidTotal,
      waivedMinor: this.waivedTotal,
      writtenOffMinor: this.writtenOff,
      recoveredMinor: this.recovered,
      overpaidMinor: this.overpaid,
    };
  }
}

const componentKeys = ["penaltyMinor", "feeMinor", "interestMinor", "principalMinor"] as const;

function isUntouched(slot: Slot): boolean {
  return componentKeys.every((component) => slot.paid[component] === 0n && slot.waived[component] === 0n);
}

function isSettled(slot: Slot): boolean {
  return openTotal(slot) === 0n && slot.periodClosed;
}

function openTotal(slot: Slot): bigint {
  return slot.open.principalMinor + slot.open.interestMinor + slot.open.feeMinor + slot.open.penaltyMinor;
}

function maxZero(value: bigint): bigint {
  return maxBigint(value, 0n);
}

function componentState(slot: Slot, component: LoanComponent): ComponentState {
  return {
    dueMinor: slot.due[component],
    paidMinor: slot.paid[component],
    waivedMinor: slot.waived[component],
    outstandingMinor: slot.open[component],
  };
}

function toInstallmentState(slot: Slot, number: number): InstallmentState {
  return {
    number,
    dueOn: fromEpochDay(slot.dueDay),
    principal: componentState(slot, "principalMinor"),
    interest: componentState(slot, "interestMinor"),
    fee: componentState(slot, "feeMinor"),
    penalty: componentState(slot, "penaltyMinor"),
  };
}
