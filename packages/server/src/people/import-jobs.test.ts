import { importContentTypes } from "@moldir/contract/people-import";
import { withTenant } from "@moldir/db";
import { addDays, plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { createImportJob, importChunkRows, resumeImportJobs, settleImportJobs } from "./import-jobs";

const rowCount = 3_000;
const badRows = new Set([17, 1_234, 2_999]);
const letters = "абвгдежзиклмнопрстуфхшэюя";

/** A surname no other row's resembles: the row's number in letters. */
function surnameOf(index: number): string {
  let name = "";
  for (let n = index + letters.length; n > 0; n = Math.floor(n / letters.length))
    name += letters[n % letters.length];
  return `Тест${name}`;
}

/** A file of a few thousand people, each born on her own day; a few rows have an impossible birth date. */
function bigFile(): Buffer {
  const lines = ["Фамилия,Имя,Пол,Дата рождения"];
  for (let i = 0; i < rowCount; i++)
    lines.push(
      `${surnameOf(i)},Айгүл,ж,${badRows.has(i) ? "1990-02-30" : addDays(plainDate("1950-01-01"), i * 7)}`,
    );
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

describe("import of a large file as a background job", () => {
  const testApp = useTestApp();
  let orgId: string;
  let admin: Client;
  const file = bigFile();

  const upload = (query: string, body: Buffer = file, contentType: string = importContentTypes.csv) =>
    admin.request({
      method: "POST",
      url: `/api/v1/persons/import-jobs?${query}`,
      headers: { "content-type": contentType },
      payload: body,
    });
  /** The job once the server has finished it. */
  const finished = async (jobId: string) => {
    await settleImportJobs();
    const job = await admin.request({ url: `/api/v1/persons/import-jobs/${jobId}` });
    expect(job.statusCode).toBe(200);
    return job.json();
  };
  const personCount = () =>
    withTenant(testApp().database, { orgId, userId: null }, async (trx) =>
      Number(
        (
          await trx
            .selectFrom("persons")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

  beforeAll(async () => {
    orgId = (await buildOrganization(testApp().database)).orgId;
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
  });

  it("answers at once with a queued job, then checks every row in chunks (a dry run writes nothing)", async () => {
    const started = await upload("mode=dry_run");
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json()).toMatchObject({
      status: "queued",
      mode: "dry_run",
      processedRows: 0,
      counts: null,
    });
    const job = await finished(started.json().id);
    expect(rowCount).toBeGreaterThan(importChunkRows * 4);
    expect(job).toMatchObject({
      status: "done",
      totalRows: rowCount,
      processedRows: rowCount,
      counts: { total: rowCount, ok: rowCount - badRows.size, error: badRows.size },
      createdCount: 0,
      error: null,
    });
    expect(job.problemRows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual(
      [...badRows].map((index) => index + 2),
    );
    expect(await personCount()).toBe(0);
  });

  it("refuses to commit a file with bad rows as a whole, writing nothing", async () => {
    const job = await finished((await upload("mode=commit")).json().id);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "request_must_be_valid", details: { field: "file" } });
    expect(job.counts).toMatchObject({ error: badRows.size });
    expect(job.problemRows).toHaveLength(badRows.size);
    expect(await personCount()).toBe(0);
  });

  it("imports the valid rows of a dry run's file when asked, and the same file again creates no one", async () => {
    const dryRun = await finished((await upload("mode=dry_run")).json().id);
    const commit = await admin.request({
      method: "POST",
      url: `/api/v1/persons/import-jobs/${dryRun.id}/commit`,
      payload: { skipInvalid: true },
    });
    expect(commit.statusCode, commit.body).toBe(202);
    const committed = await finished(commit.json().id);
    expect(committed).toMatchObject({
      status: "done",
      mode: "commit",
      createdCount: rowCount - badRows.size,
    });
    expect(await personCount()).toBe(rowCount - badRows.size);

    const again = await finished((await upload("mode=commit&skipInvalid=true")).json().id);
    expect(again).toMatchObject({
      status: "done",
      createdCount: 0,
      counts: { alreadyImported: rowCount - badRows.size, error: badRows.size },
    });
    expect(await personCount()).toBe(rowCount - badRows.size);
    const events = await admin.request({ url: "/api/v1/audit-events?action=person.import" });
    expect(
      events
        .json()
        .items.map((e: { summary: { created: number } }) => e.summary.created)
        .sort(),
    ).toEqual([0, rowCount - badRows.size]);
  });

  it("refuses a commit of what is not a finished dry run, an unknown job, and a file of another type", async () => {
    const commitJob = await finished((await upload("mode=commit&skipInvalid=true")).json().id);
    const refused = await admin.request({
      method: "POST",
      url: `/api/v1/persons/import-jobs/${commitJob.id}/commit`,
      payload: { skipInvalid: false },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe("request_must_be_valid");
    expect((await admin.request({ url: `/api/v1/persons/import-jobs/${newId()}` })).statusCode).toBe(404);
    const pdf = await upload("mode=dry_run", Buffer.from("%PDF-1.4"), "application/pdf");
    expect(pdf.statusCode).toBe(415);
  });

  it("fails a job whose file lacks a required column, with the reason", async () => {
    const job = await finished((await upload("mode=dry_run", Buffer.from("Имя\r\nАйгүл\r\n"))).json().id);
    expect(job.status).toBe("failed");
    expect(job.error.code).toBe("request_must_be_valid");
    expect(job.error.message).not.toBe("");
  });

  it("runs again after a restart a job a stopped server left running, and only a stale one on a server", async () => {
    const { database } = testApp();
    const user = (await buildUser(database, orgId, ["administrator"])).userId;
    const left = await withTenant(database, { orgId, userId: user }, async (trx) => {
      const id = await createImportJob(trx, orgId, user, {
        mode: "dry_run",
        skipInvalid: false,
        format: "csv",
        locale: "ru",
        file,
      });
      await trx
        .updateTable("person_import_jobs")
        .set({
          status: "running",
          total_rows: rowCount,
          processed_rows: importChunkRows,
          updated_at: new Date(Date.now() - 60_000),
        })
        .where("id", "=", id)
        .execute();
      return id;
    });
    const silent = testApp().app.log;
    // Touched a minute ago: another server may still be running it.
    expect(await resumeImportJobs(database, silent, 10 * 60_000)).toBe(0);
    expect((await admin.request({ url: `/api/v1/persons/import-jobs/${left}` })).json().status).toBe(
      "running",
    );
    expect(await resumeImportJobs(database, silent, 0)).toBe(1);
    const job = await finished(left);
    expect(job).toMatchObject({ status: "done", processedRows: rowCount, counts: { error: badRows.size } });
    // Done jobs are never taken again.
    expect(await resumeImportJobs(database, silent, 0)).toBe(0);
  });
});
