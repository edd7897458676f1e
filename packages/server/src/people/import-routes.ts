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

import { fieldReasons, uuidSchema } from "@moldir/contract";
import {
  commitImportJobRequestSchema,
  importContentTypes,
  importJobSchema,
  importPersonsQuerySchema,
  importPersonsResponseSchema,
  importTemplateQuerySchema,
} from "@moldir/contract/people-import";
import type { Database, Tx } from "@moldir/db";
import { limits } from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
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
import { createImportJob, enqueueImportJob, settleImportJobs, toImportJob } from "./import-jobs";

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
      const { format, body } = importFileOf(request);
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
        const ids = await insertImported(trx, orgId, analysis.ready, memberOf(request).userId);
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

  routes.post(
    "/api/v1/persons/import-jobs",
    {
      config: manage,
      bodyLimit: limits.importFileMaxBytes,
      schema: {
        tags,
        summary:
          "Import persons from a large CSV or XLSX file in the background: answers at once with a job whose progress the client polls",
        querystring: importPersonsQuerySchema,
        response: { 202: importJobSchema },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const { format, body } = importFileOf(request);
      const job = await inTenant(database, request, async (trx) => {
        const id = await createImportJob(trx, member.orgId, member.userId, {
          mode: request.query.mode,
          skipInvalid: request.query.skipInvalid === "true",
          format,
          locale: request.locale,
          file: body,
        });
        await audit(trx, request, {
          action: "person.import_job",
          recordType: "person_import_job",
          recordId: id,
          summary: { mode: request.query.mode, format, file: fileDigest(body) },
        });
        return loadJob(trx, member.orgId, id);
      });
      enqueueImportJob(database, request.log, member.orgId, job.id);
      return reply.code(202).send(toImportJob(job, request.locale));
    },
  );

  routes.get(
    "/api/v1/persons/import-jobs/:jobId",
    {
      config: manage,
      schema: {
        tags,
        summary: "An import job's progress and, once every row was checked, its report",
        params: jobParams,
        response: { 200: importJobSchema },
      },
    },
    async (request) =>
      toImportJob(
        await inTenant(database, request, (trx) =>
          loadJob(trx, memberOf(request).orgId, request.params.jobId),
        ),
        request.locale,
      ),
  );

  routes.post(
    "/api/v1/persons/import-jobs/:jobId/commit",
    {
      config: manage,
      schema: {
        tags,
        summary: "Import the file of a finished dry run, in a new background job",
        params: jobParams,
        body: commitImportJobRequestSchema,
        response: { 202: importJobSchema },
      },
    },
    async (request, reply) => {
      const member = memberOf(request);
      const job = await inTenant(database, request, async (trx) => {
        const dryRun = await loadJob(trx, member.orgId, request.params.jobId);
        const file = await trx
          .selectFrom("person_import_jobs")
          .select(["file", "format", "file_digest"])
          .where("org_id", "=", member.orgId)
          .where("id", "=", dryRun.id)
          .executeTakeFirstOrThrow();
        if (dryRun.mode !== "dry_run" || dryRun.status !== "done" || file.file === null)
          throw new AppError("request_must_be_valid", {
            field: "jobId",
            reason: fieldReasons.invalid_value[request.locale],
          });
        const id = await createImportJob(trx, member.orgId, member.userId, {
          mode: "commit",
          skipInvalid: request.body.skipInvalid,
          format: file.format,
          locale: request.locale,
          file: file.file,
        });
        await audit(trx, request, {
          action: "person.import_job",
          recordType: "person_import_job",
          recordId: id,
          summary: { mode: "commit", fromJobId: dryRun.id, format: file.format, file: file.file_digest },
        });
        return loadJob(trx, member.orgId, id);
      });
      enqueueImportJob(database, request.log, member.orgId, job.id);
      return reply.code(202).send(toImportJob(job, request.locale));
    },
  );

  app.addHook("onClose", settleImportJobs);
}

const jobParams = z.object({ jobId: uuidSchema });

/** The file of an import request and its format, from the content type. */
function importFileOf(request: FastifyRequest): { format: "csv" | "xlsx"; body: Buffer } {
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  const format =
    mediaType === importContentTypes.xlsx ? "xlsx" : mediaType === importContentTypes.csv ? "csv" : null;
  if (format === null || !Buffer.isBuffer(request.body)) throw new AppError("content_type_must_be_supported");
  return { format, body: request.body };
}

/** A job, without its file. */
async function loadJob(trx: Tx, orgId: string, jobId: string) {
  const job = await trx
    .selectFrom("person_import_jobs")
    .select([
      "id",
      "mode",
      "skip_invalid",
      "status",
      "total_rows",
      "processed_rows",
      "counts",
      "problem_rows",
      "created_count",
      "error",
      "created_at",
    ])
    .where("org_id", "=", orgId)
    .where("id", "=", jobId)
    .executeTakeFirst();
  if (job === undefined) throw new AppError("record_must_exist");
  return job;
}
