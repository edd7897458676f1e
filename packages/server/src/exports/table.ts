/**
 * A titled table that every export format can render: columns of a known kind (text, date, money), rows,
 * totals and a header block saying whose figures these are, for when, and who produced them. Statements are
 * turned into this shape once (`statement-tables.ts`); CSV, XLSX and PDF each render it without knowing
 * which statement it came from.
 */
import {
  assert,
  assertNever,
  type CurrencyCode,
  type Locale,
  type PlainDate,
  parsePlainDate,
} from "@moldir/domain";

export const exportFormats = ["csv", "xlsx", "pdf"] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ColumnKind = "text" | "date" | "money";

export interface ExportColumn {
  /** Heading, already in the table's language. */
  readonly title: string;
  readonly kind: ColumnKind;
  /** Rows' `indent` shifts this column's text, to show an account tree. */
  readonly isIndented?: boolean;
}

/** A text or date (YYYY-MM-DD) string, an amount in minor units, or nothing. */
export type CellValue = string | bigint | null;

export interface ExportRow {
  /** One value per column, of the column's kind. */
  readonly cells: readonly CellValue[];
  /** Printed in bold: headers of the account tree, sections and subtotals. */
  readonly isEmphasized?: boolean;
  /** Depth in the account tree, 0 at the top. */
  readonly indent?: number;
}

export type ExportPeriod =
  | { readonly kind: "as_of"; readonly asOf: PlainDate }
  | { readonly kind: "range"; readonly from: PlainDate; readonly to: PlainDate };

export interface ExportHeader {
  readonly organization: string;
  readonly book: string;
  /** The account of an account ledger. */
  readonly account?: string;
  /** More label and value pairs for the header block (a report's project and donor), already translated. */
  readonly extra?: readonly (readonly [label: string, value: string])[];
  readonly period: ExportPeriod;
  readonly generatedAt: Date;
  /** Display name of the person who asked for the export. */
  readonly generatedBy: string;
  /** IANA time zone of the organization, for `generatedAt`. */
  readonly timeZone: string;
}

export interface ExportTable {
  readonly locale: Locale;
  /** The statement's title in `locale`. */
  readonly title: string;
  readonly currency: CurrencyCode;
  readonly header: ExportHeader;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly ExportRow[];
  /** Printed after the rows, in bold, with a rule above. */
  readonly totals: readonly ExportRow[];
}

/** Indents deeper than this are drawn at this depth; a chart of accounts is rarely deeper than five. */
export const indentDepthMax = 6;

/** Checks that every cell has its column's kind; a mismatch is a programmer error in a statement table. */
export function assertTable(table: ExportTable): void {
  assert(table.columns.length > 0, "an export table needs columns");
  assert(table.title.trim() !== "", "an export table needs a title");
  for (const row of [...table.rows, ...table.totals]) {
    assert(
      row.cells.length === table.columns.length,
      `row of ${row.cells.length} cells in a table of ${table.columns.length} columns`,
    );
    row.cells.forEach((cell, index) => {
      const column = table.columns[index];
      assert(column !== undefined, `no column ${index}`);
      if (cell === null) return;
      switch (column.kind) {
        case "money":
          assert(typeof cell === "bigint", `column ${index} holds money, not ${typeof cell}`);
          return;
        case "date":
          assert(typeof cell === "string" && parsePlainDate(cell).ok, `column ${index} holds a date`);
          return;
        case "text":
          assert(typeof cell === "string", `column ${index} holds text, not ${typeof cell}`);
          return;
        default:
          assertNever(column.kind, "column kind");
      }
    });
  }
}
