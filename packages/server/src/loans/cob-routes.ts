/**
 * Close of business over HTTP: start it for a date (it runs in the server process, or is shared with
 * `moldir worker` processes on PostgreSQL, which take pending chunks too) and follow its progress.
 */
import { plainDateSchema } from "@moldir/contract";
import { type Database, withTenant } from "@moldir/db";
import { addDays, type PlainDate } from "@moldir/domain";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { closeBusinessThrough, finishRun, lastClosedDate, processNextChunk, progressOf } from "./cob";

const tags = ["close of business"];

const progressSchema = z.object({
  businessDate: plainDateSchema,
  status: z.enum(["running", "done"]),
  chunkCount: z.number().int(),
  chunksDone: z.number().int(),
  loansProcessed: z.number().int(),
  entriesPosted: z.number().int(),
});

/** Runs in this process, one at a time per organization; a failure is logged and the run can be resumed. */
const runningHere = new Map<string, Promise<unknown>>();

export function startCloseOfBusiness(
  database: Database,
  log: FastifyBaseLogger,
  orgId: string,
  through: PlainDate,
  requestedBy: string | null,
): boolean {
  if (runningHere.has(orgId)) return false;
  const run = closeBusinessThrough(database, orgId, through, { requestedBy })
    .catch((error: unknown) =>
      log.error({ err: error, orgId }, "close of business failed; it resumes when run again"),
    )
    .finally(() => runningHere.delete(orgId));
  runningHere.set(orgId, run);
  return true;
}

/** Waits for the runs this process has started (tests, shutdown). */
export async function settleCloseOfBusiness(): Promise<void> {
  await Promise.all([...runningHere.values()]);
}

/** Yesterday where the organization is: the business date its daily close of business closes. */
async function yesterdayOf(database: Database, orgId: string): Promise<PlainDate> {
  return withTenant(database, { orgId, userId: null }, async (trx) => addDays(await todayOf(trx, orgId), -1));
}

/** Organizations with running loans (read across organizations, as the system). */
async function organizationsWithLoans(database: Database): Promise<string[]> {
  const rows = await database.db
    .selectFrom("loans")
    .select("org_id")
    .where("status", "=", "active")
    .groupBy("org_id")
    .execute();
  return rows.map((r) => r.org_id);
}

/**
 * The daily trigger: for every organization with running loans, closes every day up to yesterday (in its
 * own time zone) that is not closed yet.
 */
export async function closeYesterdayEverywhere(database: Database, log: FastifyBaseLogger): Promise<void> {
  for (const orgId of await organizationsWithLoans(database)) {
    const yesterday = await yesterdayOf(database, orgId);
    startCloseOfBusiness(database, log, orgId, yesterday, null);
  }
}

export async function closeOfBusinessRoutes(
  app: FastifyInstance,
  options: { database: Database },
): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/api/v1/close-of-business",
    {
      config: { access: { kind: "permission", permission: "ledger.manage" } },
      schema: {
        tags,
        summary: "Close business through a date (yesterday by default), catching up missed days in order",
        body: z.strictObject({ through: plainDateSchema.optional() }),
        response: {
          202: z.object({
            through: plainDateSchema,
            started: z.boolean(),
            lastClosed: plainDateSchema.nullable(),
          }),
        },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const { through, lastClosed } = await inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, actor.orgId);
        const date =
          request.body.through === undefined
            ? addDays(today, -1)
            : dateOrRefuse(request.body.through, "through");
        if (date > today) throw new AppError("value_date_must_not_be_in_the_future", { field: "through" });
        await audit(trx, request, {
          action: "close_of_business.start",
          recordType: "close_of_business",
          recordId: null,
          summary: { through: date },
        });
        return { through: date, lastClosed: await lastClosedDate(trx, actor.orgId) };
      });
      const started = startCloseOfBusiness(database, request.log, actor.orgId, through, actor.userId);
      return reply.code(202).send({ through, started, lastClosed });
    },
  );

  routes.get(
    "/api/v1/close-of-business",
    {
      config: { access: { kind: "permission", permission: "loans.read" } },
      schema: {
        tags,
        summary: "The last closed business date and the latest runs with their progress",
        response: {
          200: z.object({
            lastClosed: plainDateSchema.nullable(),
            runningHere: z.boolean(),
            runs: z.array(progressSchema),
          }),
        },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const rows = await trx
          .selectFrom("cob_runs")
          .selectAll()
          .where("org_id", "=", orgId)
          .orderBy("business_date", "desc")
          .limit(30)
          .execute();
        return {
          lastClosed: await lastClosedDate(trx, orgId),
          runningHere: runningHere.has(orgId),
          runs: rows.map((run) => ({
            businessDate: run.business_date,
            status: run.status,
            chunkCount: run.chunk_count,
            chunksDone: run.chunks_done,
            loansProcessed: run.loans_processed,
            entriesPosted: run.entries_posted,
          })),
        };
      });
    },
  );

  routes.get(
    "/api/v1/close-of-business/:businessDate",
    {
      config: { access: { kind: "permission", permission: "loans.read" } },
      schema: {
        tags,
        summary: "Progress of close of business for one date",
        params: z.object({ businessDate: z.string().max(10) }),
        response: { 200: progressSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const businessDate = dateOrRefuse(request.params.businessDate, "businessDate");
      const progress = await inTenant(database, request, (trx) => progressOf(trx, orgId, businessDate));
      if (progress === null) throw new AppError("record_must_exist");
      return progress;
    },
  );
}

/**
 * One pass of a worker: takes the pending chunks of every run in progress (of any organization, whoever
 * started it), finishes the dates whose chunks are all done, and, when `schedule` is on, starts yesterday's
 * close of business where it is due. Any number of workers may run passes at once.
 */
export async function workerPass(
  database: Database,
  options: { readonly schedule: boolean },
): Promise<number> {
  const runs = await database.db
    .selectFrom("cob_runs")
    .select(["org_id", "business_date"])
    .where("status", "=", "running")
    .orderBy("business_date")
    .execute();
  let chunks = 0;
  for (const run of runs) {
    const tenant = { orgId: run.org_id, userId: null };
    const date = run.business_date as PlainDate;
    while (await withTenant(database, tenant, (trx) => processNextChunk(trx, run.org_id, date))) chunks += 1;
    await withTenant(database, tenant, (trx) => finishRun(trx, run.org_id, date));
  }
  if (options.schedule) {
    for (const orgId of await organizationsWithLoans(database)) {
      await closeBusinessThrough(database, orgId, await yesterdayOf(database, orgId), { requestedBy: null });
    }
  }
  return chunks;
}
