/**
 * Double entry. A journal entry has two or more lines; each line is a debit or a credit of a positive amount
 * of minor units to one account; the debits equal the credits. An entry, once posted, is never changed: a
 * correction is a reversal (the same lines with debit and credit swapped, linked to the original, with a
 * reason) and, where needed, a new entry.
 *
 * The balance is checked here when an entry is built, again when it is read back, and a third time by the
 * database when the transaction commits.
 */
import { assert } from "../assert";
import type { PlainDate } from "../calendar/plain-date";
import { limits } from "../limits";
import { err, ok, type Result } from "../result";

export const accountTypes = ["asset", "liability", "equity", "income", "expense"] as const;
export type AccountType = (typeof accountTypes)[number];

export type Side = "debit" | "credit";

/** Where an entry came from: a loan, a meeting, a manual entry… with the id of that record. */
export interface EntrySource {
  readonly type: string;
  readonly id: string | null;
}

export interface JournalLineDraft {
  readonly accountId: string;
  readonly side: Side;
  readonly amountMinor: bigint;
  /** An optional project the line belongs to (budget against actual). */
  readonly projectId?: string | null;
  readonly memo?: string | null;
}

export interface JournalEntryDraft {
  readonly bookId: string;
  readonly valueDate: PlainDate;
  readonly source: EntrySource;
  readonly narration: string;
  readonly lines: readonly JournalLineDraft[];
  /** Set on a reversal: the entry it reverses, and why. */
  readonly reverses?: { readonly entryId: string; readonly reason: string } | null;
}

export type JournalError =
  | "entry_must_have_two_lines"
  | "entry_must_not_exceed_line_limit"
  | "line_amount_must_be_positive"
  | "entry_must_balance"
  | "narration_must_be_given"
  | "amount_must_not_exceed_maximum";

/** Debits and credits of a set of lines. */
export function totalsOf(lines: readonly Pick<JournalLineDraft, "side" | "amountMinor">[]): {
  debitMinor: bigint;
  creditMinor: bigint;
} {
  let debitMinor = 0n;
  let creditMinor = 0n;
  for (const line of lines) {
    if (line.side === "debit") debitMinor += line.amountMinor;
    else creditMinor += line.amountMinor;
  }
  return { debitMinor, creditMinor };
}

/** Checks a draft: two or more lines, each positive, debits equal to credits, a narration. */
export function checkEntry(draft: JournalEntryDraft): Result<JournalEntryDraft, JournalError> {
  if (draft.lines.length < 2) return err("entry_must_have_two_lines");
  if (draft.lines.length > limits.journalLinesPerEntryMax) {
    return err("entry_must_not_exceed_line_limit", { maxLines: limits.journalLinesPerEntryMax });
  }
  for (const [index, line] of draft.lines.entries()) {
    if (line.amountMinor <= 0n) return err("line_amount_must_be_positive", { line: index + 1 });
    if (line.amountMinor > limits.amountMaxMinor)
      return err("amount_must_not_exceed_maximum", { line: index + 1 });
  }
  if (draft.narration.trim() === "") return err("narration_must_be_given");
  const { debitMinor, creditMinor } = totalsOf(draft.lines);
  if (debitMinor !== creditMinor) {
    return err("entry_must_balance", {
      debitMinor: debitMinor.toString(),
      creditMinor: creditMinor.toString(),
    });
  }
  return ok(draft);
}

/** The lines of an entry read back from storage must balance; anything else is a broken invariant. */
export function assertBalanced(
  lines: readonly Pick<JournalLineDraft, "side" | "amountMinor">[],
  what: string,
): void {
  const { debitMinor, creditMinor } = totalsOf(lines);
  assert(
    debitMinor === creditMinor,
    `${what} does not balance: debits ${debitMinor}, credits ${creditMinor}`,
  );
  assert(lines.length >= 2, `${what} has fewer than two lines`);
}

/** The reversal of a posted entry: every line with its side swapped, dated as given. */
export function reversalOf(
  original: {
    readonly id: string;
    readonly bookId: string;
    readonly narration: string;
    readonly lines: readonly JournalLineDraft[];
  },
  valueDate: PlainDate,
  reason: string,
  source: EntrySource,
): JournalEntryDraft {
  assert(reason.trim() !== "", "a reversal needs a reason");
  assertBalanced(original.lines, `entry ${original.id}`);
  return {
    bookId: original.bookId,
    valueDate,
    source,
    narration: `Reversal: ${original.narration}`,
    reverses: { entryId: original.id, reason },
    lines: original.lines.map((line) => ({ ...line, side: line.side === "debit" ? "credit" : "debit" })),
  };
}

/**
 * The signed balance of an account in its natural direction: debit-normal for assets and expenses, credit-normal
 * for liabilities, equity and income.
 */
export function naturalBalance(type: AccountType, debitMinor: bigint, creditMinor: bigint): bigint {
  return type === "asset" || type === "expense" ? debitMinor - creditMinor : creditMinor - debitMinor;
}
