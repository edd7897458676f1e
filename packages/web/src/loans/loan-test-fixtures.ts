/** A loan, its product and an application preview as the server answers them, for the loan screens' tests. */
import type { LoanDetail, LoanPreview, LoanProduct, LoanSummary } from "./loans-api";

export const loanId = "0190a000-0000-7000-8000-0000000010a1";
export const productId = "0190a000-0000-7000-8000-0000000010b1";
export const personId = "0190a000-0000-7000-8000-0000000010c1";
export const officerId = "0190a000-0000-7000-8000-0000000010d1";

export const product: LoanProduct = {
  id: productId,
  code: "BEREKE",
  names: { kk: "Береке", ru: "Береке", en: "Bereke" },
  clientKind: "individual",
  loanKind: "mfo_microloan",
  currency: "KZT",
  active: true,
  version: 1,
  settings: {
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
  },
};

export const summary: LoanSummary = {
  id: loanId,
  number: 7,
  status: "active",
  productId,
  productCode: "BEREKE",
  borrowerName: "Akhmetova Gulnar",
  personId,
  groupId: null,
  principalMinor: "10000000",
  principalOutstandingMinor: "6000000",
  overdueMinor: "950000",
  daysPastDue: 12,
  disbursedOn: "2026-01-15",
  appliedAt: "2026-01-10T09:00:00Z",
};

export function buildLoan(overrides: Partial<LoanDetail> = {}): LoanDetail {
  return {
    ...summary,
    productVersion: 1,
    clientKind: "individual",
    installments: 2,
    expectedDisbursementOn: "2026-01-15",
    purpose: "A cow",
    monthlyIncomeMinor: "30000000",
    monthlyExpensesMinor: "10000000",
    monthlyPaymentMinor: "5150000",
    debtBurdenPercent: "17.17",
    gesvPercent: "34.5",
    appliedBy: officerId,
    decidedBy: null,
    decisionComment: null,
    asOf: "2026-03-01",
    schedule: [
      {
        number: 1,
        dueOn: "2026-02-15",
        principalMinor: "4900000",
        interestMinor: "250000",
        feeMinor: "0",
        penaltyMinor: "0",
        totalDueMinor: "5150000",
        paidMinor: "5150000",
        outstandingMinor: "0",
      },
      {
        number: 2,
        dueOn: "2026-03-15",
        principalMinor: "5100000",
        interestMinor: "50000",
        feeMinor: "0",
        penaltyMinor: "0",
        totalDueMinor: "5150000",
        paidMinor: "0",
        outstandingMinor: "5150000",
      },
    ],
    totals: { paidMinor: "5150000", overpaidMinor: "0", totalOwedMinor: "5120000" },
    events: [
      {
        id: "0190a000-0000-7000-8000-0000000010e1",
        kind: "disbursement",
        valueDate: "2026-01-15",
        amountMinor: "10000000",
        details: { channel: "cash" },
        reason: null,
        entryId: null,
        reversed: false,
        createdAt: "2026-01-15T10:00:00Z",
      },
      {
        id: "0190a000-0000-7000-8000-0000000010e2",
        kind: "repayment",
        valueDate: "2026-02-15",
        amountMinor: "5150000",
        details: { channel: "bank" },
        reason: null,
        entryId: null,
        reversed: false,
        createdAt: "2026-02-15T10:00:00Z",
      },
    ],
    tranches: [],
    version: 3,
    ...overrides,
  };
}

export const preview: LoanPreview = {
  gesvPercent: "34.5",
  monthlyPaymentMinor: "5150000",
  debtBurdenPercent: "17.17",
  debtBurdenMaxPercent: 50,
  schedule: [
    {
      number: 1,
      dueOn: "2026-02-15",
      principalMinor: "4900000",
      interestMinor: "250000",
      feeMinor: "0",
      totalDueMinor: "5150000",
    },
  ],
  totals: { principalMinor: "10000000", interestMinor: "300000", feeMinor: "0", totalDueMinor: "10300000" },
};

/** The loan page's panels with nothing to show: no guarantee, no request to change the terms. */
export const loanPanels = {
  [`GET /api/v1/loans/${loanId}/guarantees`]: () =>
    new Response(JSON.stringify({ guarantors: [], guaranteedLoans: [] }), {
      headers: { "Content-Type": "application/json" },
    }),
  [`GET /api/v1/loans/${loanId}/term-change-requests`]: () =>
    new Response(JSON.stringify({ items: [] }), { headers: { "Content-Type": "application/json" } }),
};
