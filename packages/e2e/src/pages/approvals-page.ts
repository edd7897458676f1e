import type { Locator, Page } from "playwright-core";

/** The approvals inbox, with the Russian names of its controls (see `UsersPage`). */
export class ApprovalsPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/approvals`);
  }

  /** A pending request, found by a text it shows (the name of the person it changes). */
  request(text: string): Locator {
    return this.page.getByRole("article").filter({ hasText: text });
  }

  async approve(text: string, comment: string): Promise<void> {
    const request = this.request(text);
    await request.getByLabel("Комментарий").fill(comment);
    await request.getByRole("button", { name: "Одобрить" }).click();
  }

  notice(): Locator {
    return this.page.getByRole("status").filter({ hasText: /./ });
  }
}
