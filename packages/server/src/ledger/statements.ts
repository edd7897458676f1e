/**
 * Statements as of any date, in any book: trial balance, balance sheet, income statement, account ledger with
 * a running balance, and the general journal. Balances as of a date add up the daily totals of each account
 * up to that date; given `knownAt`, they add up only the lines posted by then, so any earlier report can be
 * reproduced exactly. A report as of a date in a closed period never changes, since nothing can be posted
 * there any more.
 */
import { sql, type Tx } from "@moldir/db";
import { type AccountType, assert, limits, naturalBalance, type PlainDate } from "@moldir/domain";
import { AppError } from "../http/app-error";

export interface BalanceRow {
  readonly accountId: string;
  readonly parentId: string | null;
  readonly code: string;
  readonly names: { kk: string; ru: string; en: string };
  readonly type: AccountType;
  readonly isHeader: boolean;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  /** In the account's natural direction (debit for assets and expenses, credit otherwise). */
  readonly balanceMinor: bigint;
}

export interface AccountSums {
  id: string;
  parent_id: string | null;
  code: string;
  name_kk: string;
  name_ru: string;
  name_en: string;
  type: AccountType;
  is_header: boolean;
  debit: string;
  credit: string;
}

export async function requireBook(trx: Tx, orgId: string, bookId: string) {
  const book = await trx
    .selectFrom("books")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", bookId)
    .executeTakeFirst();
  if (book === undefined) throw new AppError("record_must_exist");
  return book;
}

/**
 * sumsByAccount of a book that must exist: a book always has accounts, so the book is looked up only when no
 * account came back (one statement for a report instead of two).
 */
async function sumsOfBook(
  trx: Tx,
  orgId: string,
  bookId: string,
  range: Parameters<typeof sumsByAccount>[3],
): Promise<AccountSums[]> {
  const sums = await sumsByAccount(trx, orgId, bookId, range);
  if (sums.length === 0) await requireBook(trx, orgId, bookId);
  return sums;
}

/** Debits and credits of every account of a book within a range of value dates. */
async function sumsByAccount(
  trx: Tx,
  orgId: string,
  bookId: string,
  range: {
    from?: PlainDate | undefined;
    to: PlainDate;
    knownAt?: Date | undefined;
    excludeYearEndClose?: boolean;
  },
): Promise<AccountSums[]> {
  const from = range.from ?? null;
  if (range.knownAt === undefined && range.excludeYearEndClose !== true) {
    const { rows } =
      await sql<AccountSums>`SELECT a.id, a.parent_id, a.code, a.name_kk, a.name_ru, a.name_en, a.type, a.is_header,
        coalesce(sum(t.debit_minor), 0)::text AS debit, coalesce(sum(t.credit_minor), 0)::text AS credit
      FROM accounts a
      LEFT JOIN account_daily_totals t ON t.org_id = a.org_id AND t.account_id = a.id
        AND t.value_date <= ${range.to}::date AND (${from}::date IS NULL OR t.value_date >= ${from}::date)
      WHERE a.org_id = ${orgId} AND a.book_id = ${bookId}
      GROUP BY a.org_id, a.id ORDER BY a.code`.execute(trx);
    return rows;
  }
  const knownAt = range.knownAt ?? null;
  const excludeClosing = range.excludeYearEndClose === true;
  const { rows } =
    await sql<AccountSums>`SELECT a.id, a.parent_id, a.code, a.name_kk, a.name_ru, a.name_en, a.type, a.is_header,
      coalesce(sum(l.debit_minor), 0)::text AS debit, coalesce(sum(l.credit_minor), 0)::text AS credit
    FROM accounts a
    LEFT JOIN (journal_lines l JOIN journal_entries e ON e.org_id = l.org_id AND e.id = l.entry_id
        AND (${knownAt}::timestamptz IS NULL OR e.posted_at <= ${knownAt}::timestamptz)
        AND (NOT ${excludeClosing} OR e.source_type <> 'year_end_close'))
      ON l.org_id = a.org_id AND l.account_id = a.id
        AND l.value_date <= ${range.to}::date AND (${from}::date IS NULL OR l.value_date >= ${from}::date)
    WHERE a.org_id = ${orgId} AND a.book_id = ${bookId}
    GROUP BY a.org_id, a.id ORDER BY a.code`.execute(trx);
  return rows;
}

/** Adds each account's sums to every header above it, so that headers show their subtotals. */
export function rollUp(rows: readonly AccountSums[]): BalanceRow[] {
  const debit = new Map(rows.map((r) => [r.id, BigInt(r.debit)]));
  const credit = new Map(rows.map((r) => [r.id, BigInt(r.credit)]));
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  const totalDebit = new Map(rows.map((r) => [r.id, 0n]));
  const totalCredit = new Map(rows.map((r) => [r.id, 0n]));
  for (const row of rows) {
    let at: string | null = row.id;
    for (let depth = 0; at !== null && depth <= limits.accountsPerBookMax; depth++) {
      totalDebit.set(at, (totalDebit.get(at) ?? 0n) + (debit.get(row.id) ?? 0n));
      totalCredit.set(at, (totalCredit.get(at) ?? 0n) + (credit.get(row.id) ?? 0n));
      at = parentOf.get(at) ?? null;
    }
  }
  return rows.map((r) => {
    const d = totalDebit.get(r.id) ?? 0n;
    const c = totalCredit.get(r.id) ?? 0n;
    return {
      accountId: r.id,
      parentId: r.parent_id,
      code: r.code,
      names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
      type: r.type,
      isHeader: r.is_header,
      debitMinor: d,
      creditMinor: c,
      balanceMinor: naturalBalance(r.type, d, c),
    };
  });
}

export interface TrialBalance {
  readonly asOf: PlainDate;
  readonly rows: BalanceRow[];
  readonly totalDebitMinor: bigint;
  readonly totalCreditMinor: bigint;
}

export async function trialBalance(
  trx: Tx,
  orgId: string,
  bookId: string,
  asOf: PlainDate,
  knownAt?: Date,
): Promise<TrialBalance> {
  const sums = await sumsOfBook(trx, orgId, bookId, { to: asOf, knownAt });
  let totalDebitMinor = 0n;
  let totalCreditMinor = 0n;
  for (const r of sums) {
    const net = BigInt(r.debit) - BigInt(r.credit);
    if (net > 0n) totalDebitMinor += net;
    else totalCreditMinor -= net;
  }
  assert(
    totalDebitMinor === totalCreditMinor,
    `trial balance of book ${bookId} as of ${asOf} does not balance`,
  );
  return { asOf, rows: rollUp(sums), totalDebitMinor, totalCreditMinor };
}

export interface BalanceSheet {
  readonly asOf: PlainDate;
  readonly assets: BalanceRow[];
  readonly liabilities: BalanceRow[];
  readonly equity: BalanceRow[];
  readonly totalAssetsMinor: bigint;
  readonly totalLiabilitiesMinor: bigint;
  readonly totalEquityMinor: bigint;
  /** Income less expenses not yet closed into retained earnings. */
  readonly currentEarningsMinor: bigint;
}

function totalOf(rows: readonly BalanceRow[], type: AccountType): bigint {
  return rows
    .filter((r) => r.type === type && r.parentId === null)
    .reduce((sum, r) => sum + r.balanceMinor, 0n);
}

/** The balance sheet read from the rows of a trial balance; `what` names the book(s) in the check's message. */
export function balanceSheetOf(rows: readonly BalanceRow[], asOf: PlainDate, what: string): BalanceSheet {
  const totalAssetsMinor = totalOf(rows, "asset");
  const totalLiabilitiesMinor = totalOf(rows, "liability");
  const totalEquityMinor = totalOf(rows, "equity");
  const currentEarningsMinor = totalOf(rows, "income") - totalOf(rows, "expense");
  assert(
    totalAssetsMinor === totalLiabilitiesMinor + totalEquityMinor + currentEarningsMinor,
    `balance sheet of ${what} as of ${asOf} does not balance`,
  );
  return {
    asOf,
    assets: rows.filter((r) => r.type === "asset"),
    liabilities: rows.filter((r) => r.type === "liability"),
    equity: rows.filter((r) => r.type === "equity"),
    totalAssetsMinor,
    totalLiabilitiesMinor,
    totalEquityMinor,
    currentEarningsMinor,
  };
}

export async function balanceSheet(
  trx: Tx,
  orgId: string,
  bookId: string,
  asOf: PlainDate,
  knownAt?: Date,
): Promise<BalanceSheet> {
  const { rows } = await trialBalance(trx, orgId, bookId, asOf, knownAt);
  return balanceSheetOf(rows, asOf, `book ${bookId}`);
}

export interface IncomeStatement {
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly income: BalanceRow[];
  readonly expenses: BalanceRow[];
  readonly totalIncomeMinor: bigint;
  readonly totalExpensesMinor: bigint;
  readonly netIncomeMinor: bigint;
}

/** Income and expenses of a period; the year-end closing entry is left out, or every closed year would show zero. */
export async function incomeStatement(
  trx: Tx,
  orgId: string,
  bookId: string,
  from: PlainDate,
  to: PlainDate,
): Promise<IncomeStatement> {
  const rows = rollUp(await sumsOfBook(trx, orgId, bookId, { from, to, excludeYearEndClose: true }));
  const totalIncomeMinor = totalOf(rows, "income");
  const totalExpensesMinor = totalOf(rows, "expense");
  return {
    from,
    to,
    income: rows.filter((r) => r.type === "income"),
    expenses: rows.filter((r) => r.type === "expense"),
    totalIncomeMinor,
    totalExpensesMinor,
    netIncomeMinor: totalIncomeMinor - totalExpensesMinor,
  };
}

export interface LedgerLine {
  readonly entryId: string;
  readonly lineNo: number;
  readonly valueDate: string;
  readonly narration: string;
  readonly sourceType: string;
  readonly sourceId: string | null;
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
  readonly balanceMinor: bigint;
}

export interface AccountLedger {
  readonly accountId: string;
  readonly type: AccountType;
  readonly from: PlainDate;
  readonly to: PlainDate;
  readonly openingBalanceMinor: bigint;
  readonly lines: LedgerLine[];
  readonly closingBalanceMinor: bigint;
}

export async function accountLedger(
  trx: Tx,
  orgId: string,
  accountId: string,
  from: PlainDate,
  to: PlainDate,
): Promise<AccountLedger> {
  const account = await trx
    .selectFrom("accounts")
    .select(["id", "type"])
    .where("org_id", "=", orgId)
    .where("id", "=", accountId)
    .executeTakeFirst();
  if (account === undefined) throw new AppError("record_must_exist");
  const opening = await sql<{
    debit: string;
    credit: string;
  }>`SELECT coalesce(sum(debit_minor), 0)::text AS debit,
      coalesce(sum(credit_minor), 0)::text AS credit
    FROM account_daily_totals WHERE org_id = ${orgId} AND account_id = ${accountId} AND value_date < ${from}::date`.execute(
    trx,
  );
  const openingBalanceMinor = naturalBalance(
    account.type,
    BigInt(opening.rows[0]?.debit ?? "0"),
    BigInt(opening.rows[0]?.credit ?? "0"),
  );
  const { rows } = await sql<{
    entry_id: string;
    line_no: number;
    value_date: string;
    narration: string;
    source_type: string;
    source_id: string | null;
    debit_minor: bigint;
    credit_minor: bigint;
  }>`SELECT l.entry_id, l.line_no, l.value_date, e.narration, e.source_type, e.source_id, l.debit_minor, l.credit_minor
    FROM journal_lines l JOIN journal_entries e ON e.org_id = l.org_id AND e.id = l.entry_id
    WHERE l.org_id = ${orgId} AND l.account_id = ${accountId} AND l.value_date BETWEEN ${from}::date AND ${to}::date
    ORDER BY l.value_date, e.seq, l.line_no
    LIMIT ${limits.statementRowsMax}`.execute(trx);
  let balance = openingBalanceMinor;
  const lines = rows.map((r) => {
    balance += naturalBalance(account.type, r.debit_minor, r.credit_minor);
    return {
      entryId: r.entry_id,
      lineNo: r.line_no,
      valueDate: r.value_date,
      narration: r.narration,
      sourceType: r.source_type,
      sourceId: r.source_id,
      debitMinor: r.debit_minor,
      creditMinor: r.credit_minor,
      balanceMinor: balance,
    };
  });
  return {
    accountId,
    type: account.type,
    from,
    to,
    openingBalanceMinor,
    lines,
    closingBalanceMinor: balance,
  };
}

export interface JournalLine {
  readonly entrySeq: bigint;
  readonly valueDate: string;
  readonly narration: string;
  readonly sourceType: string;
  readonly code: string;
  readonly names: { kk: string; ru: string; en: string };
  readonly debitMinor: bigint;
  readonly creditMinor: bigint;
}

export interface GeneralJournal {
  readonly from: PlainDate;
  readonly to: PlainDate;
  /** Every line of the period in the order posted: by value date, then entry, then line. */
  readonly lines: JournalLine[];
  readonly totalMinor: bigint;
}

/** The general journal of a book for a period, every entry with its lines, oldest first. */
export async function generalJournal(
  trx: Tx,
  orgId: string,
  bookId: string,
  from: PlainDate,
  to: PlainDate,
): Promise<GeneralJournal> {
  await requireBook(trx, orgId, bookId);
  const { rows } = await sql<{
    seq: bigint;
    value_date: string;
    narration: string;
    source_type: string;
    code: string;
    name_kk: string;
    name_ru: string;
    name_en: string;
    debit_minor: bigint;
    credit_minor: bigint;
  }>`SELECT e.seq, e.value_date, e.narration, e.source_type, a.code, a.name_kk, a.name_ru, a.name_en,
      l.debit_minor, l.credit_minor
    FROM journal_entries e
    JOIN journal_lines l ON l.org_id = e.org_id AND l.entry_id = e.id
    JOIN accounts a ON a.org_id = l.org_id AND a.id = l.account_id
    WHERE e.org_id = ${orgId} AND e.book_id = ${bookId} AND e.value_date BETWEEN ${from}::date AND ${to}::date
    ORDER BY e.value_date, e.seq, l.line_no
    LIMIT ${limits.statementRowsMax}`.execute(trx);
  let totalMinor = 0n;
  const lines = rows.map((r) => {
    totalMinor += r.debit_minor;
    return {
      entrySeq: r.seq,
      valueDate: r.value_date,
      narration: r.narration,
      sourceType: r.source_type,
      code: r.code,
      names: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
      debitMinor: r.debit_minor,
      creditMinor: r.credit_minor,
    };
  });
  return { from, to, lines, totalMinor };
}
