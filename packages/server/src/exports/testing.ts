/**
 * Helpers for tests of exports: the text of a PDF as a reader would copy it (pdf.js, a development
 * dependency), and the rows of an XLSX read back with ExcelJS.
 */
import ExcelJS from "exceljs";

/** The text of every page of a PDF, pages joined by a line break. */
export async function pdfText(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await document.destroy();
  return pages;
}

/** The first sheet of a workbook: its name, and each row's values from column A on. */
export async function xlsxRows(
  xlsx: Buffer,
): Promise<{ name: string; sheet: ExcelJS.Worksheet; rows: unknown[][] }> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's types predate the generic Buffer of @types/node 20; the value is a Buffer all the same.
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) throw new Error("the workbook has no sheet");
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[number - 1] = values;
  });
  return { name: sheet.name, sheet, rows: Array.from(rows, (r) => r ?? []) };
}
