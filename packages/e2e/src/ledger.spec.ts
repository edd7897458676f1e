import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { BooksPage } from "./pages/books-page";
import { LoginPage } from "./pages/login-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";
/** The accountant of Moldir Women's Association, which keeps no books when the demo is loaded. */
const accountant = "accountant@moldir.demo";
const nbsp = "\u00a0";

describe("an accountant keeps the association's books", () => {
  const baseUrl = inject("baseUrl");
  let session: BrowserSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function signedIn(login: string): Promise<Page> {
    const context = await session.newContext("ru-RU");
    contexts.push(context);
    const page = await context.newPage();
    const loginPage = new LoginPage(page);
    await loginPage.open(baseUrl);
    await loginPage.signIn(login, demoPassword);
    return page;
  }

  it("opens the books, posts a balanced entry, sees it in the trial balance and drills down to the ledger", async () => {
    const page = await signedIn(accountant);
    const shell = new AppShell(page);
    const books = new BooksPage(page);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");

    // The association starts without books: the accountant opens them from the NGO chart.
    await shell.navLink("Бухгалтерия").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Бухгалтерия");
    await books.openBooks("Некоммерческая организация (социальные проекты)");
    // The association's own book, by its name: groups formed earlier (other specs) have books of their own.
    const bookLink = books.bookLink("Женская ассоциация «Молдир»");
    await expect.poll(() => bookLink.count(), { timeout: 20_000 }).toBe(1);
    await bookLink.click();
    await expect.poll(() => shell.heading().textContent()).toBe("План счетов");

    // A grant received in the bank: bank debit, grants income credit. Unbalanced, it cannot be saved.
    await books.goTo("Новая проводка");
    await expect.poll(() => shell.heading().textContent()).toBe("Новая проводка");
    await books.fillNarration("Грант фонда на обучение");
    await books.fillLine(1, "1030", "Дебет", "1 500,00");
    await books.fillLine(2, "6130", "Кредит", "1 000");
    await expect.poll(() => books.difference().textContent()).toContain(`500,00${nbsp}₸`);
    expect(await books.saveButton().isDisabled()).toBe(true);
    await books.fillAmount(2, "Кредит", "1 500");
    await expect.poll(() => books.saveButton().isDisabled()).toBe(false);
    await books.saveButton().click();
    await expect.poll(() => books.notice().textContent(), { timeout: 20_000 }).toContain("проведена");

    // The trial balance as of today shows it, debits equal to credits.
    await books.goTo("Оборотно-сальдовая");
    const trialBalance = books.table("Оборотно-сальдовая ведомость");
    await expect
      .poll(() => books.row(trialBalance, "Итого").textContent(), { timeout: 20_000 })
      .toBe(`Итого1${nbsp}500,00${nbsp}₸1${nbsp}500,00${nbsp}₸`);
    await expect
      .poll(() => books.row(trialBalance, "Счёт в банке").textContent())
      .toContain(`1${nbsp}500,00`);

    // Drill down: the bank account's ledger, then the entry itself.
    await trialBalance.getByRole("link", { name: "Счёт в банке", exact: true }).click();
    await expect.poll(() => shell.heading().textContent()).toBe("Счёт 1030 Счёт в банке");
    const line = page.getByRole("link", { name: "Грант фонда на обучение", exact: true });
    await expect.poll(() => line.count(), { timeout: 20_000 }).toBe(1);
    await line.click();
    await expect.poll(() => shell.heading().textContent()).toMatch(/^Проводка № \d+$/);
    expect(await page.getByRole("table", { name: "Строки проводки" }).textContent()).toContain("Гранты");
  });
});
