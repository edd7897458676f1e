/** Requests and responses of identity: login, session, profile, two factors, API tokens. */
import { locales, permissions, roles, scopeKinds } from "@moldir/domain";
import { z } from "zod";
import { uuidSchema } from "./common";

export const localeSchema = z.enum(locales);
export const permissionSchema = z.enum(permissions);
export const roleSchema = z.enum(roles);
export const scopeKindSchema = z.enum(scopeKinds);

export const namesSchema = z.object({
  kk: z.string().min(1).max(200),
  ru: z.string().min(1).max(200),
  en: z.string().min(1).max(200),
});

export const roleAssignmentSchema = z.strictObject({
  role: roleSchema,
  scopeKind: scopeKindSchema,
  scopeId: uuidSchema.nullable(),
});

export const loginRequestSchema = z.strictObject({
  login: z.string().min(1).max(254).describe("Email or phone number"),
  password: z.string().min(1).max(200),
});

export const organizationKindSchema = z.enum(["network", "ngo", "federation", "mco"]);

export const sessionResponseSchema = z.object({
  user: z.object({
    id: uuidSchema,
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    preferredLocale: localeSchema,
    twoFactorEnabled: z.boolean(),
  }),
  organizations: z.array(z.object({ orgId: uuidSchema, kind: organizationKindSchema, names: namesSchema })),
  currentOrgId: uuidSchema.nullable(),
  roles: z.array(roleAssignmentSchema),
  permissions: z.array(permissionSchema).describe("Held in some scope"),
  organizationPermissions: z.array(permissionSchema).describe("Held over the whole organization"),
  csrfToken: z.string().describe("Send it back in X-CSRF-Token with every write"),
  secondFactorPending: z.boolean(),
  mustEnableSecondFactor: z.boolean(),
});

export const switchOrganizationRequestSchema = z.strictObject({ orgId: uuidSchema });
export const secondFactorRequestSchema = z.strictObject({ code: z.string().regex(/^\d{6}$/, "six digits") });
export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export const updateProfileRequestSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  preferredLocale: localeSchema.optional(),
});
export const twoFactorSetupResponseSchema = z.object({
  secret: z.string().describe("Base32 secret for an authenticator app"),
  otpauthUri: z.string(),
});

export const apiTokenSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  permissions: z.array(permissionSchema),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const createApiTokenRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(permissionSchema).min(1).max(permissions.length),
  expiresInDays: z.number().int().min(1).max(366),
});
export const createApiTokenResponseSchema = z.object({
  token: apiTokenSchema,
  secret: z.string().describe("Shown once; send it as Authorization: Bearer <secret>"),
});

export type LoginRequest = z.infer<typeof loginRequestSchema>;
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;
