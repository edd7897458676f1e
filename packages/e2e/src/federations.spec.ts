import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { FederationsPage } from "./pages/federations-page";
import { LoginPage } from "./pages/login-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";
const administrator = "administrator@moldir.demo";
const coordinator = "network-coordinator@moldir.demo";
const village = "Бесағаш ауылдық ұйымы";

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const bylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: "50000",
  sharePriceMinor: "0",
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: "0",
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "0", absent: "0", missed_repayment: "0", other: "0" },
};

describe("a federation lends from its community fund to a group", () => {
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

  /** Calls the API as the signed-in user (for what the spec does not test through the screens). */
  async function api(
    page: Page,
    method: "post" | "put",
    path: string,
    data: unknown,
  ): Promise<{ id: string }> {
    const sessionAnswer = await page.request.get(`${baseUrl}/api/v1/session`);
    const { csrfToken } = (await sessionAnswer.json()) as { csrfToken: string };
    const response = await page.request[method](`${baseUrl}${path}`, {
      headers: { "X-CSRF-Token": csrfToken },
      data,
    });
    expect(response.status(), await response.text()).toBeLessThan(300);
    return (await response.json()) as { id: string };
  }

  it("joins a group to a village organization, refuses an ineligible plan with the reason, approves and disburses", async () => {
    const page = await signedIn(administrator);
    const shell = new AppShell(page);
    const federations = new FederationsPage(page);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");
    // A new group with one consenting member, through the API.
    const person = await api(page, "post", "/api/v1/persons", {
      surname: "Сейітова",
      givenName: "Гүлмира",
      sex: "female",
    });
    await api(page, "post", `/api/v1/persons/${person.id}/consents`, {
      purpose: "membership",
      givenOn: today(),
      allowsThirdParties: false,
      allowsCrossBorder: false,
    });
    const group = await api(page, "post", "/api/v1/groups", {
      name: "Шұғыла",
      methodology: "shg",
      frequency: "weekly",
      formedOn: today(),
      bylaws,
    });
    await api(page, "post", `/api/v1/groups/${group.id}/members`, { personId: person.id, joinedOn: today() });

    await shell.navLink("Федерации").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Федерации");
    await federations.nodeLink(village).click();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe(village);

    await federations.joinGroup("Шұғыла");
    await expect
      .poll(() => federations.nodeGroupsTable().textContent(), { timeout: 20_000 })
      .toContain("Шұғыла");

    // A new group has no record yet and grades C: the default rules (A or B) refuse it and say why.
    // The demo's own groups of the village are in the node too: the plan names its group.
    await federations.apply("Сейітова Гүлмира", "1 000", "Швейная машина", "Шұғыла");
    await expect
      .poll(() => federations.alert().textContent(), { timeout: 20_000 })
      .toContain("Рейтинг группы C: фонд выдаёт только группам с рейтингом A, B.");

    // The village organization opens its fund to young groups; the same plan is then accepted.
    const nodes = (await (await page.request.get(`${baseUrl}/api/v1/federation-nodes`)).json()) as {
      items: { id: string; name: string }[];
    };
    const nodeId = nodes.items.find((n) => n.name === village)?.id ?? "";
    await api(page, "put", `/api/v1/federation-nodes/${nodeId}/fund-rules`, {
      fund: "cif",
      effectiveFrom: today(),
      rules: {
        allowedGrades: ["A", "B", "C"],
        regularMonthsMin: 0,
        amountMaxMinor: "10000000",
        termMonthsMax: 24,
        rateBpsPerMonth: 100,
      },
    });
    await page.getByRole("button", { name: "Сохранить", exact: true }).click();
    await expect.poll(() => page.getByText("Ждёт решения").count(), { timeout: 20_000 }).toBe(1);
    await federations.approve("План реальный, группа надёжная");
    await expect.poll(() => page.getByText("Одобрена").count(), { timeout: 20_000 }).toBe(1);
    await federations.disburseButton().click();
    await expect.poll(() => federations.loansTable().textContent(), { timeout: 20_000 }).toContain("Шұғыла");
  });

  it("shows the network's coordinator what partners share, and that one shares nothing", async () => {
    const page = await signedIn(coordinator);
    const shell = new AppShell(page);
    const federations = new FederationsPage(page);
    await shell.navLink("Сеть").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Сеть партнёров");
    await expect
      .poll(() => federations.networkTable().textContent(), { timeout: 20_000 })
      .toContain("Ничего не открывает");
    expect(await federations.networkTable().textContent()).toContain("«Мөлдір» әйелдер қауымдастығы");
  });
});
