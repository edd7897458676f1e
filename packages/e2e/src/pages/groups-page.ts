import type { Locator, Page } from "playwright-core";

/**
 * The self-help groups: the list, a group's page, the meeting screen and a passbook. Demo users read Russian
 * unless they chose otherwise, so the controls are found by their Russian names.
 */
export class GroupsPage {
  constructor(private readonly page: Page) {}

  /** Forms an SHG from the list: its name and the amounts of its bylaws, typed as a bookkeeper would. */
  async formGroup(name: string, savings: string, socialFund: string): Promise<void> {
    await this.page.getByRole("button", { name: "Создать группу", exact: true }).click();
    await this.page.getByRole("textbox", { name: "Группа", exact: true }).fill(name);
    await this.page.getByRole("textbox", { name: "Взнос на собрании", exact: true }).fill(savings);
    await this.page
      .getByRole("textbox", { name: "Социальный фонд за собрание", exact: true })
      .fill(socialFund);
    await this.page.getByRole("button", { name: "Создать группу", exact: true }).click();
  }

  /** Finds a person by her surname and adds her to the group. */
  async addMember(surname: string, fullName: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Найти человека" }).fill(surname);
    await this.page.getByRole("button", { name: "Найти", exact: true }).click();
    await this.page.getByRole("button", { name: `Добавить ${fullName} в группу`, exact: true }).click();
  }

  membersTable(): Locator {
    return this.page.getByRole("table", { name: "Участницы", exact: true });
  }

  /** A field of a member's row on the meeting screen ("Взнос", "Соцфонд", "Штраф"…). */
  memberField(column: string, fullName: string): Locator {
    return this.page.getByRole("textbox", { name: `${column}, ${fullName}`, exact: true });
  }

  cashCounted(): Locator {
    return this.page.getByRole("textbox", { name: "Пересчитано в кассе" });
  }

  cashComputed(): Locator {
    return this.page.getByTestId("cash-computed");
  }

  cashDifference(): Locator {
    return this.page.getByTestId("cash-difference");
  }

  recordButton(): Locator {
    return this.page.getByRole("button", { name: "Записать собрание", exact: true });
  }

  groupCash(): Locator {
    return this.page.getByTestId("group-cash");
  }

  passbookSavings(): Locator {
    return this.page.getByTestId("passbook-savings");
  }
}
