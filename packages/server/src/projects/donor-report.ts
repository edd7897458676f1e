/**
 * The donor report of a project for a period: its indicators against targets (with the breakdowns donors ask
 * for), its budget against what the ledger shows spent, and the stories of beneficiaries whose consent allows
 * sharing them, given name only. One export table, so that it downloads as XLSX, PDF or CSV like the ledger's
 * statements, in Kazakh, Russian or English.
 */
import {
  type CurrencyCode,
  type IndicatorKey,
  type Indicators,
  type Locale,
  type ServiceKind,
  serviceKinds,
} from "@moldir/domain";
import type { ExportColumn, ExportHeader, ExportRow, ExportTable } from "../exports/table";

const words = {
  title: { kk: "Донорға есеп", ru: "Отчёт для донора", en: "Donor report" },
  project: { kk: "Жоба", ru: "Проект", en: "Project" },
  donor: { kk: "Донор", ru: "Донор", en: "Donor" },
  item: { kk: "Көрсеткіш", ru: "Показатель", en: "Item" },
  value: { kk: "Мәні", ru: "Значение", en: "Value" },
  target: { kk: "Мақсат", ru: "Цель", en: "Target" },
  budget: { kk: "Бюджет", ru: "Бюджет", en: "Budget" },
  actual: { kk: "Нақты", ru: "Факт", en: "Actual" },
  indicators: { kk: "Көрсеткіштер", ru: "Показатели", en: "Indicators" },
  beneficiaries: { kk: "Бірегей алушылар", ru: "Уникальные благополучатели", en: "Unique beneficiaries" },
  women: { kk: "әйелдер", ru: "женщины", en: "women" },
  men: { kk: "ерлер", ru: "мужчины", en: "men" },
  age: { kk: "жасы", ru: "возраст", en: "age" },
  region: { kk: "өңір", ru: "регион", en: "region" },
  vulnerability: { kk: "осал топ", ru: "уязвимость", en: "vulnerability" },
  unknown: { kk: "белгісіз", ru: "неизвестно", en: "unknown" },
  newEnrolments: { kk: "Жаңа қатысушылар", ru: "Новые участники", en: "New enrolments" },
  exits: { kk: "Шыққандар", ru: "Выбывшие", en: "Exits" },
  peopleServed: { kk: "Қызмет алғандар", ru: "Получили услуги", en: "People served" },
  services: { kk: "Көрсетілген қызметтер", ru: "Оказано услуг", en: "Services delivered" },
  assistance: {
    kk: "Төленген қаржылай көмек",
    ru: "Выплачено финансовой помощи",
    en: "Financial assistance paid",
  },
  budgetSection: { kk: "Бюджет және нақты шығыс", ru: "Бюджет и факт", en: "Budget against actual" },
  unbudgeted: { kk: "Бюджеттен тыс шығыстар", ru: "Расходы вне бюджета", en: "Spending outside the budget" },
  noBook: { kk: "Жобаның кітабы жоқ", ru: "У проекта нет книги", en: "The project has no book" },
  total: { kk: "Барлығы", ru: "Итого", en: "Total" },
  stories: { kk: "Алушылардың әңгімелері", ru: "Истории благополучателей", en: "Beneficiary stories" },
  grant: { kk: "Қаржылай көмек", ru: "Финансовая помощь", en: "Financial assistance" },
  training: { kk: "Оқу сабағы", ru: "Занятие (обучение)", en: "Training session" },
  consultation: { kk: "Кеңес", ru: "Консультация", en: "Consultation" },
  food_package: { kk: "Азық-түлік жиынтығы", ru: "Продуктовый набор", en: "Food package" },
  school_package: { kk: "Мектеп жиынтығы", ru: "Школьный набор", en: "School package" },
  children_center_day: {
    kk: "Балалар орталығындағы күн",
    ru: "День в детском центре",
    en: "Day at the children's center",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export function reportWord(key: keyof typeof words, locale: Locale): string {
  return words[key][locale];
}

export interface DonorReportInput {
  readonly locale: Locale;
  readonly currency: CurrencyCode;
  readonly header: ExportHeader;
  readonly indicators: Indicators;
  readonly targets: ReadonlyMap<IndicatorKey, bigint>;
  /** Null when the project has no book. */
  readonly budget: {
    readonly lines: readonly { name: string; budgetMinor: bigint; actualMinor: bigint }[];
    readonly unbudgetedActualMinor: bigint;
    readonly totalBudgetMinor: bigint;
    readonly totalActualMinor: bigint;
  } | null;
  readonly stories: readonly { givenName: string; toldOn: string; story: string }[];
  /** The project's built indicators (ADR 0017), each with its value over the period and the women and men in it. */
  readonly builtIndicators?: readonly {
    readonly name: string;
    readonly isMoney: boolean;
    readonly value: bigint;
    readonly target: bigint | null;
    readonly bySex: Readonly<Record<"female" | "male", bigint>>;
  }[];
}

export function donorReportTable(input: DonorReportInput): ExportTable {
  const { locale, indicators: ind } = input;
  const w = (key: keyof typeof words) => words[key][locale];
  const columns: ExportColumn[] = [
    { title: w("item"), kind: "text", isIndented: true },
    { title: w("value"), kind: "text" },
    { title: w("target"), kind: "text" },
    { title: w("budget"), kind: "money" },
    { title: w("actual"), kind: "money" },
  ];
  const target = (key: IndicatorKey) => {
    const value = input.targets.get(key);
    return value === undefined ? null : value.toString();
  };
  const section = (title: string): ExportRow => ({
    cells: [title, null, null, null, null],
    isEmphasized: true,
  });
  const count = (label: string, value: number, key: IndicatorKey | null = null, indent = 0): ExportRow => ({
    cells: [label, String(value), key === null ? null : target(key), null, null],
    indent,
  });
  const breakdown = (b: Indicators["beneficiaries"]): ExportRow[] => [
    count(w("women"), b.bySex.female, null, 1),
    count(w("men"), b.bySex.male, null, 1),
    ...Object.entries(b.byAgeBand)
      .filter(([, n]) => n > 0)
      .map(([band, n]) => count(`${w("age")}: ${band === "unknown" ? w("unknown") : band}`, n, null, 1)),
    ...Object.entries(b.byRegion).map(([region, n]) =>
      count(`${w("region")}: ${region === "unknown" ? w("unknown") : region}`, n, null, 1),
    ),
    ...Object.entries(b.byVulnerability).map(([v, n]) => count(`${w("vulnerability")}: ${v}`, n, null, 1)),
  ];
  const rows: ExportRow[] = [
    section(w("indicators")),
    count(w("beneficiaries"), ind.beneficiaries.total, "beneficiaries"),
    ...breakdown(ind.beneficiaries),
    count(w("newEnrolments"), ind.newEnrolments, "new_enrolments"),
    count(w("exits"), ind.exits),
    count(w("peopleServed"), ind.peopleServed.total, "people_served"),
    count(w("services"), ind.services, "services"),
    ...serviceKinds
      .filter((kind) => ind.servicesByKind[kind].count > 0)
      .map((kind: ServiceKind) => count(w(kind), ind.servicesByKind[kind].count, null, 1)),
    {
      cells: [w("assistance"), null, target("assistance_value_minor"), null, ind.assistanceValueMinor],
    },
    ...(input.builtIndicators ?? []).flatMap((built): ExportRow[] => {
      const target = built.target === null ? null : built.target.toString();
      if (built.isMoney) return [{ cells: [built.name, null, target, null, built.value] }];
      return [
        { cells: [built.name, built.value.toString(), target, null, null] },
        { cells: [w("women"), built.bySex.female.toString(), null, null, null], indent: 1 },
        { cells: [w("men"), built.bySex.male.toString(), null, null, null], indent: 1 },
      ];
    }),
    section(w("budgetSection")),
  ];
  const totals: ExportRow[] = [];
  if (input.budget === null) {
    rows.push({ cells: [w("noBook"), null, null, null, null] });
  } else {
    for (const line of input.budget.lines)
      rows.push({ cells: [line.name, null, null, line.budgetMinor, line.actualMinor], indent: 1 });
    if (input.budget.unbudgetedActualMinor !== 0n)
      rows.push({
        cells: [w("unbudgeted"), null, null, null, input.budget.unbudgetedActualMinor],
        indent: 1,
      });
    totals.push({
      cells: [w("total"), null, null, input.budget.totalBudgetMinor, input.budget.totalActualMinor],
    });
  }
  if (input.stories.length > 0) {
    rows.push(section(w("stories")));
    for (const story of input.stories)
      rows.push({ cells: [`${story.givenName}, ${story.toldOn}`, story.story, null, null, null], indent: 1 });
  }
  return {
    locale,
    title: w("title"),
    currency: input.currency,
    header: input.header,
    columns,
    rows,
    totals,
  };
}
