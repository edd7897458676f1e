/**
 * Micro-credit operations on the wire: loan products, applications, decisions, disbursements, repayments
 * and reversals (issue 8). Amounts are decimal strings of minor units, dates `YYYY-MM-DD`, rates decimal
 * strings in percent.
 */
import {
  allocationOrders,
  amortizations,
  daysInMonthBases,
  daysInYearBases,
  interestCalculationPeriods,
  interestMethods,
  interestRatePers,
  repaymentFrequencies,
  roundingModes,
} from "@moldir/domain";
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";

const percentSchema = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, "a percent with a dot, e.g. 2.5")
  .describe('A percent as a decimal string with a dot ("2.5")');
const positiveAmountSchema = amountMinorSchema.regex(/^[1-9]\d{0,18}$/, "a positive amount");
const textSchema = (max: number) => z.string().trim().min(1).max(max);

export const loanClientKinds = ["individual", "joint_liability", "shg"] as const;
export const cappedLoanKinds = [
  "mfo_microloan",
  "bank_loan",
  "federation_loan",
  "group_internal_loan",
] as const;

export const loanProductFeeSchema = z.union([
  z.object({ kind: z.literal("upfront"), amountMinor: amountMinorSchema }).strict(),
  z.object({ kind: z.literal("upfront"), percent: percentSchema }).strict(),
  z.object({ kind: z.literal("per_installment"), amountMinor: amountMinorSchema }).strict(),
]);

/** Every setting of a product version. */
export const loanProductSettingsSchema = z
  .object({
    minPrincipalMinor: positiveAmountSchema,
    maxPrincipalMinor: positiveAmountSchema,
    minInstallments: z.number().int().min(1).max(600),
    maxInstallments: z.number().int().min(1).max(600),
    repaymentEvery: z.number().int().min(1).max(366),
    repaymentFrequency: z.enum(repaymentFrequencies),
    interestRatePercent: percentSchema,
    interestRatePer: z.enum(interestRatePers),
    interestMethod: z.enum(interestMethods),
    amortization: z.enum(amortizations),
    interestCalculationPeriod: z.enum(interestCalculationPeriods),
    daysInYear: z.enum(daysInYearBases),
    daysInMonth: z.enum(daysInMonthBases),
    roundingMode: z.enum(roundingModes),
    amountMultipleMinor: positiveAmountSchema,
    installmentMultipleMinor: positiveAmountSchema.nullable(),
    graceOnPrincipalPeriods: z.number().int().min(0).max(600),
    graceOnInterestPaymentPeriods: z.number().int().min(0).max(600),
    interestFreePeriods: z.number().int().min(0).max(600),
    fees: z.array(loanProductFeeSchema).max(10),
    penaltyPercentPerDay: percentSchema,
    allocationOrder: z.enum(allocationOrders),
    payoffInterest: z.enum(["till_payoff_date", "whole_period"]),
    interestRecalculation: z.boolean(),
  })
  .strict();
export type LoanProductSettingsJson = z.infer<typeof loanProductSettingsSchema>;

const namesSchema = z.object({ kk: textSchema(120), ru: textSchema(120), en: textSchema(120) }).strict();

export const createLoanProductRequestSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,20}$/, "letters, digits and dashes"),
    names: namesSchema,
    clientKind: z.enum(loanClientKinds),
    loanKind: z.enum(cappedLoanKinds),
    settings: loanProductSettingsSchema,
  })
  .strict();

export const changeLoanProductRequestSchema = z
  .object({ version: z.number().int().min(1), settings: loanProductSettingsSchema })
  .strict();

export const loanProductSchema = z.object({
  id: uuidSchema,
  code: z.string(),
  names: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
  clientKind: z.enum(loanClientKinds),
  loanKind: z.enum(cappedLoanKinds),
  currency: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  settings: loanProductSettingsSchema,
});
export type LoanProduct = z.infer<typeof loanProductSchema>;

export const loanProductVersionSchema = z.object({
  version: z.number().int(),
  settings: loanProductSettingsSchema,
  createdAt: z.string(),
  createdBy: uuidSchema,
  approvedBy: uuidSchema.nullable(),
});

export const loanApplicationRequestSchema = z
  .object({
    productId: uuidSchema,
    personId: uuidSchema.optional(),
    groupId: uuidSchema.optional(),
    principalMinor: positiveAmountSchema,
    installments: z.number().int().min(1).max(600),
    expectedDisbursementOn: plainDateSchema,
    firstRepaymentOn: plainDateSchema.nullable().optional(),
    purpose: textSchema(500),
    monthlyIncomeMinor: amountMinorSchema.regex(/^\d+$/, "not negative"),
    monthlyExpensesMinor: amountMinorSchema.regex(/^\d+$/, "not negative"),
    officeId: uuidSchema.optional(),
    /** Later disbursements of a multi-tranche loan, in date order; `principalMinor` is the whole loan. */
    tranches: z
      .array(z.object({ disbursedOn: plainDateSchema, amountMinor: positiveAmountSchema }).strict())
      .max(10)
      .optional(),
  })
  .strict();
export type LoanApplicationRequest = z.infer<typeof loanApplicationRequestSchema>;

export const loanStatuses = ["applied", "approved", "rejected", "active", "closed", "written_off"] as const;

export const scheduleRowSchema = z.object({
  number: z.number().int(),
  dueOn: plainDateSchema,
  principalMinor: amountMinorSchema,
  interestMinor: amountMinorSchema,
  feeMinor: amountMinorSchema,
  penaltyMinor: amountMinorSchema,
  totalDueMinor: amountMinorSchema,
  paidMinor: amountMinorSchema,
  outstandingMinor: amountMinorSchema,
});

export const loanEventSchema = z.object({
  id: uuidSchema,
  kind: z.enum([
    "disbursement",
    "repayment",
    "prepayment",
    "waiver",
    "reschedule",
    "write_off",
    "recovery",
    "reversal",
  ]),
  valueDate: plainDateSchema,
  amountMinor: amountMinorSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  entryId: uuidSchema.nullable(),
  reversed: z.boolean(),
  createdAt: z.string(),
});

export const loanSummarySchema = z.object({
  id: uuidSchema,
  number: z.number().int(),
  status: z.enum(loanStatuses),
  productId: uuidSchema,
  productCode: z.string(),
  borrowerName: z.string(),
  personId: uuidSchema.nullable(),
  groupId: uuidSchema.nullable(),
  principalMinor: amountMinorSchema,
  principalOutstandingMinor: amountMinorSchema,
  overdueMinor: amountMinorSchema,
  daysPastDue: z.number().int(),
  disbursedOn: plainDateSchema.nullable(),
  appliedAt: z.string(),
});
export type LoanSummary = z.infer<typeof loanSummarySchema>;

export const loanDetailSchema = loanSummarySchema.extend({
  productVersion: z.number().int(),
  clientKind: z.enum(loanClientKinds),
  installments: z.number().int(),
  expectedDisbursementOn: plainDateSchema,
  purpose: z.string(),
  monthlyIncomeMinor: amountMinorSchema,
  monthlyExpensesMinor: amountMinorSchema,
  monthlyPaymentMinor: amountMinorSchema,
  debtBurdenPercent: z.string(),
  gesvPercent: z.string(),
  appliedBy: uuidSchema,
  decidedBy: uuidSchema.nullable(),
  decisionComment: z.string().nullable(),
  asOf: plainDateSchema,
  schedule: z.array(scheduleRowSchema),
  totals: z.object({
    paidMinor: amountMinorSchema,
    overpaidMinor: amountMinorSchema,
    totalOwedMinor: amountMinorSchema,
  }),
  events: z.array(loanEventSchema),
  /** The tranches after the first, as planned, and whether each has been disbursed. */
  tranches: z.array(
    z.object({ disbursedOn: plainDateSchema, amountMinor: amountMinorSchema, disbursed: z.boolean() }),
  ),
  version: z.number().int(),
});
export type LoanDetail = z.infer<typeof loanDetailSchema>;

export const loanDecisionRequestSchema = z
  .object({ decision: z.enum(["approve", "reject"]), comment: textSchema(1000), version: z.number().int() })
  .strict();

export const loanDisbursementRequestSchema = z
  .object({ valueDate: plainDateSchema, channel: z.enum(["cash", "bank"]) })
  .strict();

export const loanRepaymentRequestSchema = z
  .object({
    valueDate: plainDateSchema,
    amountMinor: positiveAmountSchema,
    channel: z.enum(["cash", "bank"]),
    /** A prepayment re-amortizes what is left; a repayment pays what is due first. */
    kind: z.enum(["repayment", "prepayment"]).default("repayment"),
    strategy: z.enum(["reduce_term", "reduce_installment"]).optional(),
  })
  .strict();

export const loanEventReversalRequestSchema = z.object({ reason: textSchema(500) }).strict();

export const payoffQuoteSchema = z.object({
  on: plainDateSchema,
  dueMinor: amountMinorSchema,
  currentInterestMinor: amountMinorSchema,
  futurePrincipalMinor: amountMinorSchema,
  totalMinor: amountMinorSchema,
});

export const loanPreviewSchema = z.object({
  gesvPercent: z.string(),
  monthlyPaymentMinor: amountMinorSchema,
  debtBurdenPercent: z.string(),
  debtBurdenMaxPercent: z.number().int(),
  schedule: z.array(
    z.object({
      number: z.number().int(),
      dueOn: plainDateSchema,
      principalMinor: amountMinorSchema,
      interestMinor: amountMinorSchema,
      feeMinor: amountMinorSchema,
      totalDueMinor: amountMinorSchema,
    }),
  ),
  totals: z.object({
    principalMinor: amountMinorSchema,
    interestMinor: amountMinorSchema,
    feeMinor: amountMinorSchema,
    totalDueMinor: amountMinorSchema,
  }),
});

export const lendingRulesSchema = z.object({
  effectiveFrom: plainDateSchema,
  debtBurdenMaxPercent: z.number().int().min(1).max(100),
});

export const loanWriteOffRequestSchema = z
  .object({ valueDate: plainDateSchema, reason: textSchema(500) })
  .strict();

export const loanRecoveryRequestSchema = z
  .object({
    valueDate: plainDateSchema,
    amountMinor: positiveAmountSchema,
    channel: z.enum(["cash", "bank"]),
  })
  .strict();

/** New terms from a date: the principal not yet due re-amortized over a new number of installments. */
export const loanRescheduleRequestSchema = z
  .object({
    valueDate: plainDateSchema,
    installments: z.number().int().min(1).max(600),
    firstRepaymentOn: plainDateSchema.nullable().optional(),
    reason: textSchema(500),
  })
  .strict();

/** A collection sheet: the payments of a group or center meeting, recorded at once (all or none). */
export const collectionSheetRequestSchema = z
  .object({
    valueDate: plainDateSchema,
    channel: z.enum(["cash", "bank"]),
    items: z
      .array(z.object({ loanId: uuidSchema, amountMinor: positiveAmountSchema }).strict())
      .min(1)
      .max(200),
  })
  .strict();

export const collectionSheetRowSchema = z.object({
  loanId: uuidSchema,
  number: z.number().int(),
  borrowerName: z.string(),
  dueMinor: amountMinorSchema,
  payoffMinor: amountMinorSchema,
  principalOutstandingMinor: amountMinorSchema,
  daysPastDue: z.number().int(),
});

/** A member of the borrower's joint-liability group who guarantees her loan. */
export const loanGuaranteeRequestSchema = z
  .object({ groupId: uuidSchema, guarantorPersonId: uuidSchema })
  .strict();

/** Who guarantees a loan, and whose loans its borrower guarantees (and how they stand today). */
export const loanGuaranteesSchema = z.object({
  guarantors: z.array(
    z.object({
      id: uuidSchema,
      groupId: uuidSchema,
      groupName: z.string(),
      guarantorPersonId: uuidSchema,
      guarantorName: z.string(),
      createdAt: z.string(),
    }),
  ),
  guaranteedLoans: z.array(
    z.object({
      guaranteeId: uuidSchema,
      loanId: uuidSchema,
      number: z.number().int(),
      borrowerName: z.string(),
      status: z.enum(loanStatuses),
      daysPastDue: z.number().int(),
    }),
  ),
});

/** A borrower's request, received on a date, to change her loan's terms after a delay. */
export const termChangeRequestCreateSchema = z
  .object({ receivedOn: plainDateSchema, proposal: textSchema(1000) })
  .strict();

/** The decision on a request: approving it reschedules the loan with the terms given. */
export const termChangeDecisionSchema = z
  .object({
    decision: z.enum(["approve", "refuse"]),
    reason: textSchema(1000),
    version: z.number().int(),
    reschedule: z
      .object({
        valueDate: plainDateSchema,
        installments: z.number().int().min(1).max(600),
        firstRepaymentOn: plainDateSchema.nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const termChangeRequestSchema = z.object({
  id: uuidSchema,
  loanId: uuidSchema,
  receivedOn: plainDateSchema,
  delayStartedOn: plainDateSchema,
  windowEndsOn: plainDateSchema,
  answerDueOn: plainDateSchema,
  proposal: z.string(),
  status: z.enum(["pending", "approved", "refused"]),
  decisionReason: z.string().nullable(),
  decidedBy: uuidSchema.nullable(),
  decidedAt: z.string().nullable(),
  rescheduleEventId: uuidSchema.nullable(),
  /** Still waiting after the day the law gives the organization to answer. */
  answerOverdue: z.boolean(),
  version: z.number().int(),
});
export type TermChangeRequest = z.infer<typeof termChangeRequestSchema>;
export type LoanGuarantees = z.infer<typeof loanGuaranteesSchema>;
