import type { Locator, Page } from "playwright-core";

/** The login page, as a person sees it. */
export class LoginPage {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string, path = "/login"): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
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

  /** Fills the form and presses the button, in whatever language the page is shown (by the fields' names). */
  async signIn(login: string, password: string): Promise<void> {
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill(password);
    await this.page.locator('form button[type="submit"]').click();
  }

  /** The refusal shown above the form (a wrong password, a locked account). */
  failure(): Locator {
    return this.page.getByRole("alert");
  }
}
