import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import {
  arrearsByMember,
  type InternalLoanPayment,
  type InternalLoanTerms,
  internalLoanSchedule,
  internalLoanStatus,
  type MeetingFrequency,
  meetingPeriodsBetween,
} from "./internal-loan";

const loan = (overrides: Partial<InternalLoanTerms> = {}): InternalLoanTerms => ({
  principalMinor: 120_000n,
  disbursedOn: plainDate("2025-01-08"),
  termMonths: 3,
  rateBpsPerMonth: 200,
  frequency: "monthly",
  carriedOverOn: null,
  ...overrides,
});

const pay = (paidOn: string, principalMinor: bigint, interestMinor = 0n, writtenOffMinor = 0n) =>
  ({
    paidOn: plainDate(paidOn),
    principalMinor,
    interestMinor,
    writtenOffMinor,
  }) satisfies InternalLoanPayment;

describe("internal loan schedules from the bylaws", () => {
  it.each<[string, Partial<InternalLoanTerms>, number, string, string, bigint]>([
    // name, terms, installments, first due, last due, total service charge
    ["monthly meetings: one installment a month", {}, 3, "2025-02-08", "2025-04-08", 7_200n],
    ["weekly meetings: 13 in three months", { frequency: "weekly" }, 13, "2025-01-15", "2025-04-09", 7_202n],
    [
      "fortnightly meetings: 6 in three months",
      { frequency: "fortnightly" },
      6,
      "2025-01-22",
      "2025-04-02",
      6_648n,
    ],
    ["no service charge", { rateBpsPerMonth: 0 }, 3, "2025-02-08", "2025-04-08", 0n],
    ["one month, weekly", { termMonths: 1, frequency: "weekly" }, 4, "2025-01-15", "2025-02-05", 2_216n],
    [
      "carried over from paper books: from the cut-off to the original maturity",
      { disbursedOn: plainDate("2024-12-01"), termMonths: 6, carriedOverOn: plainDate("2025-03-01") },
      3,
      "2025-04-01",
      "2025-06-01",
      7_200n,
    ],
    [
      "carried over past its maturity: one installment after the cut-off",
      { disbursedOn: plainDate("2024-01-01"), termMonths: 2, carriedOverOn: plainDate("2025-03-01") },
      1,
      "2025-04-01",
      "2025-04-01",
      2_400n,
    ],
  ])("%s", (_name, overrides, count, firstDue, lastDue, interest) => {
    const installments = unwrap(internalLoanSchedule(loan(overrides)));
    expect(installments).toHaveLength(count);
    expect(installments[0]?.dueOn).toBe(firstDue);
    expect(installments.at(-1)?.dueOn).toBe(lastDue);
    expect(installments.reduce((s, i) => s + i.interestMinor, 0n)).toBe(interest);
    expect(installments.reduce((s, i) => s + i.principalMinor, 0n)).toBe(120_000n);
  });

  it("charges the flat monthly rate on the principal lent: 2 % of 1 200 ₸ is 24 ₸ a month", () => {
    const installments = unwrap(internalLoanSchedule(loan()));
    expect(installments.map((i) => [i.principalMinor, i.interestMinor])).toEqual([
      [40_000n, 2_400n],
      [40_000n, 2_400n],
      [40_000n, 2_400n],
    ]);
  });

  it("refuses terms the loan engine cannot schedule as not fitting the bylaws", () => {
    const refused = internalLoanSchedule(loan({ principalMinor: 0n }));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.code).toBe("loan_must_fit_bylaws");
  });

  it.each<[string, string, string, MeetingFrequency, number]>([
    ["three months of months, month ends clamped", "2025-01-31", "2025-04-30", "monthly", 3],
    ["less than one period still gives one", "2025-01-01", "2025-01-03", "weekly", 1],
    ["a year of fortnights", "2025-01-01", "2026-01-01", "fortnightly", 26],
    ["a year of weeks", "2025-01-01", "2026-01-01", "weekly", 52],
  ])("counts meeting periods: %s", (_name, from, to, frequency, expected) => {
    expect(meetingPeriodsBetween(plainDate(from), plainDate(to), frequency)).toBe(expected);
  });
});

describe("arrears of an internal loan as of a date", () => {
  const installments = unwrap(internalLoanSchedule(loan()));
  it.each<[string, InternalLoanPayment[], string, Record<string, unknown>, string[]]>([
    [
      "nothing due yet",
      [],
      "2025-02-07",
      { overdueMinor: 0n, daysLate: 0, outstandingMinor: 120_000n },
      ["not_due", "not_due", "not_due"],
    ],
    [
      "the first installment unpaid: late from its due date",
      [],
      "2025-02-18",
      { overdueMinor: 42_400n, overduePrincipalMinor: 40_000n, overdueInterestMinor: 2_400n, daysLate: 10 },
      ["overdue", "not_due", "not_due"],
    ],
    [
      "the first installment paid on time",
      [pay("2025-02-08", 40_000n, 2_400n)],
      "2025-02-18",
      { overdueMinor: 0n, daysLate: 0, outstandingMinor: 80_000n },
      ["paid", "not_due", "not_due"],
    ],
    [
      "principal paid but the service charge not: still late",
      [pay("2025-02-08", 40_000n)],
      "2025-02-18",
      { overdueMinor: 2_400n, overdueInterestMinor: 2_400n, daysLate: 10 },
      ["overdue", "not_due", "not_due"],
    ],
    [
      "a part paid: the rest of the oldest installment is late",
      [pay("2025-02-08", 30_000n, 2_400n)],
      "2025-03-10",
      { overdueMinor: 52_400n, daysLate: 30 },
      ["overdue", "overdue", "not_due"],
    ],
    [
      "a payment after the date does not count yet",
      [pay("2025-02-20", 40_000n, 2_400n)],
      "2025-02-18",
      { overdueMinor: 42_400n, principalPaidMinor: 0n },
      ["overdue", "not_due", "not_due"],
    ],
    [
      "paid ahead: a later installment partly covered",
      [pay("2025-02-08", 60_000n, 2_400n)],
      "2025-02-18",
      { overdueMinor: 0n, outstandingMinor: 60_000n },
      ["paid", "partly_paid", "not_due"],
    ],
    [
      "repaid early: the service charge of later months is not claimed",
      [pay("2025-02-08", 120_000n, 2_400n)],
      "2025-06-01",
      { overdueMinor: 0n, outstandingMinor: 0n, isSettled: true },
      ["paid", "paid", "paid"],
    ],
    [
      "written off at a share-out: settled, nothing overdue",
      [pay("2025-02-08", 40_000n, 2_400n), pay("2025-05-01", 0n, 0n, 80_000n)],
      "2025-06-01",
      { overdueMinor: 0n, outstandingMinor: 0n, writtenOffMinor: 80_000n, isSettled: true },
      ["paid", "paid", "paid"],
    ],
    [
      "all overdue after maturity",
      [],
      "2025-04-18",
      { overdueMinor: 127_200n, daysLate: 69 },
      ["overdue", "overdue", "overdue"],
    ],
  ])("%s", (_name, payments, asOf, expected, statuses) => {
    const status = internalLoanStatus(120_000n, installments, payments, plainDate(asOf));
    expect(status).toMatchObject(expected);
    expect(status.installments.map((i) => i.status)).toEqual(statuses);
  });

  it("sums arrears per member, the longest late first", () => {
    const late = internalLoanStatus(120_000n, installments, [], plainDate("2025-03-10"));
    const lessLate = internalLoanStatus(120_000n, installments, [], plainDate("2025-02-18"));
    const onTime = internalLoanStatus(120_000n, installments, [], plainDate("2025-02-01"));
    expect(
      arrearsByMember([
        { loanId: "l1", memberId: "b", status: lessLate },
        { loanId: "l2", memberId: "a", status: late },
        { loanId: "l3", memberId: "b", status: lessLate },
        { loanId: "l4", memberId: "c", status: onTime },
      ]),
    ).toEqual([
      { memberId: "a", overdueMinor: 84_800n, daysLate: 30, loanIds: ["l2"] },
      { memberId: "b", overdueMinor: 84_800n, daysLate: 10, loanIds: ["l1", "l3"] },
    ]);
  });

  it("never counts more overdue than the schedule asks, whatever was paid", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 120 }), fc.bigInt({ min: 0n, max: 50_000n })), {
          maxLength: 6,
        }),
        fc.integer({ min: 0, max: 150 }),
        (lines, asOfOffset) => {
          let left = 120_000n;
          const payments = lines.map(([day, amount]) => {
            const principal = amount < left ? amount : left;
            left -= principal;
            return pay(addDaysText("2025-01-08", day), principal, 1_000n);
          });
          const status = internalLoanStatus(
            120_000n,
            installments,
            payments,
            plainDate(addDaysText("2025-01-08", asOfOffset)),
          );
          const due = installments
            .filter((i) => i.dueOn <= addDaysText("2025-01-08", asOfOffset))
            .reduce((s, i) => s + i.principalMinor + i.interestMinor, 0n);
          expect(status.overdueMinor >= 0n && status.overdueMinor <= due).toBe(true);
          expect(status.outstandingMinor).toBe(120_000n - status.principalPaidMinor);
          if (status.overdueMinor === 0n) expect(status.daysLate).toBe(0);
        },
      ),
    );
  });
});

function addDaysText(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
