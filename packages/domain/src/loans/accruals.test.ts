import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysBetween, plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import { kazakhstanCaps } from "./caps";
import {
  type LoanEvent,
  type LoanServicingTerms,
  loanAccrualsAsOf,
  loanAccrualsWithQuietDays,
} from "./events";
import { generateSchedule } from "./schedule";
import { buildScheduleTerms } from "./test-terms";

const start = plainDate("2025-01-15");
const schedule = buildScheduleTerms({ disbursementOn: start });
const terms: LoanServicingTerms = {
  schedule,
  allocationOrder: "penalties_fees_interest_principal",
  payoffInterest: "till_payoff_date",
  interestRecalculation: false,
  penaltyRatePerDay: { numerator: 1n, denominator: 1000n },
  loanKind: "mfo_microloan",
  caps: kazakhstanCaps,
};
const planned = generateSchedule(schedule).installments;
const disbursement = {
  id: "d",
  kind: "disbursement" as const,
  on: start,
  amountMinor: schedule.principalMinor,
};

describe("accruals for close of business", () => {
  it("earns a day's interest by the end of the disbursement day and the first period's by its due date", () => {
    const first = planned[0];
    if (first === undefined) throw new Error("no schedule");
    const oneDay = unwrap(loanAccrualsAsOf(terms, [disbursement], start)).interestEarnedMinor;
    const exact = first.interestMinor / BigInt(first.daysInPeriod);
    expect(oneDay === exact || oneDay === exact + 1n).toBe(true);
    expect(
      unwrap(loanAccrualsAsOf(terms, [disbursement], addDays(first.dueOn, -2))).interestEarnedMinor,
    ).toBeLessThan(first.interestMinor);
    expect(
      unwrap(loanAccrualsAsOf(terms, [disbursement], addDays(first.dueOn, -1))).interestEarnedMinor,
    ).toBe(first.interestMinor);
  });

  it("earns the whole interest by the last due date when paid on time, and charges no penalty", () => {
    const events = [
      disbursement,
      ...planned.map((row) => ({
        id: `r${row.number}`,
        kind: "repayment" as const,
        on: row.dueOn,
        amountMinor: row.totalDueMinor,
      })),
    ];
    const last = planned.at(-1);
    if (last === undefined) throw new Error("no schedule");
    const accruals = unwrap(loanAccrualsAsOf(terms, events, addDays(last.dueOn, 10)));
    expect(accruals.interestEarnedMinor).toBe(planned.reduce((sum, row) => sum + row.interestMinor, 0n));
    expect(accruals.penaltyChargedMinor).toBe(0n);
    expect(accruals.state.status).toBe("closed");
  });

  it("charges penalties on a late installment, day by day", () => {
    const first = planned[0];
    if (first === undefined) throw new Error("no schedule");
    const tenDaysLate = unwrap(loanAccrualsAsOf(terms, [disbursement], addDays(first.dueOn, 10)));
    const twentyDaysLate = unwrap(loanAccrualsAsOf(terms, [disbursement], addDays(first.dueOn, 20)));
    expect(tenDaysLate.penaltyChargedMinor).toBeGreaterThan(0n);
    expect(twentyDaysLate.penaltyChargedMinor).toBeGreaterThan(tenDaysLate.penaltyChargedMinor);
    expect(tenDaysLate.state.daysPastDue).toBe(10);
  });
});

describe("quiet days after a close of business", () => {
  const scheduleOf = (frequency: "months" | "weeks") =>
    buildScheduleTerms({
      disbursementOn: start,
      repaymentFrequency: frequency,
      installments: frequency === "weeks" ? 16 : 12,
    });
  const spec = fc.record({
    frequency: fc.constantFrom("months" as const, "weeks" as const),
    interestRecalculation: fc.boolean(),
    // Installments paid, each on a day near its due date (early, on time or late) and about its amount.
    paid: fc.array(
      fc.record({ shift: fc.integer({ min: -6, max: 4 }), extra: fc.bigInt(-2_000n, 50_000n) }),
      {
        maxLength: 16,
      },
    ),
    others: fc.array(
      fc.record({
        offset: fc.integer({ min: 1, max: 420 }),
        kind: fc.constantFrom("prepayment", "waiver", "write_off", "reschedule", "repayment"),
        amount: fc.bigInt(1n, 3_000_000n),
      }),
      { maxLength: 3 },
    ),
    asOfOffset: fc.integer({ min: 0, max: 420 }),
  });

  it("gives for each quiet day exactly what a replay to that day gives, and nothing else changes", () => {
    let quietDaysChecked = 0;
    fc.assert(
      fc.property(spec, (s) => {
        const schedule = scheduleOf(s.frequency);
        const rows = generateSchedule(schedule).installments;
        const servicing: LoanServicingTerms = {
          ...terms,
          schedule,
          interestRecalculation: s.interestRecalculation,
        };
        const events: LoanEvent[] = [{ ...disbursement, amountMinor: schedule.principalMinor }];
        s.paid.forEach((p, index) => {
          const row = rows[index];
          const amount = row === undefined ? 0n : row.totalDueMinor + p.extra;
          if (row !== undefined && amount > 0n)
            events.push({
              id: `p${index}`,
              kind: "repayment",
              on: addDays(row.dueOn, p.shift),
              amountMinor: amount,
            });
        });
        s.others.forEach((o, index) => {
          const on = addDays(start, o.offset);
          const id = `o${index}`;
          if (o.kind === "prepayment")
            events.push({
              id,
              kind: "prepayment",
              on,
              amountMinor: o.amount,
              strategy: "reduce_installment",
            });
          else if (o.kind === "waiver")
            events.push({ id, kind: "waiver", on, component: "interest", amountMinor: o.amount });
          else if (o.kind === "write_off") events.push({ id, kind: "write_off", on });
          else if (o.kind === "reschedule")
            events.push({ id, kind: "reschedule", on, changes: { installments: 6 } });
          else events.push({ id, kind: "repayment", on, amountMinor: o.amount });
        });
        const asOf = addDays(start, s.asOfOffset);
        const known = events.filter((event) => event.on <= asOf);
        const base = unwrap(loanAccrualsWithQuietDays(servicing, known, asOf, 40));
        const plain = unwrap(loanAccrualsAsOf(servicing, known, asOf));
        expect(base.interestEarnedMinor).toBe(plain.interestEarnedMinor);
        expect(base.state).toEqual(plain.state);
        if (base.state.daysPastDue > 0) expect(base.quiet.interestEarnedMinor).toEqual([]);
        base.quiet.interestEarnedMinor.forEach((interest, index) => {
          const day = unwrap(loanAccrualsAsOf(servicing, known, addDays(asOf, index + 1)));
          expect(day.interestEarnedMinor).toBe(interest);
          expect(day.penaltyChargedMinor).toBe(base.penaltyChargedMinor);
          expect(day.state.principalOutstandingMinor).toBe(base.state.principalOutstandingMinor);
          expect(day.state.overdueMinor).toBe(0n);
          expect(day.state.daysPastDue).toBe(0);
          expect(day.state.status).toBe(base.state.status);
          quietDaysChecked++;
        });
      }),
      { numRuns: 150 },
    );
    // The generated loans are mostly current, so the property is not checked vacuously.
    expect(quietDaysChecked).toBeGreaterThan(500);
  });

  it("covers a current loan up to its next due date and stops the day it falls past due", () => {
    const first = planned[0];
    if (first === undefined) throw new Error("no schedule");
    const asOf = addDays(start, 5);
    const quiet = unwrap(loanAccrualsWithQuietDays(terms, [disbursement], asOf, 60)).quiet
      .interestEarnedMinor;
    // Quiet through the due date itself; the day after, the unpaid installment is past due.
    expect(quiet.length).toBe(daysBetween(asOf, first.dueOn));
    expect(quiet.at(-2)).toBe(first.interestMinor);
    const late = unwrap(loanAccrualsWithQuietDays(terms, [disbursement], addDays(first.dueOn, 1), 60));
    expect(late.quiet.interestEarnedMinor).toEqual([]);
  });
});
