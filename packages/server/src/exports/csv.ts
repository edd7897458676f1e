/**
 * CSV (RFC 4180): UTF-8 with a byte order mark, so that Excel reads Kazakh letters correctly; CRLF line ends;
 * the header block first, then an empty line, the column headings, the rows and the totals. Amounts are plain
 * decimals with a dot (`-1234.56`), dates `YYYY-MM-DD`, so that any program reads them back exactly.
 *
 * Formula injection (OWASP "CSV Injection"): a text cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would run as a formula in a spreadsheet, so it gets a leading apostrophe. Amounts are
 * numbers made here from integers and are left as they are.
 */
import { assertNever } from "@moldir/domain";
import { headerLines } from "./i18n";
import { plainDecimal } from "./money-cells";
import { assertTable, type CellValue, type ColumnKind, type ExportTable } from "./table";

const byteOrderMark = "\uFEFF";

/** Quotes a cell when it holds a separator, a quote or a line break (`;` too, for spreadsheets set to it). */
function quoted(text: string): string {
  return /[",;\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A text cell that a spreadsheet would run as a formula, made inert. */
export function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cellText(value: CellValue, kind: ColumnKind, table: ExportTable): string {
  if (value === null) return "";
  switch (kind) {
    case "money":
      return typeof value === "bigint" ? plainDecimal(value, table.currency) : "";
    case "date":
    case "text":
      return quoted(formulaSafe(String(value)));
    default:
      return assertNever(kind, "column kind");
  }
}

export function renderCsv(table: ExportTable): Buffer {
  assertTable(table);
  const line = (cells: readonly string[]) => cells.join(",");
  const lines = [
    quoted(formulaSafe(table.title)),
    ...headerLines(table.header, table.currency, table.locale).map(([label, value]) =>
      line([quoted(formulaSafe(label)), quoted(formulaSafe(value))]),
    ),
    "",
    line(table.columns.map((c) => quoted(formulaSafe(c.title)))),
    ...[...table.rows, ...table.totals].map((row) =>
      line(row.cells.map((cell, i) => cellText(cell, table.columns[i]?.kind ?? "text", table))),
    ),
  ];
  return Buffer.from(`${byteOrderMark}${lines.join("\r\n")}\r\n`, "utf8");
}
