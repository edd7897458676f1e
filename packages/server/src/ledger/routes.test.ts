import { asSystem, withTenant } from "@moldir/db";
import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { createBook } from "./books";

type Account = { id: string; code: string; purpose: string | null; isHeader: boolean };

describe("the general ledger", () => {
  const testApp = useTestApp();
  let orgId: string;
  let accountant: Client;
  let director: Client;
  let bookId: string;
  let accounts: Account[];
  const byPurpose = (purpose: string) => {
    const found = accounts.find((a) => a.purpose === purpose);
    if (found === undefined) throw new Error(`no ${purpose}`);
    return found.id;
  };
  const line = (accountId: string, side: "debit" | "credit", amountMinor: string) => ({
    accountId,
    side,
    amountMinor,
  });
  const entryCount = async () =>
    Number(
      (
        await testApp()
          .database.db.selectFrom("journal_entries")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database, { name: "Мөлдір" }));
    accountant = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["accountant", "administrator"])).email,
    );
    director = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const created = await accountant.request({
      method: "POST",
      url: "/api/v1/books",
      payload: { template: "ngo" },
    });
    expect(created.statusCode).toBe(201);
    bookId = created.json().id;
    accounts = (await accountant.request({ url: `/api/v1/books/${bookId}/accounts` })).json().items;
  });

  it("opens one book from a template, with its chart of accounts", async () => {
    expect(accounts.length).toBeGreaterThan(10);
    expect(accounts.find((a) => a.code === "1000")).toMatchObject({ isHeader: true });
    const again = await accountant.request({
      method: "POST",
      url: "/api/v1/books",
      payload: { template: "mco" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("book_of_organization_must_be_unique");
  });

  it("posts a balanced entry and shows it in the trial balance", async () => {
    const posted = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-10",
        narration: "Грант алынды",
        lines: [
          line(byPurpose("bank"), "debit", "5000000"),
          line(byPurpose("grant_income"), "credit", "5000000"),
        ],
      },
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.json()).toMatchObject({
      totalMinor: "5000000",
      sourceType: "manual",
      lines: [{ side: "debit", amountMinor: "5000000" }, { side: "credit" }],
    });
    const tb = (
      await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-31` })
    ).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
    expect(tb.rows.find((r: { accountId: string }) => r.accountId === byPurpose("bank")).balanceMinor).toBe(
      "5000000",
    );
    expect(tb.rows.find((r: { code: string }) => r.code === "1000").balanceMinor).toBe("5000000");
    const before = (
      await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-09` })
    ).json();
    expect(before.totalDebitMinor).toBe("0");
  });

  it("refuses every bad entry with a clear error, and posts nothing", async () => {
    const { database } = testApp();
    const { orgId: otherOrg } = await buildOrganization(database);
    const otherBookId = await asSystem(database, (trx) =>
      createBook(trx, {
        orgId: otherOrg,
        template: "ngo",
        ownerKind: "organization",
        groupId: null,
        names: { kk: "x", ru: "x", en: "x" },
        currency: "KZT",
      }),
    );
    const foreignAccount = await database.db
      .selectFrom("accounts")
      .select("id")
      .where("book_id", "=", otherBookId)
      .where("purpose", "=", "cash")
      .executeTakeFirstOrThrow();
    const groupBookId = await withTenant(database, { orgId, userId: null }, (trx) =>
      createBook(trx, {
        orgId,
        template: "shg",
        ownerKind: "group",
        groupId: newId(),
        names: { kk: "Топ", ru: "Группа", en: "Group" },
        currency: "KZT",
      }),
    );
    const groupCash = await database.db
      .selectFrom("accounts")
      .select("id")
      .where("book_id", "=", groupBookId)
      .where("purpose", "=", "cash")
      .executeTakeFirstOrThrow();
    const inactive = (
      await accountant.request({
        method: "POST",
        url: `/api/v1/books/${bookId}/accounts`,
        payload: {
          parentId: null,
          code: "1999",
          type: "asset",
          names: { kk: "Ескі", ru: "Старый", en: "Old" },
        },
      })
    ).json();
    await accountant.request({
      method: "PATCH",
      url: `/api/v1/accounts/${inactive.id}`,
      payload: { version: 1, isActive: false },
    });
    const header = accounts.find((a) => a.code === "1000")?.id ?? "";
    const cash = byPurpose("cash");
    const income = byPurpose("grant_income");
    const cases: [unknown[], string][] = [
      [[line(cash, "debit", "100"), line(income, "credit", "99")], "entry_must_balance"],
      [[line(cash, "debit", "0"), line(income, "credit", "0")], "line_amount_must_be_positive"],
      [[line(cash, "debit", "-100"), line(income, "credit", "-100")], "line_amount_must_be_positive"],
      [[line(newId(), "debit", "100"), line(income, "credit", "100")], "account_must_exist"],
      [[line(foreignAccount.id, "debit", "100"), line(income, "credit", "100")], "account_must_exist"],
      [[line(groupCash.id, "debit", "100"), line(income, "credit", "100")], "account_must_belong_to_book"],
      [[line(header, "debit", "100"), line(income, "credit", "100")], "account_must_take_postings"],
      [[line(inactive.id, "debit", "100"), line(income, "credit", "100")], "account_must_be_active"],
    ];
    const count = await entryCount();
    for (const [lines, code] of cases) {
      const response = await accountant.request({
        method: "POST",
        url: `/api/v1/books/${bookId}/journal-entries`,
        payload: { valueDate: "2025-01-11", narration: "x", lines },
      });
      expect(response.statusCode, code).toBe(422);
      expect(response.json().error.code).toBe(code);
    }
    const oneLine = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: { valueDate: "2025-01-11", narration: "x", lines: [line(cash, "debit", "1")] },
    });
    expect(oneLine.statusCode).toBe(400);
    const badDate = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: {
        valueDate: "2025-02-30",
        narration: "x",
        lines: [line(cash, "debit", "1"), line(income, "credit", "1")],
      },
    });
    expect(badDate.json().error).toMatchObject({
      code: "date_must_be_valid",
      details: { field: "valueDate" },
    });
    const otherBook = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${otherBookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-11",
        narration: "x",
        lines: [line(cash, "debit", "1"), line(income, "credit", "1")],
      },
    });
    expect(otherBook.statusCode).toBe(404);
    expect(await entryCount()).toBe(count);
  });

  it("is append-only in the database itself", async () => {
    const { database } = testApp();
    await expect(
      database.db.updateTable("journal_lines").set({ debit_minor: 1n }).where("org_id", "=", orgId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db.deleteFrom("journal_lines").where("org_id", "=", orgId).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      database.db.deleteFrom("journal_entries").where("org_id", "=", orgId).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it("refuses an unbalanced entry at commit even when the service is bypassed", async () => {
    const { database } = testApp();
    const entryId = newId();
    await expect(
      withTenant(database, { orgId, userId: null }, async (trx) => {
        await trx
          .insertInto("journal_entries")
          .values({
            org_id: orgId,
            id: entryId,
            book_id: bookId,
            value_date: "2025-01-12",
            source_type: "manual",
            source_id: null,
            narration: "bypass",
            reverses_entry_id: null,
            reversal_reason: null,
            total_minor: 100n,
            line_count: 2,
            created_by: null,
          })
          .execute();
        await trx
          .insertInto("journal_lines")
          .values([
            {
              org_id: orgId,
              entry_id: entryId,
              line_no: 1,
              book_id: bookId,
              account_id: byPurpose("cash"),
              value_date: "2025-01-12",
              debit_minor: 100n,
              credit_minor: 0n,
              project_id: null,
              memo: null,
            },
            {
              org_id: orgId,
              entry_id: entryId,
              line_no: 2,
              book_id: bookId,
              account_id: byPurpose("bank"),
              value_date: "2025-01-12",
              debit_minor: 0n,
              credit_minor: 90n,
              project_id: null,
              memo: null,
            },
          ])
          .execute();
      }),
    ).rejects.toThrow(/does not balance/);
    expect(
      await database.db
        .selectFrom("journal_entries")
        .select("id")
        .where("id", "=", entryId)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it("corrects by reversal, once, never by editing", async () => {
    const posted = (
      await accountant.request({
        method: "POST",
        url: `/api/v1/books/${bookId}/journal-entries`,
        payload: {
          valueDate: "2025-01-15",
          narration: "Қате",
          lines: [
            line(byPurpose("cash"), "debit", "70000"),
            line(byPurpose("donation_income"), "credit", "70000"),
          ],
        },
      })
    ).json();
    const reversal = await accountant.request({
      method: "POST",
      url: `/api/v1/journal-entries/${posted.id}/reverse`,
      payload: { reason: "сумма қате" },
    });
    expect(reversal.statusCode).toBe(201);
    expect(reversal.json()).toMatchObject({
      reversesEntryId: posted.id,
      reversalReason: "сумма қате",
      valueDate: "2025-01-15",
      lines: [{ side: "credit" }, { side: "debit" }],
    });
    expect(
      (await accountant.request({ url: `/api/v1/journal-entries/${posted.id}` })).json().reversedByEntryId,
    ).toBe(reversal.json().id);
    const twice = await accountant.request({
      method: "POST",
      url: `/api/v1/journal-entries/${posted.id}/reverse`,
      payload: { reason: "again" },
    });
    expect(twice.json().error.code).toBe("entry_must_not_be_reversed_twice");
    const ofReversal = await accountant.request({
      method: "POST",
      url: `/api/v1/journal-entries/${reversal.json().id}/reverse`,
      payload: { reason: "x" },
    });
    expect(ofReversal.json().error.code).toBe("reversal_must_not_be_reversed");
    const ledger = (
      await accountant.request({
        url: `/api/v1/accounts/${byPurpose("donation_income")}/ledger?from=2025-01-01&to=2025-01-31`,
      })
    ).json();
    expect(ledger.lines.map((l: { balanceMinor: string }) => l.balanceMinor)).toEqual(["70000", "0"]);
    expect(ledger.closingBalanceMinor).toBe("0");
  });

  it("asks a second person for manual entries when the organization says so", async () => {
    await accountant.request({
      method: "PUT",
      url: "/api/v1/approval-policies",
      payload: { policies: [{ action: "journal.manual_entry", requiresApproval: true }] },
    });
    const asked = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-20",
        narration: "Жалақы",
        lines: [line(byPurpose("salaries"), "debit", "300000"), line(byPurpose("bank"), "credit", "300000")],
      },
    });
    expect(asked.statusCode).toBe(202);
    const count = await entryCount();
    const own = await accountant.request({
      method: "POST",
      url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
      payload: {},
    });
    expect(own.statusCode).toBe(403);
    expect(await entryCount()).toBe(count);
    const approved = await director.request({
      method: "POST",
      url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
      payload: {},
    });
    expect(approved.statusCode).toBe(200);
    expect(await entryCount()).toBe(count + 1);
    await accountant.request({
      method: "PUT",
      url: "/api/v1/approval-policies",
      payload: { policies: [{ action: "journal.manual_entry", requiresApproval: false }] },
    });
  });

  it("balances the balance sheet and reports income for a period", async () => {
    const sheet = (
      await accountant.request({ url: `/api/v1/books/${bookId}/balance-sheet?asOf=2025-01-31` })
    ).json();
    expect(BigInt(sheet.totalAssetsMinor)).toBe(
      BigInt(sheet.totalLiabilitiesMinor) +
        BigInt(sheet.totalEquityMinor) +
        BigInt(sheet.currentEarningsMinor),
    );
    expect(sheet.totalAssetsMinor).toBe("4700000");
    const income = (
      await accountant.request({
        url: `/api/v1/books/${bookId}/income-statement?from=2025-01-01&to=2025-01-31`,
      })
    ).json();
    expect(income).toMatchObject({
      totalIncomeMinor: "5000000",
      totalExpensesMinor: "300000",
      netIncomeMinor: "4700000",
    });
  });

  it("reproduces an earlier report exactly with knownAt, after a back-dated entry", async () => {
    const knownAt = new Date().toISOString();
    const before = (
      await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-31` })
    ).json();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-05",
        narration: "Кешіккен",
        lines: [
          line(byPurpose("cash"), "debit", "1000"),
          line(byPurpose("donation_income"), "credit", "1000"),
        ],
      },
    });
    const now = (
      await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-31` })
    ).json();
    expect(now.totalDebitMinor).not.toBe(before.totalDebitMinor);
    const then = (
      await accountant.request({
        url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-31&knownAt=${encodeURIComponent(knownAt)}`,
      })
    ).json();
    expect(then).toEqual(before);
  });

  it("closes periods, refuses postings into them, and reopens only with approval", async () => {
    const notEnd = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/periods/close`,
      payload: { through: "2025-01-30" },
    });
    expect(notEnd.json().error.code).toBe("period_end_must_be_month_end");
    const future = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/periods/close`,
      payload: { through: "2099-12-31" },
    });
    expect(future.json().error.code).toBe("period_must_not_be_in_the_future");
    const closed = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/periods/close`,
      payload: { through: "2025-01-31" },
    });
    expect(closed.json().closedThrough).toBe("2025-01-31");
    const refused = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-31",
        narration: "late",
        lines: [line(byPurpose("cash"), "debit", "1"), line(byPurpose("bank"), "credit", "1")],
      },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: "period_must_be_open",
      details: { closedThrough: "2025-01-31" },
    });
    const sheet = (
      await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-31` })
    ).json();

    await accountant.request({
      method: "PUT",
      url: "/api/v1/approval-policies",
      payload: { policies: [{ action: "period.reopen", requiresApproval: true }] },
    });
    const asked = await accountant.request({
      method: "POST",
      url: `/api/v1/books/${bookId}/periods/reopen`,
      payload: { from: "2025-01-01", reason: "аудит түзетуі" },
    });
    expect(asked.statusCode).toBe(202);
    expect((await accountant.request({ url: "/api/v1/books" })).json().items[0].closedThrough).toBe(
      "2025-01-31",
    );
    expect(
      (await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2025-01-31` })).json(),
    ).toEqual(sheet);
    await director.request({
      method: "POST",
      url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
      payload: {},
    });
    const book = (await accountant.request({ url: "/api/v1/books" }))
      .json()
      .items.find((b: { id: string }) => b.id === bookId);
    expect(book.closedThrough).toBe("2024-12-31");
  });

  it("closes a year into retained earnings, keeping the year's income statement", async () => {
    const { database } = testApp();
    const { orgId: mco } = await buildOrganization(database, { kind: "mco" });
    const admin = await signIn(testApp().app, (await buildUser(database, mco, ["administrator"])).email);
    const book = (
      await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } })
    ).json();
    const chart: Account[] = (await admin.request({ url: `/api/v1/books/${book.id}/accounts` })).json().items;
    const id = (purpose: string) => chart.find((a) => a.purpose === purpose)?.id ?? "";
    const postIt = (valueDate: string, lines: unknown[]) =>
      admin.request({
        method: "POST",
        url: `/api/v1/books/${book.id}/journal-entries`,
        payload: { valueDate, narration: "x", lines },
      });
    await postIt("2024-03-01", [
      line(id("cash"), "debit", "900000"),
      line(id("interest_income"), "credit", "900000"),
    ]);
    await postIt("2024-06-01", [
      line(id("salaries"), "debit", "250000"),
      line(id("cash"), "credit", "250000"),
    ]);
    const closed = await admin.request({
      method: "POST",
      url: `/api/v1/books/${book.id}/year-end-close`,
      payload: { year: 2024 },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedThrough).toBe("2024-12-31");
    const tb = (
      await admin.request({ url: `/api/v1/books/${book.id}/trial-balance?asOf=2024-12-31` })
    ).json();
    const balanceOf = (purpose: string) =>
      tb.rows.find((r: { accountId: string }) => r.accountId === id(purpose)).balanceMinor;
    expect(balanceOf("interest_income")).toBe("0");
    expect(balanceOf("salaries")).toBe("0");
    expect(balanceOf("retained_earnings")).toBe("650000");
    const statement = (
      await admin.request({ url: `/api/v1/books/${book.id}/income-statement?from=2024-01-01&to=2024-12-31` })
    ).json();
    expect(statement.netIncomeMinor).toBe("650000");
    const again = await admin.request({
      method: "POST",
      url: `/api/v1/books/${book.id}/year-end-close`,
      payload: { year: 2024 },
    });
    expect(again.json().error.code).toBe("year_must_not_be_closed");
  });
});

describe("consolidation", () => {
  const testApp = useTestApp();

  it("adds the groups' books to the organization's, balanced", async () => {
    const { database } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "federation" });
    const admin = await signIn(testApp().app, (await buildUser(database, orgId, ["administrator"])).email);
    const book = (
      await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "federation" } })
    ).json();
    const chart = (await admin.request({ url: `/api/v1/books/${book.id}/accounts` })).json().items as {
      id: string;
      purpose: string | null;
    }[];
    const id = (purpose: string) => chart.find((a) => a.purpose === purpose)?.id ?? "";
    await admin.request({
      method: "POST",
      url: `/api/v1/books/${book.id}/journal-entries`,
      payload: {
        valueDate: "2025-02-01",
        narration: "Грант",
        lines: [
          { accountId: id("bank"), side: "debit", amountMinor: "100000" },
          { accountId: id("grant_income"), side: "credit", amountMinor: "100000" },
        ],
      },
    });
    const groupBookId = await withTenant(database, { orgId, userId: null }, (trx) =>
      createBook(trx, {
        orgId,
        template: "shg",
        ownerKind: "group",
        groupId: newId(),
        names: { kk: "Топ", ru: "Группа", en: "Group" },
        currency: "KZT",
      }),
    );
    const groupChart = (await admin.request({ url: `/api/v1/books/${groupBookId}/accounts` })).json()
      .items as { id: string; purpose: string | null }[];
    const gid = (purpose: string) => groupChart.find((a) => a.purpose === purpose)?.id ?? "";
    await admin.request({
      method: "POST",
      url: `/api/v1/books/${groupBookId}/journal-entries`,
      payload: {
        valueDate: "2025-02-03",
        narration: "Жинақ",
        lines: [
          { accountId: gid("cash"), side: "debit", amountMinor: "5000" },
          { accountId: gid("member_savings"), side: "credit", amountMinor: "5000" },
        ],
      },
    });
    const consolidated = (
      await admin.request({ url: `/api/v1/books/${book.id}/consolidated-trial-balance?asOf=2025-12-31` })
    ).json();
    expect(consolidated.books).toBe(2);
    expect(consolidated.totalDebitMinor).toBe("105000");
    expect(consolidated.totalCreditMinor).toBe("105000");
    expect(consolidated.rows.find((r: { code: string }) => r.code === "3210").balanceMinor).toBe("5000");
  });
});
