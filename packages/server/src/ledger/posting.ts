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
  /** The journal's posting order. */
  readonly seq: bigint;
  readonly postedAt: Date;
}

/** What an account is called, for callers that show the entries they posted. */
export interface AccountLabel {
  readonly code: string;
  readonly names: { readonly kk: string; readonly ru: string; readonly en: string };
}

// Rows go in as one array per column (INSERT … SELECT FROM unnest), so a statement has a dozen parameters
// whatever its size: nothing to plan per row, no limit of 65,535 parameters. Chunks bound the memory. A batch
// that fits one chunk (every single entry does) goes in as one statement, entries and lines together.
const linesPerStatement = 20_000;
const entriesPerStatement = 10_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

type EntryRow = { id: string; draft: JournalEntryDraft; totalMinor: bigint };
type LineRow = { entryId: string; lineNo: number; draft: JournalEntryDraft; line: JournalLineDraft };
type Inserted = { id: string; seq: bigint; posted_at: Date };

export async function postEntries(
  trx: Tx,
  context: PostingContext,
  drafts: readonly JournalEntryDraft[],
): Promise<PostedEntry[]> {
  return (await postEntriesWithAccounts(trx, context, drafts)).posted;
}

/** postEntries, answering also the labels of the accounts the drafts name (read by the same checks). */
export async function postEntriesWithAccounts(
  trx: Tx,
  context: PostingContext,
  drafts: readonly JournalEntryDraft[],
): Promise<{ posted: PostedEntry[]; accounts: ReadonlyMap<string, AccountLabel> }> {
  if (drafts.length === 0) return { posted: [], accounts: new Map() };
  const accounts = await checkDrafts(trx, context.orgId, drafts);

  const entries: EntryRow[] = drafts.map((draft) => ({
    id: newId(),
    draft,
    totalMinor: totalsOf(draft.lines).debitMinor,
  }));
  const lines: LineRow[] = entries.flatMap(({ id, draft }) =>
    draft.lines.map((line, index) => ({ entryId: id, lineNo: index + 1, draft, line })),
  );
  const inserted: Inserted[] = [];
  if (entries.length <= entriesPerStatement && lines.length <= linesPerStatement) {
    inserted.push(...(await insertTogether(trx, context, entries, lines)));
  } else {
    for (const chunk of chunks(entries, entriesPerStatement))
      inserted.push(...(await insertEntries(trx, context, chunk)));
    for (const chunk of chunks(lines, linesPerStatement)) await insertLines(trx, context.orgId, chunk);
  }
  const byId = new Map(inserted.map((row) => [row.id, row]));
  const posted = entries.map(({ id, draft, totalMinor }) => {
    const row = byId.get(id);
    assert(row !== undefined, "an inserted entry came back");
    return {
      id,
      bookId: draft.bookId,
      valueDate: draft.valueDate,
      totalMinor,
      seq: BigInt(row.seq),
      postedAt: row.posted_at,
    };
  });
  return { posted, accounts };
}

function entryColumns(context: PostingContext, entries: readonly EntryRow[]) {
  const column = <T>(pick: (entry: EntryRow) => T) => entries.map(pick);
  return sql`SELECT ${context.orgId}::uuid, e.* FROM unnest(
      ${column((e) => e.id)}::uuid[], ${column((e) => e.draft.bookId)}::uuid[],
      ${column((e) => e.draft.valueDate)}::date[], ${column((e) => e.draft.source.type)}::text[],
      ${column((e) => e.draft.source.id)}::text[], ${column((e) => e.draft.narration)}::text[],
      ${column((e) => e.draft.reverses?.entryId ?? null)}::uuid[],
      ${column((e) => e.draft.reverses?.reason ?? null)}::text[],
      ${column((e) => e.totalMinor.toString())}::bigint[], ${column((e) => e.draft.lines.length)}::int[],
      ${column(() => context.userId)}::uuid[]) AS e`;
}

function lineColumns(orgId: string, lines: readonly LineRow[]) {
  const column = <T>(pick: (line: LineRow) => T) => lines.map(pick);
  return sql`SELECT ${orgId}::uuid, l.* FROM unnest(
      ${column((l) => l.entryId)}::uuid[], ${column((l) => l.lineNo)}::int[],
      ${column((l) => l.draft.bookId)}::uuid[], ${column((l) => l.line.accountId)}::uuid[],
      ${column((l) => l.draft.valueDate)}::date[],
      ${column((l) => (l.line.side === "debit" ? l.line.amountMinor : 0n).toString())}::bigint[],
      ${column((l) => (l.line.side === "credit" ? l.line.amountMinor : 0n).toString())}::bigint[],
      ${column((l) => l.line.projectId ?? null)}::uuid[], ${column((l) => l.line.memo ?? null)}::text[]) AS l`;
}

const entryTarget = sql`journal_entries (org_id, id, book_id, value_date, source_type, source_id, narration,
      reverses_entry_id, reversal_reason, total_minor, line_count, created_by)`;
const lineTarget = sql`journal_lines (org_id, entry_id, line_no, book_id, account_id, value_date, debit_minor,
      credit_minor, project_id, memo)`;

/** One statement: the entries, then their lines (the statement triggers check the lines' entries at its end). */
async function insertTogether(
  trx: Tx,
  context: PostingContext,
  entries: readonly EntryRow[],
  lines: readonly LineRow[],
): Promise<Inserted[]> {
  const { rows } = await sql<Inserted>`WITH entries AS (
      INSERT INTO ${entryTarget} ${entryColumns(context, entries)} RETURNING id, seq, posted_at
    ), lines AS (
      INSERT INTO ${lineTarget} ${lineColumns(context.orgId, lines)}
    )
    SELECT id, seq, posted_at FROM entries`.execute(trx);
  return rows;
}

async function insertEntries(
  trx: Tx,
  context: PostingContext,
  entries: readonly EntryRow[],
): Promise<Inserted[]> {
  const { rows } = await sql<Inserted>`INSERT INTO ${entryTarget} ${entryColumns(context, entries)}
    RETURNING id, seq, posted_at`.execute(trx);
  return rows;
}

async function insertLines(trx: Tx, orgId: string, lines: readonly LineRow[]): Promise<void> {
  await sql`INSERT INTO ${lineTarget} ${lineColumns(orgId, lines)}`.execute(trx);
}

/**
 * Refuses drafts that cannot be posted — unbalanced, a bad line, an unknown or closed account, a closed period —
 * without writing anything; postEntries runs it first, and an entry that will wait for approval runs it alone.
 */
export async function checkDrafts(
  trx: Tx,
  orgId: string,
  drafts: readonly JournalEntryDraft[],
): Promise<ReadonlyMap<string, AccountLabel>> {
  assert(drafts.length <= limits.journalEntriesPerBatchMax, "too many entries for one posting");
  drafts.forEach((draft, index) => {
    const checked = checkEntry(draft);
    if (!checked.ok)
      throw new AppError(checked.code, {
        ...checked.details,
        ...(drafts.length > 1 ? { entry: index + 1 } : {}),
      });
  });
  return checkBooksAndAccounts(trx, orgId, drafts);
}

type BookOrAccount = {
  kind: "book" | "account";
  id: string;
  closed_through: string | null;
  book_id: string | null;
  is_header: boolean | null;
  is_active: boolean | null;
  code: string | null;
  name_kk: string | null;
  name_ru: string | null;
  name_en: string | null;
};

/** The drafts' books and accounts, read by one statement; refuses the first draft that names a wrong one. */
async function checkBooksAndAccounts(
  trx: Tx,
  orgId: string,
  drafts: readonly JournalEntryDraft[],
): Promise<ReadonlyMap<string, AccountLabel>> {
  const bookIds = [...new Set(drafts.map((d) => d.bookId))];
  const accountIds = [...new Set(drafts.flatMap((d) => d.lines.map((l) => l.accountId)))];
  const { rows } = await sql<BookOrAccount>`SELECT 'book' AS kind, id, closed_through::text AS closed_through,
      NULL::uuid AS book_id, NULL::boolean AS is_header, NULL::boolean AS is_active, NULL AS code, NULL AS name_kk,
      NULL AS name_ru, NULL AS name_en
    FROM books WHERE org_id = ${orgId} AND id = ANY(${bookIds}::uuid[])
    UNION ALL
    SELECT 'account', id, NULL, book_id, is_header, is_active, code, name_kk, name_ru, name_en
    FROM accounts WHERE org_id = ${orgId} AND id = ANY(${accountIds}::uuid[])`.execute(trx);
  const closedThrough = new Map(rows.filter((r) => r.kind === "book").map((b) => [b.id, b.closed_through]));
  const byId = new Map(rows.filter((r) => r.kind === "account").map((a) => [a.id, a]));
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
  return new Map(
    [...byId.values()].map((a) => [
      a.id,
      { code: a.code ?? "", names: { kk: a.name_kk ?? "", ru: a.name_ru ?? "", en: a.name_en ?? "" } },
    ]),
  );
}
