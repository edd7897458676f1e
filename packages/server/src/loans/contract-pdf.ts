/**
 * The loan contract as a PDF in Kazakh or Russian (the law wants both languages available): the parties, the
 * amount in figures and in words, the term, the nominal rate and the GESV, both in figures and in words and
 * printed alike, the full cost of the loan, the penalty, the borrower's rights on a delay, and the schedule.
 */
import {
  type ContractLocale,
  formatMoney,
  formatPercentFigures,
  formatTenthsOfPercent,
  type LoanOffer,
  pickRussianForm,
  writeKazakhNumber,
  writePercentInWords,
  writeRussianNumber,
} from "@moldir/domain";
import PDFDocument from "pdfkit";
import { pdfFonts } from "../exports/fonts";

export interface ContractFacts {
  readonly number: number;
  readonly lenderName: string;
  readonly borrowerName: string;
  /** Masked unless the reader may see it. */
  readonly borrowerIin: string | null;
  readonly purpose: string;
  readonly interestRatePercent: string;
  readonly interestRatePer: "year" | "month";
  readonly penaltyPercentPerDay: string;
  readonly offer: LoanOffer;
  /** Members of the borrower's joint-liability group who guarantee the loan, with their group. */
  readonly guarantors: readonly { readonly name: string; readonly groupName: string }[];
}

const text = {
  title: { kk: "Микрокредит беру туралы шарт №", ru: "Договор о предоставлении микрокредита №" },
  lender: { kk: "Кредитор", ru: "Кредитор" },
  borrower: { kk: "Қарыз алушы", ru: "Заёмщик" },
  iin: { kk: "ЖСН", ru: "ИИН" },
  purpose: { kk: "Мақсаты", ru: "Цель" },
  amount: { kk: "Микрокредит сомасы", ru: "Сумма микрокредита" },
  disbursedOn: { kk: "Беру күні", ru: "Дата выдачи" },
  term: { kk: "Мерзімі", ru: "Срок" },
  installments: { kk: "төлем", ru: "платежей" },
  rate: { kk: "Сыйақының номиналды мөлшерлемесі", ru: "Номинальная ставка вознаграждения" },
  perYear: { kk: "жылдық", ru: "годовых" },
  perMonth: { kk: "айына", ru: "в месяц" },
  gesv: {
    kk: "Сыйақының жылдық тиімді мөлшерлемесі (ЖТСМ)",
    ru: "Годовая эффективная ставка вознаграждения (ГЭСВ)",
  },
  fullCost: {
    kk: "Микрокредиттің толық құны (сыйақы мен комиссиялар)",
    ru: "Полная стоимость микрокредита (вознаграждение и комиссии)",
  },
  totalToPay: { kk: "Барлық төленетін сома", ru: "Всего к выплате" },
  penalty: { kk: "Мерзімі өткені үшін тұрақсыздық айыбы", ru: "Неустойка за просрочку" },
  penaltyTail: {
    kk: "мерзімі өткен сомадан күніне, бірақ заңда белгіленген шектен аспайды (алғашқы 90 күнде 0,5 %, кейін 0,03 %, жылына қарыз сомасының 10 %-нан аспайды). Мерзімінен бұрын өтеу үшін айып алынбайды.",
    ru: "в день от просроченной суммы, но не выше пределов закона (0,5 % в первые 90 дней, затем 0,03 %, не более 10 % суммы займа в год). Досрочное погашение без штрафов.",
  },
  rights: {
    kk: "Төлем кешіктірілген жағдайда Кредитор қарыз алушыны 10 күнтізбелік күн ішінде хабардар етеді; қарыз алушы 30 күн ішінде шарт талаптарын өзгертуді сұрауға құқылы.",
    ru: "При просрочке Кредитор уведомляет заёмщика в течение 10 календарных дней; заёмщик вправе в течение 30 дней обратиться с заявлением об изменении условий договора.",
  },
  guarantors: {
    kk: "Кепілгерлер (ортақ жауапкершілік тобының мүшелері, қарыз алушымен бірге жауап береді)",
    ru: "Поручители (участницы группы солидарной ответственности, отвечают вместе с заёмщиком)",
  },
  group: { kk: "топ", ru: "группа" },
  guarantorSignature: { kk: "Кепілгер", ru: "Поручитель" },
  schedule: { kk: "Өтеу кестесі", ru: "График погашения" },
  columns: {
    kk: ["№", "Күні", "Негізгі борыш", "Сыйақы", "Комиссия", "Барлығы", "Қалдық"],
    ru: ["№", "Дата", "Основной долг", "Вознаграждение", "Комиссия", "Всего", "Остаток"],
  },
  signatures: {
    kk: "Кредитор ____________      Қарыз алушы ____________",
    ru: "Кредитор ____________      Заёмщик ____________",
  },
} as const;

function amountInWords(minor: bigint, locale: ContractLocale): string | null {
  const tenge = Number(minor / 100n);
  const tiyn = Number(minor % 100n);
  if (tenge >= 1_000_000) return null;
  if (locale === "ru") {
    const words = `${writeRussianNumber(tenge, "masculine")} ${pickRussianForm(tenge, ["тенге", "тенге", "тенге"])}`;
    return tiyn === 0 ? words : `${words} ${String(tiyn).padStart(2, "0")} тиын`;
  }
  const words = `${writeKazakhNumber(tenge)} теңге`;
  return tiyn === 0 ? words : `${words} ${String(tiyn).padStart(2, "0")} тиын`;
}

export function renderContractPdf(facts: ContractFacts, locale: ContractLocale): Promise<Buffer> {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    info: { Title: `${text.title[locale]}${facts.number}` },
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const money = (minor: bigint) => formatMoney(minor, "KZT", locale);
  const { schedule } = facts.offer;
  const first = facts.offer.scheduleTerms.disbursementOn;

  doc.font("bold").fontSize(14).text(`${text.title[locale]}${facts.number}`, { align: "center" });
  doc.moveDown(0.8);
  const line = (label: string, value: string) => {
    doc.font("bold").fontSize(10).text(`${label}: `, { continued: true });
    doc.font("regular").text(value);
  };
  line(text.lender[locale], facts.lenderName);
  line(text.borrower[locale], facts.borrowerName);
  if (facts.borrowerIin !== null) line(text.iin[locale], facts.borrowerIin);
  line(text.purpose[locale], facts.purpose);
  doc.moveDown(0.5);
  const principal = facts.offer.scheduleTerms.principalMinor;
  const words = amountInWords(principal, locale);
  line(text.amount[locale], words === null ? money(principal) : `${money(principal)} (${words})`);
  line(text.disbursedOn[locale], first);
  line(text.term[locale], `${schedule.installments.length} ${text.installments[locale]}`);
  // The nominal rate and the GESV are printed alike: same size, same weight, figures and words.
  const per = facts.interestRatePer === "year" ? text.perYear[locale] : text.perMonth[locale];
  line(
    text.rate[locale],
    `${formatPercentFigures(facts.interestRatePercent, locale)} ${per} (${writePercentInWords(facts.interestRatePercent, locale)})`,
  );
  const gesv = formatTenthsOfPercent(facts.offer.gesvTenthsOfPercent);
  line(text.gesv[locale], `${formatPercentFigures(gesv, locale)} (${writePercentInWords(gesv, locale)})`);
  const cost = schedule.totals.interestMinor + schedule.totals.feeMinor + schedule.upfrontFeeDeductedMinor;
  line(text.fullCost[locale], money(cost));
  line(text.totalToPay[locale], money(schedule.totals.totalDueMinor));
  line(
    text.penalty[locale],
    `${formatPercentFigures(facts.penaltyPercentPerDay, locale)} ${text.penaltyTail[locale]}`,
  );
  if (facts.guarantors.length > 0) {
    doc.moveDown(0.5);
    doc.font("bold").fontSize(10).text(`${text.guarantors[locale]}:`);
    for (const guarantor of facts.guarantors) {
      doc.font("regular").text(`— ${guarantor.name} (${text.group[locale]} «${guarantor.groupName}»)`);
    }
  }
  doc.moveDown(0.5);
  doc.font("regular").fontSize(9).text(text.rights[locale]);
  doc.moveDown(0.8);

  doc.font("bold").fontSize(11).text(text.schedule[locale]);
  doc.moveDown(0.3);
  const widths = [24, 62, 80, 80, 60, 80, 80];
  const left = doc.page.margins.left;
  const row = (cells: readonly string[], bold: boolean) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 20) doc.addPage();
    const y = doc.y;
    let x = left;
    doc.font(bold ? "bold" : "regular").fontSize(8.5);
    cells.forEach((cell, index) => {
      const width = widths[index] ?? 60;
      doc.text(cell, x, y, { width: width - 4, align: index >= 2 ? "right" : "left", lineBreak: false });
      x += width;
    });
    doc.x = left;
    doc.y = y + 13;
  };
  row(text.columns[locale], true);
  for (const installment of schedule.installments) {
    row(
      [
        String(installment.number),
        installment.dueOn,
        money(installment.principalMinor),
        money(installment.interestMinor),
        money(installment.feeMinor),
        money(installment.totalDueMinor),
        money(installment.principalBalanceAfterMinor),
      ],
      false,
    );
  }
  row(
    [
      "",
      "",
      money(schedule.totals.principalMinor),
      money(schedule.totals.interestMinor),
      money(schedule.totals.feeMinor),
      money(schedule.totals.totalDueMinor),
      "",
    ],
    true,
  );
  doc.moveDown(2);
  doc.font("regular").fontSize(10).text(text.signatures[locale], left);
  for (const guarantor of facts.guarantors) {
    doc.moveDown(0.8);
    doc.text(`${text.guarantorSignature[locale]} ${guarantor.name} ____________`, left);
  }
  doc.end();
  return done;
}
