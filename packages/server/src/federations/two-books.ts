/**
 * Posting one movement between a federation node and a group: one entry in the node's book and one in the
 * group's, built together by the domain (`TwoBookPostings`) and written in the same transaction through the
 * posting service, so that either both books move or neither does.
 */
import type { Tx } from "@moldir/db";
import type { JournalEntryDraft, PlainDate, PurposePosting, TwoBookPostings } from "@moldir/domain";
import { AppError } from "../http/app-error";
import { postEntries } from "../ledger/posting";

async function draftFor(
  trx: Tx,
  orgId: string,
  bookId: string,
  postings: readonly PurposePosting[],
  valueDate: PlainDate,
  source: { type: string; id: string },
  narration: string,
): Promise<JournalEntryDraft> {
  const accounts = await trx
    .selectFrom("accounts")
    .select(["id", "purpose"])
    .where("org_id", "=", orgId)
    .where("book_id", "=", bookId)
    .where("purpose", "in", [...new Set(postings.map((p) => p.purpose))])
    .execute();
  const byPurpose = new Map(accounts.map((a) => [a.purpose, a.id]));
  return {
    bookId,
    valueDate,
    source,
    narration,
    lines: postings.map((p, index) => {
      const accountId = byPurpose.get(p.purpose);
      if (accountId === undefined)
        throw new AppError("account_must_exist", { line: index + 1, field: p.purpose });
      return { accountId, side: p.side, amountMinor: p.amountMinor };
    }),
  };
}

export async function postInBothBooks(
  trx: Tx,
  context: { orgId: string; userId: string },
  books: { nodeBookId: string; groupBookId: string },
  postings: TwoBookPostings,
  valueDate: PlainDate,
  source: { type: string; id: string },
  narration: string,
): Promise<{ nodeEntryId: string; groupEntryId: string }> {
  const drafts = [
    await draftFor(trx, context.orgId, books.nodeBookId, postings.node, valueDate, source, narration),
    await draftFor(trx, context.orgId, books.groupBookId, postings.group, valueDate, source, narration),
  ];
  const [node, group] = await postEntries(trx, context, drafts);
  if (node === undefined || group === undefined) throw new Error("both entries are posted");
  return { nodeEntryId: node.id, groupEntryId: group.id };
}
