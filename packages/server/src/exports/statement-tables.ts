/**
 * The ledger's statements as export tables: the same figures as the JSON statements, laid out as an
 * accountant reads them on paper. Pure functions: the statement and the header come in, a table goes out.
 *
 * - Trial balance: each account's balance on its debit or credit side; headers of the chart show their
 *   subtotals in bold, so the totals are those of the statement, not the sum of the column.
 * - Balance sheet: assets, liabilities and equity with their totals; income less expenses not yet closed
 *   into retained earnings is shown as current earnings within equity.
 * - Income statement: income and expenses of the period, with the net result.
 * - Account ledger: the opening balance, each line with its running balance, the turnover and the closing
 *   balance.
 * - General journal: every entry of a period with its lines, oldest first, and the turnover.
 * - Consolidated trial balance and balance sheet: as the single-book ones, followed by what was eliminated.
 */
import { assert, type CurrencyCode, type Locale, limits, type PlainDate } from "@moldir/domain";
import type { Consolidation } from "../ledger/consolidation";
import type {
  AccountLedger,
  BalanceRow,
  BalanceSheet,
  GeneralJournal,
  IncomeStatement,
  TrialBalance,
} from "../ledger/statements";
import { sourceWord, type WordKey, word } from "./i18n";
import type { ExportColumn, ExportHeader, ExportRow, ExportTable } from "./table";

/** What every statement table needs besides the statement. */
export interface TableContext {
  readonly locale: Locale;
  readonly currency: CurrencyCode;
  readonly header: ExportHeader;
}

function column(key: WordKey, kind: ExportColumn["kind"], locale: Locale, isIndented = false): ExportColumn {
  return { title: word(key, locale), kind, ...(isIndented ? { isIndented } : {}) };
}

/** Depth of each account in its chart, 0 for accounts without a parent. */
function depths(rows: readonly BalanceRow[]): Map<string, number> {
  const parentOf = new Map(rows.map((r) => [r.accountId, r.parentId]));
  const result = new Map<string, number>();
  for (const row of rows) {
    let depth = 0;
    let at = row.parentId;
    while (at !== null && depth < limits.accountsPerBookMax) {
      depth++;
      at = parentOf.get(at) ?? null;
    }
    result.set(row.accountId, depth);
  }
  return result;
}

function accountRow(
  row: BalanceRow,
  depth: number,
  locale: Locale,
  amounts: readonly (bigint | null)[],
): ExportRow {
  return { cells: [row.code, row.names[locale], ...amounts], isEmphasized: row.isHeader, indent: depth };
}

export function trialBalanceTable(statement: TrialBalance, context: TableContext): ExportTable {
  const { locale } = context;
  const depthOf = depths(statement.rows);
  const rows = statement.rows.map((row) => {
    const net = row.debitMinor - row.creditMinor;
    return accountRow(row, depthOf.get(row.accountId) ?? 0, locale, [
      net > 0n ? net : null,
      net < 0n ? -net : null,
    ]);
  });
  return {
    ...context,
    title: word("trial_balance", locale),
    columns: [
      column("code", "text", locale),
      column("account", "text", locale, true),
      column("debit", "money", locale),
      column("credit", "money", locale),
    ],
    rows,
    totals: [{ cells: [null, word("total", locale), statement.totalDebitMinor, statement.totalCreditMinor] }],
  };
}

/** A section of a statement: its heading, its accounts, and its total in bold. */
function section(
  heading: WordKey,
  totalKey: WordKey,
  accounts: readonly BalanceRow[],
  totalMinor: bigint,
  locale: Locale,
  extra: readonly ExportRow[] = [],
): ExportRow[] {
  const depthOf = depths(accounts);
  // A chart whose section opens with one header account ("1000 Assets") already names the section.
  const tops = accounts.filter((row) => row.parentId === null);
  const isNamedByChart = tops.length === 1 && tops[0]?.isHeader === true;
  const nesting = isNamedByChart ? 0 : 1;
  return [
    ...(isNamedByChart ? [] : [{ cells: [null, word(heading, locale), null], isEmphasized: true }]),
    ...accounts.map((row) =>
      accountRow(row, (depthOf.get(row.accountId) ?? 0) + nesting, locale, [row.balanceMinor]),
    ),
    ...extra,
    { cells: [null, word(totalKey, locale), totalMinor], isEmphasized: true },
  ];
}

function amountColumns(locale: Locale): ExportColumn[] {
  return [
    column("code", "text", locale),
    column("account", "text", locale, true),
    column("amount", "money", locale),
  ];
}

export function balanceSheetTable(statement: BalanceSheet, context: TableContext): ExportTable {
  const { locale } = context;
  const equityTotalMinor = statement.totalEquityMinor + statement.currentEarningsMinor;
  const liabilitiesAndEquityMinor = statement.totalLiabilitiesMinor + equityTotalMinor;
  assert(
    statement.totalAssetsMinor === liabilitiesAndEquityMinor,
    `balance sheet as of ${statement.asOf} does not balance`,
  );
  const currentEarnings: ExportRow = {
    cells: [null, word("currentEarnings", locale), statement.currentEarningsMinor],
    indent: 1,
  };
  return {
    ...context,
    title: word("balance_sheet", locale),
    columns: amountColumns(locale),
    rows: [
      ...section("assets", "totalAssets", statement.assets, statement.totalAssetsMinor, locale),
      ...section(
        "liabilities",
        "totalLiabilities",
        statement.liabilities,
        statement.totalLiabilitiesMinor,
        locale,
      ),
      ...section("equity", "totalEquity", statement.equity, equityTotalMinor, locale, [currentEarnings]),
    ],
    totals: [
      { cells: [null, word("totalAssets", locale), statement.totalAssetsMinor] },
      { cells: [null, word("totalLiabilitiesAndEquity", locale), liabilitiesAndEquityMinor] },
    ],
  };
}

export function incomeStatementTable(statement: IncomeStatement, context: TableContext): ExportTable {
  const { locale } = context;
  assert(
    statement.netIncomeMinor === statement.totalIncomeMinor - statement.totalExpensesMinor,
    "net income is income less expenses",
  );
  return {
    ...context,
    title: word("income_statement", locale),
    columns: amountColumns(locale),
    rows: [
      ...section("income", "totalIncome", statement.income, statement.totalIncomeMinor, locale),
      ...section("expenses", "totalExpenses", statement.expenses, statement.totalExpensesMinor, locale),
    ],
    totals: [{ cells: [null, word("netIncome", locale), statement.netIncomeMinor] }],
  };
}

export function accountLedgerTable(statement: AccountLedger, context: TableContext): ExportTable {
  const { locale } = context;
  let debitMinor = 0n;
  let creditMinor = 0n;
  const lines: ExportRow[] = statement.lines.map((line) => {
    debitMinor += line.debitMinor;
    creditMinor += line.creditMinor;
    return {
      cells: [
        line.valueDate,
        line.narration,
        sourceWord(line.sourceType, locale),
        line.debitMinor === 0n ? null : line.debitMinor,
        line.creditMinor === 0n ? null : line.creditMinor,
        line.balanceMinor,
      ],
    };
  });
  const opening: ExportRow = {
    cells: [statement.from, word("openingBalance", locale), null, null, null, statement.openingBalanceMinor],
    isEmphasized: true,
  };
  return {
    ...context,
    title: word("account_ledger", locale),
    columns: [
      column("date", "date", locale),
      column("narration", "text", locale),
      column("source", "text", locale),
      column("debit", "money", locale),
      column("credit", "money", locale),
      column("balance", "money", locale),
    ],
    rows: [opening, ...lines],
    totals: [
      { cells: [null, word("turnover", locale), null, debitMinor, creditMinor, null] },
      {
        cells: [
          statement.to,
          word("closingBalance", locale),
          null,
          null,
          null,
          statement.closingBalanceMinor,
        ],
      },
    ],
  };
}

export function generalJournalTable(statement: GeneralJournal, context: TableContext): ExportTable {
  const { locale } = context;
  let creditMinor = 0n;
  let lastSeq: bigint | null = null;
  const rows: ExportRow[] = statement.lines.map((line) => {
    creditMinor += line.creditMinor;
    const isFirstOfEntry = line.entrySeq !== lastSeq;
    lastSeq = line.entrySeq;
    return {
      cells: [
        isFirstOfEntry ? line.valueDate : null,
        isFirstOfEntry ? line.entrySeq.toString() : null,
        isFirstOfEntry ? line.narration : null,
        isFirstOfEntry ? sourceWord(line.sourceType, locale) : null,
        `${line.code} ${line.names[locale]}`,
        line.debitMinor === 0n ? null : line.debitMinor,
        line.creditMinor === 0n ? null : line.creditMinor,
      ],
    };
  });
  assert(creditMinor === statement.totalMinor, "the journal's debits equal its credits");
  return {
    ...context,
    title: word("general_journal", locale),
    columns: [
      column("date", "date", locale),
      column("entry", "text", locale),
      column("narration", "text", locale),
      column("source", "text", locale),
      column("account", "text", locale),
      column("debit", "money", locale),
      column("credit", "money", locale),
    ],
    rows,
    totals: [
      { cells: [null, null, word("turnover", locale), null, null, statement.totalMinor, creditMinor] },
    ],
  };
}

/** The rows that list what a consolidation eliminated, under a heading, in a table of `width` columns. */
function eliminationRows(consolidation: Consolidation, locale: Locale, width: number): ExportRow[] {
  if (consolidation.eliminations.length === 0) return [];
  const pad = (cells: readonly (string | bigint | null)[]) => [
    ...cells,
    ...Array<null>(width - cells.length).fill(null),
  ];
  return [
    { cells: pad([null, word("eliminations", locale)]), isEmphasized: true },
    ...consolidation.eliminations.map((row) => ({
      cells: pad([
        row.code,
        row.names[locale],
        ...(width > 3 ? [row.debitMinor, row.creditMinor] : [row.debitMinor - row.creditMinor]),
      ]),
      indent: 1,
    })),
  ];
}

export function consolidatedTrialBalanceTable(
  statement: TrialBalance & Consolidation,
  context: TableContext,
): ExportTable {
  const table = trialBalanceTable(statement, context);
  return {
    ...table,
    title: word("consolidated_trial_balance", context.locale),
    rows: [...table.rows, ...eliminationRows(statement, context.locale, table.columns.length)],
  };
}

export function consolidatedBalanceSheetTable(
  statement: BalanceSheet & Consolidation,
  context: TableContext,
): ExportTable {
  const table = balanceSheetTable(statement, context);
  return {
    ...table,
    title: word("consolidated_balance_sheet", context.locale),
    rows: [...table.rows, ...eliminationRows(statement, context.locale, table.columns.length)],
  };
}

/** The period a statement covers, for its header block. */
export function asOfPeriod(asOf: PlainDate): ExportHeader["period"] {
  return { kind: "as_of", asOf };
}

export function rangePeriod(from: PlainDate, to: PlainDate): ExportHeader["period"] {
  return { kind: "range", from, to };
}
