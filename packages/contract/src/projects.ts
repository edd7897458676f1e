/** Requests and responses of projects: budgets, targets, beneficiaries, services delivered and indicators. */
import { ageBands, indicatorKeys, serviceKinds, vulnerabilityFlags } from "@moldir/domain";
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";
import { personSummarySchema } from "./people";

const positiveAmountSchema = z.string().regex(/^\d{1,16}$/, "a decimal string of minor units, not negative");

export const eligibilitySchema = z.strictObject({
  sexes: z
    .array(z.enum(["female", "male"]))
    .max(2)
    .optional(),
  ageMinYears: z.number().int().min(0).max(120).optional(),
  ageMaxYears: z.number().int().min(0).max(120).optional(),
  regionIds: z.array(z.string().max(50)).max(100).optional(),
  vulnerabilitiesAny: z.array(z.enum(vulnerabilityFlags)).max(20).optional(),
});

export const budgetLineInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  accountId: uuidSchema.describe("An expense account of the project's book"),
  donorAmountMinor: positiveAmountSchema.describe("The line in the donor's currency, minor units"),
});

export const targetSchema = z.strictObject({
  indicator: z.enum(indicatorKeys),
  target: positiveAmountSchema.describe("A count, or minor units for amounts"),
});

export const createProjectRequestSchema = z.strictObject({
  code: z.string().trim().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  donor: z.string().trim().min(1).max(200),
  donorCurrency: z.string().regex(/^[A-Z]{3}$/),
  ratePpm: z
    .string()
    .regex(/^[1-9]\d{0,12}$/)
    .describe("Millionths of a tenge per unit of the donor's currency: 478.5 ₸/$ is 478500000"),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
  regionIds: z.array(z.string().max(50)).max(100).optional(),
  targetGroups: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  activities: z.array(z.string().trim().min(1).max(500)).max(100).optional(),
  eligibility: eligibilitySchema.optional(),
  bookId: uuidSchema
    .nullable()
    .optional()
    .describe(
      "The organization's book that the project's spending is posted to; needed for budget lines and grants",
    ),
  grantApprovalOverMinor: positiveAmountSchema
    .nullable()
    .optional()
    .describe("A grant above this amount waits for a second person"),
  budgetLines: z.array(budgetLineInputSchema).max(200),
  targets: z.array(targetSchema).max(20).optional(),
});

export const budgetLineSchema = z.object({
  id: uuidSchema,
  lineNo: z.number().int(),
  name: z.string(),
  accountId: uuidSchema,
  donorAmountMinor: amountMinorSchema,
  amountMinor: amountMinorSchema.describe("The line in tenge at the project's rate"),
});

export const projectSummarySchema = z.object({
  id: uuidSchema,
  code: z.string(),
  name: z.string(),
  donor: z.string(),
  donorCurrency: z.string(),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
  budgetMinor: amountMinorSchema,
  actualMinor: amountMinorSchema,
  activeBeneficiaries: z.number().int(),
});

export const projectSchema = projectSummarySchema.extend({
  ratePpm: z.string(),
  regionIds: z.array(z.string()),
  targetGroups: z.array(z.string()),
  activities: z.array(z.string()),
  eligibility: eligibilitySchema,
  bookId: uuidSchema.nullable(),
  grantApprovalOverMinor: amountMinorSchema.nullable(),
  version: z.number().int(),
  budgetLines: z.array(budgetLineSchema),
  targets: z.array(z.object({ indicator: z.enum(indicatorKeys), target: amountMinorSchema })),
});

export const enrolBeneficiaryRequestSchema = z.strictObject({
  personId: uuidSchema,
  enrolledOn: plainDateSchema,
});

export const exitBeneficiaryRequestSchema = z.strictObject({
  exitedOn: plainDateSchema,
  reason: z.string().trim().min(1).max(2000),
});

export const beneficiarySchema = z.object({
  id: uuidSchema,
  projectId: uuidSchema,
  person: personSummarySchema,
  enrolledOn: plainDateSchema,
  exitedOn: plainDateSchema.nullable(),
  exitReason: z.string().nullable(),
  services: z.number().int(),
});

export const recordServiceRequestSchema = z.strictObject({
  personId: uuidSchema,
  kind: z.enum(serviceKinds),
  deliveredOn: plainDateSchema,
  quantity: z.number().int().min(1).max(10_000).optional(),
  valueMinor: positiveAmountSchema.optional(),
  staffUserId: uuidSchema.nullable().optional(),
  paidFrom: z.enum(["cash", "bank"]).optional().describe("Where a grant is paid from; bank unless said"),
  note: z.string().trim().max(2000).nullable().optional(),
});

export const recordAttendanceRequestSchema = z.strictObject({
  kind: z.enum(serviceKinds),
  deliveredOn: plainDateSchema,
  quantity: z.number().int().min(1).max(10_000).optional(),
  valueMinorEach: positiveAmountSchema.optional(),
  staffUserId: uuidSchema.nullable().optional(),
  personIds: z.array(uuidSchema).min(1).max(500).describe("The people present, one row each"),
});

export const serviceSchema = z.object({
  id: uuidSchema,
  projectId: uuidSchema,
  beneficiaryId: uuidSchema,
  person: personSummarySchema,
  kind: z.enum(serviceKinds),
  deliveredOn: plainDateSchema,
  quantity: z.number().int(),
  valueMinor: amountMinorSchema,
  staffUserId: uuidSchema.nullable(),
  entryId: uuidSchema.nullable(),
  note: z.string().nullable(),
});

export const budgetAgainstActualSchema = z.object({
  asOf: plainDateSchema,
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      name: z.string(),
      accountId: uuidSchema,
      budgetMinor: amountMinorSchema,
      actualMinor: amountMinorSchema,
      remainingMinor: amountMinorSchema,
    }),
  ),
  unbudgetedActualMinor: amountMinorSchema.describe("Project spending on accounts no budget line names"),
  totalBudgetMinor: amountMinorSchema,
  totalActualMinor: amountMinorSchema,
});

export const breakdownSchema = z.object({
  total: z.number().int(),
  bySex: z.object({ female: z.number().int(), male: z.number().int() }),
  byAgeBand: z.record(z.enum(ageBands), z.number().int()),
  byRegion: z.record(z.string(), z.number().int()),
  byVulnerability: z.record(z.string(), z.number().int()),
});

export const indicatorsSchema = z.object({
  from: plainDateSchema,
  to: plainDateSchema,
  beneficiaries: breakdownSchema,
  newEnrolments: z.number().int(),
  exits: z.number().int(),
  peopleServed: breakdownSchema,
  services: z.number().int(),
  servicesByKind: z.record(
    z.enum(serviceKinds),
    z.object({ count: z.number().int(), quantity: z.number().int(), valueMinor: amountMinorSchema }),
  ),
  assistanceValueMinor: amountMinorSchema,
  targets: z.array(
    z.object({
      indicator: z.enum(indicatorKeys),
      target: amountMinorSchema,
      actual: amountMinorSchema,
      progressBps: z.number().int().describe("10000 when the target is reached"),
    }),
  ),
});

export const indicatorsQuerySchema = z.strictObject({
  from: plainDateSchema.optional(),
  to: plainDateSchema.optional(),
});

export const recordStoryRequestSchema = z.strictObject({
  personId: uuidSchema,
  toldOn: plainDateSchema,
  story: z.string().trim().min(1).max(2000),
});

export const storySchema = z.object({
  id: uuidSchema,
  projectId: uuidSchema,
  personId: uuidSchema,
  givenName: z.string().describe("Only her given name is shown with a story"),
  toldOn: plainDateSchema,
  story: z.string(),
  isShareable: z.boolean().describe("Her consent allows sharing it today; a report prints only these"),
});

export const donorReportQuerySchema = z.strictObject({
  from: plainDateSchema.optional(),
  to: plainDateSchema.optional(),
  format: z.enum(["csv", "xlsx", "pdf"]),
  locale: z.enum(["kk", "ru", "en"]).optional(),
});

export type CreateProjectRequest = z.infer<typeof createProjectRequestSchema>;
export type Project = z.infer<typeof projectSchema>;
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
export type Beneficiary = z.infer<typeof beneficiarySchema>;
export type Service = z.infer<typeof serviceSchema>;
export type BudgetAgainstActual = z.infer<typeof budgetAgainstActualSchema>;
export type ProjectIndicators = z.infer<typeof indicatorsSchema>;
export type Eligibility = z.infer<typeof eligibilitySchema>;

/** Corrects a project; its code, rate and budget lines stay as they are (they fix what was posted). */
export const updateProjectRequestSchema = z.strictObject({
  version: z.number().int(),
  name: z.string().trim().min(1).max(200).optional(),
  donor: z.string().trim().min(1).max(200).optional(),
  startsOn: plainDateSchema.optional(),
  endsOn: plainDateSchema.optional(),
  regionIds: z.array(z.string().max(50)).max(100).optional(),
  targetGroups: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  activities: z.array(z.string().trim().min(1).max(500)).max(100).optional(),
  eligibility: eligibilitySchema.optional(),
  grantApprovalOverMinor: positiveAmountSchema.nullable().optional(),
  targets: z.array(targetSchema).max(20).optional(),
});

export type UpdateProjectRequest = z.infer<typeof updateProjectRequestSchema>;
export type Story = z.infer<typeof storySchema>;
