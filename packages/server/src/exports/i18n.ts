/**
 * Words of the exported statements in Kazakh, Russian and English: statement titles, column headings, the
 * header block and page numbers. Account and book names come from the books themselves, in all three languages.
 */
import { type Locale, type PlainDate, toCivil } from "@moldir/domain";
import type { ExportHeader, ExportPeriod } from "./table";

export type StatementKind =
  | "trial_balance"
  | "balance_sheet"
  | "income_statement"
  | "account_ledger"
  | "general_journal"
  | "consolidated_trial_balance"
  | "consolidated_balance_sheet";

const words = {
  trial_balance: { kk: "Сынақ балансы", ru: "Пробный баланс", en: "Trial balance" },
  balance_sheet: { kk: "Бухгалтерлік баланс", ru: "Бухгалтерский баланс", en: "Balance sheet" },
  income_statement: {
    kk: "Пайда мен залал туралы есеп",
    ru: "Отчёт о прибылях и убытках",
    en: "Income statement",
  },
  account_ledger: { kk: "Шот карточкасы", ru: "Карточка счёта", en: "Account ledger" },
  general_journal: { kk: "Бас журнал", ru: "Главный журнал", en: "General journal" },
  consolidated_trial_balance: {
    kk: "Шоғырландырылған сынақ балансы",
    ru: "Консолидированный пробный баланс",
    en: "Consolidated trial balance",
  },
  consolidated_balance_sheet: {
    kk: "Шоғырландырылған бухгалтерлік баланс",
    ru: "Консолидированный бухгалтерский баланс",
    en: "Consolidated balance sheet",
  },
  eliminations: {
    kk: "Кітаптар арасындағы операциялар алынып тасталды",
    ru: "Исключены операции между книгами",
    en: "Eliminated: movements between the books",
  },
  booksConsolidated: { kk: "Кітаптар саны", ru: "Книг в консолидации", en: "Books consolidated" },
  entry: { kk: "Жазба №", ru: "Проводка №", en: "Entry no." },

  code: { kk: "Коды", ru: "Код", en: "Code" },
  account: { kk: "Шот", ru: "Счёт", en: "Account" },
  debit: { kk: "Дебет", ru: "Дебет", en: "Debit" },
  credit: { kk: "Кредит", ru: "Кредит", en: "Credit" },
  balance: { kk: "Сальдо", ru: "Сальдо", en: "Balance" },
  amount: { kk: "Сомасы", ru: "Сумма", en: "Amount" },
  date: { kk: "Күні", ru: "Дата", en: "Date" },
  narration: { kk: "Мазмұны", ru: "Содержание", en: "Narration" },
  source: { kk: "Көзі", ru: "Источник", en: "Source" },

  total: { kk: "Барлығы", ru: "Итого", en: "Total" },
  assets: { kk: "Активтер", ru: "Активы", en: "Assets" },
  liabilities: { kk: "Міндеттемелер", ru: "Обязательства", en: "Liabilities" },
  equity: { kk: "Капитал", ru: "Капитал", en: "Equity" },
  income: { kk: "Кірістер", ru: "Доходы", en: "Income" },
  expenses: { kk: "Шығыстар", ru: "Расходы", en: "Expenses" },
  totalAssets: { kk: "Активтер жиыны", ru: "Итого активы", en: "Total assets" },
  totalLiabilities: { kk: "Міндеттемелер жиыны", ru: "Итого обязательства", en: "Total liabilities" },
  totalEquity: { kk: "Капитал жиыны", ru: "Итого капитал", en: "Total equity" },
  currentEarnings: {
    kk: "Ағымдағы кезеңнің пайдасы (залалы)",
    ru: "Прибыль (убыток) текущего периода",
    en: "Current earnings (not yet closed)",
  },
  totalLiabilitiesAndEquity: {
    kk: "Міндеттемелер мен капитал жиыны",
    ru: "Итого обязательства и капитал",
    en: "Total liabilities and equity",
  },
  totalIncome: { kk: "Кірістер жиыны", ru: "Итого доходы", en: "Total income" },
  totalExpenses: { kk: "Шығыстар жиыны", ru: "Итого расходы", en: "Total expenses" },
  netIncome: { kk: "Таза пайда (залал)", ru: "Чистая прибыль (убыток)", en: "Net income (loss)" },
  openingBalance: {
    kk: "Кезең басындағы сальдо",
    ru: "Сальдо на начало периода",
    en: "Opening balance",
  },
  turnover: { kk: "Кезеңдегі айналым", ru: "Обороты за период", en: "Turnover for the period" },
  closingBalance: { kk: "Кезең соңындағы сальдо", ru: "Сальдо на конец периода", en: "Closing balance" },

  organization: { kk: "Ұйым", ru: "Организация", en: "Organization" },
  book: { kk: "Кітап", ru: "Книга", en: "Book" },
  asOf: { kk: "Есеп күні", ru: "По состоянию на", en: "As of" },
  period: { kk: "Кезең", ru: "Период", en: "Period" },
  currency: { kk: "Валюта", ru: "Валюта", en: "Currency" },
  generatedAt: { kk: "Жасалған уақыты", ru: "Сформирован", en: "Generated" },
  generatedBy: { kk: "Жасаған", ru: "Сформировал", en: "By" },

  source_manual: { kk: "Қолмен енгізілген жазба", ru: "Ручная проводка", en: "Manual entry" },
  source_reversal: { kk: "Сторно", ru: "Сторно", en: "Reversal" },
  source_year_end_close: { kk: "Жылды жабу", ru: "Закрытие года", en: "Year-end close" },
  source_meeting: { kk: "Топ жиналысы", ru: "Собрание группы", en: "Group meeting" },
  source_loan: { kk: "Несие", ru: "Кредит", en: "Loan" },
  source_cob: { kk: "Күнді жабу", ru: "Закрытие дня", en: "Close of business" },
  source_fund_loan: { kk: "Қордан берілген несие", ru: "Заём из фонда", en: "Community fund loan" },
  source_fund_repayment: { kk: "Қор несиесін өтеу", ru: "Погашение заёма фонда", en: "Fund loan repayment" },
  source_federation_fee: { kk: "Мүшелік жарна", ru: "Членский взнос", en: "Membership fee" },
  source_project_service: { kk: "Жоба қызметі", ru: "Услуга проекта", en: "Project service" },
} as const satisfies Record<string, Record<Locale, string>>;

export type WordKey = keyof typeof words;

export function word(key: WordKey, locale: Locale): string {
  return words[key][locale];
}

/** A journal entry's source in words; a source this module does not know yet is shown by its code. */
export function sourceWord(sourceType: string, locale: Locale): string {
  const key = `source_${sourceType}`;
  return key in words ? words[key as WordKey][locale] : sourceType;
}

/** "Page 2 of 7", for the PDF footer. */
export function pageOf(page: number, pages: number, locale: Locale): string {
  switch (locale) {
    case "kk":
      return `${page} / ${pages} бет`;
    case "ru":
      return `Стр. ${page} из ${pages}`;
    case "en":
      return `Page ${page} of ${pages}`;
  }
}

const englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `31.12.2025` in Kazakh and Russian, `31 Dec 2025` in English, as on the screens. */
export function formatDate(date: PlainDate, locale: Locale): string {
  const { year, month, day } = toCivil(date);
  if (locale === "en") return `${day} ${englishMonths[month - 1] ?? ""} ${year}`;
  return `${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.${year}`;
}

/** An instant as `2025-06-30 14:05` in the organization's time zone, the zone named after it. */
export function formatInstant(at: Date, timeZone: string): string {
  let zone = timeZone;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = instantFormat(zone).formatToParts(at);
  } catch {
    // A zone that this Node's ICU does not know: UTC says the truth, if less kindly.
    zone = "UTC";
    parts = instantFormat(zone).formatToParts(at);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")} (${zone})`;
}

function instantFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
}

function formatPeriod(period: ExportPeriod, locale: Locale): string {
  return period.kind === "as_of"
    ? formatDate(period.asOf, locale)
    : `${formatDate(period.from, locale)} – ${formatDate(period.to, locale)}`;
}

/** The header block as label and value pairs, the same in every format. */
export function headerLines(
  header: ExportHeader,
  currency: string,
  locale: Locale,
): [label: string, value: string][] {
  return [
    [word("organization", locale), header.organization],
    [word("book", locale), header.book],
    ...(header.account === undefined
      ? []
      : [[word("account", locale), header.account] satisfies [string, string]]),
    ...(header.extra ?? []).map(([label, value]) => [label, value] satisfies [string, string]),
    [word(header.period.kind === "as_of" ? "asOf" : "period", locale), formatPeriod(header.period, locale)],
    [word("currency", locale), currency],
    [word("generatedAt", locale), formatInstant(header.generatedAt, header.timeZone)],
    [word("generatedBy", locale), header.generatedBy],
  ];
}
