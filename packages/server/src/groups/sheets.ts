/**
 * Printable sheets of a group, for groups that keep paper books too: a meeting sheet (who came, what each
 * member paid and received) and a share-out sheet (each member's shares, payout, loans deducted, shares
 * re-invested and the cash handed to her), each with a column for her signature. Rendered through the export
 * tables (docs/adr/0005-exports.md), in Kazakh, Russian or English.
 */
import type { Meeting, ShareOutResult } from "@moldir/contract";
import type { Locale, MovementKind } from "@moldir/domain";
import { readableAmount } from "../exports/money-cells";
import type { TableContext } from "../exports/statement-tables";
import type { ExportColumn, ExportRow, ExportTable } from "../exports/table";

const words = {
  meetingTitle: { kk: "Жиналыс парағы", ru: "Лист собрания", en: "Meeting sheet" },
  shareOutTitle: { kk: "Бөлісу парағы", ru: "Лист раздела", en: "Share-out sheet" },
  group: { kk: "Топ", ru: "Группа", en: "Group" },
  member: { kk: "Мүше", ru: "Участница", en: "Member" },
  attendance: { kk: "Қатысу", ru: "Присутствие", en: "Attendance" },
  present: { kk: "келді", ru: "была", en: "present" },
  represented: { kk: "өкілі келді", ru: "представлена", en: "represented" },
  absent: { kk: "келмеді", ru: "не была", en: "absent" },
  saved: { kk: "Жинақ / үлес", ru: "Сбережения / доли", en: "Savings / shares" },
  socialFund: { kk: "Әлеуметтік қор", ru: "Соцфонд", en: "Social fund" },
  repaid: { kk: "Қарыз өтеуі", ru: "Погашение займа", en: "Loan repaid" },
  charge: { kk: "Сыйақы", ru: "Вознаграждение", en: "Service charge" },
  fines: { kk: "Айыппұл", ru: "Штрафы", en: "Fines" },
  borrowed: { kk: "Алған қарызы", ru: "Получила заём", en: "Loan received" },
  signature: { kk: "Қолы", ru: "Подпись", en: "Signature" },
  total: { kk: "Барлығы", ru: "Итого", en: "Total" },
  cashCounted: { kk: "Санаған қолма-қол ақша", ru: "Пересчитанная наличность", en: "Cash counted" },
  cycle: { kk: "Цикл", ru: "Цикл", en: "Cycle" },
  shares: { kk: "Үлестер", ru: "Доли", en: "Shares" },
  valuePerShare: { kk: "Бір үлестің құны", ru: "Стоимость доли", en: "Value per share" },
  distributable: { kk: "Бөлінетін қор", ru: "Фонд к разделу", en: "Distributable fund" },
  savings: { kk: "Жинағы", ru: "Сбережения", en: "Savings" },
  payout: { kk: "Тиесілі сома", ru: "Причитается", en: "Payout" },
  deducted: { kk: "Қарызға ұсталды", ru: "Удержано в счёт займа", en: "Loan deducted" },
  reinvested: { kk: "Қайта салды", ru: "Реинвестировано", en: "Re-invested" },
  cashPaid: { kk: "Қолына берілді", ru: "Выдано на руки", en: "Cash paid" },
} as const satisfies Record<string, Record<Locale, string>>;

type Word = keyof typeof words;

function column(word: Word, kind: ExportColumn["kind"], locale: Locale): ExportColumn {
  return { title: words[word][locale], kind };
}

function sumColumn(rows: readonly ExportRow[], index: number): bigint {
  return rows.reduce((s, row) => s + ((row.cells[index] as bigint | null) ?? 0n), 0n);
}

/** The money columns summed into one total row. */
function totalsOf(rows: readonly ExportRow[], columns: readonly ExportColumn[], locale: Locale): ExportRow[] {
  return [
    {
      cells: columns.map((c, i) =>
        i === 0 ? words.total[locale] : c.kind === "money" ? sumColumn(rows, i) : null,
      ),
    },
  ];
}

export function meetingSheetTable(
  context: TableContext,
  groupName: string,
  meeting: Meeting,
  memberNames: ReadonlyMap<string, string>,
): ExportTable {
  const { locale } = context;
  const columns = [
    column("member", "text", locale),
    column("attendance", "text", locale),
    column("saved", "money", locale),
    column("socialFund", "money", locale),
    column("repaid", "money", locale),
    column("charge", "money", locale),
    column("fines", "money", locale),
    column("borrowed", "money", locale),
    column("signature", "text", locale),
  ];
  const kindsByColumn: readonly (readonly MovementKind[])[] = [
    ["savings", "shares"],
    ["social_fund"],
    ["loan_principal_repaid"],
    ["loan_interest_paid"],
    ["fine"],
    ["loan_disbursed"],
  ];
  const attendance = new Map(meeting.attendance.map((a) => [a.memberId, a.status]));
  const memberIds = [...new Set([...attendance.keys(), ...meeting.movements.map((m) => m.memberId)])];
  const rows: ExportRow[] = memberIds
    .map((memberId) => {
      const mine = meeting.movements.filter((m) => m.memberId === memberId);
      const status = attendance.get(memberId);
      return {
        cells: [
          memberNames.get(memberId) ?? "—",
          status === undefined ? "" : words[status][locale],
          ...kindsByColumn.map((kinds) => {
            const amount = mine
              .filter((m) => kinds.includes(m.kind))
              .reduce((s, m) => s + BigInt(m.amountMinor), 0n);
            return amount === 0n ? null : amount;
          }),
          "",
        ],
      };
    })
    .sort((a, b) => String(a.cells[0]).localeCompare(String(b.cells[0]), locale));
  return {
    locale,
    title: `${words.meetingTitle[locale]} — ${groupName}, ${meeting.heldOn}`,
    currency: context.currency,
    header: {
      ...context.header,
      extra: [
        [words.group[locale], groupName],
        [
          words.cashCounted[locale],
          readableAmount(BigInt(meeting.cashCountedMinor), context.currency, locale),
        ],
      ],
    },
    columns,
    rows,
    totals: totalsOf(rows, columns, locale),
  };
}

export function shareOutSheetTable(
  context: TableContext,
  groupName: string,
  shareOut: ShareOutResult,
  memberNames: ReadonlyMap<string, string>,
): ExportTable {
  const { locale } = context;
  const columns = [
    column("member", "text", locale),
    column("shares", "text", locale),
    column("savings", "money", locale),
    column("payout", "money", locale),
    column("deducted", "money", locale),
    column("reinvested", "money", locale),
    column("cashPaid", "money", locale),
    column("signature", "text", locale),
  ];
  const rows: ExportRow[] = shareOut.payouts
    .map((p) => ({
      cells: [
        memberNames.get(p.memberId) ?? "—",
        String(p.shares),
        BigInt(p.savingsMinor),
        BigInt(p.payoutMinor),
        BigInt(p.loansDeductedMinor),
        BigInt(p.reinvestedMinor),
        BigInt(p.cashPaidMinor),
        "",
      ],
    }))
    .sort((a, b) => String(a.cells[0]).localeCompare(String(b.cells[0]), locale));
  return {
    locale,
    title: `${words.shareOutTitle[locale]} — ${groupName}, ${shareOut.heldOn}`,
    currency: context.currency,
    header: {
      ...context.header,
      extra: [
        [words.group[locale], groupName],
        [words.cycle[locale], String(shareOut.cycleNumber)],
        [
          words.distributable[locale],
          readableAmount(BigInt(shareOut.distributableMinor), context.currency, locale),
        ],
        [words.shares[locale], String(shareOut.totalShares)],
        [
          words.valuePerShare[locale],
          readableAmount(BigInt(shareOut.valuePerShareMinor), context.currency, locale),
        ],
      ],
    },
    columns,
    rows,
    totals: totalsOf(rows, columns, locale),
  };
}
