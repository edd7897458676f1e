import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { ApprovalsPage } from "./pages/approvals-page";
import { LoginPage } from "./pages/login-page";
import { UsersPage } from "./pages/users-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";

/** Demo users, by the names the demo gives them; they read Russian until they choose another language. */
const demo = {
  administrator: { login: "administrator@moldir.demo", name: "Ләззат Ишмұхамедова" },
  director: { login: "director@moldir.demo", name: "Гүлнар Сейітова" },
  trainer: { login: "trainer@moldir.demo", name: "Жанар Байжанова" },
  meOfficer: { login: "me-officer@moldir.demo", name: "Динара Төлегенова" },
} as const;

describe("people sign in and see what their roles allow", () => {
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

  /** A fresh browser (own cookies), signed in as `login` from the login page at `path`. */
  async function signedIn(login: string, path = "/login"): Promise<Page> {
    const context = await session.newContext("ru-RU");
    contexts.push(context);
    const page = await context.newPage();
    const loginPage = new LoginPage(page);
    await loginPage.open(baseUrl, path);
    await loginPage.signIn(login, demoPassword);
    return page;
  }

  it("signs in and lands on the office shell with the person's name", async () => {
    const page = await signedIn(demo.administrator.login);
    const shell = new AppShell(page);
    await expect.poll(() => shell.userName().textContent()).toBe(demo.administrator.name);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");
    expect(new URL(page.url()).pathname).toBe("/");
  });

  it("goes on to the screen that was asked for before signing in", async () => {
    const context = await session.newContext("ru-RU");
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/audit`);
    await expect.poll(() => new URL(page.url()).search).toBe("?next=%2Faudit");
    await new LoginPage(page).signIn(demo.administrator.login, demoPassword);
    await expect.poll(() => new AppShell(page).heading().textContent()).toBe("Журнал аудита");
  });

  it("refuses a wrong password with the server's message and stays on the login page", async () => {
    const context = await session.newContext("ru-RU");
    contexts.push(context);
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open(baseUrl);
    await login.signIn(demo.director.login, "not-the-password");
    await expect.poll(() => login.failure().isVisible(), { timeout: 20_000 }).toBe(true);
    expect((await login.failure().textContent())?.length ?? 0).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await new AppShell(page).userName().count()).toBe(0);
  });

  it("does not offer a trainer the users screen, and refuses it by address", async () => {
    const page = await signedIn(demo.trainer.login);
    const shell = new AppShell(page);
    await expect.poll(() => shell.userName().textContent()).toBe(demo.trainer.name);
    expect(await shell.navLink("Пользователи и роли").count()).toBe(0);
    expect(await shell.navLink("Журнал аудита").count()).toBe(0);
    expect(await shell.navLink("Мой профиль").count()).toBe(1);

    await shell.open(baseUrl, "/users");
    await expect.poll(() => shell.heading().textContent()).toBe("У вас нет доступа к этому разделу");
    // The server refuses as well: the screen's refusal is not only the browser's.
    const answer = await page.request.get(`${baseUrl}/api/v1/users`);
    expect(answer.status()).toBe(403);
  });

  it("changes a user's roles only after a second administrator approves", async () => {
    // The administrator asks: in the NGO a role change needs a second person.
    const maker = await signedIn(demo.administrator.login, "/login?next=%2Fusers");
    const makerUsers = new UsersPage(maker);
    await expect.poll(() => new AppShell(maker).heading().textContent()).toBe("Пользователи и роли");
    await makerUsers.search(demo.meOfficer.name);
    await expect.poll(() => makerUsers.row(demo.meOfficer.name).count()).toBe(1);
    await makerUsers.addFacilitatorRole(demo.meOfficer.name);
    await expect.poll(() => makerUsers.notice().textContent()).toContain("отправлено на согласование");
    // Nothing changed yet.
    expect(await makerUsers.row(demo.meOfficer.name).textContent()).not.toContain("Фасилитатор");

    // The maker cannot decide her own request.
    const makerInbox = new ApprovalsPage(maker);
    await makerInbox.open(baseUrl);
    await expect.poll(() => makerInbox.request(demo.meOfficer.name).count()).toBe(1);
    expect(
      await makerInbox.request(demo.meOfficer.name).getByRole("button", { name: "Одобрить" }).count(),
    ).toBe(0);

    // The director approves it in her inbox.
    const checker = await signedIn(demo.director.login, "/login?next=%2Fapprovals");
    const inbox = new ApprovalsPage(checker);
    await expect.poll(() => inbox.request(demo.meOfficer.name).count(), { timeout: 20_000 }).toBe(1);
    await inbox.approve(demo.meOfficer.name, "Согласовано с директором");
    await expect.poll(() => inbox.notice().textContent()).toContain("Одобрено");

    // Now the roles have changed.
    const users = new UsersPage(checker);
    await users.open(baseUrl);
    await users.search(demo.meOfficer.name);
    await expect.poll(() => users.row(demo.meOfficer.name).textContent()).toContain("Фасилитатор");
  });
});
