import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";
import { PeoplePage } from "./pages/people-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";
/** The administrator of Moldir Women's Association; four eyes apply there only to role changes. */
const administrator = "administrator@moldir.demo";

describe("an administrator registers a woman once", () => {
  const baseUrl = inject("baseUrl");
  let session: BrowserSession;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });
  afterAll(async () => {
    await session?.close();
  });

  async function signedIn(login: string): Promise<Page> {
    const context = await session.newContext("ru-RU");
    contexts.push(context);
    const page = await context.newPage();
    const loginPage = new LoginPage(page);
    await loginPage.open(baseUrl);
    await loginPage.signIn(login, demoPassword);
    return page;
  }

  it("creates a person, is warned of her duplicate in Latin spelling, and merges the two", async () => {
    const page = await signedIn(administrator);
    const shell = new AppShell(page);
    const people = new PeoplePage(page);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");

    await shell.navLink("Люди").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Люди");
    await people.link("Добавить человека").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Новый человек");
    await people.fillNewPerson({
      surname: "Жұмабаева",
      givenName: "Айнұр",
      birthDate: "1988-04-12",
      phone: "+7 705 111 22 33",
    });
    await people.save();
    await expect.poll(() => shell.heading().textContent(), { timeout: 15_000 }).toBe("Жұмабаева Айнұр");

    // The same woman typed again from a Latin-script document: the form says who she may already be.
    await shell.navLink("Люди").click();
    await people.link("Добавить человека").click();
    await people.fillNewPerson({
      surname: "Zhumabayeva",
      givenName: "Ainur",
      birthDate: "1988-04-12",
      phone: "",
    });
    await expect.poll(() => people.duplicates().isVisible(), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => people.duplicates().getByRole("link", { name: "Жұмабаева Айнұр" }).count())
      .toBe(1);
    // Saved anyway, as if judged someone else, the two records are then merged from the first one.
    await people.judgeDifferent("Жұмабаева Айнұр");
    await people.save();
    await expect.poll(() => shell.heading().textContent(), { timeout: 15_000 }).toBe("Zhumabayeva Ainur");

    await shell.navLink("Люди").click();
    await page.getByRole("searchbox", { name: "Поиск" }).fill("Жұмабаева");
    await people.link("Жұмабаева Айнұр").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Жұмабаева Айнұр");
    await people.link("Объединить с дублем").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Объединить дубль с записью Жұмабаева Айнұр");
    await people.pickDuplicate("Zhumabayeva", /^Zhumabayeva Ainur/);
    await expect.poll(() => page.getByRole("heading", { name: "Сравнение" }).count()).toBe(1);
    await people.button("Объединить").click();
    await expect
      .poll(() => people.status().textContent(), { timeout: 15_000 })
      .toContain("Записи объединены.");

    // The duplicate is gone from the list; the kept record remains.
    await shell.navLink("Люди").click();
    await page.getByRole("searchbox", { name: "Поиск" }).fill("Zhumabayeva");
    await expect.poll(() => people.link("Жұмабаева Айнұр").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => people.link("Zhumabayeva Ainur").count()).toBe(0);
  });
});
