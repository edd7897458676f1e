/**
 * PDF with PDFKit: A4, the title and header block on the first page, a table whose headings repeat on every
 * page, totals in bold under a rule, and "page n of m" at the foot of each page. The font is embedded (see
 * `fonts.ts`), so Kazakh letters print the same everywhere.
 *
 * Layout: amounts and dates get the width their longest value needs; text columns share the rest, each
 * taking at most its longest value, and wrap within it. When the fixed columns leave too little room for text
 * the page turns to landscape.
 */
import { assert, assertNever, plainDate } from "@moldir/domain";
import PDFDocument from "pdfkit";
import { pdfFonts } from "./fonts";
import { formatDate, headerLines, pageOf } from "./i18n";
import { readableAmount } from "./money-cells";
import {
  assertTable,
  type CellValue,
  type ExportColumn,
  type ExportRow,
  type ExportTable,
  indentDepthMax,
} from "./table";

const marginPt = 40;
const footerHeightPt = 24;
const titleSizePt = 14;
const headerSizePt = 9;
const tableSizePt = 8.5;
const cellPaddingXPt = 3;
const cellPaddingYPt = 2.5;
const indentStepPt = 8;
/** Amount columns are at least this wide, so that a column of blanks still reads as a column. */
const moneyColumnMinPt = 60;
/** Narrowest a text column may become before the page turns to landscape. */
const textColumnMinPt = 70;
/** A longer text is cut with an ellipsis, so that no row outgrows a page. */
const rowHeightMaxPt = 200;
const headingFill = "#E8ECEF";
const ruleColor = "#C8CDD2";

type Document = PDFKit.PDFDocument;
type Layout = "portrait" | "landscape";

function cellText(value: CellValue, column: ExportColumn, table: ExportTable): string {
  if (value === null) return "";
  if (column.kind === "money") {
    assert(typeof value === "bigint", "a money cell holds a bigint");
    return readableAmount(value, table.currency, table.locale);
  }
  assert(typeof value === "string", "a text or date cell holds a string");
  switch (column.kind) {
    case "date":
      return formatDate(plainDate(value), table.locale);
    case "text":
      return value;
    default:
      return assertNever(column.kind, "column kind");
  }
}

function pageWidthPt(layout: Layout): number {
  // A4 is 595.28 × 841.89 points.
  return layout === "portrait" ? 595.28 : 841.89;
}

function pageHeightPt(layout: Layout): number {
  return layout === "portrait" ? 841.89 : 595.28;
}

/** Widths of the columns, and the page layout that gives text columns enough room. */
function planColumns(doc: Document, table: ExportTable): { widths: number[]; layout: Layout } {
  const rows: readonly ExportRow[] = [...table.rows, ...table.totals];
  const natural = table.columns.map((column, index) => {
    doc.font("bold").fontSize(tableSizePt);
    let widest = doc.widthOfString(column.title);
    for (const row of rows) {
      doc.font(row.isEmphasized === true || table.totals.includes(row) ? "bold" : "regular");
      const indent = column.isIndented ? Math.min(row.indent ?? 0, indentDepthMax) * indentStepPt : 0;
      widest = Math.max(
        widest,
        doc.widthOfString(cellText(row.cells[index] ?? null, column, table)) + indent,
      );
    }
    const width = Math.ceil(widest + 2 * cellPaddingXPt);
    return column.kind === "money" ? Math.max(moneyColumnMinPt, width) : width;
  });
  const fixed = natural.reduce((sum, width, i) => (table.columns[i]?.kind === "text" ? sum : sum + width), 0);
  const textCount = table.columns.filter((c) => c.kind === "text").length;
  const portraitRoom = pageWidthPt("portrait") - 2 * marginPt - fixed;
  const layout: Layout = portraitRoom >= textCount * textColumnMinPt ? "portrait" : "landscape";
  let room = pageWidthPt(layout) - 2 * marginPt - fixed;
  // Water-filling: the narrowest text column takes what it needs first, the rest share what is left.
  const widths = [...natural];
  const textColumns = table.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.kind === "text")
    .sort((a, b) => (natural[a.index] ?? 0) - (natural[b.index] ?? 0));
  textColumns.forEach(({ index }, order) => {
    const share = room / (textColumns.length - order);
    const width = Math.max(textColumnMinPt / 2, Math.min(natural[index] ?? 0, share));
    widths[index] = width;
    room -= width;
  });
  // Whatever is left goes to the widest text column, so the table spans the page.
  const widestText = textColumns.at(-1);
  if (widestText !== undefined && room > 0) widths[widestText.index] = (widths[widestText.index] ?? 0) + room;
  return { widths, layout };
}

interface Cursor {
  y: number;
}

function drawHeadings(doc: Document, table: ExportTable, widths: readonly number[], cursor: Cursor): void {
  doc.font("bold").fontSize(tableSizePt);
  const height =
    Math.max(
      ...table.columns.map((c, i) =>
        doc.heightOfString(c.title, { width: (widths[i] ?? 0) - 2 * cellPaddingXPt }),
      ),
    ) +
    2 * cellPaddingYPt;
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  doc.rect(marginPt, cursor.y, totalWidth, height).fill(headingFill);
  doc.fillColor("black");
  let x = marginPt;
  table.columns.forEach((column, i) => {
    const width = widths[i] ?? 0;
    doc.text(column.title, x + cellPaddingXPt, cursor.y + cellPaddingYPt, {
      width: width - 2 * cellPaddingXPt,
      align: column.kind === "money" ? "right" : "left",
    });
    x += width;
  });
  cursor.y += height;
}

function rowHeight(
  doc: Document,
  row: ExportRow,
  texts: readonly string[],
  table: ExportTable,
  widths: readonly number[],
): number {
  const heights = table.columns.map((column, i) => {
    if (column.kind !== "text") return doc.currentLineHeight();
    const indent = column.isIndented ? Math.min(row.indent ?? 0, indentDepthMax) * indentStepPt : 0;
    return doc.heightOfString(texts[i] ?? "", { width: (widths[i] ?? 0) - 2 * cellPaddingXPt - indent });
  });
  return Math.min(rowHeightMaxPt, Math.max(...heights)) + 2 * cellPaddingYPt;
}

function drawRow(
  doc: Document,
  row: ExportRow,
  style: { isBold: boolean; hasRuleAbove: boolean },
  table: ExportTable,
  widths: readonly number[],
  cursor: Cursor,
  layout: Layout,
): void {
  doc.font(style.isBold ? "bold" : "regular").fontSize(tableSizePt);
  const texts = row.cells.map((cell, i) => cellText(cell, table.columns[i]!, table));
  const height = rowHeight(doc, row, texts, table, widths);
  const bottom = pageHeightPt(layout) - marginPt - footerHeightPt;
  if (cursor.y + height > bottom) {
    doc.addPage({ size: "A4", layout, margin: marginPt });
    cursor.y = marginPt;
    drawHeadings(doc, table, widths, cursor);
    doc.font(style.isBold ? "bold" : "regular").fontSize(tableSizePt);
  }
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  if (style.hasRuleAbove) {
    doc
      .moveTo(marginPt, cursor.y)
      .lineTo(marginPt + totalWidth, cursor.y)
      .lineWidth(0.8)
      .stroke("black");
  }
  let x = marginPt;
  table.columns.forEach((column, i) => {
    const width = widths[i] ?? 0;
    const indent = column.isIndented ? Math.min(row.indent ?? 0, indentDepthMax) * indentStepPt : 0;
    doc.fillColor("black").text(texts[i] ?? "", x + cellPaddingXPt + indent, cursor.y + cellPaddingYPt, {
      width: width - 2 * cellPaddingXPt - indent,
      height: rowHeightMaxPt,
      ellipsis: true,
      align: column.kind === "money" ? "right" : "left",
      lineBreak: column.kind === "text",
    });
    x += width;
  });
  cursor.y += height;
  doc
    .moveTo(marginPt, cursor.y)
    .lineTo(marginPt + totalWidth, cursor.y)
    .lineWidth(0.4)
    .stroke(ruleColor);
}

function drawHeaderBlock(doc: Document, table: ExportTable, layout: Layout, cursor: Cursor): void {
  const width = pageWidthPt(layout) - 2 * marginPt;
  doc.font("bold").fontSize(titleSizePt).fillColor("black").text(table.title, marginPt, cursor.y, { width });
  cursor.y = doc.y + 6;
  for (const [label, value] of headerLines(table.header, table.currency, table.locale)) {
    doc
      .font("bold")
      .fontSize(headerSizePt)
      .text(`${label}: `, marginPt, cursor.y, { width, continued: true });
    doc.font("regular").text(value);
    cursor.y = doc.y + 1;
  }
  cursor.y += 10;
}

function drawFooters(doc: Document, table: ExportTable, layout: Layout): void {
  const { start, count } = doc.bufferedPageRange();
  const width = pageWidthPt(layout) - 2 * marginPt;
  const y = pageHeightPt(layout) - marginPt - footerHeightPt / 2;
  for (let page = start; page < start + count; page++) {
    doc.switchToPage(page);
    // The footer sits inside the bottom margin; without this PDFKit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font("regular").fontSize(7.5).fillColor("#555555");
    doc.text(table.title, marginPt, y, { width, align: "left", lineBreak: false });
    doc.text(pageOf(page - start + 1, count, table.locale), marginPt, y, {
      width,
      align: "right",
      lineBreak: false,
    });
  }
}

export async function renderPdf(table: ExportTable): Promise<Buffer> {
  assertTable(table);
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    lang: table.locale,
    displayTitle: true,
    info: {
      Title: table.title,
      Author: table.header.generatedBy,
      Creator: "Moldir",
      CreationDate: table.header.generatedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", fonts.regular);
  doc.registerFont("bold", fonts.bold);

  const { widths, layout } = planColumns(doc, table);
  doc.addPage({ size: "A4", layout, margin: marginPt });
  const cursor: Cursor = { y: marginPt };
  drawHeaderBlock(doc, table, layout, cursor);
  drawHeadings(doc, table, widths, cursor);
  for (const row of table.rows) {
    const isBold = row.isEmphasized === true;
    drawRow(doc, row, { isBold, hasRuleAbove: false }, table, widths, cursor, layout);
  }
  table.totals.forEach((row, index) => {
    drawRow(doc, row, { isBold: true, hasRuleAbove: index === 0 }, table, widths, cursor, layout);
  });
  drawFooters(doc, table, layout);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
