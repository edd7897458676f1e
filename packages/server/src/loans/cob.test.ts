/**
 * Close of business on the real database: accruals posted per product and day, idempotent per date, missed
 * days caught up in order, a crash mid-run resumed without anything lost or doubled, two workers sharing a
 * date, and payments after it settling the receivable instead of counting income twice.
 */
import { sql, withTenant } from "@moldir/db";
import { loanAccrualsAsOf, maxBigint, plainDate } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { trialBalance } from "../ledger/statements";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";
import { closeBusinessThrough, datesToClose, lastClosedDate } from "./cob";
import { settleCloseOfBusiness, workerPass } from "./cob-routes";
import { loadEvents, toDomainEvents } from "./service";
import { parseStoredTerms, servicingOf } from "./terms";

interface Portfolio {
  readonly orgId: string;
  readonly bookId: string;
  readonly officer: Client;
  readonly loanIds: string[];
}

describe("close of business", () => {
  const testApp = useTestApp();

  /** An MCO with `count` loans of 100,000 ₸ disbursed on 2026-01-15 (the even ones repaid once, on time). */
  async function portfolio(count: number): Promise<Portfolio> {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "mco" });
    const admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    const officer = await signIn(app, (await buildUser(database, orgId, ["loan_officer"])).email);
    const committee = await signIn(
      app,
      (await buildUser(database, orgId, ["credit_committee_member"])).email,
    );
    const bookId = (
      await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } })
    ).json().id;
    const productId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "B",
          names: { kk: "B", ru: "B", en: "B" },
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      })
    ).json().id;
    const loanIds: string[] = [];
    for (let index = 0; index < count; index++) {
      const personId = await buildConsentingPerson(
        admin,
        {
          surname: `Қарыз${index}`,
          givenName: "Айгүл",
          phones: [`+7701555${String(index).padStart(4, "0")}`],
        },
        ["credit"],
      );
      const loanId = await buildActiveLoan({ officer, committee, disburser: admin }, { productId, personId });
      if (index % 2 === 0) {
        const due = (await officer.request({ url: `/api/v1/loans/${loanId}` })).json().schedule[0];
        const paid = await officer.request({
          method: "POST",
          url: `/api/v1/loans/${loanId}/repayments`,
          payload: { valueDate: due.dueOn, amountMinor: due.totalDueMinor, channel: "cash" },
        });
        expect(paid.statusCode, paid.body).toBe(200);
      }
      loanIds.push(loanId);
    }
    return { orgId, bookId, officer, loanIds };
  }

  async function balances(p: Portfolio, asOf = "2026-12-31") {
    return withTenant(testApp().database, { orgId: p.orgId, userId: null }, async (trx) => {
      const tb = await trialBalance(trx, p.orgId, p.bookId, plainDate(asOf));
      expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
      const accounts = await trx
        .selectFrom("accounts")
        .select(["id", "purpose"])
        .where("org_id", "=", p.orgId)
        .where("purpose", "is not", null)
        .execute();
      const purposeOf = new Map(accounts.map((a) => [a.id, a.purpose as string]));
      return Object.fromEntries(
        tb.rows
          .filter((r) => purposeOf.has(r.accountId))
          .map((r) => [purposeOf.get(r.accountId), r.balanceMinor.toString()]),
      ) as Record<string, string>;
    });
  }

  async function loanColumns(p: Portfolio) {
    return withTenant(testApp().database, { orgId: p.orgId, userId: null }, (trx) =>
      trx
        .selectFrom("loans as l")
        .innerJoin("loan_accruals as a", (j) =>
          j.onRef("a.org_id", "=", "l.org_id").onRef("a.loan_id", "=", "l.id"),
        )
        .select([
          "l.number",
          "a.recognized_interest_minor",
          "l.recognized_penalty_minor",
          "l.days_past_due",
          "l.arrears_bucket",
          "a.cob_date",
        ])
        .where("l.org_id", "=", p.orgId)
        .orderBy("l.number")
        .execute(),
    );
  }

  async function entryCount(p: Portfolio): Promise<number> {
    const row = await withTenant(testApp().database, { orgId: p.orgId, userId: null }, (trx) =>
      trx
        .selectFrom("journal_entries")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("org_id", "=", p.orgId)
        .where("source_type", "=", "cob")
        .executeTakeFirstOrThrow(),
    );
    return Number(row.n);
  }

  it("plans the dates to close: the first date alone, then every missed day in order", () => {
    expect(datesToClose(null, plainDate("2026-03-01"))).toEqual(["2026-03-01"]);
    expect(datesToClose(plainDate("2026-02-27"), plainDate("2026-03-02"))).toEqual([
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(datesToClose(plainDate("2026-03-02"), plainDate("2026-03-02"))).toEqual([]);
  });

  it("accrues, ages and snapshots, and changes nothing when run again", async () => {
    const p = await portfolio(4);
    const { database } = testApp();
    expect(
      await closeBusinessThrough(database, p.orgId, plainDate("2026-03-20"), { requestedBy: null }),
    ).toEqual(["2026-03-20"]);
    const after = await balances(p);
    expect(BigInt(after.interest_receivable ?? "0")).toBeGreaterThan(0n);
    expect(BigInt(after.penalty_receivable ?? "0")).toBeGreaterThan(0n);
    const loans = await loanColumns(p);
    // Loans 1 and 3 paid their first installment; all are late on the second (due 2026-03-15).
    expect(loans.map((l) => l.days_past_due)).toEqual([5, 33, 5, 33]);
    expect(loans.map((l) => l.arrears_bucket)).toEqual([1, 2, 1, 2]);
    const entries = await entryCount(p);
    expect(entries).toBe(1);
    // Again: nothing to close, nothing posted.
    expect(
      await closeBusinessThrough(database, p.orgId, plainDate("2026-03-20"), { requestedBy: null }),
    ).toEqual([]);
    expect(await balances(p)).toEqual(after);
    expect(await loanColumns(p)).toEqual(loans);
    const snapshot = await withTenant(database, { orgId: p.orgId, userId: null }, (trx) =>
      trx
        .selectFrom("par_snapshots")
        .selectAll()
        .where("org_id", "=", p.orgId)
        .orderBy("arrears_bucket")
        .execute(),
    );
    expect(snapshot.map((s) => [s.arrears_bucket, s.loans])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    // Each borrower in arrears is told once about each missed due date, in Russian or Kazakh.
    const notices = async () =>
      withTenant(database, { orgId: p.orgId, userId: null }, (trx) =>
        trx
          .selectFrom("notifications")
          .select(["template", "locale", "payload"])
          .where("org_id", "=", p.orgId)
          .where("template", "=", "loan_arrears_notice")
          .execute(),
      );
    expect(await notices()).toHaveLength(4);
    await closeBusinessThrough(database, p.orgId, plainDate("2026-03-21"), { requestedBy: null });
    expect(await notices()).toHaveLength(4);
  });

  it("catches up missed days in order, and a payment settles the receivable without counting income twice", async () => {
    const p = await portfolio(2);
    const { database } = testApp();
    await closeBusinessThrough(database, p.orgId, plainDate("2026-02-10"), { requestedBy: null });
    const closed = await closeBusinessThrough(database, p.orgId, plainDate("2026-02-13"), {
      requestedBy: null,
    });
    expect(closed).toEqual(["2026-02-11", "2026-02-12", "2026-02-13"]);
    expect(await entryCount(p)).toBe(4);
    const before = await balances(p);
    const loanId = p.loanIds[1] as string;
    const due = (await p.officer.request({ url: `/api/v1/loans/${loanId}` })).json().schedule[0];
    const paid = await p.officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/repayments`,
      // The installment's principal and interest: a day's penalty comes first, so interest is paid in full.
      payload: {
        valueDate: "2026-02-16",
        amountMinor: (BigInt(due.principalMinor) + BigInt(due.interestMinor)).toString(),
        channel: "cash",
      },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const after = await balances(p);
    const receivableSettled =
      BigInt(before.interest_receivable ?? "0") - BigInt(after.interest_receivable ?? "0");
    const incomeAdded = BigInt(after.interest_income ?? "0") - BigInt(before.interest_income ?? "0");
    // Of the installment's interest, what was already recognized settles the receivable; the rest is income.
    expect(receivableSettled + incomeAdded).toBe(BigInt(due.interestMinor));
    expect(receivableSettled).toBeGreaterThan(0n);
    expect(BigInt(after.interest_receivable ?? "0")).toBeGreaterThanOrEqual(0n);
  });

  it("resumes after a crash with the same books as an uninterrupted run", async () => {
    const { database } = testApp();
    const crashed = await portfolio(5);
    const clean = await portfolio(5);
    let chunks = 0;
    await expect(
      closeBusinessThrough(database, crashed.orgId, plainDate("2026-04-01"), {
        requestedBy: null,
        chunkSize: 2,
        afterChunk: () => {
          chunks += 1;
          if (chunks === 1) throw new Error("the worker was killed");
        },
      }),
    ).rejects.toThrow("killed");
    await closeBusinessThrough(database, crashed.orgId, plainDate("2026-04-01"), {
      requestedBy: null,
      chunkSize: 2,
    });
    await closeBusinessThrough(database, clean.orgId, plainDate("2026-04-01"), {
      requestedBy: null,
      chunkSize: 2,
      workers: 1,
    });
    expect(await balances(crashed)).toEqual(await balances(clean));
    const strip = (rows: Awaited<ReturnType<typeof loanColumns>>) =>
      rows.map(({ number: _n, ...rest }) => rest);
    expect(strip(await loanColumns(crashed))).toEqual(strip(await loanColumns(clean)));
    expect(await entryCount(crashed)).toBe(await entryCount(clean));
  });

  it("closes quiet days without replaying, with the books and loans a replay of every loan gives", async () => {
    const { database } = testApp();
    const quiet = await portfolio(4);
    const replayed = await portfolio(4);
    const tenant = (p: Portfolio) => ({ orgId: p.orgId, userId: null });
    const close = async (p: Portfolio, through: string, replayAll: boolean) => {
      if (!replayAll) {
        await closeBusinessThrough(database, p.orgId, plainDate(through), { requestedBy: null });
        return;
      }
      // Without quiet days every loan is replayed each day, as before migration 0023.
      const last = await withTenant(database, tenant(p), (trx) => lastClosedDate(trx, p.orgId));
      for (const day of datesToClose(last, plainDate(through))) {
        await withTenant(database, tenant(p), (trx) =>
          sql`UPDATE loan_accruals SET quiet_from = NULL, quiet_interest = NULL WHERE org_id = ${p.orgId}`.execute(
            trx,
          ),
        );
        await closeBusinessThrough(database, p.orgId, day, { requestedBy: null });
      }
    };
    const repay = async (p: Portfolio, loan: number, valueDate: string, installment: number) => {
      const loanId = p.loanIds[loan] as string;
      const due = (await p.officer.request({ url: `/api/v1/loans/${loanId}` })).json().schedule[installment];
      const paid = await p.officer.request({
        method: "POST",
        url: `/api/v1/loans/${loanId}/repayments`,
        payload: { valueDate, amountMinor: due.totalDueMinor, channel: "cash" },
      });
      expect(paid.statusCode, paid.body).toBe(200);
    };
    const quietFrom = async (p: Portfolio) =>
      withTenant(database, tenant(p), (trx) =>
        trx
          .selectFrom("loan_accruals")
          .select(["number", "quiet_from"])
          .where("org_id", "=", p.orgId)
          .orderBy("number")
          .execute(),
      );
    for (const [p, replayAll] of [
      [quiet, false],
      [replayed, true],
    ] as const) {
      await close(p, "2026-01-20", replayAll);
      // Loan 2 pays its first installment early; loan 4 pays the amount of its second, which covers its first.
      await repay(p, 1, "2026-01-25", 0);
      await repay(p, 3, "2026-01-25", 1);
      await close(p, "2026-02-20", replayAll);
      // A payment dated before the last closed date: the loan is replayed from it.
      await repay(p, 2, "2026-02-18", 1);
      await close(p, "2026-03-25", replayAll);
    }
    expect(await balances(quiet)).toEqual(await balances(replayed));
    const strip = (rows: Awaited<ReturnType<typeof loanColumns>>) =>
      rows.map(({ number: _n, ...rest }) => rest);
    expect(strip(await loanColumns(quiet))).toEqual(strip(await loanColumns(replayed)));
    expect(await entryCount(quiet)).toBe(await entryCount(replayed));
    // Only loan 3 paid its second installment (due 2026-03-15) in full: it was last replayed on an event or a
    // due date, not every day since. The others are past due on it: replayed each day, with no quiet days.
    const from = await quietFrom(quiet);
    expect(from.map((l) => l.quiet_from === null)).toEqual([true, true, false, true]);
    expect((from[2]?.quiet_from ?? "") < "2026-03-25").toBe(true);
  });

  it("replays a loan by its own frozen settings when they differ from its product version's", async () => {
    const { database } = testApp();
    const p = await portfolio(3);
    // Loans 1 and 3 have the same history; loan 3's frozen penalty rate is made lower than its product's.
    await withTenant(database, { orgId: p.orgId, userId: null }, (trx) =>
      sql`UPDATE loans SET terms = jsonb_set(terms, '{settings,penaltyPercentPerDay}', '"0.05"')
        WHERE org_id = ${p.orgId} AND id = ${p.loanIds[2]}`.execute(trx),
    );
    await closeBusinessThrough(database, p.orgId, plainDate("2026-04-01"), { requestedBy: null });
    const [first, , third] = await loanColumns(p);
    expect(first?.recognized_penalty_minor).toBeGreaterThan(0n);
    expect(third?.recognized_penalty_minor).toBeGreaterThan(0n);
    expect(third?.recognized_penalty_minor).toBeLessThan(first?.recognized_penalty_minor ?? 0n);
  });

  it("lets two workers share a date without doubling anything", async () => {
    const { database } = testApp();
    const shared = await portfolio(6);
    const single = await portfolio(6);
    // Two callers, each with several workers of its own on PostgreSQL (one on the embedded database).
    await Promise.all([
      closeBusinessThrough(database, shared.orgId, plainDate("2026-03-01"), {
        requestedBy: null,
        chunkSize: 1,
        workers: 3,
      }),
      closeBusinessThrough(database, shared.orgId, plainDate("2026-03-01"), {
        requestedBy: null,
        chunkSize: 1,
      }),
    ]);
    // If one worker found the other still holding the last chunk, a third pass finishes the date.
    await closeBusinessThrough(database, shared.orgId, plainDate("2026-03-01"), {
      requestedBy: null,
      chunkSize: 1,
    });
    await closeBusinessThrough(database, single.orgId, plainDate("2026-03-01"), {
      requestedBy: null,
      chunkSize: 1,
      workers: 1,
    });
    expect(await balances(shared)).toEqual(await balances(single));
    expect(await entryCount(shared)).toBe(await entryCount(single));
  });

  it("is started over HTTP by an accountant, shows its progress, and refuses a future date", async () => {
    const { database, app } = testApp();
    const p = await portfolio(2);
    const accountant = await signIn(app, (await buildUser(database, p.orgId, ["accountant"])).email);
    const future = await accountant.request({
      method: "POST",
      url: "/api/v1/close-of-business",
      payload: { through: "2099-01-01" },
    });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe("value_date_must_not_be_in_the_future");
    const byOfficer = await p.officer.request({
      method: "POST",
      url: "/api/v1/close-of-business",
      payload: { through: "2026-03-01" },
    });
    expect(byOfficer.statusCode).toBe(403);
    const started = await accountant.request({
      method: "POST",
      url: "/api/v1/close-of-business",
      payload: { through: "2026-03-01" },
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ through: "2026-03-01", lastClosed: null });
    await settleCloseOfBusiness();
    const overview = (await accountant.request({ url: "/api/v1/close-of-business" })).json();
    expect(overview).toMatchObject({ lastClosed: "2026-03-01", runningHere: false });
    const progress = (await accountant.request({ url: "/api/v1/close-of-business/2026-03-01" })).json();
    expect(progress).toMatchObject({ status: "done", loansProcessed: 2 });
    expect(progress.chunksDone).toBe(progress.chunkCount);
  });

  it("lets a worker process take the chunks of a run another process started", async () => {
    const { database } = testApp();
    const p = await portfolio(3);
    // A run whose worker died after planning it: its chunks are pending.
    await withTenant(database, { orgId: p.orgId, userId: null }, async (trx) => {
      const { planRun } = await import("./cob");
      await planRun(trx, p.orgId, plainDate("2026-02-20"), null, 1);
    });
    expect(await workerPass(database, { schedule: false })).toBeGreaterThanOrEqual(3);
    const run = await withTenant(database, { orgId: p.orgId, userId: null }, (trx) =>
      trx.selectFrom("cob_runs").selectAll().where("org_id", "=", p.orgId).executeTakeFirstOrThrow(),
    );
    expect(run).toMatchObject({ status: "done", chunks_done: 3, loans_processed: 3 });
  });

  it("reports the portfolio and PAR of a closed date, the arrears list and the expected collections", async () => {
    const { database, app } = testApp();
    const p = await portfolio(4);
    await closeBusinessThrough(database, p.orgId, plainDate("2026-03-20"), { requestedBy: null });
    const accountant = await signIn(app, (await buildUser(database, p.orgId, ["accountant"])).email);
    const report = await accountant.request({
      url: "/api/v1/loan-reports/portfolio?asOf=2026-03-20&groupBy=product",
    });
    expect(report.statusCode, report.body).toBe(200);
    const body = report.json();
    expect(body).toMatchObject({ source: "snapshot", parDays: [1, 30, 60, 90], disbursedMinor: "40000000" });
    expect(body.total.loans).toBe(4);
    const [par1, par30, par60] = body.total.atRiskMinor.map((v: string) => BigInt(v));
    expect(par1).toBe(BigInt(body.total.outstandingMinor));
    expect(par30).toBeGreaterThan(0n);
    expect(par30).toBeLessThan(par1);
    expect(par60).toBe(0n);
    const notClosed = await accountant.request({ url: "/api/v1/loan-reports/portfolio?asOf=2026-03-19" });
    expect(notClosed.statusCode).toBe(422);
    expect(notClosed.json().error.code).toBe("close_of_business_must_have_run");
    expect((await accountant.request({ url: "/api/v1/loan-reports/portfolio" })).json().source).toBe("live");
    const arrears = (await accountant.request({ url: "/api/v1/loan-reports/arrears" })).json().items;
    expect(arrears).toHaveLength(4);
    expect(arrears[0].daysPastDue).toBeGreaterThanOrEqual(arrears[3].daysPastDue);
    for (const [url, type] of [
      ["/api/v1/loan-reports/portfolio/export?asOf=2026-03-20&format=xlsx&locale=kk", "spreadsheetml"],
      ["/api/v1/loan-reports/portfolio/export?asOf=2026-03-20&format=pdf&locale=ru", "application/pdf"],
      ["/api/v1/loan-reports/arrears/export?format=csv&locale=en", "text/csv"],
    ] as const) {
      const file = await accountant.request({ url });
      expect(file.statusCode, file.body.slice(0, 200)).toBe(200);
      expect(file.headers["content-type"]).toContain(type);
    }
    const collections = (
      await accountant.request({ url: "/api/v1/loan-reports/collections?from=2026-04-10&days=10" })
    ).json().items;
    expect(collections).toHaveLength(10);
    const due = collections.find((d: { date: string }) => d.date === "2026-04-15");
    expect(due.loans).toBe(4);
    // The credit bureau file names borrowers by IIN: only for those who may see IINs.
    expect(
      (await accountant.request({ url: "/api/v1/loan-reports/credit-bureau?asOf=2026-03-20" })).statusCode,
    ).toBe(403);
    const admin = await signIn(app, (await buildUser(database, p.orgId, ["administrator"])).email);
    const bureau = await admin.request({ url: "/api/v1/loan-reports/credit-bureau?asOf=2026-03-20" });
    expect(bureau.statusCode).toBe(200);
    const lines = bureau.body.trim().split("\r\n");
    expect(lines[0]).toContain("contract_number;contract_date;borrower_iin");
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).every((line) => line.split(";").length === 19)).toBe(true);
    expect(lines.slice(1).every((line) => line.includes(";overdue;"))).toBe(true);
  });

  it("shows a loan officer her portfolio, the PAR of the closed dates, today's collections and whom to visit", async () => {
    const { database } = testApp();
    const p = await portfolio(2);
    await closeBusinessThrough(database, p.orgId, plainDate("2026-03-20"), { requestedBy: null });
    const answer = await p.officer.request({ url: "/api/v1/loan-reports/officer-dashboard" });
    expect(answer.statusCode, answer.body).toBe(200);
    const dashboard = answer.json();
    expect(dashboard).toMatchObject({ loans: 2, parDays: [1, 30, 60, 90] });
    expect(dashboard.arrears).toHaveLength(2);
    expect(dashboard.arrears[0].arrearsBucket).toBeGreaterThanOrEqual(1);
    const last = dashboard.parTrend.at(-1);
    expect(last.businessDate).toBe("2026-03-20");
    expect(BigInt(last.atRiskMinor[0])).toBe(BigInt(last.outstandingMinor));
    expect(dashboard.today).toMatchObject({ collectedMinor: "0" });
    // Another officer of the organization sees no loan of hers.
    const other = await signIn(testApp().app, (await buildUser(database, p.orgId, ["loan_officer"])).email);
    const empty = (await other.request({ url: "/api/v1/loan-reports/officer-dashboard" })).json();
    expect(empty).toMatchObject({ loans: 0, arrears: [], outstandingMinor: "0" });
    const arrears = (await other.request({ url: "/api/v1/loan-reports/arrears" })).json();
    expect(arrears.bucketStarts).toEqual([1, 31, 61, 91]);
  });

  it("lets a manager pick which officer's dashboard to view, and an officer only her own", async () => {
    const { database, app } = testApp();
    const p = await portfolio(1);
    const own = (await p.officer.request({ url: "/api/v1/loan-reports/officer-dashboard" })).json();
    const officerId = own.officerId as string;
    expect(own.officers).toEqual([{ id: officerId, name: expect.any(String) }]);
    const manager = await signIn(
      app,
      (await buildUser(database, p.orgId, ["credit_committee_member"])).email,
    );
    const mine = (await manager.request({ url: "/api/v1/loan-reports/officer-dashboard" })).json();
    expect(mine).toMatchObject({ loans: 0 });
    expect(mine.officers.map((o: { id: string }) => o.id)).toContain(officerId);
    const picked = await manager.request({
      url: `/api/v1/loan-reports/officer-dashboard?officerId=${officerId}`,
    });
    expect(picked.statusCode, picked.body).toBe(200);
    expect(picked.json()).toMatchObject({ officerId, loans: 1 });
    // Refused: another officer's day for an officer, someone who is no officer here, a malformed id.
    const colleague = await signIn(app, (await buildUser(database, p.orgId, ["loan_officer"])).email);
    const refusals: [Client, string, number, string][] = [
      [colleague, officerId, 403, "permission_must_be_granted"],
      [manager, "01890a5d-ac96-774b-bcce-b302099a8057", 404, "record_must_exist"],
      [manager, "not-a-uuid", 400, "request_must_be_valid"],
    ];
    for (const [client, id, status, code] of refusals) {
      const refused = await client.request({ url: `/api/v1/loan-reports/officer-dashboard?officerId=${id}` });
      expect(refused.statusCode, code).toBe(status);
      expect(refused.json().error.code).toBe(code);
    }
  });

  it("does not replay a loan written off by the last close of business until it has a new event", async () => {
    const { database, app } = testApp();
    const p = await portfolio(1);
    const loanId = p.loanIds[0] as string;
    await closeBusinessThrough(database, p.orgId, plainDate("2026-03-20"), { requestedBy: null });
    const committee = await signIn(
      app,
      (await buildUser(database, p.orgId, ["credit_committee_member"])).email,
    );
    const admin = await signIn(app, (await buildUser(database, p.orgId, ["administrator"])).email);
    const asked = await committee.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/write-off`,
      payload: { valueDate: "2026-03-21", reason: "Көшіп кетті" },
    });
    const approved = await admin.request({
      method: "POST",
      url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const columns = () =>
      withTenant(database, { orgId: p.orgId, userId: null }, (trx) =>
        trx
          .selectFrom("loans as l")
          .innerJoin("loan_accruals as a", (j) =>
            j.onRef("a.org_id", "=", "l.org_id").onRef("a.loan_id", "=", "l.id"),
          )
          .select([
            "l.terms",
            "a.cob_date",
            "l.cob_event_count",
            "a.recognized_interest_minor",
            "l.recognized_penalty_minor",
            "l.posted_interest_paid_minor",
            "l.posted_penalty_paid_minor",
            "l.days_past_due",
          ])
          .where("l.id", "=", loanId)
          .executeTakeFirstOrThrow(),
      );
    await closeBusinessThrough(database, p.orgId, plainDate("2026-03-22"), { requestedBy: null });
    const settled = await columns();
    const books = await balances(p);
    await closeBusinessThrough(database, p.orgId, plainDate("2026-04-05"), { requestedBy: null });
    const later = await columns();
    expect(await balances(p)).toEqual(books);
    expect(later).toMatchObject({ cob_date: "2026-04-05", cob_event_count: 3, days_past_due: 0 });
    expect(later.recognized_interest_minor).toBe(settled.recognized_interest_minor);
    expect(later.recognized_penalty_minor).toBe(settled.recognized_penalty_minor);
    // What the skipped replays would have given.
    const events = await withTenant(database, { orgId: p.orgId, userId: null }, (trx) =>
      loadEvents(trx, p.orgId, loanId),
    );
    const replayed = loanAccrualsAsOf(
      servicingOf(parseStoredTerms(later.terms)),
      toDomainEvents(events),
      plainDate("2026-04-05"),
    );
    if (!replayed.ok) throw new Error(replayed.code);
    expect(later.recognized_interest_minor).toBe(
      maxBigint(replayed.value.interestEarnedMinor, later.posted_interest_paid_minor),
    );
    expect(later.recognized_penalty_minor).toBe(
      maxBigint(replayed.value.penaltyChargedMinor, later.posted_penalty_paid_minor),
    );
    // A recovery is a new event: the next close of business replays the loan again.
    const recovered = await p.officer.request({
      method: "POST",
      url: `/api/v1/loans/${loanId}/recoveries`,
      payload: { valueDate: "2026-04-06", amountMinor: "100000", channel: "cash" },
    });
    expect(recovered.statusCode, recovered.body).toBe(200);
    await closeBusinessThrough(database, p.orgId, plainDate("2026-04-06"), { requestedBy: null });
    expect(await columns()).toMatchObject({ cob_date: "2026-04-06", cob_event_count: 4 });
  });
});
