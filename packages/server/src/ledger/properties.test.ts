/**
 * Invariants of the ledger, on whichever engine the run uses: any sequence of postings and reversals keeps the
 * trial balance of every book at zero, each account's balance equals the sum of its lines, and a report as of
 * an earlier date does not change when entries with later dates arrive, nor when the daily totals are compacted.
 */
import { withTenant } from "@moldir/db";
import { addDays, type JournalLineDraft, type PlainDate, plainDate } from "@moldir/domain";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { createBook } from "./books";
import { compactDailyTotals } from "./daily-totals";
import { reverseEntry } from "./entries";
import { postEntries } from "./posting";
import { trialBalance } from "./statements";

type Operation =
  | { kind: "post"; dayOffset: number; legs: { debit: number; credit: number; amountMinor: bigint }[] }
  | { kind: "reverse"; pick: number }
  | { kind: "compact" };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("post" as const),
      dayOffset: fc.integer({ min: 0, max: 2 }),
      legs: fc.array(
        fc.record({ debit: fc.nat(5), credit: fc.nat(5), amountMinor: fc.bigInt(1n, 10n ** 11n) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("compact" as const) }) },
);

describe("ledger invariants (property-based)", () => {
  const testApp = useTestApp();
  let orgId: string;
  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database));
  });

  it("keeps every book balanced, balances equal to their lines, and earlier reports unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        const { database } = testApp();
        const context = { orgId, userId: null };
        const { bookId, accountIds } = await withTenant(database, context, async (trx) => {
          const id = await createBook(trx, {
            orgId,
            template: "shg",
            ownerKind: "group",
            groupId: crypto.randomUUID(),
            names: { kk: "т", ru: "г", en: "g" },
            currency: "KZT",
          });
          const rows = await trx
            .selectFrom("accounts")
            .select("id")
            .where("org_id", "=", orgId)
            .where("book_id", "=", id)
            .where("is_header", "=", false)
            .orderBy("code")
            .execute();
          return { bookId: id, accountIds: rows.map((r) => r.id) };
        });
        let day: PlainDate = plainDate("2025-03-01");
        const posted: string[] = [];
        const snapshots = new Map<PlainDate, unknown>();
        for (const op of operations) {
          // Merging the daily totals' deltas changes no report.
          if (op.kind === "compact") await compactDailyTotals(database);
          else
            await withTenant(database, context, async (trx) => {
              if (op.kind === "post") {
                // Dates only move forward, so each snapshot below is of a date before every later entry.
                day = addDays(day, op.dayOffset);
                const lines: JournalLineDraft[] = op.legs.flatMap((leg) => [
                  {
                    accountId: accountIds[leg.debit % accountIds.length] as string,
                    side: "debit" as const,
                    amountMinor: leg.amountMinor,
                  },
                  {
                    accountId: accountIds[(leg.credit + 1) % accountIds.length] as string,
                    side: "credit" as const,
                    amountMinor: leg.amountMinor,
                  },
                ]);
                const [entry] = await postEntries(trx, context, [
                  { bookId, valueDate: day, source: { type: "test", id: null }, narration: "p", lines },
                ]);
                if (entry !== undefined) posted.push(entry.id);
              } else if (posted.length > 0) {
                const target = posted.splice(op.pick % posted.length, 1)[0] as string;
                await reverseEntry(
                  trx,
                  {
                    orgId,
                    makerUserId: "00000000-0000-7000-8000-000000000000",
                    checkerUserId: null,
                    address: "test",
                  },
                  { entryId: target, reason: "property", valueDate: day },
                );
              }
            });
          const tb = await withTenant(database, context, (trx) => trialBalance(trx, orgId, bookId, day));
          expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
          const previous = snapshots.get(addDays(day, -1));
          if (previous !== undefined) {
            expect(
              await withTenant(database, context, (trx) =>
                trialBalance(trx, orgId, bookId, addDays(day, -1)),
              ),
            ).toEqual(previous);
          }
          snapshots.set(
            addDays(day, -1),
            await withTenant(database, context, (trx) => trialBalance(trx, orgId, bookId, addDays(day, -1))),
          );
        }
        // Each account's balance from the daily totals equals the sum of its lines.
        const fromLines = await database.db
          .selectFrom("journal_lines")
          .select([
            "account_id",
            (eb) => eb.fn.sum<string>("debit_minor").as("debit"),
            (eb) => eb.fn.sum<string>("credit_minor").as("credit"),
          ])
          .where("org_id", "=", orgId)
          .where("book_id", "=", bookId)
          .groupBy("account_id")
          .execute();
        const tb = await withTenant(database, context, (trx) => trialBalance(trx, orgId, bookId, day));
        for (const row of fromLines) {
          const account = tb.rows.find((r) => r.accountId === row.account_id);
          expect(account?.debitMinor).toBe(BigInt(row.debit));
          expect(account?.creditMinor).toBe(BigInt(row.credit));
        }
        for (const [date, snapshot] of snapshots) {
          expect(
            await withTenant(database, context, (trx) => trialBalance(trx, orgId, bookId, date)),
          ).toEqual(snapshot);
        }
      }),
      { numRuns: 15 },
    );
  });
});
