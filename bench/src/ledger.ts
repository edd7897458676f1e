/**
 * The ledger's rows of PERFORMANCE.md: bulk posting through the posting service (`postEntries`, the path of
 * close of business and imports) and the trial balance as of a date over many lines.
 *
 * For the trial balance the lines are loaded by SQL inside the benchmark (INSERT … SELECT generate_series into
 * journal_entries and journal_lines, one transaction per chunk), so that every trigger of the schema runs as it
 * would for any posting: the period check per entry, the daily totals per statement and, at commit, the
 * deferred balance check per entry. The load is timed too and reported for information, by phase.
 */
import { randomUUID } from "node:crypto";
import { type Database, sql, withTenant } from "@moldir/db";
import { addDays, type JournalEntryDraft, type PlainDate, plainDate } from "@moldir/domain";
import { postEntries } from "@moldir/server/ledger/posting";
import { trialBalance } from "@moldir/server/ledger/statements";
import type { EngineName } from "./databases";
import { buildLedgerFixture, type LedgerFixture } from "./fixtures";
import { type Goal, summarize } from "./harness";
import { bySize, count, type DatabaseBenchmark, engineLabel, seconds } from "./suite";

const bulkGoal: Goal = {
  text: "≥ 200,000 lines/s (stretch ≥ 500,000)",
  must: 200_000,
  stretch: 500_000,
  unit: "lines/s",
  higherIsBetter: true,
};

const trialBalanceGoal: Goal = {
  text: "≤ 1 s at 10,000,000 lines (stretch ≤ 200 ms)",
  must: 1_000,
  stretch: 200,
  unit: "ms",
};

const firstDay = plainDate("2024-01-01");

/** Entries of four lines (two debits, two credits) spread over the book's accounts. */
export function bulkDrafts(fixture: LedgerFixture, entries: number, seed: number): JournalEntryDraft[] {
  const accounts = fixture.accountIds;
  const pick = (n: number) => accounts[n % accounts.length] as string;
  return Array.from({ length: entries }, (_, index) => {
    const n = seed * 1_000_003 + index;
    const a = BigInt(1_000 + (n % 9_000));
    const b = BigInt(500 + (n % 777));
    return {
      bookId: fixture.bookId,
      valueDate: addDays(firstDay, n % 365),
      source: { type: "bench", id: String(n) },
      narration: "Bulk posting benchmark",
      lines: [
        { accountId: pick(n * 7 + 1), side: "debit", amountMinor: a },
        { accountId: pick(n * 7 + 2), side: "debit", amountMinor: b },
        { accountId: pick(n * 11 + 3), side: "credit", amountMinor: a },
        { accountId: pick(n * 11 + 4), side: "credit", amountMinor: b },
      ],
    };
  });
}

async function postBatch(database: Database, fixture: LedgerFixture, drafts: JournalEntryDraft[]) {
  const context = { orgId: fixture.orgId, userId: null };
  return withTenant(database, context, (trx) => postEntries(trx, context, drafts));
}

export const bulkPosting: DatabaseBenchmark = {
  name: "Bulk posting through postEntries",
  async run({ size, databases, log }) {
    const { rounds, entries } = bySize(size, {
      quick: { rounds: 1, entries: 20 },
      small: { rounds: 3, entries: 2_000 },
      full: { rounds: 5, entries: 10_000 },
    });
    const results = [];
    for (const engine of databases.engines) {
      const database = await databases.open(engine);
      try {
        const fixture = await buildLedgerFixture(database);
        await postBatch(database, fixture, bulkDrafts(fixture, Math.min(entries, 500), 0)); // warm-up
        const rates: number[] = [];
        for (let round = 1; round <= rounds; round++) {
          const drafts = bulkDrafts(fixture, entries, round);
          const started = process.hrtime.bigint();
          await postBatch(database, fixture, drafts);
          const elapsed = seconds(started);
          rates.push((entries * 4) / elapsed);
          log(`bulk posting, ${engine}: ${count(entries * 4)} lines in ${elapsed.toFixed(2)} s`);
        }
        results.push(
          summarize(
            `Bulk posting, postEntries, ${engineLabel(engine)}`,
            bulkGoal,
            "lines/s",
            rates,
            `${rounds} batches of ${count(entries)} entries × 4 lines, incl. commit`,
          ),
        );
      } finally {
        await database.drop();
      }
    }
    return results;
  },
};

export interface LoadTimes {
  entriesSeconds: number;
  linesSeconds: number;
  commitSeconds: number;
}

/**
 * Loads `entries` entries of four lines each into the fixture's book over `days` days from 2024-01-01, in
 * transactions of `chunk` entries. Every trigger runs; the books stay balanced.
 */
export async function loadLines(
  database: Database,
  fixture: LedgerFixture,
  entries: number,
  days: number,
  chunk: number,
  onChunk: (done: number, times: LoadTimes) => void = () => undefined,
): Promise<LoadTimes> {
  const total: LoadTimes = { entriesSeconds: 0, linesSeconds: 0, commitSeconds: 0 };
  const prefix = randomUUID().slice(0, 24);
  const accounts = `{${fixture.accountIds.join(",")}}`;
  const accountCount = fixture.accountIds.length;
  const id = sql`(${prefix}::text || lpad(to_hex(g), 12, '0'))::uuid`;
  const valueDate = sql`(${firstDay}::date + ((g - 1) * ${days}::bigint / ${entries}::bigint)::int)`;
  for (let from = 1; from <= entries; from += chunk) {
    const to = Math.min(entries, from + chunk - 1);
    const times: LoadTimes = { entriesSeconds: 0, linesSeconds: 0, commitSeconds: 0 };
    let started = process.hrtime.bigint();
    await database.db.transaction().execute(async (trx) => {
      await sql`INSERT INTO journal_entries
          (org_id, id, book_id, value_date, source_type, source_id, narration, total_minor, line_count)
        SELECT ${fixture.orgId}::uuid, ${id}, ${fixture.bookId}::uuid, ${valueDate}, 'bench', g::text,
          'Benchmark load', (1000 + g % 9000) + (500 + g % 777), 4
        FROM generate_series(${from}::bigint, ${to}::bigint) AS g`.execute(trx);
      times.entriesSeconds = seconds(started);
      started = process.hrtime.bigint();
      await sql`INSERT INTO journal_lines
          (org_id, entry_id, line_no, book_id, account_id, value_date, debit_minor, credit_minor)
        SELECT ${fixture.orgId}::uuid, ${id}, k, ${fixture.bookId}::uuid,
          (${accounts}::uuid[])[1 + ((g * 7 + k * 13) % ${accountCount}::int)::int], ${valueDate},
          CASE k WHEN 1 THEN 1000 + g % 9000 WHEN 2 THEN 500 + g % 777 ELSE 0 END,
          CASE k WHEN 3 THEN 1000 + g % 9000 WHEN 4 THEN 500 + g % 777 ELSE 0 END
        FROM generate_series(${from}::bigint, ${to}::bigint) AS g CROSS JOIN generate_series(1, 4) AS k`.execute(
        trx,
      );
      times.linesSeconds = seconds(started);
      started = process.hrtime.bigint();
    });
    times.commitSeconds = seconds(started);
    total.entriesSeconds += times.entriesSeconds;
    total.linesSeconds += times.linesSeconds;
    total.commitSeconds += times.commitSeconds;
    onChunk(to, times);
  }
  return total;
}

/** Lines loaded for the trial balance, per engine and size. */
export function trialBalanceLines(engine: EngineName, size: "quick" | "small" | "full"): number {
  return bySize(size, {
    quick: 2_000,
    small: 200_000,
    full: engine === "postgres" ? 10_000_000 : 2_000_000,
  });
}

export const trialBalanceOverLines: DatabaseBenchmark = {
  name: "Trial balance as of a date",
  async run({ size, databases, log, lines: linesOverride }) {
    const days = bySize(size, { quick: 30, small: 1_096, full: 1_096 });
    const rounds = bySize(size, { quick: 1, small: 9, full: 9 });
    const knownAtRounds = bySize(size, { quick: 1, small: 3, full: 3 });
    const results = [];
    for (const engine of databases.engines) {
      const lines = Math.round((linesOverride ?? trialBalanceLines(engine, size)) / 4) * 4;
      const entries = lines / 4;
      const chunk = Math.min(entries, 250_000);
      const database = await databases.open(engine);
      try {
        const fixture = await buildLedgerFixture(database);
        const loadStarted = process.hrtime.bigint();
        const load = await loadLines(database, fixture, entries, days, chunk, (done, t) =>
          log(
            `trial balance load, ${engine}: ${count(done * 4)} / ${count(lines)} lines ` +
              `(entries ${t.entriesSeconds.toFixed(1)} s, lines ${t.linesSeconds.toFixed(1)} s, commit ${t.commitSeconds.toFixed(1)} s)`,
          ),
        );
        const loadSeconds = seconds(loadStarted);
        await sql`ANALYZE`.execute(database.db);
        const { rows } = await sql<{
          n: string;
        }>`SELECT count(*)::text AS n FROM account_daily_totals`.execute(database.db);
        const dailyTotals = Number(rows[0]?.n ?? 0);
        const label = engineLabel(engine);
        results.push(
          summarize(
            `Bulk SQL load with every trigger, ${label}`,
            null,
            "lines/s",
            [lines / loadSeconds],
            `${count(lines)} lines, ${(loadSeconds).toFixed(0)} s: entries ${load.entriesSeconds.toFixed(0)} s, ` +
              `lines + daily totals ${load.linesSeconds.toFixed(0)} s, commit (balance check) ${load.commitSeconds.toFixed(0)} s`,
          ),
        );
        const context = { orgId: fixture.orgId, userId: fixture.userId };
        const lastDay = addDays(firstDay, days - 1);
        const middle = addDays(firstDay, Math.floor(days / 2));
        const time = async (asOf: PlainDate, knownAt?: Date) => {
          const started = process.hrtime.bigint();
          const tb = await withTenant(database, context, (trx) =>
            trialBalance(trx, fixture.orgId, fixture.bookId, asOf, knownAt),
          );
          if (tb.totalDebitMinor !== tb.totalCreditMinor)
            throw new Error("the trial balance does not balance");
          return seconds(started) * 1_000;
        };
        await time(lastDay); // warm-up
        const atEnd: number[] = [];
        const atMiddle: number[] = [];
        for (let round = 0; round < rounds; round++) {
          atEnd.push(await time(lastDay));
          atMiddle.push(await time(middle));
        }
        const detail = `${rounds} runs, ${count(lines)} lines, ${count(dailyTotals)} daily totals`;
        results.push(
          summarize(
            `Trial balance as of the last day, ${count(lines)} lines, ${label}`,
            trialBalanceGoal,
            "ms",
            atEnd,
            detail,
          ),
          summarize(
            `Trial balance as of a middle day, ${count(lines)} lines, ${label}`,
            trialBalanceGoal,
            "ms",
            atMiddle,
            detail,
          ),
        );
        // "As known at" a time reads the lines themselves, not the daily totals.
        const knownAt: number[] = [];
        for (let round = 0; round < knownAtRounds; round++) knownAt.push(await time(lastDay, new Date()));
        results.push(
          summarize(
            `Trial balance as known at a time (reads lines), ${count(lines)} lines, ${label}`,
            null,
            "ms",
            knownAt,
            `${knownAtRounds} runs, ${count(lines)} lines`,
          ),
        );
        log(`trial balance, ${engine}: median ${atEnd.sort((a, b) => a - b)[Math.floor(rounds / 2)]} ms`);
      } finally {
        await database.drop();
      }
    }
    return results;
  },
};
