/** Requests and responses of the general ledger. Amounts are decimal strings of minor units. */
import { accountTypes, bookTemplates } from "@moldir/domain";
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";
import { namesSchema } from "./identity";

const positiveAmountSchema = amountMinorSchema.describe(
  'A positive amount in minor units, e.g. "150000" = 1 500,00 ₸',
);

export const bookSchema = z.object({
  id: uuidSchema,
  ownerKind: z.enum(["organization", "group", "federation_node"]),
  groupId: uuidSchema.nullable(),
  template: z.enum(bookTemplates),
  names: namesSchema,
  currency: z.string(),
  closedThrough: plainDateSchema.nullable(),
  version: z.number().int(),
});

export const createBookRequestSchema = z.strictObject({
  template: z.enum(bookTemplates),
  names: namesSchema.optional(),
});

export const accountSchema = z.object({
  id: uuidSchema,
  bookId: uuidSchema,
  parentId: uuidSchema.nullable(),
  code: z.string(),
  type: z.enum(accountTypes),
  names: namesSchema,
  isHeader: z.boolean(),
  purpose: z.string().nullable(),
  isActive: z.boolean(),
  version: z.number().int(),
});

export const createAccountRequestSchema = z.strictObject({
  parentId: uuidSchema.nullable(),
  code: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, "1–20 letters, digits, dots or dashes"),
  type: z.enum(accountTypes),
  names: namesSchema,
  isHeader: z.boolean().optional(),
});

export const updateAccountRequestSchema = z.strictObject({
  version: z.number().int(),
  code: z
    .string()
    .regex(/^[0-9A-Za-z.-]{1,20}$/)
    .optional(),
  names: namesSchema.optional(),
  isActive: z.boolean().optional(),
});

export const journalLineInputSchema = z.strictObject({
  accountId: uuidSchema,
  side: z.enum(["debit", "credit"]),
  amountMinor: positiveAmountSchema,
  projectId: uuidSchema.nullable().optional(),
  memo: z.string().max(500).nullable().optional(),
});

export const postJournalEntryRequestSchema = z.strictObject({
  valueDate: plainDateSchema,
  narration: z.string().trim().min(1).max(2000),
  lines: z.array(journalLineInputSchema).min(2).max(1000),
});

export const journalLineSchema = z.object({
  lineNo: z.number().int(),
  accountId: uuidSchema,
  accountCode: z.string(),
  accountNames: namesSchema,
  side: z.enum(["debit", "credit"]),
  amountMinor: amountMinorSchema,
  projectId: uuidSchema.nullable(),
  memo: z.string().nullable(),
});

export const journalEntrySchema = z.object({
  id: uuidSchema,
  bookId: uuidSchema,
  seq: z.string(),
  valueDate: plainDateSchema,
  postedAt: z.string(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  narration: z.string(),
  reversesEntryId: uuidSchema.nullable(),
  reversalReason: z.string().nullable(),
  reversedByEntryId: uuidSchema.nullable(),
  totalMinor: amountMinorSchema,
  createdBy: uuidSchema.nullable(),
  lines: z.array(journalLineSchema),
});

export const reverseEntryRequestSchema = z.strictObject({
  reason: z.string().trim().min(1).max(1000),
  valueDate: plainDateSchema
    .optional()
    .describe("The reversal's date; by default the original's, or the first open day"),
});

export const journalQuerySchema = z.strictObject({
  from: plainDateSchema.optional(),
  to: plainDateSchema.optional(),
  before: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .describe("Cursor: the seq of the last entry of the previous page"),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const balanceRowSchema = z.object({
  accountId: uuidSchema,
  parentId: uuidSchema.nullable(),
  code: z.string(),
  names: namesSchema,
  type: z.enum(accountTypes),
  isHeader: z.boolean(),
  debitMinor: amountMinorSchema,
  creditMinor: amountMinorSchema,
  balanceMinor: amountMinorSchema,
});

export const asOfQuerySchema = z.strictObject({
  asOf: plainDateSchema,
  knownAt: z.string().datetime({ offset: true }).optional().describe("Only entries posted by this instant"),
});

export const periodQuerySchema = z.strictObject({ from: plainDateSchema, to: plainDateSchema });

export const trialBalanceSchema = z.object({
  asOf: plainDateSchema,
  rows: z.array(balanceRowSchema),
  totalDebitMinor: amountMinorSchema,
  totalCreditMinor: amountMinorSchema,
});

export const balanceSheetSchema = z.object({
  asOf: plainDateSchema,
  assets: z.array(balanceRowSchema),
  liabilities: z.array(balanceRowSchema),
  equity: z.array(balanceRowSchema),
  totalAssetsMinor: amountMinorSchema,
  totalLiabilitiesMinor: amountMinorSchema,
  totalEquityMinor: amountMinorSchema,
  currentEarningsMinor: amountMinorSchema,
});

/** What a consolidation took out: lines of movements between its books, by account. */
export const eliminationRowSchema = z.object({
  code: z.string(),
  type: z.enum(accountTypes),
  names: namesSchema,
  debitMinor: amountMinorSchema,
  creditMinor: amountMinorSchema,
});

export const consolidationQuerySchema = z.strictObject({
  asOf: z.string(),
  eliminate: z
    .enum(["true", "false"])
    .optional()
    .describe("Eliminate movements between the books (default true)"),
});

const consolidationFields = {
  books: z.number().int(),
  bookIds: z.array(uuidSchema),
  eliminations: z.array(eliminationRowSchema),
};
export const consolidatedTrialBalanceSchema = trialBalanceSchema.extend(consolidationFields);
export const consolidatedBalanceSheetSchema = balanceSheetSchema.extend(consolidationFields);

export const incomeStatementSchema = z.object({
  from: plainDateSchema,
  to: plainDateSchema,
  income: z.array(balanceRowSchema),
  expenses: z.array(balanceRowSchema),
  totalIncomeMinor: amountMinorSchema,
  totalExpensesMinor: amountMinorSchema,
  netIncomeMinor: amountMinorSchema,
});

export const accountLedgerSchema = z.object({
  accountId: uuidSchema,
  from: plainDateSchema,
  to: plainDateSchema,
  openingBalanceMinor: amountMinorSchema,
  closingBalanceMinor: amountMinorSchema,
  lines: z.array(
    z.object({
      entryId: uuidSchema,
      lineNo: z.number().int(),
      valueDate: plainDateSchema,
      narration: z.string(),
      sourceType: z.string(),
      sourceId: z.string().nullable(),
      debitMinor: amountMinorSchema,
      creditMinor: amountMinorSchema,
      balanceMinor: amountMinorSchema,
    }),
  ),
});

export const closePeriodRequestSchema = z.strictObject({
  through: plainDateSchema.describe("The last day of the month (or year) to close"),
});
export const reopenPeriodRequestSchema = z.strictObject({
  from: plainDateSchema.describe("The first day of the month to reopen; later months reopen too"),
  reason: z.string().trim().min(1).max(1000),
});
export const yearEndCloseRequestSchema = z.strictObject({ year: z.number().int().min(2000).max(2100) });

export type Book = z.infer<typeof bookSchema>;
export type Account = z.infer<typeof accountSchema>;
export type JournalEntry = z.infer<typeof journalEntrySchema>;
export type TrialBalanceResponse = z.infer<typeof trialBalanceSchema>;
export type BalanceSheetResponse = z.infer<typeof balanceSheetSchema>;
export type ConsolidatedTrialBalanceResponse = z.infer<typeof consolidatedTrialBalanceSchema>;
export type ConsolidatedBalanceSheetResponse = z.infer<typeof consolidatedBalanceSheetSchema>;
export type IncomeStatementResponse = z.infer<typeof incomeStatementSchema>;
export type AccountLedgerResponse = z.infer<typeof accountLedgerSchema>;
