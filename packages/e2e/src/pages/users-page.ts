import type { Locator, Page } from "playwright-core";

/**
 * Users and roles. Demo users read Russian unless they chose otherwise, so the controls are found by their
 * Russian names.
 */
export class UsersPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/users`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel("Поиск").fill(text);
  }

  /** The table row of one user, found by her name. */
  row(displayName: string): Locator {
    return this.page.getByRole("row").filter({ hasText: displayName });
  }

  /** Opens the roles of a user, adds one role (a facilitator over the whole organization) and saves. */
  async addFacilitatorRole(displayName: string): Promise<void> {
    await this.page.getByRole("button", { name: `Роли: ${displayName}`, exact: true }).click();
    const dialog = this.page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Добавить роль" }).click();
    await dialog.getByRole("button", { name: "Сохранить роли" }).click();
  }

  /** The notice after a change: saved, or sent for approval. */
  notice(): Locator {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }
}
