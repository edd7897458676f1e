/** Reading entries back (checked once more for balance), reversing them, and the approvable ledger actions. */
import { journalLineInputSchema } from "@moldir/contract";
import type { Tx } from "@moldir/db";
import {
  addDays,
  assert,
  assertBalanced,
  type JournalEntryDraft,
  type JournalLineDraft,
  parsePlainDate,
  plainDate,
  reversalOf,
} from "@moldir/domain";
import { z } from "zod";
import type { ActionContext, ApprovableAction } from "../approvals/registry";
import { AppError } from "../http/app-error";
import {
  type AccountLabel,
  checkDrafts,
  type PostedEntry,
  postEntries,
  postEntriesWithAccounts,
} from "./posting";

export interface EntryJson {
  id: string;
  bookId: string;
  seq: string;
  valueDate: string;
  postedAt: string;
  sourceType: string;
  sourceId: string | null;
  narration: string;
  reversesEntryId: string | null;
  reversalReason: string | null;
  reversedByEntryId: string | null;
  totalMinor: string;
  createdBy: string | null;
  lines: {
    lineNo: number;
    accountId: string;
    accountCode: string;
    accountNames: { kk: string; ru: string; en: string };
    side: "debit" | "credit";
    amountMinor: string;
    projectId: string | null;
    memo: string | null;
  }[];
}

/** Entries with their lines, in posting order; each one's balance is checked again as it is read. */
export async function loadEntries(
  trx: Tx,
  orgId: string,
  filter: {
    entryIds?: readonly string[];
    bookId?: string;
    from?: string;
    to?: string;
    beforeSeq?: string;
    limit?: number;
  },
): Promise<EntryJson[]> {
  let query = trx
    .selectFrom("journal_entries as e")
    .leftJoin("journal_entries as r", (join) =>
      join.onRef("r.org_id", "=", "e.org_id").onRef("r.reverses_entry_id", "=", "e.id"),
    )
    .select([
      "e.id",
      "e.book_id",
      "e.seq",
      "e.value_date",
      "e.posted_at",
      "e.source_type",
      "e.source_id",
      "e.narration",
      "e.reverses_entry_id",
      "e.reversal_reason",
      "r.id as reversed_by",
      "e.total_minor",
      "e.created_by",
    ])
    .where("e.org_id", "=", orgId)
    .orderBy("e.seq", "desc");
  if (filter.entryIds !== undefined)
    query = query.where("e.id", "in", filter.entryIds.length > 0 ? [...filter.entryIds] : [""]);
  if (filter.bookId !== undefined) query = query.where("e.book_id", "=", filter.bookId);
  if (filter.from !== undefined) query = query.where("e.value_date", ">=", filter.from);
  if (filter.to !== undefined) query = query.where("e.value_date", "<=", filter.to);
  if (filter.beforeSeq !== undefined) query = query.where("e.seq", "<", BigInt(filter.beforeSeq));
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  const entries = await query.execute();
  if (entries.length === 0) return [];
  const lines = await trx
    .selectFrom("journal_lines as l")
    .innerJoin("accounts as a", (join) =>
      join.onRef("a.org_id", "=", "l.org_id").onRef("a.id", "=", "l.account_id"),
    )
    .select([
      "l.entry_id",
      "l.line_no",
      "l.account_id",
      "a.code",
      "a.name_kk",
      "a.name_ru",
      "a.name_en",
      "l.debit_minor",
      "l.credit_minor",
      "l.project_id",
      "l.memo",
    ])
    .where("l.org_id", "=", orgId)
    .where(
      "l.entry_id",
      "in",
      entries.map((e) => e.id),
    )
    .orderBy("l.entry_id")
    .orderBy("l.line_no")
    .execute();
  const byEntry = new Map<string, typeof lines>();
  for (const line of lines) {
    const entryLines = byEntry.get(line.entry_id);
    if (entryLines === undefined) byEntry.set(line.entry_id, [line]);
    else entryLines.push(line);
  }
  return entries.map((entry) => {
    const entryLines = byEntry.get(entry.id) ?? [];
    assertBalanced(
      entryLines.map((l) => ({
        side: l.debit_minor > 0n ? "debit" : "credit",
        amountMinor: l.debit_minor > 0n ? l.debit_minor : l.credit_minor,
      })),
      `journal entry ${entry.id}`,
    );
    return {
      id: entry.id,
      bookId: entry.book_id,
      seq: entry.seq.toString(),
      valueDate: entry.value_date,
      postedAt: entry.posted_at.toISOString(),
      sourceType: entry.source_type,
      sourceId: entry.source_id,
      narration: entry.narration,
      reversesEntryId: entry.reverses_entry_id,
      reversalReason: entry.reversal_reason,
      reversedByEntryId: entry.reversed_by,
      totalMinor: entry.total_minor.toString(),
      createdBy: entry.created_by,
      lines: entryLines.map((l) => ({
        lineNo: l.line_no,
        accountId: l.account_id,
        accountCode: l.code,
        accountNames: { kk: l.name_kk, ru: l.name_ru, en: l.name_en },
        side: l.debit_minor > 0n ? "debit" : "credit",
        amountMinor: (l.debit_minor > 0n ? l.debit_minor : l.credit_minor).toString(),
        projectId: l.project_id,
        memo: l.memo,
      })),
    };
  });
}

/** A just-posted entry as the API shows it, from its draft and what the posting answered. */
export function entryJsonOfPosted(
  draft: JournalEntryDraft,
  posted: PostedEntry,
  accounts: ReadonlyMap<string, AccountLabel>,
  createdBy: string | null,
): EntryJson {
  return {
    id: posted.id,
    bookId: posted.bookId,
    seq: posted.seq.toString(),
    valueDate: posted.valueDate,
    postedAt: posted.postedAt.toISOString(),
    sourceType: draft.source.type,
    sourceId: draft.source.id,
    narration: draft.narration,
    reversesEntryId: draft.reverses?.entryId ?? null,
    reversalReason: draft.reverses?.reason ?? null,
    reversedByEntryId: null,
    totalMinor: posted.totalMinor.toString(),
    createdBy,
    lines: draft.lines.map((line, index) => {
      const account = accounts.get(line.accountId);
      assert(account !== undefined, "a posted line's account was read by the checks");
      return {
        lineNo: index + 1,
        accountId: line.accountId,
        accountCode: account.code,
        accountNames: { ...account.names },
        side: line.side,
        amountMinor: line.amountMinor.toString(),
        projectId: line.projectId ?? null,
        memo: line.memo ?? null,
      };
    }),
  };
}

export async function loadEntry(trx: Tx, orgId: string, entryId: string): Promise<EntryJson> {
  const [entry] = await loadEntries(trx, orgId, { entryIds: [entryId] });
  if (entry === undefined) throw new AppError("record_must_exist");
  return entry;
}

/** A manual journal entry: what an accountant types. */
export const manualEntryPayload = z.object({
  bookId: z.string(),
  valueDate: z.string(),
  narration: z.string(),
  lines: z.array(journalLineInputSchema),
});
export type ManualEntry = z.infer<typeof manualEntryPayload>;

export function draftOfManualEntry(payload: ManualEntry): JournalEntryDraft {
  const date = parsePlainDate(payload.valueDate);
  if (!date.ok) throw new AppError("date_must_be_valid", { field: "valueDate" });
  return {
    bookId: payload.bookId,
    valueDate: date.value,
    source: { type: "manual", id: null },
    narration: payload.narration,
    lines: payload.lines.map(
      (line): JournalLineDraft => ({
        accountId: line.accountId,
        side: line.side,
        amountMinor: BigInt(line.amountMinor),
        projectId: line.projectId ?? null,
        memo: line.memo ?? null,
      }),
    ),
  };
}

export const manualEntryAction: ApprovableAction<ManualEntry, EntryJson> = {
  action: "journal.manual_entry",
  permission: "ledger.post",
  payloadSchema: manualEntryPayload,
  summarize: async (trx: Tx, context: ActionContext, payload: ManualEntry) => {
    // An entry that waits for a second person is checked now, so that the checker never approves a bad one.
    await checkDrafts(trx, context.orgId, [draftOfManualEntry(payload)]);
    return {
      bookId: payload.bookId,
      valueDate: payload.valueDate,
      narration: payload.narration,
      totalMinor: payload.lines
        .filter((l) => l.side === "debit")
        .reduce((sum, l) => sum + BigInt(l.amountMinor), 0n)
        .toString(),
    };
  },
  execute: async (trx, context, payload) => {
    const draft = draftOfManualEntry(payload);
    const { posted: all, accounts } = await postEntriesWithAccounts(
      trx,
      { orgId: context.orgId, userId: context.makerUserId },
      [draft],
    );
    const posted = all[0];
    if (posted === undefined) throw new Error("posting returned nothing");
    return {
      // Answered from what was written, without reading it back: a new entry has no reversal yet.
      result: entryJsonOfPosted(draft, posted, accounts, context.makerUserId),
      recordType: "journal_entry",
      recordId: posted.id,
      summary: {
        bookId: payload.bookId,
        valueDate: payload.valueDate,
        narration: payload.narration,
        totalMinor: posted.totalMinor.toString(),
      },
    };
  },
};

export const reversalPayload = z.object({
  entryId: z.string(),
  reason: z.string(),
  valueDate: z.string().optional(),
});
export type Reversal = z.infer<typeof reversalPayload>;

/** Reverses an entry: on its own date when that period is open, else on the first open day. */
export async function reverseEntry(trx: Tx, context: ActionContext, payload: Reversal): Promise<EntryJson> {
  const original = await trx
    .selectFrom("journal_entries")
    .select(["id", "book_id", "narration", "value_date", "reverses_entry_id"])
    .where("org_id", "=", context.orgId)
    .where("id", "=", payload.entryId)
    .forUpdate()
    .executeTakeFirst();
  if (original === undefined) throw new AppError("record_must_exist");
  if (original.reverses_entry_id !== null) throw new AppError("reversal_must_not_be_reversed");
  const reversed = await trx
    .selectFrom("journal_entries")
    .select("id")
    .where("org_id", "=", context.orgId)
    .where("reverses_entry_id", "=", payload.entryId)
    .executeTakeFirst();
  if (reversed !== undefined) throw new AppError("entry_must_not_be_reversed_twice");
  const entry = await loadEntry(trx, context.orgId, payload.entryId);
  const book = await trx
    .selectFrom("books")
    .select("closed_through")
    .where("org_id", "=", context.orgId)
    .where("id", "=", original.book_id)
    .executeTakeFirstOrThrow();
  let valueDate = plainDate(original.value_date);
  if (payload.valueDate !== undefined) {
    const parsed = parsePlainDate(payload.valueDate);
    if (!parsed.ok) throw new AppError("date_must_be_valid", { field: "valueDate" });
    valueDate = parsed.value;
  } else if (book.closed_through !== null && valueDate <= book.closed_through) {
    valueDate = addDays(plainDate(book.closed_through), 1);
  }
  const draft = reversalOf(
    {
      id: entry.id,
      bookId: entry.bookId,
      narration: entry.narration,
      lines: entry.lines.map((l) => ({
        accountId: l.accountId,
        side: l.side,
        amountMinor: BigInt(l.amountMinor),
        projectId: l.projectId,
        memo: l.memo,
      })),
    },
    valueDate,
    payload.reason,
    { type: "reversal", id: entry.id },
  );
  const [posted] = await postEntries(trx, { orgId: context.orgId, userId: context.makerUserId }, [draft]);
  if (posted === undefined) throw new Error("posting returned nothing");
  return loadEntry(trx, context.orgId, posted.id);
}

export const reversalAction: ApprovableAction<Reversal, EntryJson> = {
  action: "transaction.reverse",
  permission: "ledger.post",
  payloadSchema: reversalPayload,
  summarize: async (trx, context, payload) => {
    const entry = await loadEntry(trx, context.orgId, payload.entryId);
    return {
      entryId: entry.id,
      narration: entry.narration,
      valueDate: entry.valueDate,
      totalMinor: entry.totalMinor,
      reason: payload.reason,
    };
  },
  execute: async (trx, context, payload) => {
    const reversal = await reverseEntry(trx, context, payload);
    return {
      result: reversal,
      recordType: "journal_entry",
      recordId: reversal.id,
      summary: { reverses: payload.entryId, reason: payload.reason, totalMinor: reversal.totalMinor },
    };
  },
};
