/**
 * The posting service: the one way into the journal for every part of Moldir. Callers hand it drafts built
 * by the domain, never SQL. It checks each draft (balanced, positive lines), that every account exists in
 * the draft's book, is active and takes postings, and that the period is open; then it writes the entries
 * and their lines with a few multi-row statements, so that close of business and imports can post
 * thousands of entries in one call. The database checks the balance once more at commit.
 */
import { sql, type Tx } from "@moldir/db";
import {
  assert,
  checkEntry,
  type JournalEntryDraft,
  type JournalLineDraft,
  limits,
  totalsOf,
} from "@moldir/domain";
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

// Rows go in as one array per column (INSERT … SELECT FROM unnest), so a statement has a dozen parameters
// whatever its size: nothing to plan per row, no limit of 65,535 parameters. Chunks bound the memory.
const linesPerStatement = 20_000;
const entriesPerStatement = 10_000;

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
  for (const chunk of chunks(entries, entriesPerStatement)) await insertEntries(trx, context, chunk);
  const lines = entries.flatMap(({ id, draft }) =>
    draft.lines.map((line, index) => ({ entryId: id, lineNo: index + 1, draft, line })),
  );
  for (const chunk of chunks(lines, linesPerStatement)) await insertLines(trx, context.orgId, chunk);
  return entries.map(({ id, draft, totalMinor }) => ({
    id,
    bookId: draft.bookId,
    valueDate: draft.valueDate,
    totalMinor,
  }));
}

async function insertEntries(
  trx: Tx,
  context: PostingContext,
  entries: readonly { id: string; draft: JournalEntryDraft; totalMinor: bigint }[],
): Promise<void> {
  const column = <T>(pick: (entry: (typeof entries)[number]) => T) => entries.map(pick);
  await sql`INSERT INTO journal_entries (org_id, id, book_id, value_date, source_type, source_id, narration,
      reverses_entry_id, reversal_reason, total_minor, line_count, created_by)
    SELECT ${context.orgId}::uuid, e.* FROM unnest(
      ${column((e) => e.id)}::uuid[], ${column((e) => e.draft.bookId)}::uuid[],
      ${column((e) => e.draft.valueDate)}::date[], ${column((e) => e.draft.source.type)}::text[],
      ${column((e) => e.draft.source.id)}::text[], ${column((e) => e.draft.narration)}::text[],
      ${column((e) => e.draft.reverses?.entryId ?? null)}::uuid[],
      ${column((e) => e.draft.reverses?.reason ?? null)}::text[],
      ${column((e) => e.totalMinor.toString())}::bigint[], ${column((e) => e.draft.lines.length)}::int[],
      ${column(() => context.userId)}::uuid[]) AS e`.execute(trx);
}

async function insertLines(
  trx: Tx,
  orgId: string,
  lines: readonly { entryId: string; lineNo: number; draft: JournalEntryDraft; line: JournalLineDraft }[],
): Promise<void> {
  const column = <T>(pick: (line: (typeof lines)[number]) => T) => lines.map(pick);
  await sql`INSERT INTO journal_lines (org_id, entry_id, line_no, book_id, account_id, value_date, debit_minor,
      credit_minor, project_id, memo)
    SELECT ${orgId}::uuid, l.* FROM unnest(
      ${column((l) => l.entryId)}::uuid[], ${column((l) => l.lineNo)}::int[],
      ${column((l) => l.draft.bookId)}::uuid[], ${column((l) => l.line.accountId)}::uuid[],
      ${column((l) => l.draft.valueDate)}::date[],
      ${column((l) => (l.line.side === "debit" ? l.line.amountMinor : 0n).toString())}::bigint[],
      ${column((l) => (l.line.side === "credit" ? l.line.amountMinor : 0n).toString())}::bigint[],
      ${column((l) => l.line.projectId ?? null)}::uuid[], ${column((l) => l.line.memo ?? null)}::text[]) AS l`.execute(
    trx,
  );
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
