import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { LoginPage } from "./pages/login-page";
import { ProjectsPage } from "./pages/projects-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";
/** The association's programme manager registers and enrols people and records services. */
const programManager = "program-manager@moldir.demo";
/** The demo's project for women, running through the current year. */
const projectName = "Экономические возможности женщин / Women's economic empowerment";

describe("a programme manager enrols a woman in a project and records a service for her", () => {
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

  /** A woman in the register who consented to take part in projects, made through the API. */
  async function consentingWoman(page: Page, surname: string, givenName: string): Promise<void> {
    const sessionAnswer = await page.request.get(`${baseUrl}/api/v1/session`);
    const { csrfToken } = (await sessionAnswer.json()) as { csrfToken: string };
    const headers = { "X-CSRF-Token": csrfToken };
    const created = await page.request.post(`${baseUrl}/api/v1/persons`, {
      headers,
      data: { surname, givenName, sex: "female", birthDate: "1991-02-02" },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const consent = await page.request.post(`${baseUrl}/api/v1/persons/${id}/consents`, {
      headers,
      data: {
        purpose: "project",
        givenOn: `${new Date().getFullYear()}-01-01`,
        allowsThirdParties: false,
        allowsCrossBorder: false,
      },
    });
    expect(consent.status()).toBe(201);
  }

  it("enrols a beneficiary, records a consultation, and sees the indicators move", async () => {
    const page = await signedIn(programManager);
    const shell = new AppShell(page);
    const projects = new ProjectsPage(page);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");
    await consentingWoman(page, "Сейітова", "Ақбота");
    await shell.navLink("Проекты").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Проекты");
    await projects.projectLink(projectName).click();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe(projectName);

    await expect
      .poll(() => projects.indicator("beneficiaries").textContent(), { timeout: 20_000 })
      .toMatch(/\d/);
    const beneficiariesBefore = Number(await projects.indicator("beneficiaries").textContent());
    const servicesBefore = Number(await projects.indicator("services").textContent());

    await projects.enrol("Сейітова", "Сейітова Ақбота");
    await expect.poll(() => projects.notice("зачислена").count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => projects.beneficiariesTable().textContent(), { timeout: 20_000 })
      .toContain("Сейітова Ақбота");
    await expect
      .poll(() => projects.indicator("beneficiaries").textContent(), { timeout: 20_000 })
      .toBe(String(beneficiariesBefore + 1));

    await projects.recordService("Сейітова Ақбота", "Консультация");
    await expect.poll(() => projects.notice("Услуга внесена").count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => projects.indicator("services").textContent(), { timeout: 20_000 })
      .toBe(String(servicesBefore + 1));
  });
});
