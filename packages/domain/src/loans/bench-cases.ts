/**
 * Workloads for the benchmarks of PERFORMANCE.md, built here and timed elsewhere (the bench runner): this
 * module never reads a clock. Each `prepare…` builds the inputs once; each `run…` does the measured work.
 */
import { addDays, plainDate } from "../calendar/plain-date";
import { kazakhstanCaps } from "./caps";
import { type LoanEvent, type LoanServicingTerms, type LoanState, loanStateAsOf } from "./events";
import { generateSchedule, type Schedule } from "./schedule";
import type { ScheduleTerms } from "./terms";
import { buildScheduleTerms } from "./test-terms";

/** 100,000 ₸ over 12 monthly installments, declining balance, annuity, 30 % a year. */
export function prepareMonthlySchedule12(): ScheduleTerms {
  return buildScheduleTerms();
}

/** 100,000 ₸ over 52 weekly installments. */
export function prepareWeeklySchedule52(): ScheduleTerms {
  return buildScheduleTerms({ installments: 52, repaymentFrequency: "weeks" });
}

/** Builds one schedule (the measured work of the two schedule benchmarks). */
export function runSchedule(terms: ScheduleTerms): Schedule {
  return generateSchedule(terms);
}

/** A loan with 2,000 events (a disbursement and small repayments) and a back-dated repayment. */
export interface ReplayCase {
  readonly terms: LoanServicingTerms;
  readonly events: readonly LoanEvent[];
  readonly asOf: ReturnType<typeof plainDate>;
}

/** 1,000,000 ₸ over 104 weekly installments, repaid in 1,998 small payments, plus one back-dated payment. */
export function prepareReplay2000(): ReplayCase {
  const start = plainDate("2025-01-06");
  const schedule = buildScheduleTerms({
    principalMinor: 100_000_000n,
    disbursementOn: start,
    installments: 104,
    repaymentFrequency: "weeks",
    interestCalculationPeriod: "daily",
  });
  const terms: LoanServicingTerms = {
    schedule,
    allocationOrder: "penalties_fees_interest_principal",
    payoffInterest: "till_payoff_date",
    interestRecalculation: true,
    penaltyRatePerDay: { numerator: 1n, denominator: 1000n },
    loanKind: "mfo_microloan",
    caps: kazakhstanCaps,
  };
  const events: LoanEvent[] = [{ id: "e00000", kind: "disbursement", on: start, amountMinor: 100_000_000n }];
  for (let index = 1; index < 1_999; index++) {
    const id = `e${String(index).padStart(5, "0")}`;
    events.push({ id, kind: "repayment", on: addDays(start, Math.floor(index / 2.7)), amountMinor: 60_000n });
  }
  // The back-dated event: recorded last, dated early, so replay must start near the beginning.
  events.push({ id: "e99999", kind: "repayment", on: addDays(start, 20), amountMinor: 500_000n });
  return { terms, events, asOf: addDays(start, 760) };
}

/** Replays the loan from scratch (the measured work of the replay benchmark). */
export function runReplay(input: ReplayCase): LoanState {
  const state = loanStateAsOf(input.terms, input.events, input.asOf);
  if (!state.ok) throw new Error(`replay failed: ${state.code}`);
  return state.value;
}
