/** Requests and responses of self-help groups, their bylaws, members and meetings. */
import {
  attendanceStatuses,
  fineKinds,
  installmentStatuses,
  meetingFrequencies,
  methodologies,
  movementKinds,
  shareOutLoanSettlements,
} from "@moldir/domain";
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";
import { personSummarySchema } from "./people";

export const bylawsSchema = z.strictObject({
  methodology: z.enum(methodologies),
  savingsPerMeetingMinor: amountMinorSchema,
  sharePriceMinor: amountMinorSchema,
  maxSharesPerMeeting: z.number().int().min(0).max(5),
  socialFundPerMeetingMinor: amountMinorSchema,
  loanRateBpsPerMonth: z
    .number()
    .int()
    .min(0)
    .max(1000)
    .describe("Flat service charge per month, in basis points"),
  loanTermMonthsMax: z.number().int().min(1).max(36),
  loanMaxMultipleOfSavings: z.number().int().min(0).max(10),
  fines: z.strictObject(
    Object.fromEntries(fineKinds.map((k) => [k, amountMinorSchema])) as Record<
      (typeof fineKinds)[number],
      typeof amountMinorSchema
    >,
  ),
});

export const createGroupRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  methodology: z.enum(methodologies),
  regionId: z.string().nullable().optional(),
  village: z.string().max(200).nullable().optional(),
  meetingPlace: z.string().max(200).nullable().optional(),
  frequency: z.enum(["weekly", "fortnightly", "monthly"]),
  meetingDay: z.number().int().min(1).max(31).nullable().optional(),
  facilitatorUserId: uuidSchema.nullable().optional(),
  bankAccount: z.string().max(64).nullable().optional(),
  officeId: uuidSchema.nullable().optional().describe("The office that serves the group"),
  formedOn: plainDateSchema,
  bylaws: bylawsSchema,
});

export const groupMemberSchema = z.object({
  id: uuidSchema,
  person: personSummarySchema,
  joinedOn: plainDateSchema,
  leftOn: plainDateSchema.nullable(),
  savingsMinor: amountMinorSchema,
  shares: z.number().int(),
  loansOutstandingMinor: amountMinorSchema,
});

export const groupSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  methodology: z.enum(methodologies),
  stage: z.string(),
  regionId: z.string().nullable(),
  village: z.string().nullable(),
  meetingPlace: z.string().nullable(),
  frequency: z.string(),
  meetingDay: z.number().int().nullable(),
  facilitatorUserId: uuidSchema.nullable(),
  bankAccount: z.string().nullable(),
  officeId: uuidSchema.nullable(),
  bookId: uuidSchema,
  formedOn: plainDateSchema,
  version: z.number().int(),
  bylaws: bylawsSchema.extend({ effectiveFrom: plainDateSchema }),
  cashMinor: amountMinorSchema,
  socialFundMinor: amountMinorSchema,
  loansOutstandingMinor: amountMinorSchema,
  lastMeetingOn: plainDateSchema.nullable(),
  members: z.array(groupMemberSchema),
});

export const groupSummarySchema = groupSchema
  .omit({ members: true, bylaws: true })
  .extend({ memberCount: z.number().int() });

export const setBylawsRequestSchema = z.strictObject({
  effectiveFrom: plainDateSchema,
  bylaws: bylawsSchema,
});
export const addGroupMemberRequestSchema = z.strictObject({
  personId: uuidSchema,
  joinedOn: plainDateSchema,
});

export const recordMeetingRequestSchema = z.strictObject({
  id: uuidSchema.describe("Made by the client (UUIDv7); the same command sent twice is applied once"),
  heldOn: plainDateSchema,
  attendance: z.array(z.strictObject({ memberId: uuidSchema, status: z.enum(attendanceStatuses) })).max(100),
  savings: z
    .array(
      z.strictObject({
        memberId: uuidSchema,
        amountMinor: amountMinorSchema,
        note: z.string().max(500).nullable().optional(),
      }),
    )
    .max(100)
    .default([]),
  shares: z
    .array(z.strictObject({ memberId: uuidSchema, shares: z.number().int() }))
    .max(100)
    .default([]),
  socialFund: z
    .array(
      z.strictObject({
        memberId: uuidSchema,
        amountMinor: amountMinorSchema,
        note: z.string().trim().max(200).optional().describe("Why the contribution differs from the bylaws"),
      }),
    )
    .max(100)
    .default([]),
  loansDisbursed: z
    .array(
      z.strictObject({
        loanId: uuidSchema,
        memberId: uuidSchema,
        principalMinor: amountMinorSchema,
        termMonths: z.number().int(),
      }),
    )
    .max(100)
    .default([]),
  fundRepayments: z
    .array(
      z.strictObject({
        fundLoanId: uuidSchema,
        principalMinor: amountMinorSchema,
        interestMinor: amountMinorSchema,
      }),
    )
    .max(20)
    .default([])
    .describe("The group repays its federation's community fund loans from the meeting's cash"),
  repayments: z
    .array(
      z.strictObject({
        loanId: uuidSchema,
        principalMinor: amountMinorSchema,
        interestMinor: amountMinorSchema,
      }),
    )
    .max(200)
    .default([]),
  fines: z
    .array(
      z.strictObject({
        memberId: uuidSchema,
        kind: z.enum(fineKinds),
        amountMinor: amountMinorSchema,
        note: z.string().trim().max(200).optional().describe("Why the fine differs from the bylaws"),
      }),
    )
    .max(200)
    .default([]),
  otherIncome: z
    .array(z.strictObject({ description: z.string().trim().min(1).max(200), amountMinor: amountMinorSchema }))
    .max(50)
    .default([]),
  expenses: z
    .array(z.strictObject({ description: z.string().trim().min(1).max(200), amountMinor: amountMinorSchema }))
    .max(50)
    .default([]),
  exits: z
    .array(z.strictObject({ memberId: uuidSchema }))
    .max(100)
    .default([])
    .describe("Members who leave at this meeting"),
  cashCountedMinor: amountMinorSchema,
  cashDifferenceExplanation: z.string().max(1000).nullable().optional(),
  decisions: z.string().max(5000).nullable().optional(),
  minutes: z.string().max(10000).nullable().optional(),
});

export const meetingKinds = ["meeting", "share_out", "opening"] as const;

export const meetingSchema = z.object({
  id: uuidSchema,
  kind: z.enum(meetingKinds),
  groupId: uuidSchema,
  heldOn: plainDateSchema,
  entryId: uuidSchema.nullable(),
  cashComputedMinor: amountMinorSchema,
  cashCountedMinor: amountMinorSchema,
  cashDifferenceMinor: amountMinorSchema,
  cashDifferenceExplanation: z.string().nullable(),
  recordedAt: z.string(),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
  attendance: z.array(z.object({ memberId: uuidSchema, status: z.enum(attendanceStatuses) })),
  movements: z.array(
    z.object({
      memberId: uuidSchema,
      kind: z.enum(movementKinds),
      amountMinor: amountMinorSchema,
      loanId: uuidSchema.nullable(),
      shares: z.number().int().nullable(),
    }),
  ),
});

/** An internal loan with its schedule (the loan engine's, from the bylaws) and where it stands on a date. */
export const internalLoanSchema = z.object({
  loanId: uuidSchema,
  memberId: uuidSchema,
  meetingId: uuidSchema.describe("The meeting that gave it, or the opening balances that brought it in"),
  disbursedOn: plainDateSchema,
  carriedOverOn: plainDateSchema.nullable().describe("The cut-off of a loan carried over from paper books"),
  principalMinor: amountMinorSchema,
  termMonths: z.number().int(),
  rateBpsPerMonth: z.number().int(),
  repaymentFrequency: z.enum(meetingFrequencies),
  schedule: z.array(
    z.object({
      number: z.number().int(),
      dueOn: plainDateSchema,
      principalMinor: amountMinorSchema,
      interestMinor: amountMinorSchema,
      principalPaidMinor: amountMinorSchema,
      interestPaidMinor: amountMinorSchema,
      status: z.enum(installmentStatuses),
    }),
  ),
  principalPaidMinor: amountMinorSchema,
  interestPaidMinor: amountMinorSchema,
  writtenOffMinor: amountMinorSchema,
  outstandingMinor: amountMinorSchema,
  overdueMinor: amountMinorSchema,
  overduePrincipalMinor: amountMinorSchema,
  overdueInterestMinor: amountMinorSchema,
  daysLate: z.number().int(),
  isSettled: z.boolean(),
});

export const internalLoansQuerySchema = z.strictObject({
  asOf: plainDateSchema.optional().describe("Arrears as of this date; today by default"),
  memberId: uuidSchema.optional(),
  status: z.enum(["open", "all"]).default("open").describe("open: loans not settled on the date"),
});

export const internalLoansResponseSchema = z.object({
  asOf: plainDateSchema,
  items: z.array(internalLoanSchema),
  arrears: z
    .array(
      z.object({
        memberId: uuidSchema,
        overdueMinor: amountMinorSchema,
        daysLate: z.number().int(),
        loanIds: z.array(uuidSchema),
      }),
    )
    .describe("Members with something overdue on the date, the longest late first"),
});

export type InternalLoan = z.infer<typeof internalLoanSchema>;
export type InternalLoansResponse = z.infer<typeof internalLoansResponseSchema>;

/** The group's open community fund loans from its federation, as the meeting screen offers them for repayment. */
export const groupFundLoansResponseSchema = z.object({
  asOf: plainDateSchema,
  items: z.array(
    z.object({
      id: uuidSchema,
      fund: z.enum(["cif", "rf"]),
      nodeName: z.string(),
      disbursedOn: plainDateSchema,
      principalMinor: amountMinorSchema,
      outstandingMinor: amountMinorSchema,
      arrearsMinor: amountMinorSchema.describe("Principal due by the date and not repaid"),
      interestArrearsMinor: amountMinorSchema,
      daysPastDue: z.number().int(),
      nextDue: z
        .object({
          dueOn: plainDateSchema,
          principalMinor: amountMinorSchema,
          interestMinor: amountMinorSchema,
        })
        .nullable()
        .describe("The first installment due after the date"),
    }),
  ),
});

export type GroupFundLoans = z.infer<typeof groupFundLoansResponseSchema>;

export const passbookSchema = z.object({
  memberId: uuidSchema,
  person: personSummarySchema,
  lines: z.array(
    z.object({
      meetingId: uuidSchema,
      heldOn: plainDateSchema,
      kind: z.enum(movementKinds),
      amountMinor: amountMinorSchema,
      loanId: uuidSchema.nullable(),
      shares: z.number().int().nullable(),
      savingsBalanceMinor: amountMinorSchema,
      loanBalanceMinor: amountMinorSchema,
    }),
  ),
  savingsMinor: amountMinorSchema,
  shares: z.number().int(),
  loansOutstandingMinor: amountMinorSchema,
  socialFundPaidMinor: amountMinorSchema,
  finesPaidMinor: amountMinorSchema,
  internalLoans: z.array(internalLoanSchema).describe("Her internal loans with their schedules, as of today"),
});

export const shareOutSchema = z.object({
  distributableMinor: amountMinorSchema,
  totalShares: z.number().int(),
  valuePerShareMinor: amountMinorSchema,
  payouts: z.array(
    z.object({ memberId: uuidSchema, shares: z.number().int(), payoutMinor: amountMinorSchema }),
  ),
});

export type Group = z.infer<typeof groupSchema>;
export type GroupSummary = z.infer<typeof groupSummarySchema>;
export type RecordMeetingRequest = z.infer<typeof recordMeetingRequestSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type Passbook = z.infer<typeof passbookSchema>;

export const gradeSchema = z.object({
  asOf: plainDateSchema,
  rating: z.number(),
  grade: z.enum(["A", "B", "C"]),
  scores: z.array(
    z.object({
      principle: z.enum([
        "regularMeetings",
        "regularSavings",
        "regularLending",
        "timelyRepayment",
        "upToDateBooks",
      ]),
      points: z.number(),
      maxPoints: z.number(),
      why: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
});

export const groupGradeResponseSchema = z.object({ current: gradeSchema, history: z.array(gradeSchema) });

export const officerRoles = ["leader", "bookkeeper", "cashier"] as const;

export const appointGroupOfficerRequestSchema = z.strictObject({
  role: z.enum(officerRoles),
  memberId: uuidSchema.describe("The member (group_members id) who takes the role"),
  fromOn: plainDateSchema,
});

export const endGroupOfficerTermRequestSchema = z.strictObject({ toOn: plainDateSchema });

const officerTermSchema = z.object({
  id: uuidSchema,
  role: z.enum(officerRoles),
  memberId: uuidSchema,
  name: z.string(),
  fromOn: plainDateSchema,
  toOn: plainDateSchema.nullable(),
});

export const groupOfficersResponseSchema = z.object({
  asOf: plainDateSchema,
  current: z.array(officerTermSchema).describe("Who holds each role on the date"),
  terms: z.array(officerTermSchema).describe("Every term, newest first"),
});
export type GroupOfficers = z.infer<typeof groupOfficersResponseSchema>;

export const groupGradesResponseSchema = z.object({
  asOf: plainDateSchema,
  items: z.array(z.object({ groupId: uuidSchema, grade: z.enum(["A", "B", "C"]), rating: z.number() })),
});

export const groupMetricsSchema = z.object({
  asOf: plainDateSchema,
  attendanceRate: z.number(),
  savingsPerMemberMinor: amountMinorSchema,
  loanFundUtilization: z.number(),
  portfolioAtRisk: z.number(),
  writeOffRatio: z.number(),
  membersWithLoanShare: z.number(),
  averageLoanSizeMinor: amountMinorSchema,
  dropOutRate: z.number(),
  annualizedReturnOnSavings: z.number(),
  annualizedReturnOnAssets: z.number(),
  shareOutValuePerShareMinor: amountMinorSchema,
});

export type Grade = z.infer<typeof gradeSchema>;
export type GroupGrades = z.infer<typeof groupGradesResponseSchema>;
export type GroupMetrics = z.infer<typeof groupMetricsSchema>;

export const shareOutRequestSchema = z.strictObject({
  id: uuidSchema.describe("Made by the client; the same share-out sent twice is applied once"),
  heldOn: plainDateSchema,
  cycleNumber: z
    .number()
    .int()
    .min(1)
    .describe("The cycle this share-out ends: a second share-out is refused"),
  cashCountedMinor: amountMinorSchema,
  loans: z
    .array(z.strictObject({ loanId: uuidSchema, settlement: z.enum(shareOutLoanSettlements) }))
    .max(200)
    .default([])
    .describe("Every loan still outstanding: deducted from the borrower's payout or written off"),
  reinvestments: z
    .array(z.strictObject({ memberId: uuidSchema, shares: z.number().int().min(0).max(10_000) }))
    .max(100)
    .default([])
    .describe("Shares of the next cycle each member buys from her payout"),
  minutes: z.string().max(10000).nullable().optional(),
});

export const shareOutPayoutSchema = z.object({
  memberId: uuidSchema,
  shares: z.number().int(),
  savingsMinor: amountMinorSchema,
  payoutMinor: amountMinorSchema,
  loansDeductedMinor: amountMinorSchema,
  reinvestedShares: z.number().int(),
  reinvestedMinor: amountMinorSchema,
  cashPaidMinor: amountMinorSchema,
});

export const shareOutResultSchema = z.object({
  id: uuidSchema,
  groupId: uuidSchema,
  heldOn: plainDateSchema,
  cycleNumber: z.number().int(),
  entryId: uuidSchema.nullable(),
  distributableMinor: amountMinorSchema,
  totalShares: z.number().int(),
  valuePerShareMinor: amountMinorSchema,
  writtenOffMinor: amountMinorSchema,
  cashAfterMinor: amountMinorSchema,
  nextSharePriceMinor: amountMinorSchema,
  payouts: z.array(shareOutPayoutSchema),
});

export const groupCycleSchema = z.object({
  number: z.number().int(),
  startedOn: plainDateSchema,
  endedOn: plainDateSchema.nullable(),
  shareOut: shareOutResultSchema.nullable(),
});

export const groupCyclesResponseSchema = z.object({
  current: groupCycleSchema,
  cashMinor: amountMinorSchema,
  socialFundMinor: amountMinorSchema,
  outstandingLoans: z.array(
    z.object({ loanId: uuidSchema, memberId: uuidSchema, outstandingMinor: amountMinorSchema }),
  ),
  closed: z.array(groupCycleSchema),
});

export const openingBalancesRequestSchema = z.strictObject({
  id: uuidSchema.describe("Made by the client; the same opening sent twice is applied once"),
  asOf: plainDateSchema.describe("The cut-off date of the paper books"),
  cashMinor: amountMinorSchema,
  socialFundMinor: amountMinorSchema,
  members: z
    .array(
      z.strictObject({
        memberId: uuidSchema,
        savingsMinor: amountMinorSchema.default("0").describe("SHG: her savings"),
        shares: z.number().int().min(0).max(100_000).default(0).describe("VSLA: her shares this cycle"),
      }),
    )
    .max(100),
  loans: z
    .array(
      z.strictObject({
        loanId: uuidSchema,
        memberId: uuidSchema,
        outstandingMinor: amountMinorSchema,
        termMonths: z.number().int().min(1).max(36),
        disbursedOn: plainDateSchema,
      }),
    )
    .max(200)
    .default([]),
});

export type ShareOutRequest = z.infer<typeof shareOutRequestSchema>;
export type ShareOutResult = z.infer<typeof shareOutResultSchema>;
export type GroupCycles = z.infer<typeof groupCyclesResponseSchema>;
export type OpeningBalancesRequest = z.infer<typeof openingBalancesRequestSchema>;

export const gradingRubricSchema = z.strictObject({
  windowMonths: z.number().int().min(1).max(24).describe("Months of records looked at"),
  weights: z.strictObject({
    regularMeetings: z.number().int().min(0).max(100),
    regularSavings: z.number().int().min(0).max(100),
    regularLending: z.number().int().min(0).max(100),
    timelyRepayment: z.number().int().min(0).max(100),
    upToDateBooks: z.number().int().min(0).max(100),
  }),
  lendingUtilizationTarget: z.number().gt(0).max(1).describe("Loan fund use that earns full lending points"),
  gradeA: z.number().min(0).max(100).describe("A above this rating"),
  gradeB: z.number().min(0).max(100).describe("B at or above this rating"),
});

export const setGradingRubricRequestSchema = z.strictObject({
  effectiveFrom: plainDateSchema,
  rubric: gradingRubricSchema,
});

export const gradingRubricsResponseSchema = z.object({
  current: gradingRubricSchema.extend({ effectiveFrom: plainDateSchema.nullable() }),
  versions: z.array(gradingRubricSchema.extend({ effectiveFrom: plainDateSchema })),
});

export type GradingRubricVersions = z.infer<typeof gradingRubricsResponseSchema>;
