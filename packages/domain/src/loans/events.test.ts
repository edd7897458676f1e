import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type PlainDate, plainDate } from "../calendar/plain-date";
import { minBigint } from "../money/rounding";
import { unwrap } from "../result";
import { allocatePayment, allocationOrders, type OutstandingParts } from "./allocation";
import { kazakhstanCaps } from "./caps";
import {
  type LoanEvent,
  type LoanServicingTerms,
  loanStateAsOf,
  loanStateWithPayoffAsOf,
  quotePayoff,
  quotePayoffAfter,
  replayPayment,
} from "./events";
import { generateSchedule } from "./schedule";
import { buildScheduleTerms } from "./test-terms";

const schedule = buildScheduleTerms({ disbursementOn: plainDate("2025-07-15") });
const product: LoanServicingTerms = {
  schedule,
  allocationOrder: "penalties_fees_interest_principal",
  payoffInterest: "till_payoff_date",
  interestRecalculation: false,
  penaltyRatePerDay: { numerator: 1n, denominator: 100n }, // 1 % a day, above the cap
  loanKind: "mfo_microloan",
  caps: kazakhstanCaps,
};
const planned = generateSchedule(schedule);
const disbursement: LoanEvent = {
  id: "d1",
  kind: "disbursement",
  on: plainDate("2025-07-15"),
  amountMinor: 10_000_000n,
};

function onTimeRepayments(count: number): LoanEvent[] {
  return planned.installments.slice(0, count).map((row) => ({
    id: `r${String(row.number).padStart(3, "0")}`,
    kind: "repayment" as const,
    on: row.dueOn,
    amountMinor: row.totalDueMinor,
  }));
}

function stateOf(events: readonly LoanEvent[], asOf: string, terms = product) {
  return unwrap(loanStateAsOf(terms, events, plainDate(asOf)));
}

describe("loanStateAsOf", () => {
  it("is approved before the disbursement and active after it", () => {
    expect(stateOf([], "2025-07-20").status).toBe("approved");
    const state = stateOf([disbursement], "2025-07-20");
    expect(state.status).toBe("active");
    expect(state.principalOutstandingMinor).toBe(10_000_000n);
    expect(state.installments).toHaveLength(12);
  });

  it.each([false, true])(
    "closes a loan repaid on the due dates with exactly the scheduled interest (recalculation %s)",
    (recalc) => {
      const state = stateOf([disbursement, ...onTimeRepayments(12)], "2026-12-31", {
        ...product,
        interestRecalculation: recalc,
      });
      expect(state.status).toBe("closed");
      expect(state.paidMinor).toBe(planned.totals.totalDueMinor);
      expect(state.overpaidMinor).toBe(0n);
      expect(state.installments.every((row) => row.penalty.dueMinor === 0n)).toBe(true);
    },
  );

  it("charges a late penalty at the capped 0.5 % a day, not the product's 1 %", () => {
    // Installment 1 (974,871 tiyn, due 2025-08-15) unpaid for 10 days: 974,871 × 0.5 % × 10 = 48,743.55.
    const state = stateOf([disbursement], "2025-08-25");
    expect(state.installments[0]?.penalty.dueMinor).toBe(48_743n);
    expect(state.daysPastDue).toBe(10);
    expect(state.overdueMinor).toBe(974_871n + 48_743n);
  });

  it("lowers the penalty to 0.03 % a day after 90 days of delay", () => {
    const state = stateOf([disbursement], "2025-11-23"); // 100 days after 2025-08-15
    const first = state.installments[0]?.penalty.dueMinor ?? 0n;
    // 90 days × 0.5 % + 10 days × 0.03 % on 974,871 = 974,871 × 45.3 % = 441,616.56, accrued exactly.
    expect(first).toBe((974_871n * 453n) / 1000n);
  });

  it("never charges more penalty in a year of the loan than 10 % of the loan amount", () => {
    const state = stateOf([disbursement], "2026-07-14");
    const penalties = state.installments.reduce((sum, row) => sum + row.penalty.dueMinor, 0n);
    expect(penalties).toBeLessThanOrEqual(1_000_000n);
    expect(penalties).toBeGreaterThan(990_000n);
  });

  it("allocates a late partial payment to penalties, then fees, interest and principal", () => {
    const events: LoanEvent[] = [
      disbursement,
      { id: "p", kind: "repayment", on: plainDate("2025-08-25"), amountMinor: 300_000n },
    ];
    // A payment on day 10 of the delay meets 9 days of penalty; the day of the payment accrues on what is left.
    const first = stateOf(events, "2025-08-25").installments[0];
    expect(first?.penalty.paidMinor).toBe(43_869n);
    expect(first?.interest.paidMinor).toBe(250_000n);
    expect(first?.principal.paidMinor).toBe(300_000n - 43_869n - 250_000n);
    const principalFirst = stateOf(events, "2025-08-25", {
      ...product,
      allocationOrder: "principal_interest_penalties_fees",
    });
    expect(principalFirst.installments[0]?.principal.paidMinor).toBe(300_000n);
  });

  it("recalculates interest on a late payment for a declining-balance product", () => {
    const terms = { ...product, interestRecalculation: true };
    const late: LoanEvent[] = [
      disbursement,
      { id: "r", kind: "repayment", on: plainDate("2025-09-05"), amountMinor: 974_871n },
    ];
    const onTime: LoanEvent[] = [disbursement, ...onTimeRepayments(1)];
    const lateInterest = stateOf(late, "2025-09-20", terms).installments[1]?.interest.dueMinor ?? 0n;
    const onTimeInterest = stateOf(onTime, "2025-09-20", terms).installments[1]?.interest.dueMinor ?? 0n;
    expect(onTimeInterest).toBe(planned.installments[1]?.interestMinor);
    expect(lateInterest).toBeGreaterThan(onTimeInterest);
  });

  it("reduces the term on a prepayment, keeping the installment", () => {
    const events: LoanEvent[] = [
      disbursement,
      ...onTimeRepayments(2),
      {
        id: "x",
        kind: "prepayment",
        on: plainDate("2025-09-15"),
        amountMinor: 3_000_000n,
        strategy: "reduce_term",
      },
    ];
    const state = stateOf(events, "2025-09-15");
    const open = state.installments.filter((row) => row.principal.outstandingMinor > 0n);
    expect(open.length).toBeLessThan(10);
    expect((open[0]?.principal.dueMinor ?? 0n) + (open[0]?.interest.dueMinor ?? 0n)).toBe(974_871n);
    expect(state.principalOutstandingMinor).toBe(
      (planned.installments[1]?.principalBalanceAfterMinor ?? 0n) - 3_000_000n,
    );
  });

  it("reduces the installment on a prepayment, keeping the term", () => {
    const events: LoanEvent[] = [
      disbursement,
      ...onTimeRepayments(2),
      {
        id: "x",
        kind: "prepayment",
        on: plainDate("2025-09-15"),
        amountMinor: 3_000_000n,
        strategy: "reduce_installment",
      },
    ];
    const state = stateOf(events, "2025-09-15");
    const open = state.installments.filter((row) => row.principal.outstandingMinor > 0n);
    expect(open).toHaveLength(10);
    expect(open.at(-1)?.dueOn).toBe("2026-07-15");
    expect((open[0]?.principal.dueMinor ?? 0n) + (open[0]?.interest.dueMinor ?? 0n)).toBeLessThan(974_871n);
  });

  it("quotes a payoff with interest to the date or for the whole period", () => {
    const events: LoanEvent[] = [disbursement, ...onTimeRepayments(1)];
    const tillDate = unwrap(quotePayoff(product, events, plainDate("2025-08-30")));
    const whole = unwrap(
      quotePayoff({ ...product, payoffInterest: "whole_period" }, events, plainDate("2025-08-30")),
    );
    expect(tillDate.futurePrincipalMinor).toBe(planned.installments[0]?.principalBalanceAfterMinor);
    expect(whole.currentInterestMinor).toBe(planned.installments[1]?.interestMinor);
    // 15 of 31 days of 231,878.
    expect(tillDate.currentInterestMinor).toBe(112_199n);
    const paidOff = stateOf(
      [
        ...events,
        {
          id: "z",
          kind: "prepayment",
          on: plainDate("2025-08-30"),
          amountMinor: tillDate.totalMinor,
          strategy: "reduce_term",
        },
      ],
      "2025-12-31",
    );
    expect(paidOff.status).toBe("closed");
  });

  it("waives penalties, writes off, recovers and reverses", () => {
    const waived = stateOf(
      [
        disbursement,
        {
          id: "w",
          kind: "waiver",
          on: plainDate("2025-08-25"),
          component: "penalty",
          amountMinor: 10_000_000n,
        },
      ],
      "2025-08-25",
    );
    expect(waived.waivedMinor).toBe(43_869n);
    expect(waived.installments[0]?.penalty.outstandingMinor).toBe(48_743n - 43_869n);
    const writeOff: LoanEvent[] = [
      disbursement,
      { id: "wo", kind: "write_off", on: plainDate("2025-12-01") },
      { id: "rec", kind: "recovery", on: plainDate("2026-01-10"), amountMinor: 500_000n },
    ];
    const written = stateOf(writeOff, "2026-02-01");
    expect(written.status).toBe("written_off");
    expect(written.recoveredMinor).toBe(500_000n);
    expect(written.writtenOffMinor).toBeGreaterThan(10_000_000n);
    const reversed = stateOf(
      [...writeOff, { id: "rv", kind: "reversal", on: plainDate("2026-01-15"), reversedEventId: "wo" }],
      "2026-02-01",
    );
    expect(reversed.status).toBe("active");
    const restored = stateOf(
      [
        ...writeOff,
        { id: "rv", kind: "reversal", on: plainDate("2026-01-15"), reversedEventId: "wo" },
        { id: "rv2", kind: "reversal", on: plainDate("2026-01-16"), reversedEventId: "rv" },
      ],
      "2026-02-01",
    );
    expect(restored).toEqual(written);
  });

  it("reschedules the principal not yet due over new terms", () => {
    const events: LoanEvent[] = [
      disbursement,
      ...onTimeRepayments(3),
      { id: "s", kind: "reschedule", on: plainDate("2025-10-20"), changes: { installments: 24 } },
    ];
    const state = stateOf(events, "2025-10-20");
    const open = state.installments.filter((row) => row.principal.outstandingMinor > 0n);
    expect(open).toHaveLength(24);
    expect(open.reduce((sum, row) => sum + row.principal.outstandingMinor, 0n)).toBe(
      planned.installments[2]?.principalBalanceAfterMinor,
    );
    expect(open[0]?.dueOn).toBe("2025-11-20");
  });

  it("adds a tranche to the schedule and to the balance", () => {
    const events: LoanEvent[] = [
      { ...disbursement, amountMinor: 5_000_000n },
      { id: "d2", kind: "disbursement", on: plainDate("2025-10-01"), amountMinor: 5_000_000n },
    ];
    const state = stateOf(events, "2025-10-01");
    expect(state.disbursedMinor).toBe(10_000_000n);
    expect(state.installments.reduce((sum, row) => sum + row.principal.dueMinor, 0n)).toBe(10_000_000n);
  });

  it("refuses events with a duplicate id or a non-positive amount", () => {
    const duplicate = loanStateAsOf(product, [disbursement, disbursement], plainDate("2025-08-01"));
    expect(duplicate.ok ? "ok" : duplicate.code).toBe("event_ids_must_be_unique");
    const zero = loanStateAsOf(
      product,
      [disbursement, { id: "z", kind: "repayment", on: plainDate("2025-08-01"), amountMinor: 0n }],
      plainDate("2025-08-01"),
    );
    expect(zero.ok ? "ok" : zero.code).toBe("amount_must_be_positive");
  });
});

describe("replay invariants", () => {
  const start = plainDate("2025-07-15");
  const eventArbitrary = fc.record({
    offsetDays: fc.integer({ min: 0, max: 420 }),
    amountMinor: fc.bigInt(1n, 3_000_000n),
    kind: fc.constantFrom("repayment", "repayment", "repayment", "prepayment", "waiver"),
  });
  function toEvents(specs: { offsetDays: number; amountMinor: bigint; kind: string }[]): LoanEvent[] {
    return specs.map((spec, index): LoanEvent => {
      const on: PlainDate = addDays(start, spec.offsetDays);
      const id = `e${index}`;
      if (spec.kind === "prepayment")
        return {
          id,
          kind: "prepayment",
          on,
          amountMinor: spec.amountMinor,
          strategy: index % 2 ? "reduce_term" : "reduce_installment",
        };
      if (spec.kind === "waiver")
        return { id, kind: "waiver", on, component: "penalty", amountMinor: spec.amountMinor };
      return { id, kind: "repayment", on, amountMinor: spec.amountMinor };
    });
  }
  const productArbitrary = fc.record({
    allocationOrder: fc.constantFrom(...allocationOrders),
    interestRecalculation: fc.boolean(),
  });

  it("gives the same state whatever the order of the list, so a back-dated event equals computing from scratch", () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 12 }),
        eventArbitrary,
        productArbitrary,
        fc.integer({ min: 0, max: 500 }),
        (specs, late, settings, asOfOffset) => {
          const terms = { ...product, ...settings };
          const events = toEvents([...specs, late]);
          const backDatedLast = [disbursement, ...events];
          const sorted = [
            disbursement,
            ...[...events].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)),
          ];
          const asOf = addDays(start, asOfOffset);
          expect(loanStateAsOf(terms, backDatedLast, asOf)).toEqual(loanStateAsOf(terms, sorted, asOf));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("repays exactly the principal disbursed, never goes negative, and never pays more than is due", () => {
    fc.assert(
      fc.property(fc.array(eventArbitrary, { maxLength: 15 }), productArbitrary, (specs, settings) => {
        const state = unwrap(
          loanStateAsOf(
            { ...product, ...settings },
            [disbursement, ...toEvents(specs)],
            plainDate("2026-12-31"),
          ),
        );
        let principalPaid = 0n;
        for (const row of state.installments) {
          for (const part of [row.principal, row.interest, row.fee, row.penalty]) {
            expect(part.outstandingMinor >= 0n && part.paidMinor >= 0n).toBe(true);
            expect(part.paidMinor + part.waivedMinor + part.outstandingMinor).toBe(part.dueMinor);
          }
          principalPaid += row.principal.paidMinor;
        }
        expect(principalPaid + state.principalOutstandingMinor).toBe(state.disbursedMinor);
        const received = toEvents(specs).reduce(
          (sum, e) => sum + (e.kind === "waiver" || !("amountMinor" in e) ? 0n : e.amountMinor),
          0n,
        );
        expect(state.paidMinor + state.overpaidMinor).toBe(received);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the page's state and payoff from one replay exactly as from two", () => {
    fc.assert(
      fc.property(
        fc.array(eventArbitrary, { maxLength: 15 }),
        productArbitrary,
        fc.integer({ min: 0, max: 500 }),
        (specs, settings, asOfOffset) => {
          const terms = { ...product, ...settings };
          const events = [disbursement, ...toEvents(specs)];
          const asOf = addDays(start, asOfOffset);
          const both = unwrap(loanStateWithPayoffAsOf(terms, events, asOf));
          expect(both.state).toEqual(unwrap(loanStateAsOf(terms, events, asOf)));
          expect(both.payoff).toEqual(unwrap(quotePayoffAfter(terms, events, asOf)));
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("replayPayment", () => {
  const start = plainDate("2025-07-15");
  const specArbitrary = fc.record({
    offsetDays: fc.integer({ min: 0, max: 420 }),
    amountMinor: fc.bigInt(1n, 3_000_000n),
    kind: fc.constantFrom("repayment", "repayment", "prepayment", "waiver", "reversal"),
  });
  function toEvents(specs: { offsetDays: number; amountMinor: bigint; kind: string }[]): LoanEvent[] {
    const events: LoanEvent[] = [];
    for (const [index, spec] of specs.entries()) {
      const on: PlainDate = addDays(start, spec.offsetDays);
      const id = `e${String(index).padStart(2, "0")}`;
      if (spec.kind === "reversal") {
        // Reverses an earlier payment, on its date.
        const target = events.find((e) => e.kind === "repayment" || e.kind === "prepayment");
        if (target !== undefined)
          events.push({ id, kind: "reversal", on: target.on, reversedEventId: target.id });
      } else if (spec.kind === "prepayment")
        events.push({ id, kind: "prepayment", on, amountMinor: spec.amountMinor, strategy: "reduce_term" });
      else if (spec.kind === "waiver")
        events.push({ id, kind: "waiver", on, component: "penalty", amountMinor: spec.amountMinor });
      else events.push({ id, kind: "repayment", on, amountMinor: spec.amountMinor });
    }
    return events;
  }

  it("gives the payoff before a payment and the state and payoff after it exactly as the replays of each", () => {
    fc.assert(
      fc.property(
        fc.array(specArbitrary, { maxLength: 12 }),
        fc.record({
          offsetDays: fc.integer({ min: 0, max: 420 }),
          amountMinor: fc.bigInt(1n, 3_000_000n),
          kind: fc.constantFrom("repayment", "prepayment"),
        }),
        fc.record({
          allocationOrder: fc.constantFrom(...allocationOrders),
          interestRecalculation: fc.boolean(),
        }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
        fc.constantFrom("a-new", "z-new"),
        fc.boolean(),
        (specs, addedSpec, settings, laterDays, addedId, onTheLastDay) => {
          const terms = { ...product, ...settings };
          const events = [disbursement, ...toEvents(specs)];
          const lastDay =
            events
              .map((e) => e.on)
              .sort()
              .at(-1) ?? start;
          const on = onTheLastDay ? lastDay : addDays(start, addedSpec.offsetDays);
          const added: LoanEvent =
            addedSpec.kind === "prepayment"
              ? {
                  id: addedId,
                  on,
                  kind: "prepayment",
                  amountMinor: addedSpec.amountMinor,
                  strategy: "reduce_term",
                }
              : { id: addedId, on, kind: "repayment", amountMinor: addedSpec.amountMinor };
          const asOf = addDays(on, laterDays);
          const replayed = unwrap(replayPayment(terms, events, added, asOf));
          expect(replayed.payoffBefore).toEqual(unwrap(quotePayoffAfter(terms, events, on)));
          expect(replayed.after).toEqual(loanStateWithPayoffAsOf(terms, [...events, added], asOf));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses as the replays do: the payoff's refusal first, the replay's after it", () => {
    const payment: LoanEvent = {
      id: "r1",
      kind: "repayment",
      on: plainDate("2025-08-01"),
      amountMinor: 100n,
    };
    const early: LoanEvent = { id: "r0", kind: "repayment", on: plainDate("2025-07-10"), amountMinor: 1n };
    const refused = replayPayment(product, [early, disbursement], payment, plainDate("2025-08-01"));
    expect(refused.ok ? "ok" : refused.code).toBe("first_event_must_be_a_disbursement");
    const sameId = { ...payment, id: disbursement.id };
    const duplicate = unwrap(replayPayment(product, [disbursement], sameId, plainDate("2025-08-01")));
    expect(duplicate.payoffBefore).toEqual(
      unwrap(quotePayoffAfter(product, [disbursement], plainDate("2025-08-01"))),
    );
    expect(duplicate.after.ok ? "ok" : duplicate.after.code).toBe("event_ids_must_be_unique");
  });
});

describe("allocatePayment", () => {
  const partsArbitrary = fc.record({
    penaltyMinor: fc.bigInt(0n, 10_000n),
    feeMinor: fc.bigInt(0n, 10_000n),
    interestMinor: fc.bigInt(0n, 10_000n),
    principalMinor: fc.bigInt(0n, 10_000n),
  });

  it("never pays more than is due, and pays everything it can", () => {
    fc.assert(
      fc.property(
        fc.array(partsArbitrary, { maxLength: 8 }),
        fc.bigInt(0n, 100_000n),
        fc.constantFrom(...allocationOrders),
        (dues: OutstandingParts[], amount, order) => {
          const result = allocatePayment(amount, dues, order);
          let allocated = 0n;
          for (const part of result.allocations) {
            const due = dues[part.index] as OutstandingParts;
            for (const key of ["penaltyMinor", "feeMinor", "interestMinor", "principalMinor"] as const) {
              expect(part[key] >= 0n && part[key] <= due[key]).toBe(true);
              allocated += part[key];
            }
          }
          const totalDue = dues.reduce(
            (sum, d) => sum + d.penaltyMinor + d.feeMinor + d.interestMinor + d.principalMinor,
            0n,
          );
          expect(allocated + result.unallocatedMinor).toBe(amount);
          expect(allocated).toBe(minBigint(amount, totalDue));
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    [
      "penalties_fees_interest_principal",
      { penaltyMinor: 10n, feeMinor: 20n, interestMinor: 30n, principalMinor: 0n },
    ],
    [
      "interest_principal_penalties_fees",
      { penaltyMinor: 0n, feeMinor: 0n, interestMinor: 40n, principalMinor: 20n },
    ],
    [
      "principal_interest_penalties_fees",
      { penaltyMinor: 0n, feeMinor: 0n, interestMinor: 0n, principalMinor: 60n },
    ],
  ] as const)("pays in the order %s", (order, expected) => {
    const due = { penaltyMinor: 10n, feeMinor: 20n, interestMinor: 40n, principalMinor: 100n };
    const result = allocatePayment(60n, [due, due], order);
    expect(result.allocations).toEqual([{ index: 0, ...expected }]);
  });
});
