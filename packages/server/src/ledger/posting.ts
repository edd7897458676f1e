/**
 * The posting service: the one way into the journal for every part of Moldir. Callers hand it drafts built
 * by the domain, never SQL. It checks each draft (balanced, positive lines), that every account exists in
 * the draft's book, is active and takes postings, and that the period is open; then it writes the entries
 * and their lines with a few multi-row statements, so that close of business and imports can post
 * thousands of entries in one call. The database checks the balance once more at commit.
 */
import type { Tx } from "@moldir/db";
import { assert, checkEntry, type JournalEntryDraft, limits, totalsOf } from "@moldir/domain";
import { AppError } from "../http/app-error";
import { newId } from "../identity/secrets";

export interface PostingContext {
  readonly orgId: string;
  /** The user who posts; null for the system (close of business). */
  readonly userId: string | null;
}

export interface PostedEntry {
  readonly id: string;
  readonly bookId: string;
  readonly valueDate: string;
  readonly totalMinor: bigint;
}

// PostgreSQL accepts at most 65,535 parameters in one statement; a line takes 10.
const linesPerStatement = 5_000;
const entriesPerStatement = 5_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

export async function postEntries(
  trx: Tx,
  context: PostingContext,
  drafts: readonly JournalEntryDraft[],
): Promise<PostedEntry[]> {
  if (drafts.length === 0) return [];
  await checkDrafts(trx, context.orgId, drafts);

  const entries = drafts.map((draft) => ({
    id: newId(),
    draft,
    totalMinor: totalsOf(draft.lines).debitMinor,
  }));
  for (const chunk of chunks(entries, entriesPerStatement)) {
    await trx
      .insertInto("journal_entries")
      .values(
        chunk.map(({ id, draft, totalMinor }) => ({
          org_id: context.orgId,
          id,
          book_id: draft.bookId,
          value_date: draft.valueDate,
          source_type: draft.source.type,
          source_id: draft.source.id,
          narration: draft.narration,
          reverses_entry_id: draft.reverses?.entryId ?? null,
          reversal_reason: draft.reverses?.reason ?? null,
          total_minor: totalMinor,
          line_count: draft.lines.length,
          created_by: context.userId,
        })),
      )
      .execute();
  }
  const lines = entries.flatMap(({ id, draft }) =>
    draft.lines.map((line, index) => ({
      org_id: context.orgId,
      entry_id: id,
      line_no: index + 1,
      book_id: draft.bookId,
      account_id: line.accountId,
      value_date: draft.valueDate,
      debit_minor: line.side === "debit" ? line.amountMinor : 0n,
      credit_minor: line.side === "credit" ? line.amountMinor : 0n,
      project_id: line.projectId ?? null,
      memo: line.memo ?? null,
    })),
  );
  for (const chunk of chunks(lines, linesPerStatement))
    await trx.insertInto("journal_lines").values(chunk).execute();
  return entries.map(({ id, draft, totalMinor }) => ({
    id,
    bookId: draft.bookId,
    valueDate: draft.valueDate,
    totalMinor,
  }));
}

/**
 * Refuses drafts that cannot be posted — unbalanced, a bad line, an unknown or closed account, a closed period —
 * without writing anything; postEntries runs it first, and an entry that will wait for approval runs it alone.
 */
export async function checkDrafts(
  trx: Tx,
  orgId: string,
  drafts: readonly JournalEntryDraft[],
): Promise<void> {
  assert(drafts.length <= limits.journalEntriesPerBatchMax, "too many entries for one posting");
  drafts.forEach((draft, index) => {
    const checked = checkEntry(draft);
    if (!checked.ok)
      throw new AppError(checked.code, {
        ...checked.details,
        ...(drafts.length > 1 ? { entry: index + 1 } : {}),
      });
  });
  await checkBooksAndAccounts(trx, orgId, drafts);
}

async function checkBooksAndAccounts(
  trx: Tx,
  orgId: string,
  drafts: readonly JournalEntryDraft[],
): Promise<void> {
  const bookIds = [...new Set(drafts.map((d) => d.bookId))];
  const accountIds = [...new Set(drafts.flatMap((d) => d.lines.map((l) => l.accountId)))];
  const books = await trx
    .selectFrom("books")
    .select(["id", "closed_through"])
    .where("org_id", "=", orgId)
    .where("id", "in", bookIds)
    .execute();
  const closedThrough = new Map(books.map((b) => [b.id, b.closed_through]));
  const accounts = await trx
    .selectFrom("accounts")
    .select(["id", "book_id", "is_header", "is_active"])
    .where("org_id", "=", orgId)
    .where("id", "in", accountIds)
    .execute();
  const byId = new Map(accounts.map((a) => [a.id, a]));
  for (const draft of drafts) {
    if (!closedThrough.has(draft.bookId)) throw new AppError("book_must_exist", { field: "bookId" });
    const closed = closedThrough.get(draft.bookId);
    if (closed !== null && closed !== undefined && draft.valueDate <= closed) {
      throw new AppError("period_must_be_open", { valueDate: draft.valueDate, closedThrough: closed });
    }
    draft.lines.forEach((line, index) => {
      const account = byId.get(line.accountId);
      const where = { line: index + 1, field: `lines.${index}.accountId` };
      if (account === undefined) throw new AppError("account_must_exist", where);
      if (account.book_id !== draft.bookId) throw new AppError("account_must_belong_to_book", where);
      if (account.is_header) throw new AppError("account_must_take_postings", where);
      if (!account.is_active) throw new AppError("account_must_be_active", where);
    });
  }
}
