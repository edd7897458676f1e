import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { GroupsPage } from "./pages/groups-page";
import { LoginPage } from "./pages/login-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";
/** The association's administrator holds every permission there, groups and meetings included. */
const administrator = "administrator@moldir.demo";
const nbsp = "\u00a0";

function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe("a bookkeeper records a meeting of a self-help group", () => {
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

  /** A woman in the register with her consent to group membership, made through the API as the signed-in user. */
  async function personWithConsent(page: Page, surname: string, givenName: string): Promise<string> {
    const sessionAnswer = await page.request.get(`${baseUrl}/api/v1/session`);
    const { csrfToken } = (await sessionAnswer.json()) as { csrfToken: string };
    const headers = { "X-CSRF-Token": csrfToken };
    const created = await page.request.post(`${baseUrl}/api/v1/persons`, {
      headers,
      data: { surname, givenName, sex: "female" },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const consent = await page.request.post(`${baseUrl}/api/v1/persons/${id}/consents`, {
      headers,
      data: { purpose: "membership", givenOn: today(), allowsThirdParties: false, allowsCrossBorder: false },
    });
    expect(consent.status()).toBe(201);
    return id;
  }

  it("forms a group, adds two members, records a meeting, sees the cash and a passbook change, and corrects it", async () => {
    const page = await signedIn(administrator);
    const shell = new AppShell(page);
    const groups = new GroupsPage(page);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");
    await personWithConsent(page, "Жолдасова", "Айгерім");
    await personWithConsent(page, "Нұрланова", "Бибігүл");

    await shell.navLink("Группы").click();
    await expect.poll(() => shell.heading().textContent()).toBe("Группы");
    await groups.formGroup("Бақыт", "500", "100");
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe("Бақыт");

    await groups.addMember("Жолдасова", "Жолдасова Айгерім");
    await expect.poll(() => groups.membersTable().textContent(), { timeout: 20_000 }).toContain("Жолдасова");
    await groups.addMember("Нұрланова", "Нұрланова Бибігүл");
    await expect.poll(() => groups.membersTable().textContent(), { timeout: 20_000 }).toContain("Нұрланова");

    // The meeting: both present with the bylaws' amounts; the cash by the records is shown before counting.
    await page.getByRole("link", { name: "Записать собрание", exact: true }).click();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe("Запись собрания");
    expect(await groups.memberField("Взнос", "Жолдасова Айгерім").inputValue()).toBe("500,00");
    await expect.poll(() => groups.cashComputed().textContent()).toBe(`1${nbsp}200,00${nbsp}₸`);
    await groups.cashCounted().fill("1 150");
    await expect.poll(() => groups.cashDifference().textContent()).toBe(`-50,00${nbsp}₸`);
    expect(await groups.recordButton().isDisabled()).toBe(true);
    await groups.cashCounted().fill("1 200");
    await expect.poll(() => groups.recordButton().isDisabled()).toBe(false);
    await groups.recordButton().click();
    await expect.poll(() => page.getByText("Собрание записано").count(), { timeout: 20_000 }).toBe(1);

    await page.getByRole("link", { name: "Вернуться к группе", exact: true }).click();
    await expect
      .poll(() => groups.groupCash().textContent(), { timeout: 20_000 })
      .toBe(`1${nbsp}200,00${nbsp}₸`);

    await groups.membersTable().getByRole("link", { name: "Жолдасова Айгерім", exact: true }).click();
    await expect
      .poll(() => shell.heading().textContent(), { timeout: 20_000 })
      .toBe("Книжка участницы: Жолдасова Айгерім");
    await expect.poll(() => groups.passbookSavings().textContent()).toBe(`500,00${nbsp}₸`);

    // The meeting was wrong: the bookkeeper reverses it (the last one, so at once) with a reason.
    await page.getByRole("link", { name: "Бақыт", exact: true }).click();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe("Бақыт");
    await page.getByRole("button", { name: /^Сторнировать собрание/ }).click();
    await page.getByRole("textbox", { name: "Почему сторнируется?" }).fill("Взносы записаны не той группе");
    await page.getByRole("button", { name: "Сторнировать собрание", exact: true }).click();
    await expect.poll(() => groups.groupCash().textContent(), { timeout: 20_000 }).toBe(`0,00${nbsp}₸`);
    await expect.poll(() => page.getByText("Сторнировано", { exact: true }).count()).toBe(1);
  });

  /** Calls the API as the signed-in user. */
  async function api(page: Page, path: string, data: unknown): Promise<Record<string, unknown>> {
    const sessionAnswer = await page.request.get(`${baseUrl}/api/v1/session`);
    const { csrfToken } = (await sessionAnswer.json()) as { csrfToken: string };
    const answer = await page.request.post(`${baseUrl}${path}`, {
      headers: { "X-CSRF-Token": csrfToken },
      data,
    });
    expect(answer.status(), await answer.text()).toBeLessThan(300);
    return (await answer.json()) as Record<string, unknown>;
  }

  it("runs the share-out of a savings group: loans settled, a member re-invests, the next cycle starts", async () => {
    const page = await signedIn(administrator);
    const shell = new AppShell(page);
    await expect.poll(() => shell.heading().textContent()).toBe("Главная");
    const formedOn = today();
    const bylaws = {
      methodology: "vsla",
      savingsPerMeetingMinor: "0",
      sharePriceMinor: "10000",
      maxSharesPerMeeting: 5,
      socialFundPerMeetingMinor: "0",
      loanRateBpsPerMonth: 200,
      loanTermMonthsMax: 6,
      loanMaxMultipleOfSavings: 3,
      fines: { late: "0", absent: "0", missed_repayment: "0", other: "0" },
    };
    const group = await api(page, "/api/v1/groups", {
      name: "Жұлдыз",
      methodology: "vsla",
      frequency: "weekly",
      formedOn,
      bylaws,
    });
    const groupId = String(group.id);
    for (const [surname, givenName] of [
      ["Серікова", "Дана"],
      ["Тұрарова", "Ләззат"],
    ] as const) {
      const personId = await personWithConsent(page, surname, givenName);
      await api(page, `/api/v1/groups/${groupId}/members`, { personId, joinedOn: formedOn });
    }
    const detail = (await (await page.request.get(`${baseUrl}/api/v1/groups/${groupId}`)).json()) as {
      members: { id: string }[];
    };
    const [first, second] = detail.members.map((m) => m.id);
    await api(page, `/api/v1/groups/${groupId}/meetings`, {
      id: crypto.randomUUID(),
      heldOn: today(),
      attendance: [],
      shares: [
        { memberId: first, shares: 3 },
        { memberId: second, shares: 1 },
      ],
      cashCountedMinor: "40000",
    });

    await page.goto(`${baseUrl}/groups/${groupId}/share-out`);
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe("Раздел");
    await page.getByRole("textbox", { name: "Пересчитанная наличность" }).fill("400");
    await page.getByRole("button", { name: "Далее", exact: true }).click();
    await page.getByRole("textbox", { name: "Доли, которые реинвестирует Серікова Дана" }).fill("2");
    await page.getByRole("button", { name: "Далее", exact: true }).click();
    const payouts = page.getByRole("table", { name: "Выплаты", exact: true });
    await expect.poll(() => payouts.textContent(), { timeout: 20_000 }).toContain(`100,00${nbsp}₸`);
    await page.getByRole("button", { name: "Подтвердить раздел", exact: true }).click();
    await expect.poll(() => page.getByText("Цикл 1 разделён").count(), { timeout: 20_000 }).toBe(1);
    await expect
      .poll(() => page.getByRole("link", { name: "Лист раздела (PDF)" }).count())
      .toBeGreaterThan(0);
  });
});
