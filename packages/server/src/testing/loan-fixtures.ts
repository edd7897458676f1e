/** Loan products and running loans for tests. */
import type { Client } from "./fixtures";

/** "Bereke": 50,000–500,000 ₸ over 3–12 months at 2.5 % a month, whole tenge. */
export const berekeSettings = {
  minPrincipalMinor: "5000000",
  maxPrincipalMinor: "50000000",
  minInstallments: 3,
  maxInstallments: 12,
  repaymentEvery: 1,
  repaymentFrequency: "months",
  interestRatePercent: "2.5",
  interestRatePer: "month",
  interestMethod: "declining_balance",
  amortization: "equal_installments",
  interestCalculationPeriod: "same_as_repayment_period",
  daysInYear: "365",
  daysInMonth: "actual",
  roundingMode: "half_even",
  amountMultipleMinor: "100",
  installmentMultipleMinor: null,
  graceOnPrincipalPeriods: 0,
  graceOnInterestPaymentPeriods: 0,
  interestFreePeriods: 0,
  fees: [],
  penaltyPercentPerDay: "0.1",
  allocationOrder: "penalties_fees_interest_principal",
  payoffInterest: "till_payoff_date",
  interestRecalculation: false,
} as const;

/**
 * A running loan made as people make one: the officer applies (100,000 ₸ over 6 months from 2026-01-15
 * unless `application` says otherwise), the credit committee approves, the disburser pays it out on the
 * expected date in cash. Returns its id; any refusal on the way fails the test with the answer.
 */
export async function buildActiveLoan(
  clients: { readonly officer: Client; readonly committee: Client; readonly disburser: Client },
  application: Readonly<Record<string, unknown>>,
): Promise<string> {
  const payload = {
    principalMinor: "10000000",
    installments: 6,
    expectedDisbursementOn: "2026-01-15",
    purpose: "Бизнес",
    monthlyIncomeMinor: "50000000",
    monthlyExpensesMinor: "0",
    ...application,
  };
  const applied = await clients.officer.request({ method: "POST", url: "/api/v1/loans", payload });
  if (applied.statusCode !== 201) throw new Error(`application refused: ${applied.body}`);
  const loanId: string = applied.json().id;
  const approved = await clients.committee.request({
    method: "POST",
    url: `/api/v1/loans/${loanId}/decision`,
    payload: { decision: "approve", comment: "ok", version: 1 },
  });
  if (approved.statusCode !== 200) throw new Error(`approval refused: ${approved.body}`);
  const disbursed = await clients.disburser.request({
    method: "POST",
    url: `/api/v1/loans/${loanId}/disbursements`,
    payload: { valueDate: payload.expectedDisbursementOn, channel: "cash" },
  });
  if (disbursed.statusCode !== 200) throw new Error(`disbursement refused: ${disbursed.body}`);
  return loanId;
}
