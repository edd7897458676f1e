/**
 * HTTP routes of the import of persons: the template to fill, and the file itself sent as the request body
 * (`text/csv` or the XLSX type), checked in a dry run or committed.
 *
 * Decision: a commit refuses the whole file (`request_must_be_valid` about `file`, with the counts) when any
 * row has an error or is a likely duplicate, so that "import" means every row or nothing. With
 * `skipInvalid=true` the person has seen the dry run and chosen to import the valid rows only; those are
 * written in one transaction, and the rest are left for her to fix. Rows already on record are skipped in
 * both cases: they are what makes a second import of the same file harmless.
 */

import { fieldReasons } from "@moldir/contract";
import {
  importContentTypes,
  importPersonsQuerySchema,
  importPersonsResponseSchema,
  importTemplateQuerySchema,
} from "@moldir/contract/people-import";
import type { Database } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { contentDisposition } from "../exports/render";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import {
  analyzeImport,
  fileDigest,
  insertImported,
  readImportFile,
  renderTemplate,
  templateFileTitle,
} from "./import";

const tags = ["people"];
const manage = { access: { kind: "permission", permission: "people.manage", anyScope: true } } as const;

export async function peopleImportRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // The file is the body, kept as bytes. Registered in this plugin only: no other route takes a file.
  app.addContentTypeParser(
    [importContentTypes.csv, importContentTypes.xlsx],
    { parseAs: "buffer", bodyLimit: limits.importFileMaxBytes },
    (_request, body, done) => done(null, body),
  );

  routes.get(
    "/api/v1/persons/import/template",
    {
      config: manage,
      schema: {
        tags,
        summary: "A file to fill for the import: column headers in the chosen language and one example row",
        querystring: importTemplateQuerySchema,
      },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? request.locale;
      const format = request.query.format;
      const body = await renderTemplate(format, locale);
      return reply
        .type(format === "csv" ? `${importContentTypes.csv}; charset=utf-8` : importContentTypes.xlsx)
        .header(
          "content-disposition",
          contentDisposition("persons-import-template", templateFileTitle(locale), format),
        )
        .header("cache-control", "no-store")
        .send(body);
    },
  );

  routes.post(
    "/api/v1/persons/import",
    {
      config: manage,
      bodyLimit: limits.importFileMaxBytes,
      schema: {
        tags,
        summary:
          "Import persons from a CSV or XLSX file sent as the body: a dry run reports every row; a commit writes every valid row or nothing",
        querystring: importPersonsQuerySchema,
        response: { 200: importPersonsResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const locale = request.locale;
      const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
      const format =
        mediaType === importContentTypes.xlsx ? "xlsx" : mediaType === importContentTypes.csv ? "csv" : null;
      if (format === null || !Buffer.isBuffer(request.body))
        throw new AppError("content_type_must_be_supported");
      const body = request.body;
      const table = await readImportFile(body, format, locale);
      const { mode } = request.query;
      const skipInvalid = request.query.skipInvalid === "true";
      return inTenant(database, request, async (trx) => {
        const analysis = await analyzeImport(trx, orgId, table, { today: await todayOf(trx, orgId), locale });
        if (mode === "dry_run")
          return { mode, rows: analysis.rows, counts: analysis.counts, createdCount: 0 };
        const hasProblems = analysis.counts.error + analysis.counts.duplicate > 0;
        if (hasProblems && !skipInvalid)
          throw new AppError("request_must_be_valid", {
            field: "file",
            reason: fieldReasons.invalid[locale],
            counts: analysis.counts,
          });
        const ids = await insertImported(trx, orgId, analysis.ready);
        await audit(trx, request, {
          action: "person.import",
          recordType: "person",
          recordId: null,
          summary: { format, file: fileDigest(body), skipInvalid, ...analysis.counts, created: ids.length },
        });
        return { mode, rows: analysis.rows, counts: analysis.counts, createdCount: ids.length };
      });
    },
  );
}
