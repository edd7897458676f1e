/**
 * Imports of large files as background jobs (docs/adr/0013-people-scope-and-jobs.md). The upload only stores
 * the file as a job and answers at once; the server then reads the file, checks its rows a chunk at a time,
 * each chunk in its own short transaction, and records the progress on the job, which the screen polls. The
 * rules are those of the import in one request (`import-routes.ts`): a dry run writes nothing; a commit
 * writes every valid row or nothing (or, with `skipInvalid`, every valid row), in one final transaction, so
 * that a commit refused or failed half-way leaves no person behind. Rows already on record are skipped, so
 * the same file imported twice creates no duplicates.
 *
 * Jobs of one organization run one after another in this process: a second upload of the same file is
 * checked only after the first was written, and finds its rows already imported.
 *
 * A job outlives the process that queued it: when the server stops (or dies) with jobs queued or running,
 * the next start queues them again (`resumeImportJobs`). Running one again from the start is safe, since a
 * commit writes in one final transaction. A job is claimed (queued → running) before it runs, so two
 * processes never run the same job at once.
 */
import { errorMessage, fieldReasons, isErrorCode } from "@moldir/contract";
import type { ImportJob, ImportRow } from "@moldir/contract/people-import";
import { asSystem, type Database, type PersonImportJobsTable, sql, type Tx, withTenant } from "@moldir/db";
import type { Locale } from "@moldir/domain";
import type { FastifyBaseLogger } from "fastify";
import type { Updateable } from "kysely";
import { writeAuditEvent } from "../approvals/registry";
import { AppError } from "../http/app-error";
import { todayOf } from "../http/dates";
import { newId } from "../identity/secrets";
import { fileDigest, importAnalyzer, insertImported, readImportFile } from "./import";

/** Rows checked per transaction: each chunk is short, and the progress moves often enough to be seen. */
export const importChunkRows = 500;

/** The tail of each organization's queue of jobs in this process. */
const queues = new Map<string, Promise<void>>();

export interface NewImportJob {
  readonly mode: "dry_run" | "commit";
  readonly skipInvalid: boolean;
  readonly format: "csv" | "xlsx";
  readonly locale: Locale;
  readonly file: Buffer;
}

/** Stores a file as a queued job; returns its id. */
export async function createImportJob(
  trx: Tx,
  orgId: string,
  userId: string,
  job: NewImportJob,
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("person_import_jobs")
    .values({
      org_id: orgId,
      id,
      mode: job.mode,
      skip_invalid: job.skipInvalid,
      format: job.format,
      locale: job.locale,
      file: job.file,
      file_digest: fileDigest(job.file),
      counts: null,
      problem_rows: null,
      error: null,
      created_by: userId,
    })
    .execute();
  return id;
}

/** Runs a job after the organization's jobs queued before it. */
export function enqueueImportJob(
  database: Database,
  log: FastifyBaseLogger,
  orgId: string,
  jobId: string,
): void {
  const run = (queues.get(orgId) ?? Promise.resolve())
    .then(() => runImportJob(database, orgId, jobId))
    .catch((error: unknown) => log.error({ err: error, orgId, jobId }, "person import job failed"));
  queues.set(orgId, run);
  void run.finally(() => {
    if (queues.get(orgId) === run) queues.delete(orgId);
  });
}

/** Waits for the jobs this process has queued (tests, shutdown). */
export async function settleImportJobs(): Promise<void> {
  while (queues.size > 0) await Promise.all([...queues.values()]);
}

/**
 * Queues again, in this process, the jobs left queued or running by a process that stopped: every such job
 * not touched for `staleAfterMs` (0 on the embedded database, which only one process can open). Returns how
 * many were queued.
 */
export async function resumeImportJobs(
  database: Database,
  log: FastifyBaseLogger,
  staleAfterMs: number,
): Promise<number> {
  const jobs = await asSystem(database, async (trx) => {
    const { rows } = await sql<{ org_id: string; id: string }>`
      UPDATE person_import_jobs SET status = 'queued', processed_rows = 0, updated_at = now()
      WHERE status IN ('queued', 'running') AND file IS NOT NULL
        AND updated_at <= now() - make_interval(secs => ${staleAfterMs / 1000})
      RETURNING org_id, id`.execute(trx);
    return rows;
  });
  for (const job of jobs) {
    log.info({ orgId: job.org_id, jobId: job.id }, "person import job queued again after a restart");
    enqueueImportJob(database, log, job.org_id, job.id);
  }
  return jobs.length;
}

async function runImportJob(database: Database, orgId: string, jobId: string): Promise<void> {
  // Claim the job: another process may have resumed it, or it may be done already.
  const job = await withTenant(database, { orgId, userId: null }, async (trx) => {
    const claimed = await trx
      .updateTable("person_import_jobs")
      .set({ status: "running", updated_at: new Date() })
      .where("org_id", "=", orgId)
      .where("id", "=", jobId)
      .where("status", "=", "queued")
      .returning("id")
      .executeTakeFirst();
    if (claimed === undefined) return undefined;
    return trx
      .selectFrom("person_import_jobs")
      .selectAll()
      .where("org_id", "=", orgId)
      .where("id", "=", jobId)
      .executeTakeFirstOrThrow();
  });
  if (job === undefined) return;
  const tenant = { orgId, userId: job.created_by };
  const update = (trx: Tx, values: Updateable<PersonImportJobsTable>) =>
    trx
      .updateTable("person_import_jobs")
      .set({ ...values, updated_at: new Date() })
      .where("org_id", "=", orgId)
      .where("id", "=", jobId)
      .execute();
  try {
    if (job.file === null) throw new AppError("record_must_exist", { field: "file" });
    const table = await readImportFile(job.file, job.format, job.locale);
    const analyzer = await withTenant(database, tenant, async (trx) => {
      await update(trx, { status: "running", total_rows: table.rows.length, processed_rows: 0 });
      const today = await todayOf(trx, orgId);
      return importAnalyzer(trx, orgId, table.headers, { today, locale: job.locale });
    });
    for (let start = 0; start < table.rows.length; start += importChunkRows) {
      const chunk = table.rows.slice(start, start + importChunkRows);
      await withTenant(database, tenant, async (trx) => {
        await analyzer.analyze(trx, chunk);
        await update(trx, { processed_rows: start + chunk.length });
      });
    }
    const analysis = analyzer.result();
    const problemRows = analysis.rows.filter((row) => row.status !== "ok");
    await withTenant(database, tenant, async (trx) => {
      if (job.mode === "dry_run") {
        await update(trx, {
          status: "done",
          counts: JSON.stringify(analysis.counts),
          problem_rows: JSON.stringify(problemRows),
        });
        return;
      }
      const hasProblems = analysis.counts.error + analysis.counts.duplicate > 0;
      if (hasProblems && !job.skip_invalid)
        throw new AppError("request_must_be_valid", {
          field: "file",
          reason: fieldReasons.invalid[job.locale],
          counts: analysis.counts,
          problemRows,
        });
      const ids = await insertImported(trx, orgId, analysis.ready, job.created_by);
      await writeAuditEvent(
        trx,
        { orgId, makerUserId: job.created_by, checkerUserId: null, address: "import-job" },
        job.created_by,
        {
          action: "person.import",
          recordType: "person",
          recordId: null,
          summary: {
            jobId,
            format: job.format,
            file: job.file_digest,
            skipInvalid: job.skip_invalid,
            ...analysis.counts,
            created: ids.length,
          },
        },
      );
      await update(trx, {
        status: "done",
        counts: JSON.stringify(analysis.counts),
        problem_rows: JSON.stringify(problemRows),
        created_count: ids.length,
        // The persons are on record now; the file need not be kept.
        file: null,
      });
    });
  } catch (error) {
    const refusal = error instanceof AppError ? error : new AppError("internal_error");
    const { problemRows, counts, ...details } = refusal.details as {
      problemRows?: ImportRow[];
      counts?: unknown;
    } & Record<string, unknown>;
    await withTenant(database, tenant, (trx) =>
      update(trx, {
        status: "failed",
        error: JSON.stringify({ code: refusal.code, details: { ...details, counts } }),
        counts: counts === undefined ? null : JSON.stringify(counts),
        problem_rows: problemRows === undefined ? null : JSON.stringify(problemRows),
      }),
    );
    if (!(error instanceof AppError)) throw error;
  }
}

type JobRow = {
  id: string;
  mode: "dry_run" | "commit";
  skip_invalid: boolean;
  status: "queued" | "running" | "done" | "failed";
  total_rows: number;
  processed_rows: number;
  counts: unknown;
  problem_rows: unknown;
  created_count: number;
  error: unknown;
  created_at: Date;
};

/** A job as the API shows it, messages in the reader's language. */
export function toImportJob(row: JobRow, locale: Locale): ImportJob {
  const error = row.error as { code: string; details: Record<string, unknown> } | null;
  return {
    id: row.id,
    mode: row.mode,
    skipInvalid: row.skip_invalid,
    status: row.status,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    counts: (row.counts as ImportJob["counts"]) ?? null,
    problemRows: (row.problem_rows as ImportRow[] | null) ?? [],
    createdCount: row.created_count,
    error:
      error === null
        ? null
        : {
            code: error.code,
            message: isErrorCode(error.code) ? errorMessage(error.code, locale, error.details) : error.code,
            details: error.details,
          },
    createdAt: row.created_at.toISOString(),
  };
}
