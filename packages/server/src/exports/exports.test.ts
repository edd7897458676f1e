import { plainDate } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { formulaSafe, renderCsv } from "./csv";
import { renderPdf } from "./pdf";
import { contentDisposition } from "./render";
import type { ExportTable } from "./table";
import { pdfText, xlsxRows } from "./testing";
import { renderXlsx, sheetName } from "./xlsx";

const kazakhLetters = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі";

function sampleTable(overrides: Partial<ExportTable> = {}): ExportTable {
  return {
    locale: "kk",
    title: "Сынақ балансы",
    currency: "KZT",
    header: {
      organization: "Әйелдер қоғамы «Мөлдір»",
      book: "Негізгі кітап",
      period: { kind: "as_of", asOf: plainDate("2025-12-31") },
      generatedAt: new Date("2026-01-05T09:30:00Z"),
      generatedBy: "Гүлнұр Сейітқызы",
      timeZone: "Asia/Almaty",
    },
    columns: [
      { title: "Коды", kind: "text" },
      { title: "Шот", kind: "text", isIndented: true },
      { title: "Күні", kind: "date" },
      { title: "Дебет", kind: "money" },
      { title: "Кредит", kind: "money" },
    ],
    rows: [
      { cells: ["1000", "Активтер", null, 123456789n, null], isEmphasized: true },
      { cells: ["1010", `Касса ${kazakhLetters}`, "2025-01-10", 123456789n, null], indent: 1 },
      { cells: ["3000", '=HYPERLINK("http://evil")', "2025-02-01", null, 5n], indent: 1 },
      { cells: ["3010", '-2+3, "quoted"', null, -1050n, 123456784n], indent: 1 },
    ],
    totals: [{ cells: [null, "Барлығы", null, 123456789n, 123456789n] }],
    ...overrides,
  };
}

describe("CSV export", () => {
  it("writes UTF-8 with a byte order mark, the header block, headings, rows and totals", () => {
    const bytes = renderCsv(sampleTable());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe("Сынақ балансы");
    expect(lines).toContain("Ұйым,Әйелдер қоғамы «Мөлдір»");
    expect(lines).toContain("Есеп күні,31.12.2025");
    expect(lines).toContain("Валюта,KZT");
    expect(lines).toContain("Жасалған уақыты,2026-01-05 14:30 (Asia/Almaty)");
    expect(lines).toContain("Коды,Шот,Күні,Дебет,Кредит");
    expect(lines).toContain(`1010,Касса ${kazakhLetters},2025-01-10,1234567.89,`);
    expect(lines).toContain(",Барлығы,,1234567.89,1234567.89");
    expect(lines.at(-1)).toBe("");
  });

  it("makes text that a spreadsheet would run as a formula inert, and leaves amounts as numbers", () => {
    const text = renderCsv(sampleTable()).toString("utf8");
    expect(text).toContain(`3000,"'=HYPERLINK(""http://evil"")",2025-02-01,,0.05`);
    expect(text).toContain(`3010,"'-2+3, ""quoted""",,-10.50,1234567.84`);
    for (const dangerous of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
      expect(formulaSafe(dangerous)).toBe(`'${dangerous}`);
    expect(formulaSafe("Касса")).toBe("Касса");
  });

  it("refuses a table whose cells do not match their columns", () => {
    const table = sampleTable({ rows: [{ cells: ["1", "x", null, "12.5" as unknown as bigint, null] }] });
    expect(() => renderCsv(table)).toThrow(/money/);
  });
});

describe("XLSX export", () => {
  it("writes amounts as numbers in major units with a two-decimal format, under a frozen heading row", async () => {
    const { name, sheet, rows } = await xlsxRows(await renderXlsx(sampleTable()));
    expect(name).toBe("Сынақ балансы");
    expect(rows[0]).toEqual(["Сынақ балансы"]);
    expect(rows.some((r) => r[0] === "Ұйым: Әйелдер қоғамы «Мөлдір»")).toBe(true);
    const headingIndex = rows.findIndex((r) => r[0] === "Коды");
    expect(rows[headingIndex]).toEqual(["Коды", "Шот", "Күні", "Дебет", "Кредит"]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headingIndex + 1 });
    const cash = rows[headingIndex + 2] ?? [];
    expect(cash.slice(0, 4)).toEqual([
      "1010",
      `Касса ${kazakhLetters}`,
      new Date("2025-01-10T00:00:00Z"),
      1234567.89,
    ]);
    const cashRow = sheet.getRow(headingIndex + 3);
    expect(cashRow.getCell(4).numFmt).toBe("#,##0.00");
    expect(cashRow.getCell(2).alignment).toMatchObject({ indent: 1 });
    // Text that looks like a formula stays text.
    expect(sheet.getRow(headingIndex + 4).getCell(2).value).toBe('=HYPERLINK("http://evil")');
    expect(sheet.getRow(headingIndex + 4).getCell(5).value).toBe(0.05);
    expect(sheet.getRow(headingIndex + 5).getCell(4).value).toBe(-10.5);
    expect(rows.at(-1)).toEqual([undefined, "Барлығы", undefined, 1234567.89, 1234567.89]);
    expect(sheet.getRow(rows.length).getCell(2).font).toMatchObject({ bold: true });
    // Columns are as wide as their content, within bounds.
    expect(sheet.getColumn(1).width).toBe(8);
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
  });

  it("names a sheet within Excel's rules", () => {
    expect(sheetName("Пайда мен залал туралы есеп")).toBe("Пайда мен залал туралы есеп");
    expect(sheetName("a/b:c*d?[e]")).toBe("a b c d  e");
    expect(sheetName("x".repeat(40))).toHaveLength(31);
  });
});

describe("PDF export", () => {
  it("prints an A4 document whose text holds the Kazakh title, letters, amounts and page numbers", async () => {
    const pdf = await renderPdf(sampleTable());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const [first] = await pdfText(pdf);
    expect(first).toContain("Сынақ балансы");
    expect(first).toContain(kazakhLetters);
    expect(first).toContain("Әйелдер қоғамы «Мөлдір»");
    expect(first).toMatch(/1\s234\s567,89/);
    expect(first).toContain("-10,50");
    expect(first).toContain("1 / 1 бет");
  });

  it("repeats the headings and numbers every page of a long table", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({
      cells: [String(1000 + i), `Шот №${i}`, "2025-03-01", BigInt(i * 100), null],
    }));
    const pages = await pdfText(await renderPdf(sampleTable({ rows, locale: "ru" })));
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((page, index) => {
      expect(page).toContain("Коды");
      expect(page).toContain(`Стр. ${index + 1} из ${pages.length}`);
    });
    expect(pages.at(-1)).toContain("Барлығы");
  });

  it("turns the page to landscape when amounts leave too little room for text", async () => {
    const columns = [
      { title: "Account", kind: "text" as const },
      ...Array.from({ length: 7 }, (_, i) => ({ title: `Amount ${i}`, kind: "money" as const })),
    ];
    const table = sampleTable({
      locale: "en",
      columns,
      rows: [{ cells: ["Cash", ...Array.from({ length: 7 }, () => 99999999999n)] }],
      totals: [],
    });
    const pdf = await renderPdf(table);
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
    expect((await pdfText(pdf))[0]).toContain("999,999,999.99");
  });
});

describe("file names", () => {
  it("gives an ASCII name to every client and the statement's title to those that read filename*", () => {
    expect(contentDisposition("trial-balance-2025-12-31", "Сынақ балансы 2025-12-31", "pdf")).toBe(
      `attachment; filename="trial-balance-2025-12-31.pdf"; filename*=UTF-8''${encodeURIComponent("Сынақ балансы 2025-12-31.pdf")}`,
    );
    expect(contentDisposition('a"b', "x/y", "csv")).toBe(
      `attachment; filename="a-b.csv"; filename*=UTF-8''x%20y.csv`,
    );
  });
});
