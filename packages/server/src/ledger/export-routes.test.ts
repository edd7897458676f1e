import { asSystem } from "@moldir/db";
import { beforeAll, describe, expect, it } from "vitest";
import { pdfText, xlsxRows } from "../exports/testing";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { createBook } from "./books";

type Account = { id: string; code: string; purpose: string | null };

/** A download's body as text, without the byte order mark. */
const csvLines = (body: string) => body.replace(/^\uFEFF/, "").split("\r\n");

describe("exports of the ledger's statements", () => {
  const testApp = useTestApp();
  let accountant: Client;
  let trainer: Client;
  let bookId: string;
  let accounts: Account[];
  let otherBookId: string;
  let otherAccountId: string;
  const byPurpose = (purpose: string) => {
    const found = accounts.find((a) => a.purpose === purpose);
    if (found === undefined) throw new Error(`no ${purpose}`);
    return found.id;
  };
  const post = async (
    valueDate: string,
    narration: string,
    debit: string,
    credit: string,
    amount: string,
  ) => {
    const response = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: {
        valueDate,
        narration,
        lines: [
          { accountId: debit, side: "debit", amountMinor: amount },
          { accountId: credit, side: "credit", amountMinor: amount },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  };

  beforeAll(async () => {
    const { app, database } = testApp();
    const { orgId } = await buildOrganization(database, { name: "Әйелдер қоғамы «Мөлдір»" });
    accountant = await signIn(
      app,
      (await buildUser(database, orgId, ["accountant"], { displayName: "Гүлнұр Сейітқызы" })).email,
    );
    trainer = await signIn(app, (await buildUser(database, orgId, ["trainer"])).email);
    const created = await accountant.request({
      method: "POST",
      url: "/api/v1/books",
      payload: { template: "ngo" },
    });
    expect(created.statusCode).toBe(201);
    bookId = created.json().id;
    accounts = (await accountant.request({ url: `/api/v1/books/${bookId}/accounts` })).json().items;
    await post("2025-01-10", "Грант алынды", byPurpose("bank"), byPurpose("grant_income"), "500000000");
    await post("2025-02-03", "Кассаға қолма-қол ақша", byPurpose("cash"), byPurpose("bank"), "12345678");
    await post("2025-03-15", '=HYPERLINK("http://evil")', byPurpose("salaries"), byPurpose("cash"), "1050");

    const { orgId: otherOrg } = await buildOrganization(database);
    otherBookId = await asSystem(database, (trx) =>
      createBook(trx, {
        orgId: otherOrg,
        template: "ngo",
        ownerKind: "organization",
        groupId: null,
        names: { kk: "x", ru: "x", en: "x" },
        currency: "KZT",
      }),
    );
    otherAccountId = (
      await database.db
        .selectFrom("accounts")
        .select("id")
        .where("book_id", "=", otherBookId)
        .where("purpose", "=", "cash")
        .executeTakeFirstOrThrow()
    ).id;
  });

  it("downloads the trial balance as CSV with amounts in major units and its totals", async () => {
    const response = await accountant.request({
      url: `/api/v1/books/${bookId}/trial-balance/export?asOf=2025-12-31&format=csv&locale=en`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="trial-balance-2025-12-31\.csv"; filename\*=UTF-8''Trial%20balance%202025-12-31\.csv$/,
    );
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.rawPayload.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const lines = csvLines(response.body);
    expect(lines[0]).toBe("Trial balance");
    expect(lines).toContain("Organization,Әйелдер қоғамы «Мөлдір»");
    expect(lines).toContain("As of,31 Dec 2025");
    expect(lines).toContain("By,Гүлнұр Сейітқызы");
    expect(lines).toContain("Code,Account,Debit,Credit");
    expect(lines).toContain("1030,Bank account,4876543.22,");
    expect(lines).toContain("1010,Cash on hand,123446.28,");
    expect(lines).toContain("6130,Grants and donor funding,,5000000.00");
    expect(lines).toContain(",Total,5000000.00,5000000.00");
  });

  it("downloads the balance sheet as XLSX that reads back with the same numbers and titles", async () => {
    const response = await accountant.request({
      url: `/api/v1/books/${bookId}/balance-sheet/export?asOf=2025-12-31&format=xlsx&locale=ru`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(response.headers["content-disposition"]).toContain('filename="balance-sheet-2025-12-31.xlsx"');
    const { name, sheet, rows } = await xlsxRows(response.rawPayload);
    expect(name).toBe("Бухгалтерский баланс");
    expect(rows[0]).toEqual(["Бухгалтерский баланс"]);
    const headings = rows.findIndex((r) => r[0] === "Код");
    expect(rows[headings]).toEqual(["Код", "Счёт", "Сумма"]);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headings + 1 });
    const find = (label: string) => rows.find((r) => r[1] === label);
    expect(find("Счёт в банке")?.[2]).toBe(4876543.22);
    expect(find("Итого активы")?.[2]).toBe(4999989.5);
    expect(find("Прибыль (убыток) текущего периода")?.[2]).toBe(4999989.5);
    expect(rows.at(-1)).toEqual([undefined, "Итого обязательства и капитал", 4999989.5]);
    expect(sheet.getRow(headings + 3).getCell(3).numFmt).toBe("#,##0.00");
  });

  it("downloads the income statement as a PDF whose text is Kazakh, in the language of Accept-Language", async () => {
    const response = await accountant.request({
      url: `/api/v1/books/${bookId}/income-statement/export?from=2025-01-01&to=2025-12-31&format=pdf`,
      headers: { "accept-language": "kk" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain(
      'filename="income-statement-2025-01-01-2025-12-31.pdf"',
    );
    expect(response.rawPayload.subarray(0, 4).toString("latin1")).toBe("%PDF");
    const text = (await pdfText(response.rawPayload)).join("\n");
    expect(text).toContain("Пайда мен залал туралы есеп");
    expect(text).toContain("Гранттар мен донорлық қаржыландыру");
    expect(text).toContain("Таза пайда (залал)");
    expect(text).toMatch(/4\s999\s989,50/);
    expect(text).toContain("01.01.2025 – 31.12.2025");
  });

  it("downloads an account's ledger with its opening, running and closing balances, formula-safe", async () => {
    const cash = byPurpose("cash");
    const csv = await accountant.request({
      url: `/api/v1/accounts/${cash}/ledger/export?from=2025-02-01&to=2025-12-31&format=csv&locale=en`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toContain(
      'filename="account-ledger-1010-2025-02-01-2025-12-31.csv"',
    );
    const lines = csvLines(csv.body);
    expect(lines).toContain("Account,1010 Cash on hand");
    expect(lines).toContain("Date,Narration,Source,Debit,Credit,Balance");
    expect(lines).toContain("2025-02-01,Opening balance,,,,0.00");
    expect(lines).toContain("2025-02-03,Кассаға қолма-қол ақша,Manual entry,123456.78,,123456.78");
    expect(lines).toContain(`2025-03-15,"'=HYPERLINK(""http://evil"")",Manual entry,,10.50,123446.28`);
    expect(lines).toContain(",Turnover for the period,,123456.78,10.50,");
    expect(lines).toContain("2025-12-31,Closing balance,,,,123446.28");

    const pdf = await accountant.request({
      url: `/api/v1/accounts/${cash}/ledger/export?from=2025-01-01&to=2025-12-31&format=pdf&locale=kk`,
    });
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).join("\n");
    expect(text).toContain("Шот карточкасы");
    expect(text).toContain("1010 Касса");
    expect(text).toContain("Кезең соңындағы сальдо");
  });

  it("downloads the trial balance as XLSX and PDF in every language", async () => {
    const titles = { kk: "Сынақ балансы", ru: "Пробный баланс", en: "Trial balance" };
    for (const [locale, title] of Object.entries(titles)) {
      const xlsx = await accountant.request({
        url: `/api/v1/books/${bookId}/trial-balance/export?asOf=2025-06-30&format=xlsx&locale=${locale}`,
      });
      expect(xlsx.statusCode, locale).toBe(200);
      expect((await xlsxRows(xlsx.rawPayload)).name).toBe(title);
      const pdf = await accountant.request({
        url: `/api/v1/books/${bookId}/trial-balance/export?asOf=2025-06-30&format=pdf&locale=${locale}`,
      });
      expect(pdf.statusCode, locale).toBe(200);
      expect((await pdfText(pdf.rawPayload))[0]).toContain(title);
    }
  });

  it("refuses an unknown format or language, naming the field", async () => {
    for (const [query, field] of [
      ["asOf=2025-12-31&format=docx", "format"],
      ["asOf=2025-12-31", "format"],
      ["asOf=2025-12-31&format=csv&locale=de", "locale"],
      ["format=csv", "asOf"],
    ]) {
      const response = await accountant.request({
        url: `/api/v1/books/${bookId}/trial-balance/export?${query}`,
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error).toMatchObject({ code: "request_must_be_valid", details: { field } });
    }
    const badDate = await accountant.request({
      url: `/api/v1/books/${bookId}/income-statement/export?from=2025-02-30&to=2025-12-31&format=csv`,
    });
    expect(badDate.json().error).toMatchObject({ code: "date_must_be_valid", details: { field: "from" } });
  });

  it("answers 404 for another organization's book or account, and 403 without ledger.read", async () => {
    for (const url of [
      `/api/v1/books/${otherBookId}/trial-balance/export?asOf=2025-12-31&format=pdf`,
      `/api/v1/books/${otherBookId}/balance-sheet/export?asOf=2025-12-31&format=xlsx`,
      `/api/v1/books/${otherBookId}/income-statement/export?from=2025-01-01&to=2025-12-31&format=csv`,
      `/api/v1/accounts/${otherAccountId}/ledger/export?from=2025-01-01&to=2025-12-31&format=csv`,
    ]) {
      const response = await accountant.request({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe("record_must_exist");
    }
    const refused = await trainer.request({
      url: `/api/v1/books/${bookId}/trial-balance/export?asOf=2025-12-31&format=csv`,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain("Bank account");
  });
});
