/** Requests and responses of people, households and consent. An IIN never travels in a URL. */
import { ageBands, consentPurposes, incomeBands, relationships, vulnerabilityFlags } from "@moldir/domain";
import { z } from "zod";
import { plainDateSchema, uuidSchema } from "./common";

export const sexSchema = z.enum(["female", "male"]);

const personFields = {
  surname: z.string().trim().max(200),
  givenName: z.string().trim().max(200),
  patronymic: z.string().trim().max(200).nullable().optional(),
  sex: sexSchema,
  birthDate: plainDateSchema.nullable().optional(),
  iin: z
    .string()
    .trim()
    .nullable()
    .optional()
    .describe("12 digits; shown masked, revealed only with a permission"),
  phones: z.array(z.string().max(40)).max(5).optional(),
  address: z.string().max(500).nullable().optional(),
  regionId: z.string().nullable().optional(),
  documents: z
    .array(
      z.strictObject({
        kind: z.enum(["id_card", "passport", "birth_certificate", "other"]),
        number: z.string().max(40),
        issuedOn: plainDateSchema.nullable().optional(),
      }),
    )
    .max(10)
    .optional(),
  vulnerabilities: z.array(z.enum(vulnerabilityFlags)).max(vulnerabilityFlags.length).optional(),
  incomeBand: z.enum(incomeBands).nullable().optional(),
  dependants: z.number().int().min(0).max(30).nullable().optional(),
  languages: z
    .array(z.enum(["kk", "ru", "en", "uz", "ug", "other"]))
    .max(6)
    .optional(),
};

export const createPersonRequestSchema = z.strictObject({
  ...personFields,
  confirmNotDuplicateOf: z
    .array(uuidSchema)
    .max(20)
    .optional()
    .describe("Candidates the user saw and judged to be other people"),
});

export const updatePersonRequestSchema = z.strictObject({
  version: z.number().int(),
  ...Object.fromEntries(Object.entries(personFields).map(([k, v]) => [k, v.optional()])),
} as { version: z.ZodNumber } & {
  [K in keyof typeof personFields]: z.ZodOptional<(typeof personFields)[K]>;
});

export const personSummarySchema = z.object({
  id: uuidSchema,
  surname: z.string(),
  givenName: z.string(),
  patronymic: z.string().nullable(),
  nameLatin: z.string(),
  sex: sexSchema,
  birthDate: plainDateSchema.nullable(),
  iinMasked: z.string().nullable(),
  phones: z.array(z.string()),
  regionId: z.string().nullable(),
  vulnerabilities: z.array(z.string()),
  mergedIntoId: uuidSchema.nullable(),
  isErased: z.boolean(),
});

export const consentSchema = z.object({
  id: uuidSchema,
  personId: uuidSchema,
  purpose: z.enum(consentPurposes),
  givenOn: plainDateSchema,
  validUntil: plainDateSchema.nullable(),
  withdrawnOn: plainDateSchema.nullable(),
  allowsThirdParties: z.boolean(),
  allowsCrossBorder: z.boolean(),
  document: z.string().nullable(),
  isActive: z.boolean(),
});

export const personSchema = personSummarySchema.extend({
  address: z.string().nullable(),
  documents: z.array(
    z.object({ kind: z.string(), number: z.string(), issuedOn: plainDateSchema.nullable().optional() }),
  ),
  incomeBand: z.string().nullable(),
  dependants: z.number().int().nullable(),
  languages: z.array(z.string()),
  version: z.number().int(),
  households: z.array(
    z.object({ householdId: uuidSchema, name: z.string(), relationship: z.enum(relationships) }),
  ),
  consents: z.array(consentSchema),
});

/** Filters of the person list; each narrows it further. */
export const personFiltersSchema = z.strictObject({
  sex: sexSchema.optional(),
  ageBand: z.enum(ageBands).optional().describe("Age on the organization's today"),
  regionId: z.string().max(40).optional(),
  vulnerability: z.enum(vulnerabilityFlags).optional(),
  consentPurpose: z.enum(consentPurposes).optional().describe("Has a consent in force for this purpose"),
  groupId: uuidSchema.optional().describe("A member of this group now"),
  isGroupMember: z.boolean().optional().describe("A member of some group now (true) or of none (false)"),
});

export const searchPersonsRequestSchema = z.strictObject({
  q: z.string().trim().max(200).optional().describe("A name in either script, a phone, or an IIN"),
  limit: z.number().int().min(1).max(500).optional(),
  after: z.string().max(400).optional().describe("Cursor from the previous page"),
  includeMerged: z.boolean().optional(),
  filters: personFiltersSchema.optional(),
});

export const householdSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  address: z.string().nullable(),
  regionId: z.string().nullable(),
  version: z.number().int(),
  members: z.array(
    z.object({
      person: personSummarySchema,
      relationship: z.enum(relationships),
      roles: z
        .array(z.object({ kind: z.string(), label: z.string() }))
        .describe("Groups, loans, projects, services of this member"),
    }),
  ),
});

export const createHouseholdRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  address: z.string().max(500).nullable().optional(),
  regionId: z.string().nullable().optional(),
  members: z.array(z.strictObject({ personId: uuidSchema, relationship: z.enum(relationships) })).max(30),
});

export const addHouseholdMemberRequestSchema = z.strictObject({
  personId: uuidSchema,
  relationship: z.enum(relationships),
});

export const giveConsentRequestSchema = z.strictObject({
  purpose: z.enum(consentPurposes),
  givenOn: plainDateSchema,
  validUntil: plainDateSchema.nullable().optional(),
  allowsThirdParties: z.boolean(),
  allowsCrossBorder: z.boolean(),
  document: z
    .string()
    .max(500)
    .nullable()
    .optional()
    .describe("Where the signed consent is kept, e.g. its number"),
});

export const withdrawConsentRequestSchema = z.strictObject({ withdrawnOn: plainDateSchema });
export const mergePersonsRequestSchema = z.strictObject({ duplicateId: uuidSchema });
export const erasePersonRequestSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

export type PersonSummary = z.infer<typeof personSummarySchema>;
export type Person = z.infer<typeof personSchema>;
export type Consent = z.infer<typeof consentSchema>;
export type Household = z.infer<typeof householdSchema>;

export const personRoleKinds = [
  "group_member",
  "borrower",
  "beneficiary",
  "training",
  "center_child",
  "center_mother",
] as const;

/** One role of a person across Moldir, for the profile's timeline. */
export const personRoleEventSchema = z.object({
  kind: z.enum(personRoleKinds),
  label: z.string().describe("The group, loan number, project, course or school"),
  recordId: uuidSchema,
  from: plainDateSchema.nullable(),
  until: plainDateSchema.nullable().describe("Null while the role lasts"),
  detail: z.string().nullable().describe("A loan's status, a training's test scores"),
});

export const personExportQuerySchema = z.object({
  locale: z.enum(["kk", "ru", "en"]).optional().describe("Language of the PDF; the user's by default"),
});

export type PersonRoleEvent = z.infer<typeof personRoleEventSchema>;
export type PersonFilters = z.infer<typeof personFiltersSchema>;
