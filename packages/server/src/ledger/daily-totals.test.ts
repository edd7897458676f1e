import { asSystem, sql, withTenant } from "@moldir/db";
import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { createBook } from "./books";
import { compactDailyTotals } from "./daily-totals";
import { postEntries } from "./posting";
import { trialBalance } from "./statements";

describe("the ledger's daily totals", () => {
  const testApp = useTestApp();
  let orgId: string;
  let bookId: string;
  let cash: string;
  let income: string;

  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
    ({ bookId, cash, income } = await withTenant(testApp().database, { orgId, userId: null }, async (trx) => {
      const id = await createBook(trx, {
        orgId,
        template: "ngo",
        ownerKind: "organization",
        groupId: null,
        names: { kk: "Кітап", ru: "Книга", en: "Book" },
        currency: "KZT",
      });
      const accounts = await trx
        .selectFrom("accounts")
        .select(["id", "type"])
        .where("book_id", "=", id)
        .where("is_header", "=", false)
        .orderBy("code")
        .execute();
      const first = (type: string) => accounts.find((a) => a.type === type)?.id as string;
      return { bookId: id, cash: first("asset"), income: first("income") };
    }));
  });

  const rowsOf = async (accountId: string) =>
    Number(
      (
        await asSystem(testApp().database, (trx) =>
          sql<{
            n: string;
          }>`SELECT count(*) AS n FROM account_daily_totals WHERE account_id = ${accountId}`.execute(trx),
        )
      ).rows[0]?.n,
    );

  it("takes concurrent postings to one account and day as deltas, and merges them without changing a report", async () => {
    const { database } = testApp();
    const context = { orgId, userId: null };
    const day = plainDate("2025-04-01");
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        withTenant(database, context, (trx) =>
          postEntries(trx, context, [
            {
              bookId,
              valueDate: day,
              source: { type: "test", id: String(index) },
              narration: "Жарна",
              lines: [
                { accountId: cash, side: "debit", amountMinor: 1_000n + BigInt(index) },
                { accountId: income, side: "credit", amountMinor: 1_000n + BigInt(index) },
              ],
            },
          ]),
        ),
      ),
    );
    expect(await rowsOf(cash)).toBe(6);
    const before = await withTenant(database, context, (trx) => trialBalance(trx, orgId, bookId, day));
    expect(before.rows.find((r) => r.accountId === cash)?.debitMinor).toBe(6_015n);

    expect(await compactDailyTotals(database)).toBeGreaterThanOrEqual(10);
    expect(await rowsOf(cash)).toBe(1);
    expect(await rowsOf(income)).toBe(1);
    expect(await withTenant(database, context, (trx) => trialBalance(trx, orgId, bookId, day))).toEqual(
      before,
    );
    // Nothing left to merge: a second run removes nothing.
    expect(await compactDailyTotals(database)).toBe(0);
  });

  it("cannot be written or compacted by the application's own role", async () => {
    const { database } = testApp();
    await expect(
      withTenant(database, { orgId, userId: null }, (trx) =>
        sql`SELECT moldir_compact_daily_totals()`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withTenant(database, { orgId, userId: null }, (trx) =>
        sql`DELETE FROM account_daily_totals WHERE account_id = ${cash}`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
