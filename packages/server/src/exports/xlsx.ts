/**
 * XLSX with ExcelJS: one sheet named after the statement, the title and header block on top, then the column
 * headings as a frozen row, the rows and the totals. Amounts are numbers in major units with a two-decimal
 * number format, so that people can add them up; dates are real dates. Text is written as text (never as a
 * formula), so a cell that begins with `=` stays inert.
 */
import { assert, assertNever, plainDate, toCivil } from "@moldir/domain";
import ExcelJS from "exceljs";
import { headerLines } from "./i18n";
import { readableAmount, spreadsheetFormat, spreadsheetNumber } from "./money-cells";
import {
  assertTable,
  type CellValue,
  type ExportColumn,
  type ExportRow,
  type ExportTable,
  indentDepthMax,
} from "./table";

/** Column widths in characters, within these bounds. */
const columnWidthMin = 8;
const columnWidthMax = 60;

/** Excel refuses sheet names longer than 31 characters or holding any of `[]:*?/\`. */
export function sheetName(title: string): string {
  const cleaned = title.replace(/[[\]:*?/\\]/g, " ").trim();
  return (cleaned === "" ? "Sheet" : cleaned).slice(0, 31);
}

function dateOf(text: string): Date {
  const { year, month, day } = toCivil(plainDate(text));
  // Midnight UTC: ExcelJS turns a Date into a serial day in UTC, so the day never shifts with the zone.
  return new Date(Date.UTC(year, month - 1, day));
}

function cellValue(value: CellValue, column: ExportColumn, table: ExportTable): ExcelJS.CellValue {
  if (value === null) return null;
  if (column.kind === "money") {
    assert(typeof value === "bigint", "a money cell holds a bigint");
    return spreadsheetNumber(value, table.currency);
  }
  assert(typeof value === "string", "a text or date cell holds a string");
  switch (column.kind) {
    case "date":
      return dateOf(value);
    case "text":
      return value;
    default:
      return assertNever(column.kind, "column kind");
  }
}

/** The width a cell's content needs, in characters, as people will see it. */
function displayLength(value: CellValue, column: ExportColumn, table: ExportTable, indent: number): number {
  if (value === null) return 0;
  if (typeof value === "bigint") return readableAmount(value, table.currency, "en").length + 2;
  switch (column.kind) {
    case "money":
    case "date":
      return 10;
    case "text":
      return value.length + (column.isIndented ? indent * 2 : 0);
    default:
      return assertNever(column.kind, "column kind");
  }
}

function columnWidths(table: ExportTable): number[] {
  const rows: readonly ExportRow[] = [...table.rows, ...table.totals];
  return table.columns.map((column, index) => {
    const longest = Math.max(
      column.title.length,
      ...rows.map((row) => displayLength(row.cells[index] ?? null, column, table, row.indent ?? 0)),
    );
    return Math.min(columnWidthMax, Math.max(columnWidthMin, longest + 2));
  });
}

function addTableRow(sheet: ExcelJS.Worksheet, row: ExportRow, table: ExportTable, isTotal: boolean): void {
  const added = sheet.addRow(row.cells.map((cell, i) => cellValue(cell, table.columns[i]!, table)));
  const isBold = isTotal || row.isEmphasized === true;
  table.columns.forEach((column, index) => {
    const cell = added.getCell(index + 1);
    if (isBold) cell.font = { bold: true };
    if (isTotal) cell.border = { top: { style: "thin" } };
    if (column.kind === "money") cell.numFmt = spreadsheetFormat(table.currency);
    if (column.kind === "date") cell.numFmt = table.locale === "en" ? "yyyy-mm-dd" : "dd.mm.yyyy";
    if (column.kind === "text") {
      const indent = column.isIndented ? Math.min(row.indent ?? 0, indentDepthMax) : 0;
      cell.alignment = { vertical: "top", wrapText: true, ...(indent > 0 ? { indent } : {}) };
    }
  });
}

export async function renderXlsx(table: ExportTable): Promise<Buffer> {
  assertTable(table);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Moldir";
  workbook.created = table.header.generatedAt;
  workbook.title = table.title;
  const sheet = workbook.addWorksheet(sheetName(table.title), {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const widths = columnWidths(table);
  table.columns.forEach((_column, index) => {
    sheet.getColumn(index + 1).width = widths[index] ?? columnWidthMin;
  });

  sheet.addRow([table.title]).getCell(1).font = { bold: true, size: 14 };
  for (const [label, value] of headerLines(table.header, table.currency, table.locale)) {
    // Label and value share the first cell, so the header block does not widen the code column.
    sheet.addRow([`${label}: ${value}`]);
  }
  sheet.addRow([]);

  const headings = sheet.addRow(table.columns.map((c) => c.title));
  table.columns.forEach((column, index) => {
    const cell = headings.getCell(index + 1);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8ECEF" } };
    cell.border = { bottom: { style: "thin" } };
    cell.alignment = { horizontal: column.kind === "money" ? "right" : "left", wrapText: true };
  });
  sheet.views = [{ state: "frozen", xSplit: 0, ySplit: headings.number }];
  sheet.pageSetup.printTitlesRow = `${headings.number}:${headings.number}`;

  for (const row of table.rows) addTableRow(sheet, row, table, false);
  for (const row of table.totals) addTableRow(sheet, row, table, true);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
