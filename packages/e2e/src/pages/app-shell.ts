import type { Locator, Page } from "playwright-core";

/** The office shell around every screen of a signed-in person: header, navigation, the screen's heading. */
export class AppShell {
  constructor(private readonly page: Page) {}

  async open(baseUrl: string, path: string): Promise<void> {
    await this.page.goto(`${baseUrl}${path}`);
  }

  /** The signed-in person's name, on the button of her account menu. */
  userName(): Locator {
    return this.page.getByTestId("user-name");
  }

  navigation(): Locator {
    return this.page.getByRole("navigation");
  }

  navLink(name: string): Locator {
    return this.navigation().getByRole("link", { name, exact: true });
  }

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  async signOut(signOutLabel: string): Promise<void> {
    await this.userName().click();
    await this.page.getByRole("menuitem", { name: signOutLabel, exact: true }).click();
  }
}
