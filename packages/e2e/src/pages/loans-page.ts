import type { Locator, Page } from "playwright-core";

/**
 * The loan screens: the list, a new application with its preview, and a loan with the actions of each
 * role. Demo users read Russian unless they chose otherwise, so the controls are found by their Russian names.
 */
export class LoansPage {
  constructor(private readonly page: Page) {}

  async openNewApplication(): Promise<void> {
    await this.page.getByRole("link", { name: "Новая заявка", exact: true }).click();
  }

  /** Finds the borrower by her surname and chooses her. */
  async chooseBorrower(surname: string, fullName: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Найти человека по имени, телефону или ИИН" }).fill(surname);
    await this.page.getByRole("button", { name: "Найти", exact: true }).click();
    await this.page.getByRole("button", { name: `Выбрать: ${fullName}`, exact: true }).click();
  }

  field(name: string): Locator {
    return this.page.getByRole("textbox", { name, exact: true });
  }

  /** A date input (it has no textbox role), by its label. */
  dateField(name: string): Locator {
    return this.page.getByLabel(name, { exact: true });
  }

  previewGesv(): Locator {
    return this.page.getByTestId("preview-gesv");
  }

  previewDebtBurden(): Locator {
    return this.page.getByTestId("preview-debt-burden");
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  status(text: string): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  outstanding(): Locator {
    return this.page.getByTestId("loan-outstanding");
  }

  totalOwed(): Locator {
    return this.page.getByTestId("loan-total-owed");
  }
}

/** Minor units of an amount as the screens show it (`150 000,00 ₸`). */
export function minorOf(text: string | null): bigint {
  return BigInt((text ?? "").replace(/[^\d]/g, "") || "0");
}
