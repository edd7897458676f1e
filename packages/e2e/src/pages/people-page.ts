import type { Locator, Page } from "playwright-core";

/**
 * People: the list, the form for a new person with its likely duplicates, the profile and the merge screen.
 * Demo users read Russian unless they chose otherwise, so the controls are found by their Russian names.
 */
export class PeoplePage {
  constructor(private readonly page: Page) {}

  /** Fills the new-person form: name, birth date and phone (the facts duplicates are found by). */
  async fillNewPerson(person: { surname: string; givenName: string; birthDate: string; phone: string }) {
    await this.page.getByRole("textbox", { name: /^Фамилия/ }).fill(person.surname);
    await this.page.getByRole("textbox", { name: /^Имя/ }).fill(person.givenName);
    await this.page.getByLabel("Дата рождения", { exact: true }).fill(person.birthDate);
    await this.page.getByRole("textbox", { name: "Телефон", exact: true }).fill(person.phone);
  }

  /** The records the form offers as the same woman, before saving. */
  duplicates(): Locator {
    return this.page.getByRole("region", { name: "Возможно, она уже зарегистрирована" });
  }

  async judgeDifferent(name: string): Promise<void> {
    await this.duplicates()
      .getByRole("checkbox", { name: `${name} — другой человек` })
      .check();
  }

  async save(): Promise<void> {
    await this.page.getByRole("button", { name: "Сохранить", exact: true }).click();
  }

  button(name: string): Locator {
    return this.page.getByRole("button", { name, exact: true });
  }

  link(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  /** On the merge screen: the duplicate found by typing, then picked from the list. */
  async pickDuplicate(query: string, label: RegExp): Promise<void> {
    await this.page.getByRole("searchbox", { name: "Найдите дубль" }).fill(query);
    await this.page.getByRole("radio", { name: label }).check();
  }

  status(): Locator {
    return this.page.getByRole("status");
  }
}
