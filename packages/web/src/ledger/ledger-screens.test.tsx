import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { apiError, fakeApi, json } from "../test/fake-api";
import { bookId, buildBook, buildChart, buildTrialBalance } from "../test/ledger";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import { startOfYear, todayPlainDate } from "./ledger-api";

const chart = buildChart();
const idOf = (code: string) => chart.find((account) => account.code === code)?.id ?? "";
const booksAnswer = json({ items: [buildBook()] });

function accountantAt(path: string, routes: Parameters<typeof fakeApi>[0]) {
  const requests = fakeApi({
    "GET /api/v1/books": booksAnswer,
    [`GET /api/v1/books/${bookId}/accounts`]: json({ items: chart }),
    ...routes,
  });
  const view = renderWithApp(<App />, { locale: "en", path, session: buildSession(["accountant"]) });
  return { requests, ...view };
}

/** Picks an account on a line of the entry form by typing part of its name. */
async function pickAccount(line: number, option: string) {
  const input = await screen.findByRole("combobox", { name: `Account, line ${line}` });
  fireEvent.click(input);
  fireEvent.click(await screen.findByRole("option", { name: option }));
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByRole("textbox", { name: label }), { target: { value } });

describe("the books in the navigation", () => {
  it("shows Books to an accountant and hides it from a person without ledger.read", async () => {
    fakeApi({});
    const { unmount } = renderWithApp(<App />, {
      locale: "ru",
      path: "/",
      session: buildSession(["accountant"]),
    });
    expect(await screen.findByRole("link", { name: "Бухгалтерия" })).toBeTruthy();
    unmount();
    renderWithApp(<App />, { locale: "ru", path: "/", session: buildSession(["trainer"]) });
    await screen.findByRole("heading", { level: 1, name: "Главная" });
    expect(screen.queryByRole("link", { name: "Бухгалтерия" })).toBeNull();
  });

  it("refuses the books by address to a person without ledger.read", async () => {
    fakeApi({});
    renderWithApp(<App />, {
      locale: "en",
      path: `/books/${bookId}/trial-balance`,
      session: buildSession(["trainer"]),
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: "You do not have access to this screen" }),
    ).toBeTruthy();
  });

  it("offers to open the books when the organization has none, with a template", async () => {
    const book = buildBook();
    let isOpen = false;
    const requests = fakeApi({
      "GET /api/v1/books": () => json({ items: isOpen ? [book] : [] }),
      "POST /api/v1/books": () => {
        isOpen = true;
        return json(book, 201);
      },
    });
    renderWithApp(<App />, { locale: "en", path: "/books", session: buildSession(["accountant"]) });
    expect(await screen.findByText("The organization keeps no books yet")).toBeTruthy();
    fireEvent.click(screen.getByRole("combobox", { name: "Chart template" }));
    fireEvent.click(await screen.findByRole("option", { name: "Non-profit organization (social projects)" }));
    fireEvent.click(screen.getByRole("button", { name: "Open the books" }));
    expect(await screen.findByRole("link", { name: "Moldir books" })).toBeTruthy();
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({ template: "ngo" });
  });
});

describe("the journal entry form", () => {
  const path = `/books/${bookId}/entries/new`;

  it("offers only accounts that take postings, found by code or name", async () => {
    accountantAt(path, {});
    const input = await screen.findByRole("combobox", { name: "Account, line 1" });
    fireEvent.click(input);
    const options = (await screen.findAllByRole("option")).map((option) => option.textContent);
    expect(options).toEqual(["1010 Cash on hand", "1030 Bank account", "6130 Grants and donor funding"]);
    // Mantine takes a change to an unfocused input for autofill: a person types into a focused one.
    input.focus();
    fireEvent.change(input, { target: { value: "grant" } });
    await waitFor(() =>
      expect(screen.getAllByRole("option").map((option) => option.textContent)).toEqual([
        "6130 Grants and donor funding",
      ]),
    );
  });

  it("shows the difference live and refuses to save until debits equal credits", async () => {
    const requests = accountantAt(path, {
      [`POST /api/v1/books/${bookId}/journal-entries`]: json({ id: "e1", seq: "17" }, 201),
    }).requests;
    await pickAccount(1, "1030 Bank account");
    await pickAccount(2, "6130 Grants and donor funding");
    type("Narration", "Grant from the foundation");
    type("Debit, line 1", "1,500.00");
    type("Credit, line 2", "1,000");
    const save = screen.getByRole("button", { name: "Post the entry" });
    expect(screen.getByTestId("entry-difference").textContent).toBe(
      "Difference: ₸500.00 · credits are short",
    );
    expect(save.hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("Debits and credits differ by ₸500.00: the entry must balance.")).toBeTruthy();

    type("Credit, line 2", "1,500");
    expect(screen.getByTestId("entry-difference").textContent).toBe("Difference: ₸0.00");
    expect(save.hasAttribute("disabled")).toBe(false);
    fireEvent.click(save);
    expect(await screen.findByText("Entry № 17 was posted.")).toBeTruthy();
    expect(requests.find((request) => request.method === "POST")?.body).toEqual({
      valueDate: todayPlainDate(),
      narration: "Grant from the foundation",
      lines: [
        { accountId: idOf("1030"), side: "debit", amountMinor: "150000" },
        { accountId: idOf("6130"), side: "credit", amountMinor: "150000" },
      ],
    });
  });

  it("will not save fewer than two lines, and Enter adds a line", async () => {
    accountantAt(path, {});
    await pickAccount(1, "1030 Bank account");
    type("Narration", "Half an entry");
    type("Debit, line 1", "100");
    fireEvent.click(screen.getByRole("button", { name: "Remove line 2" }));
    expect(screen.getByRole("button", { name: "Post the entry" }).hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("An entry needs at least two lines with an account and an amount.")).toBeTruthy();
    fireEvent.keyDown(screen.getByRole("textbox", { name: "Debit, line 1" }), { key: "Enter" });
    expect(await screen.findByRole("combobox", { name: "Account, line 2" })).toBeTruthy();
  });

  it("shows the server's refusal next to the line it names, and 'sent for approval' for four eyes", async () => {
    let answer = apiError("account_must_be_active", "The account is closed.", 422, {
      field: "lines.1.accountId",
    });
    accountantAt(path, { [`POST /api/v1/books/${bookId}/journal-entries`]: () => answer });
    await pickAccount(1, "1010 Cash on hand");
    await pickAccount(2, "6130 Grants and donor funding");
    type("Narration", "Cash grant");
    type("Debit, line 1", "50");
    type("Credit, line 2", "50");
    fireEvent.click(screen.getByRole("button", { name: "Post the entry" }));
    const refusal = await screen.findByText("The account is closed.");
    expect(refusal.closest("tr")?.getAttribute("data-line")).toBe("2");

    answer = json({ status: "pending_approval", approvalId: "ap1" }, 202);
    await pickAccount(2, "1030 Bank account");
    fireEvent.click(screen.getByRole("button", { name: "Post the entry" }));
    expect(await screen.findByText(/sent for approval/)).toBeTruthy();
  });
});

describe("the trial balance", () => {
  it("shows balances with equal totals and drills down to the account's ledger and its entry", async () => {
    const asOf = todayPlainDate();
    const bank = idOf("1030");
    accountantAt(`/books/${bookId}/trial-balance`, {
      [`GET /api/v1/books/${bookId}/trial-balance`]: json(buildTrialBalance(chart, asOf)),
      [`GET /api/v1/accounts/${bank}/ledger`]: json({
        accountId: bank,
        from: startOfYear(asOf),
        to: asOf,
        openingBalanceMinor: "0",
        closingBalanceMinor: "150000",
        lines: [
          {
            entryId: "0190a000-0000-7000-8000-0000000e0001",
            lineNo: 1,
            valueDate: asOf,
            narration: "Grant from the foundation",
            sourceType: "manual",
            sourceId: null,
            debitMinor: "150000",
            creditMinor: "0",
            balanceMinor: "150000",
          },
        ],
      }),
    });
    const table = await screen.findByRole("table", { name: "Trial balance" });
    const totals = within(table).getByRole("row", { name: /Total/ });
    expect(
      within(totals)
        .getAllByRole("columnheader")
        .map((cell) => cell.textContent),
    ).toEqual(["Total", "₸1,500.00", "₸1,500.00"]);
    // Headers fold: the bank account hides under its header, and shows again.
    fireEvent.click(within(table).getByRole("button", { name: "Collapse Assets" }));
    expect(within(table).queryByRole("link", { name: "Bank account" })).toBeNull();
    fireEvent.click(within(table).getByRole("button", { name: "Expand Assets" }));

    fireEvent.click(within(table).getByRole("link", { name: "Bank account" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Account 1030 Bank account" })).toBeTruthy();
    expect(screen.getByText("Closing balance").closest("tr")?.textContent).toContain("₸1,500.00");
    const entryLink = screen.getByRole("link", { name: "Grant from the foundation" });
    expect(entryLink.getAttribute("href")).toBe(
      `/books/${bookId}/entries/0190a000-0000-7000-8000-0000000e0001`,
    );
  });

  it("takes the books below together when asked, and shows what was eliminated between them", async () => {
    const asOf = todayPlainDate();
    const requests = accountantAt(`/books/${bookId}/trial-balance`, {
      [`GET /api/v1/books/${bookId}/trial-balance`]: json(buildTrialBalance(chart, asOf)),
      [`GET /api/v1/books/${bookId}/consolidated-trial-balance`]: json({
        ...buildTrialBalance(chart, asOf),
        books: 3,
        bookIds: [bookId],
        eliminations: [
          {
            code: "1210",
            type: "asset",
            names: { kk: "Топтарға қарыздар", ru: "Займы группам", en: "Loans to groups" },
            debitMinor: "100000",
            creditMinor: "25000",
          },
        ],
      }),
    }).requests;
    await screen.findByRole("table", { name: "Trial balance" });
    fireEvent.click(screen.getByRole("switch", { name: /With the books below it/ }));
    expect(await screen.findByText("Books taken together: 3")).toBeTruthy();
    const eliminated = screen.getByRole("table", { name: "Eliminated: movements between the books" });
    expect(within(eliminated).getByRole("row", { name: /Loans to groups/ }).textContent).toContain(
      "₸1,000.00",
    );
    fireEvent.click(screen.getByRole("switch", { name: "Eliminate movements between the books" }));
    await waitFor(() =>
      expect(
        requests.some(
          (r) => r.path.includes("consolidated-trial-balance?") && r.path.includes("eliminate=false"),
        ),
      ).toBe(true),
    );
    const download = screen.getByRole("link", { name: "Excel" });
    expect(download.getAttribute("href")).toContain(
      `/api/v1/books/${bookId}/consolidated-trial-balance/export?`,
    );
  });
});
