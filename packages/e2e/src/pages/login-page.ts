import type { Locator, Page } from "playwright-core";

/** The login page, as a person sees it. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(`${baseUrl}/login`);
  }

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** Picks a language by its own name: Қазақша, Русский or English. */
  async chooseLanguage(name: "Қазақша" | "Русский" | "English"): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click();
  }

  async documentLanguage(): Promise<string | null> {
    return this.page.locator("html").getAttribute("lang");
  }
}
