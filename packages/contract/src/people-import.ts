/**
 * Import of persons from a CSV or XLSX file: the template, the dry run and the commit. Imported with
 * `@moldir/contract/people-import` (kept out of the package index: only the import screens need it).
 */
import { z } from "zod";
import { uuidSchema } from "./common";
import { localeSchema } from "./identity";

/** The columns of an import file, in the template's order. Headers may be in Kazakh, Russian or English. */
export const importColumns = [
  "surname",
  "givenName",
  "patronymic",
  "sex",
  "birthDate",
  "iin",
  "phones",
  "address",
  "regionId",
  "vulnerabilities",
  "dependants",
] as const;
export type ImportColumn = (typeof importColumns)[number];

export const importFileFormats = ["csv", "xlsx"] as const;
export type ImportFileFormat = (typeof importFileFormats)[number];

/** The MIME type of each file format, as the import route expects it in `content-type`. */
export const importContentTypes = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const satisfies Record<ImportFileFormat, string>;

export const importTemplateQuerySchema = z.object({
  format: z.enum(importFileFormats).default("csv").describe("csv or xlsx"),
  locale: localeSchema.optional().describe("Language of the headers; Accept-Language by default"),
});

export const importModes = ["dry_run", "commit"] as const;

export const importPersonsQuerySchema = z.object({
  mode: z.enum(importModes).describe("dry_run writes nothing; commit writes every valid row or nothing"),
  skipInvalid: z
    .enum(["true", "false"])
    .optional()
    .describe("commit only: leave out rows with problems instead of refusing the whole file"),
});

/**
 * What became of a row: `ok` (would be, or was, created); `error` (a value is wrong); `duplicate` (likely
 * the same person as a record or an earlier row: not imported, register her by hand if she is not);
 * `already_imported` (the same IIN, or the same name and birth date, is on record: skipped quietly).
 */
export const importRowStatuses = ["ok", "error", "duplicate", "already_imported"] as const;
export type ImportRowStatus = (typeof importRowStatuses)[number];

export const importProblemSchema = z.object({
  /** The column (`surname`, `iin`, `phones.0`…) or `row`. */
  field: z.string(),
  /** A code of the error catalogue. */
  code: z.string(),
  /** The catalogue's message in the request's language. */
  message: z.string(),
});

export const importRowSchema = z.object({
  /** The row's number in the spreadsheet (the header is row 1). */
  rowNumber: z.number().int(),
  status: z.enum(importRowStatuses),
  /** Surname and given name as written in the file, to find the row on screen. */
  name: z.string(),
  problems: z.array(importProblemSchema),
  /** The record or the earlier row this one repeats. */
  duplicateOf: z
    .object({ personId: uuidSchema.nullable(), rowNumber: z.number().int().nullable(), name: z.string() })
    .optional(),
});

export const importCountsSchema = z.object({
  total: z.number().int(),
  ok: z.number().int(),
  error: z.number().int(),
  duplicate: z.number().int(),
  alreadyImported: z.number().int(),
});

export const importPersonsResponseSchema = z.object({
  mode: z.enum(importModes),
  rows: z.array(importRowSchema),
  counts: importCountsSchema,
  /** Persons created (always 0 in a dry run). */
  createdCount: z.number().int(),
});

export type ImportProblem = z.infer<typeof importProblemSchema>;
export type ImportRow = z.infer<typeof importRowSchema>;
export type ImportCounts = z.infer<typeof importCountsSchema>;
export type ImportPersonsResponse = z.infer<typeof importPersonsResponseSchema>;

export const importJobStatuses = ["queued", "running", "done", "failed"] as const;

/** An import run by the server in the background, a chunk of rows at a time, with its progress. */
export const importJobSchema = z.object({
  id: uuidSchema,
  mode: z.enum(importModes),
  skipInvalid: z.boolean(),
  status: z.enum(importJobStatuses),
  totalRows: z.number().int().describe("Rows of the file, once it was read"),
  processedRows: z.number().int().describe("Rows checked so far"),
  counts: importCountsSchema.nullable().describe("Once every row was checked"),
  problemRows: z.array(importRowSchema).describe("The rows that are not ok, once every row was checked"),
  createdCount: z.number().int(),
  error: z
    .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe("Why a failed job was refused"),
  createdAt: z.string(),
});

export type ImportJob = z.infer<typeof importJobSchema>;

export const commitImportJobRequestSchema = z.strictObject({
  skipInvalid: z.boolean().describe("Leave out rows with problems instead of refusing the whole file"),
});
