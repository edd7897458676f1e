/**
 * What the ledger screens share: the book they work in, its currency, the server's paths, and the plain dates
 * the statements default to. Amounts stay decimal strings of minor units until they are shown or summed.
 */
import type { Account, Book, TrialBalanceResponse } from "@moldir/contract";
import { type CurrencyCode, isCurrencyCode } from "@moldir/domain";
import { type Resource, useApiResource } from "../api/use-api";

/** `POST` answers of writes that wait for a second person (four eyes). */
export interface PendingApproval {
  readonly status: "pending_approval";
  readonly approvalId: string;
}

export function isPendingApproval(body: unknown): body is PendingApproval {
  return typeof body === "object" && body !== null && "status" in body && body.status === "pending_approval";
}

/** The book's currency for formatting; books are opened in the organization's currency, tenge by default. */
export function currencyOf(book: Book): CurrencyCode {
  return isCurrencyCode(book.currency) ? book.currency : "KZT";
}

/** The books of the organization, one of them by id (null while loading or when it is not there). */
export function useBook(bookId: string): {
  book: Book | null;
  resource: Resource<{ items: Book[] }>;
  reload: () => void;
} {
  const { resource, reload } = useApiResource<{ items: Book[] }>("/api/v1/books");
  const book =
    resource.status === "loaded" ? (resource.data.items.find((item) => item.id === bookId) ?? null) : null;
  return { book, resource, reload };
}

/** The chart of accounts of a book, flat (parentId makes the tree). */
export function useAccounts(bookId: string) {
  return useApiResource<{ items: Account[] }>(`/api/v1/books/${encodeURIComponent(bookId)}/accounts`);
}

/** App paths of the ledger screens, in one place so links and routes agree. */
export const ledgerPaths = {
  books: "/books",
  accounts: (bookId: string) => `/books/${bookId}/accounts`,
  journal: (bookId: string) => `/books/${bookId}/entries`,
  newEntry: (bookId: string) => `/books/${bookId}/entries/new`,
  entry: (bookId: string, entryId: string) => `/books/${bookId}/entries/${entryId}`,
  trialBalance: (bookId: string) => `/books/${bookId}/trial-balance`,
  balanceSheet: (bookId: string) => `/books/${bookId}/balance-sheet`,
  incomeStatement: (bookId: string) => `/books/${bookId}/income-statement`,
  periods: (bookId: string) => `/books/${bookId}/periods`,
  accountLedger: (bookId: string, accountId: string, period?: { from: string; to: string }) =>
    `/books/${bookId}/accounts/${accountId}/ledger${period === undefined ? "" : `?${new URLSearchParams(period)}`}`,
} as const;

const pad = (value: number) => String(value).padStart(2, "0");

/** Today in the browser's time zone, as a plain date `YYYY-MM-DD`. */
export function todayPlainDate(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The first day of the year of a plain date. */
export function startOfYear(plainDate: string): string {
  return `${plainDate.slice(0, 4)}-01-01`;
}

/** The last day of the month of a plain date `YYYY-MM-DD`. */
export function endOfMonth(plainDate: string): string {
  const year = Number(plainDate.slice(0, 4));
  const month = Number(plainDate.slice(5, 7));
  // Day 0 of the next month is the last day of this one; UTC keeps time zones out of it.
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** The last day of the month before the month of a plain date. */
export function endOfPreviousMonth(plainDate: string): string {
  const year = Number(plainDate.slice(0, 4));
  const month = Number(plainDate.slice(5, 7));
  const last = new Date(Date.UTC(year, month - 1, 0));
  return `${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}-${pad(last.getUTCDate())}`;
}

export function isPlainDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}

/** A download of a statement, in the language shown now (plain links: the browser saves the file). */
export function exportHref(
  path: string,
  query: Record<string, string>,
  format: ExportFormat,
  locale: string,
): string {
  return `${path}/export?${new URLSearchParams({ ...query, format, locale })}`;
}

export const exportFormats = ["csv", "xlsx", "pdf"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** One row of a statement: an account or header with its debit and credit totals and its balance. */
export type BalanceRow = TrialBalanceResponse["rows"][number];

/** A date from the address (`?asOf=…`) when it is one, else the default. */
export function dateParam(search: string, name: string, fallback: string): string {
  const value = new URLSearchParams(search).get(name);
  return value !== null && isPlainDate(value) ? value : fallback;
}
