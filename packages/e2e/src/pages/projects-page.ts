import type { Locator, Page } from "playwright-core";

/** The project screens, found by their Russian names (demo users read Russian unless they chose otherwise). */
export class ProjectsPage {
  constructor(private readonly page: Page) {}

  projectLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  /** The number shown on an indicator's card (`beneficiaries`, `services`…). */
  indicator(key: string): Locator {
    return this.page.getByTestId(`indicator-${key}-value`);
  }

  async enrol(search: string, fullName: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Имя, телефон или ИИН" }).fill(search);
    await this.page.getByRole("button", { name: "Найти", exact: true }).click();
    await this.page.getByRole("button", { name: `Зачислить: ${fullName}`, exact: true }).click();
  }

  async recordService(fullName: string, kind: string): Promise<void> {
    await this.page.getByRole("combobox", { name: "Благополучатель" }).selectOption({ label: fullName });
    await this.page.getByRole("combobox", { name: "Услуга" }).first().selectOption({ label: kind });
    await this.page.getByRole("button", { name: "Внести", exact: true }).click();
  }

  beneficiariesTable(): Locator {
    return this.page.getByRole("table", { name: "Благополучатели", exact: true });
  }

  notice(text: string): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }
}
