/**
 * An internal loan's schedule and its arrears. A group lends its members out of its own fund at the rate and
 * for at most the term of its bylaws, and the member repays at the group's meetings; so the schedule is the
 * loan engine's (`generateSchedule`) with the bylaws' terms: a flat service charge per month on the principal
 * lent (DOMAIN.md: SHGs charge a flat rate), equal installments rounded to whole tenge, one installment per
 * meeting (weekly, fortnightly or monthly) within the term.
 *
 * The number of installments is the number of meeting periods in the term, rounded to the nearest: 3 months
 * of weekly meetings is 13, of fortnightly meetings 6 (90 days / 14 = 6.4), of monthly meetings 3. The engine's
 * periodic rate for a week is the monthly rate × 12/52, so a weekly loan of 13 installments charges 3 months'
 * service charge.
 *
 * Repayments recorded at meetings are applied in due-date order: the principal repaid covers the installments'
 * principal, the service charge paid covers their service charge, each from the oldest installment on (as the
 * federation's fund loans are applied, `fundLoanStatus`). As of a date, an installment due on or before it and
 * not covered is overdue; the days late count from the oldest such installment. A loan brought in with the
 * opening balances (carried over from paper books) is scheduled from the cut-off to its original maturity.
 * The service charge is for the months the money is out: once the whole principal is repaid, the service charge
 * of installments due after that day is not claimed. Principal written off at a share-out settles the loan:
 * nothing of it is overdue afterwards.
 */
import { assert } from "../assert";
import { addMonths, daysBetween, type PlainDate } from "../calendar/plain-date";
import { makeRatio } from "../loans/ratio";
import { generateSchedule } from "../loans/schedule";
import { type ScheduleTerms, validateScheduleTerms } from "../loans/terms";
import { err, ok, type Result } from "../result";

export const meetingFrequencies = ["weekly", "fortnightly", "monthly"] as const;
/** How often a group meets, and so how often its members repay. */
export type MeetingFrequency = (typeof meetingFrequencies)[number];

/** An internal loan as the group's records hold it. */
export interface InternalLoanTerms {
  /** Lent at the meeting, or outstanding at the cut-off for a loan carried over from paper books. */
  readonly principalMinor: bigint;
  readonly disbursedOn: PlainDate;
  readonly termMonths: number;
  /** The bylaws' flat service charge, basis points of the principal per month. */
  readonly rateBpsPerMonth: number;
  readonly frequency: MeetingFrequency;
  /** The opening balances' cut-off, for a loan carried over from paper books; else null. */
  readonly carriedOverOn: PlainDate | null;
}

/** One installment of an internal loan. */
export interface InternalInstallment {
  readonly number: number;
  readonly dueOn: PlainDate;
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
}

/** A repayment (or a write-off) of the loan recorded at a meeting. */
export interface InternalLoanPayment {
  readonly paidOn: PlainDate;
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
  /** Principal written off at a share-out: it settles the loan but was not paid. */
  readonly writtenOffMinor: bigint;
}

export const installmentStatuses = ["paid", "partly_paid", "overdue", "not_due"] as const;
export type InstallmentStatus = (typeof installmentStatuses)[number];

/** An installment with what covered it as of a date. */
export interface InstallmentStatusLine extends InternalInstallment {
  readonly principalPaidMinor: bigint;
  readonly interestPaidMinor: bigint;
  readonly status: InstallmentStatus;
}

/** Where a loan stands on a date. */
export interface InternalLoanStatus {
  readonly installments: readonly InstallmentStatusLine[];
  readonly principalPaidMinor: bigint;
  readonly interestPaidMinor: bigint;
  readonly writtenOffMinor: bigint;
  /** Principal still owed (lent less repaid and written off). */
  readonly outstandingMinor: bigint;
  /** Principal and service charge due by the date and not paid. */
  readonly overdueMinor: bigint;
  readonly overduePrincipalMinor: bigint;
  readonly overdueInterestMinor: bigint;
  /** Days from the oldest installment due and not covered to the date; 0 when nothing is overdue. */
  readonly daysLate: number;
  readonly isSettled: boolean;
}

export type InternalLoanError = "loan_must_fit_bylaws";

const weeksPerMeeting: Readonly<Record<MeetingFrequency, number>> = { weekly: 1, fortnightly: 2, monthly: 0 };

/** Meeting periods from one date to another, rounded to the nearest, at least one. */
export function meetingPeriodsBetween(from: PlainDate, to: PlainDate, frequency: MeetingFrequency): number {
  if (frequency === "monthly") {
    let months = 0;
    // Bounded: bylaws allow terms of at most 36 months, far below this.
    while (months < 1_200 && addMonths(from, months + 1) <= to) months += 1;
    return Math.max(1, months);
  }
  const days = daysBetween(from, to);
  return Math.max(1, Math.round(days / (7 * weeksPerMeeting[frequency])));
}

/** The loan engine's terms of an internal loan. */
export function internalLoanScheduleTerms(loan: InternalLoanTerms): ScheduleTerms {
  const maturesOn = addMonths(loan.disbursedOn, loan.termMonths);
  const startsOn =
    loan.carriedOverOn !== null && loan.carriedOverOn > loan.disbursedOn
      ? loan.carriedOverOn
      : loan.disbursedOn;
  return {
    currency: "KZT",
    principalMinor: loan.principalMinor,
    disbursementOn: startsOn,
    firstRepaymentOn: null,
    installments: meetingPeriodsBetween(startsOn, maturesOn, loan.frequency),
    repaymentEvery: loan.frequency === "monthly" ? 1 : weeksPerMeeting[loan.frequency],
    repaymentFrequency: loan.frequency === "monthly" ? "months" : "weeks",
    interestRate: makeRatio(BigInt(loan.rateBpsPerMonth), 10_000n),
    interestRatePer: "month",
    interestMethod: "flat",
    amortization: "equal_installments",
    interestCalculationPeriod: "same_as_repayment_period",
    daysInYear: "365",
    daysInMonth: "actual",
    roundingMode: "half_even",
    amountMultipleMinor: 1n,
    // Installments in whole tenge, as a bookkeeper counts cash; the last one takes the remainder.
    installmentMultipleMinor: 100n,
    graceOnPrincipalPeriods: 0,
    graceOnInterestPaymentPeriods: 0,
    interestFreePeriods: 0,
    downPaymentPercent: null,
    fees: [],
    calendar: null,
    tranches: [],
  };
}

/** The installments of an internal loan, from the loan engine; terms the engine refuses do not fit bylaws. */
export function internalLoanSchedule(
  loan: InternalLoanTerms,
): Result<InternalInstallment[], InternalLoanError> {
  const terms = internalLoanScheduleTerms(loan);
  const valid = validateScheduleTerms(terms);
  if (!valid.ok) return err("loan_must_fit_bylaws", { field: "termMonths", engineCode: valid.code });
  const schedule = generateSchedule(valid.value);
  const installments = schedule.installments.map((i) => ({
    number: i.number,
    dueOn: i.dueOn,
    principalMinor: i.principalMinor,
    interestMinor: i.interestMinor,
  }));
  const principal = installments.reduce((s, i) => s + i.principalMinor, 0n);
  assert(principal === loan.principalMinor, "the schedule repays exactly the principal");
  return ok(installments);
}

function cover(due: bigint, available: bigint): [covered: bigint, left: bigint] {
  const covered = available < due ? available : due;
  return [covered, available - covered];
}

/** The day the last of the principal was repaid (or written off), or null while some is owed. */
function settlementDate(principalMinor: bigint, payments: readonly InternalLoanPayment[]): PlainDate | null {
  let settled = 0n;
  for (const payment of [...payments].sort((a, b) =>
    a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0,
  )) {
    settled += payment.principalMinor + payment.writtenOffMinor;
    if (settled >= principalMinor) return payment.paidOn;
  }
  return null;
}

/** Applies the payments made by `asOf` to the schedule and says what is overdue on that date. */
export function internalLoanStatus(
  principalMinor: bigint,
  installments: readonly InternalInstallment[],
  payments: readonly InternalLoanPayment[],
  asOf: PlainDate,
): InternalLoanStatus {
  assert(installments.length >= 1, "a loan has at least one installment");
  const made = payments.filter((p) => p.paidOn <= asOf);
  const principalPaid = made.reduce((s, p) => s + p.principalMinor, 0n);
  const interestPaid = made.reduce((s, p) => s + p.interestMinor, 0n);
  const writtenOff = made.reduce((s, p) => s + p.writtenOffMinor, 0n);
  const outstanding = principalMinor - principalPaid - writtenOff;
  assert(outstanding >= 0n, "no more principal is settled than was lent");
  const isWrittenOff = writtenOff > 0n && outstanding === 0n;
  const settledOn = settlementDate(principalMinor, made);
  let principalLeft = principalPaid + writtenOff;
  let interestLeft = interestPaid;
  let overduePrincipal = 0n;
  let overdueInterest = 0n;
  let oldestOverdue: PlainDate | null = null;
  const lines = installments.map((charged): InstallmentStatusLine => {
    const installment =
      settledOn !== null && charged.dueOn > settledOn ? { ...charged, interestMinor: 0n } : charged;
    const [principalCovered, principalRest] = cover(installment.principalMinor, principalLeft);
    const [interestCovered, interestRest] = cover(installment.interestMinor, interestLeft);
    principalLeft = principalRest;
    interestLeft = interestRest;
    const isCovered =
      isWrittenOff ||
      (principalCovered === installment.principalMinor && interestCovered === installment.interestMinor);
    const isDue = installment.dueOn <= asOf;
    if (isDue && !isCovered) {
      overduePrincipal += installment.principalMinor - principalCovered;
      overdueInterest += installment.interestMinor - interestCovered;
      oldestOverdue ??= installment.dueOn;
    }
    const status: InstallmentStatus = isCovered
      ? "paid"
      : isDue
        ? "overdue"
        : principalCovered + interestCovered > 0n
          ? "partly_paid"
          : "not_due";
    return {
      ...installment,
      principalPaidMinor: principalCovered,
      interestPaidMinor: interestCovered,
      status,
    };
  });
  const overdue = overduePrincipal + overdueInterest;
  return {
    installments: lines,
    principalPaidMinor: principalPaid,
    interestPaidMinor: interestPaid,
    writtenOffMinor: writtenOff,
    outstandingMinor: outstanding,
    overdueMinor: overdue,
    overduePrincipalMinor: overduePrincipal,
    overdueInterestMinor: overdueInterest,
    daysLate: oldestOverdue === null ? 0 : daysBetween(oldestOverdue, asOf),
    isSettled: outstanding === 0n && overdue === 0n,
  };
}

/** A member's arrears across her loans on a date. */
export interface MemberArrears {
  readonly memberId: string;
  readonly overdueMinor: bigint;
  readonly daysLate: number;
  readonly loanIds: readonly string[];
}

/** Members with something overdue, the longest late first (then the largest amount). */
export function arrearsByMember(
  loans: readonly {
    readonly loanId: string;
    readonly memberId: string;
    readonly status: InternalLoanStatus;
  }[],
): MemberArrears[] {
  const byMember = new Map<string, { overdueMinor: bigint; daysLate: number; loanIds: string[] }>();
  for (const loan of loans) {
    if (loan.status.overdueMinor === 0n) continue;
    const entry = byMember.get(loan.memberId) ?? { overdueMinor: 0n, daysLate: 0, loanIds: [] };
    entry.overdueMinor += loan.status.overdueMinor;
    entry.daysLate = Math.max(entry.daysLate, loan.status.daysLate);
    entry.loanIds.push(loan.loanId);
    byMember.set(loan.memberId, entry);
  }
  return [...byMember.entries()]
    .map(([memberId, entry]) => ({ memberId, ...entry }))
    .sort((a, b) =>
      b.daysLate !== a.daysLate
        ? b.daysLate - a.daysLate
        : b.overdueMinor > a.overdueMinor
          ? 1
          : b.overdueMinor < a.overdueMinor
            ? -1
            : a.memberId.localeCompare(b.memberId),
    );
}
