import type { Locator, Page } from "playwright-core";

/**
 * The books (general ledger). Demo users read Russian unless they chose otherwise, so the controls are found
 * by their Russian names.
 */
export class BooksPage {
  constructor(private readonly page: Page) {}

  /** The empty state of an organization without books: picks a chart template and opens them. */
  async openBooks(templateLabel: string): Promise<void> {
    await this.page.getByRole("combobox", { name: "Шаблон плана счетов" }).click();
    await this.page.getByRole("option", { name: templateLabel, exact: true }).click();
    await this.page.getByRole("button", { name: "Открыть книгу", exact: true }).click();
  }

  /** A screen of the open book, from the book's own navigation (chart, journal, statements…). */
  async goTo(screen: string): Promise<void> {
    await this.page
      .getByRole("navigation", { name: "Разделы книги" })
      .getByRole("link", { name: screen, exact: true })
      .click();
  }

  bookLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  /** Fills one line of the entry form: the account found by its code, then the amount on its side. */
  async fillLine(line: number, accountCode: string, side: "Дебет" | "Кредит", amount: string): Promise<void> {
    const account = this.page.getByRole("combobox", { name: `Счёт, строка ${line}`, exact: true });
    await account.click();
    await account.fill(accountCode);
    await this.page.getByRole("option", { name: new RegExp(`^${accountCode} `) }).click();
    await this.fillAmount(line, side, amount);
  }

  async fillAmount(line: number, side: "Дебет" | "Кредит", amount: string): Promise<void> {
    await this.page.getByRole("textbox", { name: `${side}, строка ${line}`, exact: true }).fill(amount);
  }

  async fillNarration(text: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Содержание" }).fill(text);
  }

  saveButton(): Locator {
    return this.page.getByRole("button", { name: "Провести", exact: true });
  }

  difference(): Locator {
    return this.page.getByTestId("entry-difference");
  }

  notice(): Locator {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }

  /** A statement's table, by its name. */
  table(name: string): Locator {
    return this.page.getByRole("table", { name, exact: true });
  }

  /** A row of a table, found by text in it (an account's name, "Итого"). */
  row(table: Locator, text: string): Locator {
    return table.getByRole("row").filter({ hasText: text });
  }
}
