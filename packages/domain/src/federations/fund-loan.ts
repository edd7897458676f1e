/**
 * A community fund loan from a federation node to a group, and its repayments, seen from both sides. The node
 * lends from its fund (an asset: loans to groups) and the group owes it (a liability: loan from the federation);
 * every movement therefore posts one entry in each book, built here together so that the two cannot disagree:
 * the node's loans to a group always equal the group's loan from the federation.
 *
 * Terms are simple, as federations use them: equal monthly principal (the last installment takes the
 * remainder), a service charge per month on the balance outstanding at the start of the month, rounded half-even.
 * Arrears are the principal due by a date and not repaid; days past due count from the oldest such installment.
 */

import { assert } from "../assert";
import { addMonths, daysBetween, type PlainDate } from "../calendar/plain-date";
import type { PurposePosting } from "../groups/meeting";
import { divideRounded } from "../money/rounding";
import { err, ok, type Result } from "../result";
import type { Fund } from "./eligibility";

/** The postings of one movement in the node's book (chart `federation`) and in the group's (chart `shg`). */
export interface TwoBookPostings {
  readonly node: readonly PurposePosting[];
  readonly group: readonly PurposePosting[];
}

const loansPurpose = { cif: "cif_loans_to_groups", rf: "rf_loans_to_groups" } as const satisfies Record<
  Fund,
  string
>;

export function fundLoanPostings(fund: Fund, principalMinor: bigint): TwoBookPostings {
  assert(principalMinor > 0n, "a fund loan lends a positive amount");
  return {
    node: [
      { purpose: loansPurpose[fund], side: "debit", amountMinor: principalMinor },
      { purpose: "cash", side: "credit", amountMinor: principalMinor },
    ],
    group: [
      { purpose: "cash", side: "debit", amountMinor: principalMinor },
      { purpose: "federation_loan", side: "credit", amountMinor: principalMinor },
    ],
  };
}

export function fundRepaymentPostings(
  fund: Fund,
  principalMinor: bigint,
  interestMinor: bigint,
): TwoBookPostings {
  assert(principalMinor >= 0n && interestMinor >= 0n, "repayment parts are not negative");
  assert(principalMinor + interestMinor > 0n, "a repayment pays something");
  const total = principalMinor + interestMinor;
  const nonZero = (postings: PurposePosting[]) => postings.filter((p) => p.amountMinor > 0n);
  return {
    node: nonZero([
      { purpose: "cash", side: "debit", amountMinor: total },
      { purpose: loansPurpose[fund], side: "credit", amountMinor: principalMinor },
      { purpose: "interest_income", side: "credit", amountMinor: interestMinor },
    ]),
    group: nonZero([
      { purpose: "federation_loan", side: "debit", amountMinor: principalMinor },
      { purpose: "interest_expense", side: "debit", amountMinor: interestMinor },
      { purpose: "cash", side: "credit", amountMinor: total },
    ]),
  };
}

export function membershipFeePostings(amountMinor: bigint): TwoBookPostings {
  assert(amountMinor > 0n, "a fee is positive");
  return {
    node: [
      { purpose: "cash", side: "debit", amountMinor },
      { purpose: "member_fee_income", side: "credit", amountMinor },
    ],
    group: [
      { purpose: "other_expenses", side: "debit", amountMinor },
      { purpose: "cash", side: "credit", amountMinor },
    ],
  };
}

export interface FundInstallment {
  readonly number: number;
  readonly dueOn: PlainDate;
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
}

export function fundLoanSchedule(loan: FundLoanTerms): FundInstallment[] {
  assert(loan.termMonths >= 1 && loan.principalMinor > 0n, "a loan has a term and a principal");
  const n = BigInt(loan.termMonths);
  const part = loan.principalMinor / n;
  const installments: FundInstallment[] = [];
  let outstanding = loan.principalMinor;
  for (let k = 1; k <= loan.termMonths; k++) {
    const principal = k === loan.termMonths ? outstanding : part;
    const interest = divideRounded(outstanding * BigInt(loan.rateBpsPerMonth), 10_000n, "half_even");
    installments.push({
      number: k,
      dueOn: addMonths(loan.disbursedOn, k),
      principalMinor: principal,
      interestMinor: interest,
    });
    outstanding -= principal;
  }
  assert(outstanding === 0n, "the schedule repays the whole principal");
  return installments;
}

export interface FundLoanTerms {
  readonly principalMinor: bigint;
  readonly termMonths: number;
  readonly rateBpsPerMonth: number;
  readonly disbursedOn: PlainDate;
}

export interface FundLoanStatus {
  readonly outstandingMinor: bigint;
  readonly principalDueMinor: bigint;
  readonly interestDueMinor: bigint;
  /** Principal and service charge due by the date and not paid. */
  readonly arrearsMinor: bigint;
  readonly interestArrearsMinor: bigint;
  readonly daysPastDue: number;
}

export function fundLoanStatus(
  loan: FundLoanTerms,
  repayments: readonly {
    readonly paidOn: PlainDate;
    readonly principalMinor: bigint;
    readonly interestMinor: bigint;
  }[],
  asOf: PlainDate,
): FundLoanStatus {
  const paid = repayments.filter((r) => r.paidOn <= asOf);
  const principalPaid = paid.reduce((s, r) => s + r.principalMinor, 0n);
  const interestPaid = paid.reduce((s, r) => s + r.interestMinor, 0n);
  const due = fundLoanSchedule(loan).filter((i) => i.dueOn <= asOf);
  const principalDue = due.reduce((s, i) => s + i.principalMinor, 0n);
  const interestDue = due.reduce((s, i) => s + i.interestMinor, 0n);
  const arrears = principalDue > principalPaid ? principalDue - principalPaid : 0n;
  // The oldest installment not covered by what was paid.
  let covered = principalPaid;
  let oldestUnpaid: PlainDate | null = null;
  for (const installment of due) {
    if (covered >= installment.principalMinor) {
      covered -= installment.principalMinor;
      continue;
    }
    oldestUnpaid = installment.dueOn;
    break;
  }
  return {
    outstandingMinor: loan.principalMinor - principalPaid,
    principalDueMinor: principalDue,
    interestDueMinor: interestDue,
    arrearsMinor: arrears,
    interestArrearsMinor: interestDue > interestPaid ? interestDue - interestPaid : 0n,
    daysPastDue: oldestUnpaid === null ? 0 : daysBetween(oldestUnpaid, asOf),
  };
}

export type FundRepaymentError = "repayment_must_not_exceed_outstanding" | "repayment_must_pay_something";

export function checkFundRepayment(
  outstandingMinor: bigint,
  principalMinor: bigint,
  interestMinor: bigint,
): Result<true, FundRepaymentError> {
  if (principalMinor < 0n || interestMinor < 0n || principalMinor + interestMinor === 0n)
    return err("repayment_must_pay_something", { field: "principalMinor" });
  if (principalMinor > outstandingMinor)
    return err("repayment_must_not_exceed_outstanding", {
      field: "principalMinor",
      outstandingMinor: outstandingMinor.toString(),
    });
  return ok(true);
}

export type CreditPlanError = "credit_plan_must_add_up";

/** A group's credit plan: the lines (which member, how much, for what) must add up to the amount asked. */
export function checkCreditPlan(
  amountMinor: bigint,
  lines: readonly { readonly amountMinor: bigint }[],
): Result<true, CreditPlanError> {
  const total = lines.reduce((s, l) => s + l.amountMinor, 0n);
  if (lines.length === 0 || total !== amountMinor || lines.some((l) => l.amountMinor <= 0n))
    return err("credit_plan_must_add_up", { field: "plan", totalMinor: total.toString() });
  return ok(true);
}
