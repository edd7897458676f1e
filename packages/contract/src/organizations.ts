/** Requests and responses of organizations, offices, regions, users and roles, approvals and the audit log. */
import { z } from "zod";
import { plainDateSchema, uuidSchema } from "./common";
import { localeSchema, namesSchema, organizationKindSchema, roleAssignmentSchema } from "./identity";

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const regionSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  level: z.enum(["oblast", "city", "district", "settlement"]),
  names: namesSchema,
});

export const organizationSchema = z.object({
  orgId: uuidSchema,
  kind: organizationKindSchema,
  names: namesSchema,
  bin: z.string().nullable(),
  regionId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  currency: z.string(),
  timeZone: z.string(),
  requireTwoFactorForAdmins: z.boolean(),
  version: z.number().int(),
});

export const updateOrganizationRequestSchema = z.strictObject({
  version: z.number().int().describe("The version you read; a stale version is refused"),
  names: namesSchema.optional(),
  bin: z.string().trim().nullable().optional(),
  regionId: z.string().nullable().optional(),
  phone: optionalText(40),
  email: optionalText(254),
  address: optionalText(500),
  timeZone: z.string().max(64).optional(),
  requireTwoFactorForAdmins: z.boolean().optional(),
});

export const officeSchema = z.object({
  id: uuidSchema,
  parentId: uuidSchema.nullable(),
  names: namesSchema,
  regionId: z.string().nullable(),
  version: z.number().int(),
});

export const createOfficeRequestSchema = z.strictObject({
  id: uuidSchema.optional().describe("A UUIDv7 made by the client; the server makes one when absent"),
  parentId: uuidSchema.nullable(),
  names: namesSchema,
  regionId: z.string().nullable().optional(),
});

export const updateOfficeRequestSchema = z.strictObject({
  version: z.number().int(),
  parentId: uuidSchema.nullable().optional(),
  names: namesSchema.optional(),
  regionId: z.string().nullable().optional(),
});

export const userSchema = z.object({
  id: uuidSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  preferredLocale: localeSchema,
  isActive: z.boolean().describe("Whether the membership in this organization is active"),
  roles: z.array(roleAssignmentSchema),
});

export const createUserRequestSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200),
  email: z.string().trim().max(254).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
  password: z
    .string()
    .min(1)
    .max(200)
    .describe("Initial password; ignored when the user already exists elsewhere"),
  preferredLocale: localeSchema.optional(),
  roles: z.array(roleAssignmentSchema).max(20),
});

export const updateUserRequestSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  isActive: z.boolean().optional(),
});

export const setRolesRequestSchema = z.strictObject({ roles: z.array(roleAssignmentSchema).max(20) });

/** Either the change was made, or it waits for a second person. */
export const pendingResponseSchema = z.object({
  status: z.literal("pending_approval"),
  approvalId: uuidSchema,
});

export const approvalActionSchema = z.enum([
  "user.roles.change",
  "journal.manual_entry",
  "period.reopen",
  "loan.disburse",
  "loan.write_off",
  "transaction.reverse",
  "product.rate_change",
  "person.merge",
  "meeting.reverse",
  "loan.event.reverse",
  "project.grant",
  "fund_loan.disburse",
]);

export const approvalPolicySchema = z.object({ action: approvalActionSchema, requiresApproval: z.boolean() });
export const setApprovalPoliciesRequestSchema = z.strictObject({
  policies: z.array(approvalPolicySchema).max(50),
});

export const approvalSchema = z.object({
  id: uuidSchema,
  action: approvalActionSchema,
  summary: z.record(z.string(), z.unknown()),
  makerUserId: uuidSchema,
  makerName: z.string(),
  madeAt: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  checkerUserId: uuidSchema.nullable(),
  checkerName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
});

export const decideApprovalRequestSchema = z.strictObject({
  comment: z.string().trim().max(2000).optional(),
});

export const auditEventSchema = z.object({
  id: uuidSchema,
  at: z.string(),
  actorUserId: uuidSchema.nullable(),
  actorName: z.string().nullable(),
  actorAddress: z.string().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});

export const auditQuerySchema = z.strictObject({
  action: z.string().max(100).optional(),
  actorUserId: uuidSchema.optional(),
  recordType: z.string().max(100).optional(),
  recordId: z.string().max(100).optional(),
  from: plainDateSchema.optional(),
  to: plainDateSchema.optional(),
  before: uuidSchema.optional().describe("Cursor: the id of the last event of the previous page"),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export type Organization = z.infer<typeof organizationSchema>;
export type Office = z.infer<typeof officeSchema>;
export type User = z.infer<typeof userSchema>;
export type Approval = z.infer<typeof approvalSchema>;
export type AuditEvent = z.infer<typeof auditEventSchema>;
export type Region = z.infer<typeof regionSchema>;
export type ApprovalAction = z.infer<typeof approvalActionSchema>;
