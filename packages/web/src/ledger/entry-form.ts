/**
 * The manual journal entry as a person types it, and what stops it from being saved. Pure: the form screen
 * renders what these functions say, and the tests read them directly.
 *
 * Each line is a debit or a credit, never both (typing one clears the other). A line left entirely blank is
 * ignored, so the form can always keep an empty line at the end to type into. The entry may be saved only with
 * at least two complete lines and debits equal to credits: the server checks that again, and so does the
 * database at commit (see the money rules in DOMAIN.md).
 */
import type { Account } from "@moldir/contract";
import { type CurrencyCode, type Locale, parseMoney } from "@moldir/domain";

/** One line of the form, as typed. */
export interface EntryLineDraft {
  /** Stable key for React and for errors the server names by line. */
  readonly key: number;
  readonly accountId: string | null;
  readonly debitText: string;
  readonly creditText: string;
  readonly memo: string;
}

export interface EntryDraft {
  /** Plain date `YYYY-MM-DD`. */
  readonly valueDate: string;
  readonly narration: string;
  readonly lines: readonly EntryLineDraft[];
}

/** What is wrong with one line, if anything; stated as what it must be, like the server's codes. */
export type LineProblem =
  | "amount_must_be_a_number"
  | "line_amount_must_be_positive"
  | "line_must_have_account"
  | "line_must_have_amount";

/** Why the entry cannot be saved yet, in the order a person would fix them. */
export type SaveBlocker =
  | "date_must_be_given"
  | "narration_must_be_given"
  | "lines_must_be_complete"
  | "lines_must_be_at_least_two"
  | "entry_must_balance";

export interface ReadLine {
  readonly key: number;
  readonly side: "debit" | "credit" | null;
  readonly amountMinor: bigint | null;
  readonly problem: LineProblem | null;
  readonly isBlank: boolean;
}

/** The most lines one manual entry may have (the server accepts up to 1 000; a form needs far fewer). */
export const entryLinesMax = 200;

export function blankLine(key: number): EntryLineDraft {
  return { key, accountId: null, debitText: "", creditText: "", memo: "" };
}

/** Reads one line: its side and amount, or what is wrong with it. */
export function readLine(line: EntryLineDraft, currency: CurrencyCode, locale: Locale): ReadLine {
  const debit = line.debitText.trim();
  const credit = line.creditText.trim();
  const isBlank = debit === "" && credit === "" && line.accountId === null;
  const base = { key: line.key, isBlank };
  if (isBlank) return { ...base, side: null, amountMinor: null, problem: null };
  const side = debit !== "" ? "debit" : credit !== "" ? "credit" : null;
  if (side === null) return { ...base, side: null, amountMinor: null, problem: "line_must_have_amount" };
  const parsed = parseMoney(side === "debit" ? debit : credit, currency, locale);
  if (!parsed.ok) return { ...base, side, amountMinor: null, problem: "amount_must_be_a_number" };
  if (parsed.value <= 0n)
    return { ...base, side, amountMinor: null, problem: "line_amount_must_be_positive" };
  if (line.accountId === null)
    return { ...base, side, amountMinor: parsed.value, problem: "line_must_have_account" };
  return { ...base, side, amountMinor: parsed.value, problem: null };
}

export interface EntryTotals {
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  /** Debits less credits: positive when credits are missing, negative when debits are. */
  readonly differenceMinor: bigint;
}

/** Totals of the amounts that can be read, whatever else is wrong: shown live as the person types. */
export function entryTotals(lines: readonly ReadLine[]): EntryTotals {
  let debitMinor = 0n;
  let creditMinor = 0n;
  for (const line of lines) {
    if (line.amountMinor === null) continue;
    if (line.side === "debit") debitMinor += line.amountMinor;
    else if (line.side === "credit") creditMinor += line.amountMinor;
  }
  return { debitMinor, creditMinor, differenceMinor: debitMinor - creditMinor };
}

/** Everything that stops the entry from being saved, first things first; empty when it may be saved. */
export function saveBlockers(draft: EntryDraft, lines: readonly ReadLine[]): SaveBlocker[] {
  const blockers: SaveBlocker[] = [];
  if (draft.valueDate.trim() === "") blockers.push("date_must_be_given");
  if (draft.narration.trim() === "") blockers.push("narration_must_be_given");
  if (lines.some((line) => line.problem !== null)) blockers.push("lines_must_be_complete");
  const complete = lines.filter((line) => !line.isBlank && line.problem === null);
  if (complete.length < 2) blockers.push("lines_must_be_at_least_two");
  const totals = entryTotals(lines);
  if (totals.differenceMinor !== 0n) blockers.push("entry_must_balance");
  return blockers;
}

export interface PostJournalEntryRequest {
  readonly valueDate: string;
  readonly narration: string;
  readonly lines: readonly {
    accountId: string;
    side: "debit" | "credit";
    amountMinor: string;
    memo?: string;
  }[];
}

/**
 * The request for a draft that has no blockers, and the form's line key for each line sent, so an error the
 * server names by position (`lines.1.accountId`) is shown next to the right line.
 */
export function toPostRequest(
  draft: EntryDraft,
  lines: readonly ReadLine[],
): { request: PostJournalEntryRequest; sentKeys: number[] } {
  const sent: PostJournalEntryRequest["lines"][number][] = [];
  const sentKeys: number[] = [];
  draft.lines.forEach((line, index) => {
    const read = lines[index];
    if (read === undefined || read.isBlank) return;
    if (read.problem !== null || read.side === null || read.amountMinor === null || line.accountId === null) {
      throw new Error("toPostRequest needs a draft without blockers");
    }
    const memo = line.memo.trim();
    sent.push({
      accountId: line.accountId,
      side: read.side,
      amountMinor: read.amountMinor.toString(),
      ...(memo === "" ? {} : { memo }),
    });
    sentKeys.push(line.key);
  });
  return {
    request: { valueDate: draft.valueDate, narration: draft.narration.trim(), lines: sent },
    sentKeys,
  };
}

/** `lines.1.accountId` → 1: the position among the lines sent; null for any other field. */
export function lineIndexOfField(field: string | null): number | null {
  const match = field === null ? null : /^lines\.(\d+)(?:\.|$)/.exec(field);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** Accounts a line may post to, by code: headers and closed accounts take no postings. */
export function postableAccounts(accounts: readonly Account[]): Account[] {
  return accounts
    .filter((account) => !account.isHeader && account.isActive)
    .sort((a, b) => a.code.localeCompare(b.code));
}
