/**
 * A training certificate as a one-page A4 PDF, in Kazakh or Russian (and English for partners abroad), printed
 * with the DejaVu font that ships with the application (docs/adr/0005-exports.md), so Kazakh letters print.
 */
import type { Locale, PlainDate } from "@moldir/domain";
import PDFDocument from "pdfkit";
import { pdfFonts } from "../exports/fonts";
import { formatDate } from "../exports/i18n";

const words = {
  title: { kk: "СЕРТИФИКАТ", ru: "СЕРТИФИКАТ", en: "CERTIFICATE" },
  given: { kk: "Осы сертификат берілді", ru: "Настоящий сертификат выдан", en: "This certifies that" },
  completed: {
    kk: "оқу курсын толық аяқтағаны үшін:",
    ru: "в том, что она прошла обучение по курсу:",
    en: "completed the course:",
  },
  hours: { kk: "сағат", ru: "часов", en: "hours" },
  place: { kk: "Өткен орны", ru: "Место проведения", en: "Place" },
  dates: { kk: "Мерзімі", ru: "Сроки", en: "Dates" },
  scores: {
    kk: "Тест нәтижесі: басында {pre}, соңында {post}",
    ru: "Тест: до обучения {pre}, после {post}",
    en: "Test: {pre} before, {post} after",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export interface CertificateInput {
  readonly locale: Locale;
  readonly organization: string;
  readonly personName: string;
  readonly courseName: string;
  readonly hours: number;
  readonly place: string;
  readonly startsOn: PlainDate;
  readonly endsOn: PlainDate;
  readonly preScore: number | null;
  readonly postScore: number | null;
}

export async function renderCertificate(input: CertificateInput): Promise<Buffer> {
  const w = (key: keyof typeof words) => words[key][input.locale];
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 56,
    lang: input.locale,
    info: { Title: `${w("title")} — ${input.personName}`, Creator: "Moldir", Author: input.organization },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);
  const centre = { align: "center" as const };
  doc.font("regular").fontSize(14).text(input.organization, centre);
  doc.moveDown(2);
  doc.font("bold").fontSize(36).text(w("title"), centre);
  doc.moveDown(1);
  doc.font("regular").fontSize(14).text(w("given"), centre);
  doc.moveDown(0.5);
  doc.font("bold").fontSize(24).text(input.personName, centre);
  doc.moveDown(0.5);
  doc.font("regular").fontSize(14).text(w("completed"), centre);
  doc.moveDown(0.5);
  doc
    .font("bold")
    .fontSize(18)
    .text(`«${input.courseName}» (${input.hours} ${w("hours")})`, centre);
  doc.moveDown(1.5);
  doc.font("regular").fontSize(12);
  doc.text(`${w("place")}: ${input.place}`, centre);
  doc.text(
    `${w("dates")}: ${formatDate(input.startsOn, input.locale)} – ${formatDate(input.endsOn, input.locale)}`,
    centre,
  );
  if (input.preScore !== null && input.postScore !== null)
    doc.text(
      w("scores").replace("{pre}", String(input.preScore)).replace("{post}", String(input.postScore)),
      centre,
    );
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
