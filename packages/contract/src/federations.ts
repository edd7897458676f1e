/** Requests and responses of federations: tiers of nodes, their groups, office bearers, community funds, roll-up. */

import { formationItems, formationStages, funds, gradeLetters } from "@moldir/domain";
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";
import { groupMetricsSchema } from "./groups";

export const federationLevels = ["village", "cluster", "regional"] as const;
export const officeBearerRoles = ["president", "secretary", "treasurer", "member"] as const;

export const createFederationNodeRequestSchema = z.strictObject({
  parentId: uuidSchema.nullable().optional().describe("The node above; none for a top node"),
  level: z.enum(federationLevels),
  name: z.string().trim().min(1).max(200),
  regionId: z.string().nullable().optional(),
  formedOn: plainDateSchema,
});

export const federationNodeSummarySchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  level: z.enum(federationLevels),
  name: z.string(),
  regionId: z.string().nullable(),
  formedOn: plainDateSchema,
  bookId: uuidSchema,
  groupCount: z.number().int().describe("Groups in the node now (not in the nodes below)"),
  version: z.number().int(),
});

export const nodeGroupSchema = z.object({
  id: uuidSchema,
  groupId: uuidSchema,
  groupName: z.string(),
  joinedOn: plainDateSchema,
  leftOn: plainDateSchema.nullable(),
});

export const officeBearerSchema = z.object({
  id: uuidSchema,
  personId: uuidSchema,
  name: z.string(),
  role: z.enum(officeBearerRoles),
  fromOn: plainDateSchema,
  untilOn: plainDateSchema.nullable(),
});

export const fundRulesSchema = z.strictObject({
  allowedGrades: z.array(z.enum(gradeLetters)).max(3),
  regularMonthsMin: z.number().int(),
  amountMaxMinor: amountMinorSchema,
  termMonthsMax: z.number().int(),
  rateBpsPerMonth: z.number().int().describe("Service charge on the balance, per month, in basis points"),
});

export const setFundRulesRequestSchema = z.strictObject({
  fund: z.enum(funds),
  effectiveFrom: plainDateSchema,
  rules: fundRulesSchema,
});

export const creditPlanLineSchema = z.strictObject({
  memberId: uuidSchema,
  amountMinor: amountMinorSchema,
  purpose: z.string().trim().min(1).max(200),
});

export const createFundApplicationRequestSchema = z.strictObject({
  groupId: uuidSchema,
  fund: z.enum(funds),
  appliedOn: plainDateSchema,
  amountMinor: amountMinorSchema,
  termMonths: z.number().int().min(1).max(120),
  plan: z.array(creditPlanLineSchema).min(1).max(60),
});

export const decideFundApplicationRequestSchema = z.strictObject({
  appraisal: z.string().trim().min(1).max(2000),
});

export const disburseFundLoanRequestSchema = z.strictObject({ disbursedOn: plainDateSchema });

export const fundApplicationSchema = z.object({
  id: uuidSchema,
  nodeId: uuidSchema,
  groupId: uuidSchema,
  groupName: z.string(),
  fund: z.enum(funds),
  appliedOn: plainDateSchema,
  amountMinor: amountMinorSchema,
  termMonths: z.number().int(),
  rateBpsPerMonth: z.number().int(),
  plan: z.array(creditPlanLineSchema),
  eligibility: z.object({
    grade: z.enum(gradeLetters),
    regularMonths: z.number().int(),
    regularMonthsMin: z.number().int(),
  }),
  status: z.enum(["submitted", "approved", "refused", "disbursed"]),
  appraisal: z.string().nullable(),
  loanId: uuidSchema.nullable(),
});

export const recordFundRepaymentRequestSchema = z.strictObject({
  paidOn: plainDateSchema,
  principalMinor: amountMinorSchema,
  interestMinor: amountMinorSchema,
});

export const fundLoanSchema = z.object({
  id: uuidSchema,
  applicationId: uuidSchema,
  nodeId: uuidSchema,
  groupId: uuidSchema,
  groupName: z.string(),
  fund: z.enum(funds),
  principalMinor: amountMinorSchema,
  termMonths: z.number().int(),
  rateBpsPerMonth: z.number().int(),
  disbursedOn: plainDateSchema,
  nodeEntryId: uuidSchema,
  groupEntryId: uuidSchema,
  asOf: plainDateSchema,
  outstandingMinor: amountMinorSchema,
  arrearsMinor: amountMinorSchema,
  interestArrearsMinor: amountMinorSchema,
  daysPastDue: z.number().int(),
  schedule: z.array(
    z.object({
      number: z.number().int(),
      dueOn: plainDateSchema,
      principalMinor: amountMinorSchema,
      interestMinor: amountMinorSchema,
    }),
  ),
  repayments: z.array(
    z.object({
      id: uuidSchema,
      paidOn: plainDateSchema,
      principalMinor: amountMinorSchema,
      interestMinor: amountMinorSchema,
    }),
  ),
});

export const federationNodeSchema = federationNodeSummarySchema.extend({
  groups: z.array(nodeGroupSchema).describe("Groups now in the node, and those that left it (history)"),
  officeBearers: z.array(officeBearerSchema),
  fundRules: z.array(setFundRulesRequestSchema),
  applications: z.array(fundApplicationSchema),
  loans: z.array(fundLoanSchema.omit({ schedule: true, repayments: true })),
  cashMinor: amountMinorSchema,
});

export const joinNodeRequestSchema = z.strictObject({ groupId: uuidSchema, joinedOn: plainDateSchema });
export const leaveNodeRequestSchema = z.strictObject({ leftOn: plainDateSchema });
export const addOfficeBearerRequestSchema = z.strictObject({
  personId: uuidSchema,
  role: z.enum(officeBearerRoles),
  fromOn: plainDateSchema,
  untilOn: plainDateSchema.nullable().optional(),
});

export const recordFederationFeeRequestSchema = z.strictObject({
  groupId: uuidSchema,
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM"),
  paidOn: plainDateSchema,
  amountMinor: amountMinorSchema,
});

export const federationFeeSchema = z.object({
  id: uuidSchema,
  nodeId: uuidSchema,
  groupId: uuidSchema,
  period: z.string(),
  paidOn: plainDateSchema,
  amountMinor: amountMinorSchema,
  nodeEntryId: uuidSchema,
  groupEntryId: uuidSchema,
});

export const signOffGradeRequestSchema = z.strictObject({
  groupId: uuidSchema,
  asOf: plainDateSchema,
  agreedGrade: z.enum(gradeLetters),
  observations: z.string().trim().max(2000).nullable().optional(),
});

export const gradeReviewSchema = z.object({
  id: uuidSchema,
  nodeId: uuidSchema,
  groupId: uuidSchema,
  asOf: plainDateSchema,
  computedGrade: z.enum(gradeLetters),
  computedRating: z.number(),
  agreedGrade: z.enum(gradeLetters),
  observations: z.string().nullable(),
  signedOffBy: uuidSchema,
  signedOffAt: z.string(),
});

const rollupFiguresSchema = z.object({
  groups: z.number().int(),
  members: z.number().int(),
  savingsMinor: amountMinorSchema,
  loansOutstandingMinor: amountMinorSchema,
  loansLateMinor: amountMinorSchema,
  fundLoansOutstandingMinor: amountMinorSchema,
  fundArrearsMinor: amountMinorSchema,
  attendancePresent: z.number().int(),
  attendanceExpected: z.number().int(),
  portfolioAtRisk: z.number(),
  attendanceRate: z.number(),
  grades: z.object({
    A: z.number().int(),
    B: z.number().int(),
    C: z.number().int(),
    ungraded: z.number().int(),
  }),
});

export const rollupQuerySchema = z.strictObject({
  asOf: plainDateSchema,
  months: z.coerce.number().int().min(1).max(24).optional(),
});

export const rollupSchema = z.object({
  nodeId: uuidSchema,
  asOf: plainDateSchema,
  total: rollupFiguresSchema,
  groups: z.array(
    z.object({
      groupId: uuidSchema,
      groupName: z.string(),
      nodeId: uuidSchema,
      members: z.number().int(),
      savingsMinor: amountMinorSchema,
      loansOutstandingMinor: amountMinorSchema,
      loansLateMinor: amountMinorSchema,
      fundLoansOutstandingMinor: amountMinorSchema,
      fundArrearsMinor: amountMinorSchema,
      attendancePresent: z.number().int(),
      attendanceExpected: z.number().int(),
      grade: z.enum(gradeLetters).nullable(),
    }),
  ),
  trend: z
    .array(rollupFiguresSchema.extend({ monthEnd: plainDateSchema }))
    .describe("Month ends, oldest first"),
  metrics: groupMetricsSchema.describe(
    "The savings-group metrics of DOMAIN.md over the groups below the node, recomputed from their sums",
  ),
});

/** The partner network: partners listed by a network, and what each partner shares with it. */
export const partnerKinds = ["ngo", "federation"] as const;

export const createNetworkPartnerRequestSchema = z.strictObject({
  partnerOrgId: uuidSchema
    .nullable()
    .optional()
    .describe("The partner's organization on Moldir, if it has one"),
  name: z.string().trim().min(1).max(200),
  kind: z.enum(partnerKinds),
  regionId: z.string().nullable().optional(),
  contactName: z.string().trim().max(200).nullable().optional(),
  contactPhone: z.string().trim().max(40).nullable().optional(),
  contactEmail: z.string().trim().max(200).nullable().optional(),
  agreementFrom: plainDateSchema.nullable().optional(),
  agreementUntil: plainDateSchema.nullable().optional(),
});

export const networkPartnerSchema = z.object({
  id: uuidSchema,
  partnerOrgId: uuidSchema.nullable(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  regionId: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  agreementFrom: plainDateSchema.nullable(),
  agreementUntil: plainDateSchema.nullable(),
});

export const partnerFiguresSchema = z.object({
  groups: z.number().int(),
  members: z.number().int(),
  savingsMinor: amountMinorSchema,
  loansOutstandingMinor: amountMinorSchema,
  fundLoansOutstandingMinor: amountMinorSchema,
  federationNodes: z.number().int(),
});

export const networkDashboardSchema = z.object({
  asOf: plainDateSchema,
  partners: z.array(
    networkPartnerSchema.extend({
      isShared: z
        .boolean()
        .describe("False when the partner shares nothing with the network (or is not on Moldir)"),
      figures: partnerFiguresSchema.nullable(),
    }),
  ),
  total: partnerFiguresSchema.extend({ partnersSharing: z.number().int() }),
  regions: z.array(
    partnerFiguresSchema.extend({ regionId: z.string().nullable(), partners: z.number().int() }),
  ),
});

export const networkMembershipSchema = z.object({
  networkOrgId: uuidSchema,
  networkName: z.string().nullable(),
  joinedOn: plainDateSchema,
  sharesAggregates: z.boolean(),
  sharesNamedData: z.boolean(),
});

export const setNetworkMembershipRequestSchema = z.strictObject({
  networkOrgId: uuidSchema,
  joinedOn: plainDateSchema,
  sharesAggregates: z.boolean().describe("Counts and sums"),
  sharesNamedData: z
    .boolean()
    .optional()
    .describe(
      "Names, sex, year of birth, group and region of the members who consented to sharing with the network (default false)",
    ),
});

export const networkDirectoryEntrySchema = z.object({
  orgId: uuidSchema,
  names: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
});

/** An organization that says it belongs to the network: the network may list it as a partner. */
export const networkJoinerSchema = networkDirectoryEntrySchema.extend({
  kind: z.string(),
  regionId: z.string().nullable(),
  joinedOn: plainDateSchema,
});

/** A partner's member as the network sees her, with her consent: never an IIN, phone, address or amount. */
export const networkNamedMemberSchema = z.object({
  personId: uuidSchema,
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
  sex: z.enum(["female", "male"]),
  birthYear: z.number().int().nullable(),
  groupName: z.string(),
  regionId: z.string().nullable(),
});

export type FederationNode = z.infer<typeof federationNodeSchema>;
export type FederationNodeSummary = z.infer<typeof federationNodeSummarySchema>;
export type FundApplication = z.infer<typeof fundApplicationSchema>;
export type FundLoan = z.infer<typeof fundLoanSchema>;
export type FederationRollup = z.infer<typeof rollupSchema>;
export type NetworkDashboard = z.infer<typeof networkDashboardSchema>;
export type NetworkPartner = z.infer<typeof networkPartnerSchema>;
export type NetworkMembership = z.infer<typeof networkMembershipSchema>;
export type NetworkNamedMember = z.infer<typeof networkNamedMemberSchema>;
export type NetworkDirectoryEntry = z.infer<typeof networkDirectoryEntrySchema>;
export type NetworkJoiner = z.infer<typeof networkJoinerSchema>;

/** Formation of a federation: stages with checklists, dates and evidence. */
const stageNames = formationStages.map((s) => s.stage) as [string, ...string[]];

export const createFormationRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  partnerName: z
    .string()
    .trim()
    .max(200)
    .nullable()
    .optional()
    .describe("The partner NGO founding it, if not us"),
  regionId: z.string().nullable().optional(),
  startedOn: plainDateSchema,
});

export const completeFormationItemRequestSchema = z.strictObject({
  item: z.enum(formationItems as [string, ...string[]]),
  doneOn: plainDateSchema,
  evidence: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .describe("What shows it was done: minutes, a certificate number…"),
});

export const formationSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  partnerName: z.string().nullable(),
  regionId: z.string().nullable(),
  startedOn: plainDateSchema,
  currentStage: z.enum(stageNames).nullable(),
  stages: z.array(
    z.object({
      stage: z.enum(stageNames),
      done: z.number().int(),
      total: z.number().int(),
      completedOn: plainDateSchema.nullable(),
      items: z.array(
        z.object({ item: z.string(), doneOn: plainDateSchema.nullable(), evidence: z.string().nullable() }),
      ),
    }),
  ),
});

export type Formation = z.infer<typeof formationSchema>;
