import { describe, expect, it } from "vitest";
import { addDays, plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import { kazakhstanCaps } from "./caps";
import { type LoanServicingTerms, loanAccrualsAsOf } from "./events";
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
