import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { LoginPage } from "./pages/login-page";

describe("a new user opens Moldir", () => {
  const baseUrl = inject("baseUrl");
  let session: BrowserSession;
  let browser: Browser;
  beforeAll(async () => {
    session = await launchBrowser();
    browser = session.browser;
  });
  afterAll(async () => {
    await session?.close();
  });

  it("sees the login page in Russian by default, then in Kazakh and English, and the choice is remembered", async () => {
    const context = await session.newContext("ru-RU");
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open(baseUrl);
    await expect.poll(() => login.heading().textContent()).toBe("Вход в систему");
    expect(await login.documentLanguage()).toBe("ru");

    await login.chooseLanguage("Қазақша");
    await expect.poll(() => login.heading().textContent()).toBe("Жүйеге кіру");
    expect(await login.documentLanguage()).toBe("kk");

    await login.chooseLanguage("English");
    await expect.poll(() => login.heading().textContent()).toBe("Sign in");
    expect(await login.documentLanguage()).toBe("en");

    await page.reload();
    await expect.poll(() => login.heading().textContent()).toBe("Sign in");
    await context.close();
  });

  it("follows the browser's language on a first visit", async () => {
    const context = await session.newContext("kk-KZ");
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open(baseUrl);
    await expect.poll(() => login.heading().textContent()).toBe("Жүйеге кіру");
    await context.close();
  });

  it("finds the API documentation at /docs", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/docs`);
    await expect
      .poll(() => page.locator(".swagger-ui .title").first().textContent(), { timeout: 20_000 })
      .toContain("Moldir API");
    await page.close();
  });
});
