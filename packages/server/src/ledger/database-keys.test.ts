/**
 * The database's own refusals of journal rows that name what does not exist, checked by statement triggers
 * since migration 0017 instead of foreign keys (ADR 0015). Each case bypasses the posting service and writes
 * rows as the application's role would, and must be refused with nothing written.
 */

import { asSystem, sql, type Tx, withTenant } from "@moldir/db";
import { createTestDatabase, type TestDatabase } from "@moldir/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import { buildOrganization } from "../testing/fixtures";
import { createBook } from "./books";

interface Book {
  readonly orgId: string;
  readonly bookId: string;
  readonly cash: string;
  readonly bank: string;
}

const names = { kk: "Кітап", ru: "Книга", en: "Book" };

async function bookOf(database: TestDatabase, name: string): Promise<Book> {
  const { orgId } = await buildOrganization(database, { name });
  return withTenant(database, { orgId, userId: null }, async (trx) => {
    const bookId = await createBook(trx, {
      orgId,
      template: "ngo",
      ownerKind: "organization",
      groupId: null,
      names,
      currency: "KZT",
    });
    const accounts = await trx
      .selectFrom("accounts")
      .select(["id", "purpose"])
      .where("book_id", "=", bookId)
      .where("purpose", "in", ["cash", "bank"])
      .execute();
    const byPurpose = (purpose: string) => accounts.find((a) => a.purpose === purpose)?.id as string;
    return { orgId, bookId, cash: byPurpose("cash"), bank: byPurpose("bank") };
  });
}

interface RawEntry {
  readonly entryBookId: string;
  readonly entryDate: string;
  /** Each line: its book, date and account; amounts 100 debit then 100 credit. */
  readonly lines: readonly { bookId: string; valueDate: string; accountId: string; entryId?: string }[];
  readonly withEntry?: boolean;
}

async function writeRaw(trx: Tx, orgId: string, raw: RawEntry): Promise<void> {
  const entryId = newId();
  if (raw.withEntry !== false) {
    await sql`INSERT INTO journal_entries (org_id, id, book_id, value_date, source_type, narration, total_minor,
        line_count)
      VALUES (${orgId}, ${entryId}, ${raw.entryBookId}, ${raw.entryDate}, 'manual', 'raw', 100,
        ${Math.max(2, raw.lines.length)})`.execute(trx);
  }
  let lineNo = 0;
  for (const line of raw.lines) {
    lineNo += 1;
    await sql`INSERT INTO journal_lines (org_id, entry_id, line_no, book_id, account_id, value_date, debit_minor,
        credit_minor)
      VALUES (${orgId}, ${line.entryId ?? entryId}, ${lineNo}, ${line.bookId}, ${line.accountId}, ${line.valueDate},
        ${lineNo === 1 ? 100 : 0}, ${lineNo === 1 ? 0 : 100})`.execute(trx);
  }
}

describe("the journal's keys, checked by the database", () => {
  let database: TestDatabase;
  let ours: Book;
  let theirs: Book;
  let closed: Book;

  const counts = async () => {
    const row = await asSystem(database, (trx) =>
      sql<{ entries: string; lines: string }>`SELECT (SELECT count(*) FROM journal_entries) AS entries,
        (SELECT count(*) FROM journal_lines) AS lines`.execute(trx),
    );
    return row.rows[0];
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    ours = await bookOf(database, "Біздің ұйым");
    theirs = await bookOf(database, "Басқа ұйым");
    closed = await bookOf(database, "Жабық кезең");
    await asSystem(database, (trx) =>
      trx
        .updateTable("books")
        .set({ closed_through: "2025-06-30" })
        .where("id", "=", closed.bookId)
        .execute(),
    );
  });

  afterAll(async () => {
    await database.drop();
  });

  it("accepts a whole, balanced entry written by hand", async () => {
    const before = await counts();
    await withTenant(database, { orgId: ours.orgId, userId: null }, (trx) =>
      writeRaw(trx, ours.orgId, {
        entryBookId: ours.bookId,
        entryDate: "2025-02-01",
        lines: [
          { bookId: ours.bookId, valueDate: "2025-02-01", accountId: ours.cash },
          { bookId: ours.bookId, valueDate: "2025-02-01", accountId: ours.bank },
        ],
      }),
    );
    const after = await counts();
    expect(Number(after?.entries)).toBe(Number(before?.entries) + 1);
    expect(Number(after?.lines)).toBe(Number(before?.lines) + 2);
  });

  const refusals: [string, () => RawEntry & { orgId: string }, RegExp][] = [
    [
      "a line naming another organization's account",
      () => ({
        orgId: ours.orgId,
        entryBookId: ours.bookId,
        entryDate: "2025-02-02",
        lines: [
          { bookId: ours.bookId, valueDate: "2025-02-02", accountId: ours.cash },
          { bookId: ours.bookId, valueDate: "2025-02-02", accountId: theirs.bank },
        ],
      }),
      /not in book/,
    ],
    [
      "a line naming an account of another book",
      () => ({
        orgId: ours.orgId,
        entryBookId: ours.bookId,
        entryDate: "2025-02-02",
        lines: [
          { bookId: ours.bookId, valueDate: "2025-02-02", accountId: ours.cash },
          { bookId: theirs.bookId, valueDate: "2025-02-02", accountId: theirs.bank },
        ],
      }),
      /no such entry|not in book/,
    ],
    [
      "a line dated otherwise than its entry",
      () => ({
        orgId: ours.orgId,
        entryBookId: ours.bookId,
        entryDate: "2025-02-02",
        lines: [
          { bookId: ours.bookId, valueDate: "2025-02-02", accountId: ours.cash },
          { bookId: ours.bookId, valueDate: "2025-02-03", accountId: ours.bank },
        ],
      }),
      /no such entry/,
    ],
    [
      "lines without an entry",
      () => ({
        orgId: ours.orgId,
        entryBookId: ours.bookId,
        entryDate: "2025-02-02",
        withEntry: false,
        lines: [
          { bookId: ours.bookId, valueDate: "2025-02-02", accountId: ours.cash },
          { bookId: ours.bookId, valueDate: "2025-02-02", accountId: ours.bank },
        ],
      }),
      /no such entry/,
    ],
    [
      "an entry in a book that does not exist",
      () => ({
        orgId: ours.orgId,
        entryBookId: newId(),
        entryDate: "2025-02-02",
        lines: [],
      }),
      /does not exist/,
    ],
    [
      "an entry in another organization's book",
      () => ({
        orgId: ours.orgId,
        entryBookId: theirs.bookId,
        entryDate: "2025-02-02",
        lines: [],
      }),
      /does not exist/,
    ],
    [
      "an entry dated in a closed period",
      () => ({
        orgId: closed.orgId,
        entryBookId: closed.bookId,
        entryDate: "2025-06-30",
        lines: [
          { bookId: closed.bookId, valueDate: "2025-06-30", accountId: closed.cash },
          { bookId: closed.bookId, valueDate: "2025-06-30", accountId: closed.bank },
        ],
      }),
      /period .* is closed/,
    ],
  ];

  it.each(refusals)("refuses %s and writes nothing", async (_name, make, message) => {
    const raw = make();
    const before = await counts();
    await expect(
      withTenant(database, { orgId: raw.orgId, userId: null }, (trx) => writeRaw(trx, raw.orgId, raw)),
    ).rejects.toThrow(message);
    expect(await counts()).toEqual(before);
  });

  it("posts into a closed book after its period, and counts entries written by one statement", async () => {
    await withTenant(database, { orgId: closed.orgId, userId: null }, (trx) =>
      writeRaw(trx, closed.orgId, {
        entryBookId: closed.bookId,
        entryDate: "2025-07-01",
        lines: [
          { bookId: closed.bookId, valueDate: "2025-07-01", accountId: closed.cash },
          { bookId: closed.bookId, valueDate: "2025-07-01", accountId: closed.bank },
        ],
      }),
    );
    // One statement with entries on both sides of the closing date is refused as a whole.
    await expect(
      withTenant(database, { orgId: closed.orgId, userId: null }, (trx) =>
        sql`INSERT INTO journal_entries (org_id, id, book_id, value_date, source_type, narration,
            total_minor, line_count)
          VALUES (${closed.orgId}, ${newId()}, ${closed.bookId}, '2025-08-01', 'manual', 'late', 1, 2),
            (${closed.orgId}, ${newId()}, ${closed.bookId}, '2025-05-01', 'manual', 'early', 1, 2)`.execute(
          trx,
        ),
      ),
    ).rejects.toThrow(/closed/);
  });

  it("never deletes a book or an account, nor changes their keys", async () => {
    await expect(
      asSystem(database, (trx) => trx.deleteFrom("accounts").where("id", "=", ours.cash).execute()),
    ).rejects.toThrow(/never deleted/);
    await expect(
      asSystem(database, (trx) => trx.deleteFrom("books").where("id", "=", ours.bookId).execute()),
    ).rejects.toThrow(/never deleted/);
    await expect(
      asSystem(database, (trx) =>
        trx.updateTable("accounts").set({ book_id: theirs.bookId }).where("id", "=", ours.cash).execute(),
      ),
    ).rejects.toThrow(/never change/);
    await expect(
      asSystem(database, (trx) =>
        trx.updateTable("books").set({ org_id: theirs.orgId }).where("id", "=", ours.bookId).execute(),
      ),
    ).rejects.toThrow(/never change/);
    // Ordinary changes still go through.
    await asSystem(database, (trx) =>
      trx.updateTable("accounts").set({ name_en: "Cash box" }).where("id", "=", ours.cash).execute(),
    );
  });
});
