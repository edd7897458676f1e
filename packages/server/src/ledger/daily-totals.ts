/**
 * The daily totals (`account_daily_totals`) are deltas: every statement that inserts journal lines adds its
 * own rows, so concurrent postings to the same account and day never wait for each other's commit (migration
 * 0017, ADR 0015). Reports add the rows up. Compaction merges the rows of each (account, day) into one, in a
 * single statement, so that the trial balance keeps reading about one row per account and day; the server
 * runs it every minute, and anyone may run it at any time: the sums never change.
 */
import { asSystem, type Database, sql } from "@moldir/db";

/** Merges the deltas of every (account, day) with more than one row; returns how many rows went. */
export async function compactDailyTotals(database: Database): Promise<number> {
  const { rows } = await asSystem(database, (trx) =>
    sql<{ removed: string }>`SELECT moldir_compact_daily_totals() AS removed`.execute(trx),
  );
  return Number(rows[0]?.removed ?? 0);
}

/** Compacts now and then, until stopped; a failure is reported and the next round tries again. */
export function startDailyTotalsCompaction(
  database: Database,
  everyMs: number,
  onError: (error: unknown) => void,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    compactDailyTotals(database)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
