/** Requests and responses of the children's support center: children, daily attendance, services, case notes. */
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";
import { personSummarySchema } from "./people";

export const centerServiceKinds = ["meals", "tutoring", "psychologist", "clothes"] as const;

export const registerChildRequestSchema = z.strictObject({
  personId: uuidSchema.describe("The child's own person record"),
  householdId: uuidSchema.nullable().optional(),
  motherPersonId: uuidSchema.nullable().optional(),
  school: z.string().trim().max(200).nullable().optional(),
  grade: z.string().trim().max(20).nullable().optional(),
  needs: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  enrolledOn: plainDateSchema,
});

export const childSummarySchema = z.object({
  id: uuidSchema,
  person: personSummarySchema,
  mother: personSummarySchema.nullable(),
  householdId: uuidSchema.nullable(),
  school: z.string().nullable(),
  grade: z.string().nullable(),
  needs: z.array(z.string()),
  enrolledOn: plainDateSchema,
  leftOn: plainDateSchema.nullable(),
  daysThisMonth: z.number().int().describe("Days attended in the current month"),
});

export const childDetailSchema = childSummarySchema.extend({
  services: z.array(
    z.object({
      id: uuidSchema,
      kind: z.enum(centerServiceKinds),
      deliveredOn: plainDateSchema,
      quantity: z.number().int(),
      note: z.string().nullable(),
    }),
  ),
  motherGroups: z
    .array(
      z.object({
        groupId: uuidSchema,
        groupName: z.string(),
        savingsMinor: amountMinorSchema,
        loansOutstandingMinor: amountMinorSchema,
      }),
    )
    .describe("The mother's self-help groups with her savings and loans, next to the child's services"),
});

export const recordCenterAttendanceRequestSchema = z.strictObject({
  attendedOn: plainDateSchema,
  childIds: z
    .array(uuidSchema)
    .max(500)
    .describe("The children present; the day's sheet is replaced by this"),
});

export const centerAttendanceSchema = z.object({
  attendedOn: plainDateSchema,
  childIds: z.array(uuidSchema),
});

export const recordCenterServiceRequestSchema = z.strictObject({
  kind: z.enum(centerServiceKinds),
  deliveredOn: plainDateSchema,
  quantity: z.number().int().min(1).max(1000).optional(),
  note: z.string().trim().max(2000).nullable().optional(),
});

export const caseNoteSchema = z.object({
  id: uuidSchema,
  childId: uuidSchema,
  writtenOn: plainDateSchema,
  note: z.string(),
  authorUserId: uuidSchema.nullable(),
});

export const writeCaseNoteRequestSchema = z.strictObject({
  writtenOn: plainDateSchema,
  note: z.string().trim().min(1).max(5000),
});

export type ChildSummary = z.infer<typeof childSummarySchema>;
export type ChildDetail = z.infer<typeof childDetailSchema>;
export type CaseNote = z.infer<typeof caseNoteSchema>;
