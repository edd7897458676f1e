import type { Locator, Page } from "playwright-core";

/**
 * The federation screens: the tree, a node's page (its groups, fund applications, loans) and the network's
 * dashboard. Demo users read Russian, so the controls are found by their Russian names.
 */
export class FederationsPage {
  constructor(private readonly page: Page) {}

  nodeLink(name: string): Locator {
    return this.page.getByRole("link", { name, exact: true });
  }

  /** A group joins the node from the list of the organization's groups. */
  async joinGroup(groupName: string): Promise<void> {
    await this.page
      .getByRole("combobox", { name: "Группа", exact: true })
      .first()
      .selectOption({ label: groupName });
    await this.page.getByRole("button", { name: "Принять группу", exact: true }).click();
  }

  nodeGroupsTable(): Locator {
    return this.page.getByRole("table", { name: "Группы звена", exact: true });
  }

  /** A group's credit plan of one line: the member, the amount as typed, the purpose (of `group`, if given). */
  async apply(member: string, amount: string, purpose: string, group?: string): Promise<void> {
    await this.page.getByRole("button", { name: "Заявка группы", exact: true }).click();
    if (group !== undefined)
      // The application's form comes after the form that joins a group, which has a «Группа» too.
      await this.page
        .getByRole("combobox", { name: "Группа", exact: true })
        .last()
        .selectOption({ label: group });
    await this.page.getByRole("combobox", { name: "Участница", exact: true }).selectOption({ label: member });
    await this.page.getByRole("textbox", { name: "Сумма", exact: true }).fill(amount);
    await this.page.getByRole("textbox", { name: "Цель", exact: true }).fill(purpose);
    await this.page.getByRole("button", { name: "Сохранить", exact: true }).click();
  }

  alert(): Locator {
    return this.page.getByRole("alert");
  }

  async approve(appraisal: string): Promise<void> {
    await this.page.getByRole("textbox", { name: "Оценка", exact: true }).fill(appraisal);
    await this.page.getByRole("button", { name: "Одобрить", exact: true }).click();
  }

  disburseButton(): Locator {
    return this.page.getByRole("button", { name: "Выдать", exact: true });
  }

  loansTable(): Locator {
    return this.page.getByRole("table", { name: "Займы фондов", exact: true });
  }

  networkTable(): Locator {
    return this.page.getByRole("table", { name: "Сеть партнёров", exact: true });
  }
}
