import { importContentTypes } from "@moldir/contract/people-import";
import { limits } from "@moldir/domain";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { xlsxRows } from "../exports/testing";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { importDate, parseCsv } from "./import";

const header = ["Фамилия", "Имя", "Отчество", "Пол", "Дата рождения", "ИИН", "Телефоны"];

/** Good and bad rows side by side; the comment after each says what the dry run must make of it. */
const mixedRows = [
  ["Сейітова", "Айгүл", "", "ж", "1985-03-14", "850314400017", "8 701 111 22 33"], // 2 ok
  ["Нұрланова", "Гүлнар", "", "жен", "20.07.1990", "900720400029", ""], // 3 ok
  ["Бекова", "Сая", "", "ж", "1978-11-15", "781115400036", ""], // 4 bad check digit
  ["", "Айнұр", "", "ж", "1980-01-01", "", ""], // 5 no surname
  ["Ishmukhamedova", "Lazzat", "Serikkyzy", "female", "2006-12-11", "", ""], // 6 likely duplicate of a record
  ["Сейитова", "Айгуль", "", "ж", "1985-03-14", "850314400017", ""], // 7 row 2 again
  ["Ишмухамедова", "Ләззат", "", "ж", "2006-12-11", "061211600012", ""], // 8 on record already
];

function csv(rows: readonly (readonly string[])[], separator = ","): Buffer {
  const line = (cells: readonly string[]) =>
    cells.map((c) => (/[",;\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(separator);
  return Buffer.from(`\uFEFF${rows.map(line).join("\r\n")}\r\n`, "utf8");
}

async function xlsx(rows: readonly (readonly (string | number)[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Persons");
  for (const row of rows) sheet.addRow([...row]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("import of persons", () => {
  const testApp = useTestApp();
  let admin: Client;
  let other: Client;
  let trainer: Client;

  const upload = (client: Client, body: Buffer, query: string, format: "csv" | "xlsx" = "csv") =>
    client.request({
      method: "POST",
      url: `/api/v1/persons/import?${query}`,
      headers: { "content-type": importContentTypes[format] },
      payload: body,
    });
  const personCount = async (client: Client) =>
    (await client.request({ method: "POST", url: "/api/v1/persons/search", payload: { limit: 500 } })).json()
      .items.length as number;
  const importEvents = async (client: Client) =>
    (await client.request({ url: "/api/v1/audit-events?action=person.import" })).json().items as {
      summary: Record<string, unknown>;
    }[];

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database);
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    trainer = await signIn(app, (await buildUser(database, orgId, ["trainer"])).email);
    const second = await buildOrganization(database, { name: "Second" });
    other = await signIn(app, (await buildUser(database, second.orgId, ["administrator"])).email);
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: {
        surname: "Ишмухамедова",
        givenName: "Ләззат",
        sex: "female",
        birthDate: "2006-12-11",
        iin: "061211600012",
      },
    });
    expect(created.statusCode).toBe(201);
  });

  it("reads CSV by RFC 4180 with either separator, and dates as written in Kazakhstan", () => {
    expect(parseCsv('a;"b;c"\r\n"x ""y""";\n', 10)).toEqual([
      ["a", "b;c"],
      ['x "y"', ""],
    ]);
    expect(parseCsv('a,b\n"line\nbreak",2', 10)).toEqual([
      ["a", "b"],
      ["line\nbreak", "2"],
    ]);
    expect(importDate("1.02.1990")).toBe("1990-02-01");
    expect(importDate("1990-02-01")).toBe("1990-02-01");
    expect(importDate("02/01/90")).toBeNull();
  });

  it("lists every row's problems in a dry run and writes nothing", async () => {
    const before = await personCount(admin);
    const response = await upload(admin, csv([header, ...mixedRows]), "mode=dry_run");
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.rows.map((r: { status: string }) => r.status)).toEqual([
      "ok",
      "ok",
      "error",
      "error",
      "duplicate",
      "duplicate",
      "already_imported",
    ]);
    expect(report.rows.map((r: { rowNumber: number }) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const problemCodes = report.rows.map((r: { problems: { code: string }[] }) =>
      r.problems.map((p) => p.code),
    );
    expect(problemCodes.slice(2, 6)).toEqual([
      ["iin_must_have_valid_check_digit"],
      ["surname_must_be_given"],
      ["person_may_be_duplicate"],
      ["iin_must_be_unique"],
    ]);
    expect(report.rows[2].problems[0]).toMatchObject({ field: "iin", message: expect.any(String) });
    expect(report.rows[4].duplicateOf).toMatchObject({ rowNumber: null, name: "Ишмухамедова Ләззат" });
    expect(report.rows[5].duplicateOf).toMatchObject({ personId: null, rowNumber: 2 });
    expect(report.counts).toEqual({ total: 7, ok: 2, error: 2, duplicate: 2, alreadyImported: 1 });
    expect(report.createdCount).toBe(0);
    expect(response.body).not.toContain("850314400017");
    expect(await personCount(admin)).toBe(before);
    expect(await importEvents(admin)).toHaveLength(0);
  });

  it("refuses a commit of a file with problems, writing nothing", async () => {
    const before = await personCount(admin);
    const response = await upload(admin, csv([header, ...mixedRows]), "mode=commit");
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      code: "request_must_be_valid",
      details: { field: "file", counts: { ok: 2, error: 2, duplicate: 2 } },
    });
    expect(await personCount(admin)).toBe(before);
    expect(await importEvents(admin)).toHaveLength(0);
  });

  it("imports the valid rows when asked to skip the others, and a second import creates no one", async () => {
    const before = await personCount(admin);
    const first = await upload(admin, csv([header, ...mixedRows]), "mode=commit&skipInvalid=true");
    expect(first.statusCode).toBe(200);
    expect(first.json().createdCount).toBe(2);
    expect(await personCount(admin)).toBe(before + 2);
    const found = (
      await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: { q: "850314400017" } })
    ).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      surname: "Сейітова",
      phones: ["+77011112233"],
      birthDate: "1985-03-14",
    });
    const events = await importEvents(admin);
    expect(events).toHaveLength(1);
    expect(events[0]?.summary).toMatchObject({
      format: "csv",
      ok: 2,
      error: 2,
      created: 2,
      skipInvalid: true,
    });
    expect(JSON.stringify(events)).not.toContain("850314400017");

    const again = await upload(admin, csv([header, ...mixedRows]), "mode=commit&skipInvalid=true");
    expect(again.json().createdCount).toBe(0);
    expect(again.json().rows.map((r: { status: string }) => r.status)).toEqual([
      "already_imported",
      "already_imported",
      "error",
      "error",
      "duplicate",
      "already_imported",
      "already_imported",
    ]);
    expect(await personCount(admin)).toBe(before + 2);
  });

  it("commits a clean file as a whole, in one transaction", async () => {
    const rows = [
      ["Жұмабаева", "Мөлдір", "", "", "", "781115400035", ""],
      ["Оспанова", "Сәуле", "", "ж", "1992-05-05", "", "+7 702 000 00 01"],
    ];
    const response = await upload(admin, csv([header, ...rows], ";"), "mode=commit");
    expect(response.statusCode).toBe(200);
    expect(response.json().counts).toMatchObject({ total: 2, ok: 2 });
    const [molдir] = (
      await admin.request({ method: "POST", url: "/api/v1/persons/search", payload: { q: "781115400035" } })
    ).json().items;
    // Sex and birth date left blank are read from the IIN.
    expect(molдir).toMatchObject({ sex: "female", birthDate: "1978-11-15" });
  });

  it("reads XLSX as CSV, and gives an IIN back the zeros a spreadsheet took from it", async () => {
    const rows = mixedRows.map((row) => [...row]);
    const asCsv = (await upload(other, csv([header, ...rows]), "mode=dry_run")).json();
    const asXlsx = (await upload(other, await xlsx([header, ...rows]), "mode=dry_run", "xlsx")).json();
    expect(asXlsx).toEqual(asCsv);
    const numeric = await xlsx([header, ["Ишмухамедова", "Ләззат", "", "ж", "", 61211600012, 87012345678]]);
    const report = (await upload(admin, numeric, "mode=dry_run", "xlsx")).json();
    expect(report.rows[0]).toMatchObject({ status: "already_imported" });
  });

  it("offers a template in each language and format that imports as it is", async () => {
    for (const locale of ["kk", "ru", "en"] as const) {
      for (const format of ["csv", "xlsx"] as const) {
        const template = await other.request({
          url: `/api/v1/persons/import/template?format=${format}&locale=${locale}`,
        });
        expect(template.statusCode).toBe(200);
        expect(template.headers["content-type"]).toContain(importContentTypes[format]);
        expect(template.headers["content-disposition"]).toContain(`persons-import-template.${format}`);
        if (format === "xlsx") {
          const { rows } = await xlsxRows(template.rawPayload);
          expect(rows[0]?.[0]).toBe({ kk: "Тегі", ru: "Фамилия", en: "Surname" }[locale]);
        } else {
          expect(template.body.split("\r\n")[0]).toContain({ kk: "ЖСН", ru: "ИИН", en: "IIN" }[locale]);
        }
        const report = (await upload(other, template.rawPayload, "mode=dry_run", format)).json();
        expect(report.rows, `${locale} ${format}`).toEqual([
          {
            rowNumber: 2,
            status: "ok",
            name: expect.stringMatching(/^Ishmukhamedova|^Ишмухамедова/),
            problems: [],
          },
        ]);
      }
    }
  });

  it("refuses a file it cannot read, without the needed columns, or too long", async () => {
    const wrongType = await other.request({
      method: "POST",
      url: "/api/v1/persons/import?mode=dry_run",
      headers: { "content-type": "application/pdf" },
      payload: Buffer.from("%PDF"),
    });
    expect(wrongType.statusCode).toBe(415);
    const noColumns = await upload(
      other,
      csv([
        ["Name", "Phone"],
        ["A", "B"],
      ]),
      "mode=dry_run",
    );
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json().error.details).toMatchObject({
      field: "file",
      missingColumns: ["Surname", "Given name"],
    });
    const notXlsx = await upload(other, Buffer.from("not a workbook"), "mode=dry_run", "xlsx");
    expect(notXlsx.json().error.details.field).toBe("file");
    const tooLong = Buffer.from(`Surname,Given name\n${"A,B\n".repeat(limits.importRowsMax + 1)}`);
    const refused = await upload(other, tooLong, "mode=dry_run");
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toMatchObject({ field: "file", rowsMax: limits.importRowsMax });
  });

  it("lets only people who manage persons import", async () => {
    expect((await upload(trainer, csv([header]), "mode=dry_run")).statusCode).toBe(403);
    expect((await trainer.request({ url: "/api/v1/persons/import/template?format=csv" })).statusCode).toBe(
      403,
    );
  });
});
