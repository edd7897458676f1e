/**
 * Closing periods. A book is closed through a day: postings dated on or before it are refused (by the
 * posting service with a clear error, and by the database). Closing a month closes every earlier month too.
 * Reopening is an approvable action: it moves the closed day back to before the reopened month. Year-end close
 * moves the year's income and expenses into retained earnings with one entry dated 31 December, then closes
 * the year.
 */
import type { Tx } from "@moldir/db";
import {
  addDays,
  endOfMonth,
  type JournalLineDraft,
  naturalBalance,
  type PlainDate,
  parsePlainDate,
  plainDate,
} from "@moldir/domain";
import { z } from "zod";
import type { ActionContext, ApprovableAction } from "../approvals/registry";
import { AppError } from "../http/app-error";
import { todayOf } from "../http/dates";
import { newId } from "../identity/secrets";
import { accountForPurpose } from "./books";
import { postEntries } from "./posting";
import { incomeStatement, requireBook } from "./statements";

async function logPeriodEvent(
  trx: Tx,
  orgId: string,
  bookId: string,
  event: "close" | "reopen" | "year_end_close",
  before: string | null,
  after: string | null,
  userId: string | null,
  entryId: string | null = null,
): Promise<void> {
  await trx
    .insertInto("ledger_period_events")
    .values({
      org_id: orgId,
      id: newId(),
      book_id: bookId,
      event,
      closed_through_before: before,
      closed_through_after: after,
      entry_id: entryId,
      user_id: userId,
    })
    .execute();
}

export async function closePeriod(
  trx: Tx,
  orgId: string,
  bookId: string,
  through: PlainDate,
  userId: string | null,
): Promise<string> {
  const book = await requireBook(trx, orgId, bookId);
  if (endOfMonth(through) !== through)
    throw new AppError("period_end_must_be_month_end", { field: "through" });
  if (book.closed_through !== null && through <= book.closed_through)
    throw new AppError("period_must_follow_closed_periods", { field: "through" });
  if (through >= (await todayOf(trx, orgId)))
    throw new AppError("period_must_not_be_in_the_future", { field: "through" });
  await trx
    .updateTable("books")
    .set({ closed_through: through })
    .where("org_id", "=", orgId)
    .where("id", "=", bookId)
    .execute();
  await logPeriodEvent(trx, orgId, bookId, "close", book.closed_through, through, userId);
  return through;
}

export const reopenPayload = z.object({ bookId: z.string(), from: z.string(), reason: z.string() });
export type Reopen = z.infer<typeof reopenPayload>;

export const reopenAction: ApprovableAction<Reopen, { closedThrough: string | null }> = {
  action: "period.reopen",
  permission: "ledger.manage",
  payloadSchema: reopenPayload,
  summarize: async (trx, context, payload) => {
    const book = await requireBook(trx, context.orgId, payload.bookId);
    return {
      bookId: payload.bookId,
      from: payload.from,
      closedThrough: book.closed_through,
      reason: payload.reason,
    };
  },
  execute: async (trx: Tx, context: ActionContext, payload: Reopen) => {
    const from = parsePlainDate(payload.from);
    if (!from.ok) throw new AppError("date_must_be_valid", { field: "from" });
    const book = await requireBook(trx, context.orgId, payload.bookId);
    if (book.closed_through === null || from.value > book.closed_through)
      throw new AppError("period_must_be_closed", { field: "from" });
    const monthStart = plainDate(`${from.value.slice(0, 8)}01`);
    const closedThrough = addDays(monthStart, -1);
    await trx
      .updateTable("books")
      .set({ closed_through: closedThrough })
      .where("org_id", "=", context.orgId)
      .where("id", "=", payload.bookId)
      .execute();
    await logPeriodEvent(
      trx,
      context.orgId,
      payload.bookId,
      "reopen",
      book.closed_through,
      closedThrough,
      context.checkerUserId ?? context.makerUserId,
    );
    return {
      result: { closedThrough },
      recordType: "book",
      recordId: payload.bookId,
      summary: {
        reopenedFrom: monthStart,
        closedThroughBefore: book.closed_through,
        closedThroughAfter: closedThrough,
        reason: payload.reason,
      },
    };
  },
};

/** Posts the closing entry of a year (income and expenses into retained earnings) and closes the year. */
export async function closeYear(
  trx: Tx,
  orgId: string,
  bookId: string,
  year: number,
  userId: string | null,
): Promise<{ entryId: string | null; closedThrough: string }> {
  const book = await requireBook(trx, orgId, bookId);
  const first = plainDate(`${year}-01-01`);
  const last = plainDate(`${year}-12-31`);
  if (book.closed_through !== null && book.closed_through >= last)
    throw new AppError("year_must_not_be_closed", { year });
  if (last >= (await todayOf(trx, orgId)))
    throw new AppError("period_must_not_be_in_the_future", { field: "year" });
  const statement = await incomeStatement(trx, orgId, bookId, first, last);
  const retained = await accountForPurpose(trx, orgId, bookId, "retained_earnings");
  if (retained === undefined)
    throw new AppError("account_must_exist", { line: 0, field: "retained_earnings" });
  const lines: JournalLineDraft[] = [];
  for (const row of [...statement.income, ...statement.expenses]) {
    if (row.isHeader) continue;
    const balance = naturalBalance(row.type, row.debitMinor, row.creditMinor);
    if (balance === 0n) continue;
    // Empty each account: an income account with a credit balance is debited, an expense account credited.
    const closesWithDebit = (row.type === "income") === balance > 0n;
    lines.push({
      accountId: row.accountId,
      side: closesWithDebit ? "debit" : "credit",
      amountMinor: balance > 0n ? balance : -balance,
    });
  }
  let entryId: string | null = null;
  if (lines.length > 0) {
    const net = statement.netIncomeMinor;
    if (net !== 0n)
      lines.push({
        accountId: retained,
        side: net > 0n ? "credit" : "debit",
        amountMinor: net > 0n ? net : -net,
      });
    const [posted] = await postEntries(trx, { orgId, userId }, [
      {
        bookId,
        valueDate: last,
        source: { type: "year_end_close", id: String(year) },
        narration: `Year-end close ${year}`,
        lines,
      },
    ]);
    entryId = posted?.id ?? null;
  }
  await trx
    .updateTable("books")
    .set({ closed_through: last })
    .where("org_id", "=", orgId)
    .where("id", "=", bookId)
    .execute();
  await logPeriodEvent(trx, orgId, bookId, "year_end_close", book.closed_through, last, userId, entryId);
  return { entryId, closedThrough: last };
}
