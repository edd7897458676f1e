/** Books, accounts and statement rows as the server answers them, for the ledger screens under test. */
import type { Account, Book, TrialBalanceResponse } from "@moldir/contract";

export const bookId = "0190a000-0000-7000-8000-00000000b001";

export function buildBook(overrides: Partial<Book> = {}): Book {
  return {
    id: bookId,
    ownerKind: "organization",
    groupId: null,
    template: "ngo",
    names: { kk: "Мөлдір кітабы", ru: "Книга «Мөлдір»", en: "Moldir books" },
    currency: "KZT",
    closedThrough: null,
    version: 1,
    ...overrides,
  };
}

let accountSeq = 0;

/** An account of the test book; ids follow the code so tests can name them. */
export function buildAccount(code: string, overrides: Partial<Account> = {}): Account {
  accountSeq += 1;
  return {
    id: `0190a000-0000-7000-8000-${code.padStart(12, "0")}`,
    bookId,
    parentId: null,
    code,
    type: "asset",
    names: { kk: `Шот ${code}`, ru: `Счёт ${code}`, en: `Account ${code}` },
    isHeader: false,
    purpose: null,
    isActive: true,
    version: accountSeq,
    ...overrides,
  };
}

/** A small NGO chart: two headers, cash and bank, a closed account, grant income. */
export function buildChart(): Account[] {
  const assets = buildAccount("1000", {
    isHeader: true,
    names: { kk: "Активтер", ru: "Активы", en: "Assets" },
  });
  const income = buildAccount("6000", {
    isHeader: true,
    type: "income",
    names: { kk: "Кірістер", ru: "Доходы", en: "Income" },
  });
  return [
    assets,
    buildAccount("1010", { parentId: assets.id, names: { kk: "Касса", ru: "Касса", en: "Cash on hand" } }),
    buildAccount("1030", {
      parentId: assets.id,
      names: { kk: "Банктегі шот", ru: "Счёт в банке", en: "Bank account" },
    }),
    buildAccount("1099", {
      parentId: assets.id,
      isActive: false,
      names: { kk: "Ескі шот", ru: "Старый счёт", en: "Old account" },
    }),
    income,
    buildAccount("6130", {
      parentId: income.id,
      type: "income",
      names: { kk: "Гранттар", ru: "Гранты", en: "Grants and donor funding" },
    }),
  ];
}

/** The trial balance of the chart after one grant of 1 500,00 ₸ received in the bank. */
export function buildTrialBalance(chart: readonly Account[], asOf: string): TrialBalanceResponse {
  const amounts: Record<string, [string, string]> = {
    "1000": ["150000", "0"],
    "1030": ["150000", "0"],
    "6000": ["0", "150000"],
    "6130": ["0", "150000"],
  };
  return {
    asOf,
    rows: chart.map((account) => {
      const [debitMinor, creditMinor] = amounts[account.code] ?? ["0", "0"];
      const natural = account.type === "asset" ? debitMinor : creditMinor;
      return {
        accountId: account.id,
        parentId: account.parentId,
        code: account.code,
        names: account.names,
        type: account.type,
        isHeader: account.isHeader,
        debitMinor,
        creditMinor,
        balanceMinor: natural,
      };
    }),
    totalDebitMinor: "150000",
    totalCreditMinor: "150000",
  };
}
