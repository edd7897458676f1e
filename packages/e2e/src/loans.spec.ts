import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type BrowserSession, launchBrowser } from "./browser";
import { AppShell } from "./pages/app-shell";
import { ApprovalsPage } from "./pages/approvals-page";
import { LoansPage, minorOf } from "./pages/loans-page";
import { LoginPage } from "./pages/login-page";

/** The demo's password, the same for every demo user: demo only (see README). */
const demoPassword = "moldir-demo-2026";
const loanOfficer = "loan-officer@moldir.demo";
const creditCommittee = "credit-committee@moldir.demo";
/** The accountant works in the association and in the micro-credit organization; she lands in the first. */
const accountant = "accountant@moldir.demo";
/** The administrator works in both organizations too. */
const administrator = "administrator@moldir.demo";

/** A plain date `daysAgo` days before today, in the browser's (and this process's) time zone. */
function today(daysAgo = 0): string {
  const now = new Date(Date.now() - daysAgo * 86_400_000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe("a loan from application to disbursement to repayment", () => {
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
    await expect.poll(() => new AppShell(page).heading().textContent(), { timeout: 20_000 }).toBe("Главная");
    return page;
  }

  async function csrfOf(page: Page): Promise<Record<string, string>> {
    const answer = await page.request.get(`${baseUrl}/api/v1/session`);
    const { csrfToken } = (await answer.json()) as { csrfToken: string };
    return { "X-CSRF-Token": csrfToken };
  }

  /** A woman in the register with her consent to credit checks, made through the API as the signed-in officer. */
  async function borrowerWithConsent(page: Page, surname: string, givenName: string): Promise<string> {
    const headers = await csrfOf(page);
    const created = await page.request.post(`${baseUrl}/api/v1/persons`, {
      headers,
      data: { surname, givenName, sex: "female" },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const consent = await page.request.post(`${baseUrl}/api/v1/persons/${id}/consents`, {
      headers,
      data: { purpose: "credit", givenOn: today(), allowsThirdParties: false, allowsCrossBorder: false },
    });
    expect(consent.status()).toBe(201);
    return id;
  }

  /** Signs in one who works in both organizations and moves her to the micro-credit organization. */
  async function signedInToMco(login: string): Promise<Page> {
    const page = await signedIn(login);
    const sessionAnswer = await page.request.get(`${baseUrl}/api/v1/session`);
    const { organizations } = (await sessionAnswer.json()) as {
      organizations: { orgId: string; kind: string }[];
    };
    const mco = organizations.find((organization) => organization.kind === "mco");
    const switched = await page.request.post(`${baseUrl}/api/v1/session/organization`, {
      headers: await csrfOf(page),
      data: { orgId: mco?.orgId },
    });
    expect(switched.status()).toBe(200);
    return page;
  }

  /** A POST as the signed-in user of `page`, expected to succeed; answers its JSON. */
  async function posted(page: Page, path: string, data: unknown): Promise<Record<string, unknown>> {
    const answer = await page.request.post(`${baseUrl}${path}`, { headers: await csrfOf(page), data });
    expect(answer.status(), await answer.text()).toBeLessThan(300);
    return (await answer.json()) as Record<string, unknown>;
  }

  it("the officer applies seeing the preview, the committee approves, the accountant disburses, the officer is repaid", async () => {
    // The loan officer takes the application.
    const officerPage = await signedIn(loanOfficer);
    const shell = new AppShell(officerPage);
    const loans = new LoansPage(officerPage);
    await borrowerWithConsent(officerPage, "Сейсенова", "Гаухар");
    await shell.navLink("Займы").click();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe("Займы");
    await loans.openNewApplication();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toBe("Новая заявка на заём");
    await loans.chooseBorrower("Сейсенова", "Сейсенова Гаухар");
    await loans.field("Сумма, ₸").fill("200 000");
    await loans.field("Платежей").fill("6");
    await loans.field("Доход в месяц, ₸").fill("300 000");
    await loans.field("Расходы в месяц, ₸").fill("100 000");
    await loans.field("Цель займа").fill("Швейная машина");
    // The preview comes before anything is saved: the GESV and the debt burden against its limit.
    await expect.poll(() => loans.previewGesv().count(), { timeout: 20_000 }).toBe(1);
    expect(await loans.previewGesv().textContent()).toMatch(/^\d+(,\d)?\s%$/);
    expect(await loans.previewDebtBurden().textContent()).toContain("при пределе 50");
    await loans.button("Отправить заявку").click();
    await expect.poll(() => shell.heading().textContent(), { timeout: 20_000 }).toMatch(/^Заём № \d+$/);
    const loanUrl = officerPage.url();

    // A member of the credit committee approves it with a comment.
    const committeePage = await signedIn(creditCommittee);
    await committeePage.goto(loanUrl);
    const committee = new LoansPage(committeePage);
    await committeePage.getByRole("textbox", { name: "Комментарий" }).fill("Доход подтверждён");
    await committee.button("Одобрить").click();
    await expect.poll(() => committee.status("Заём одобрен.").count(), { timeout: 20_000 }).toBe(1);

    // The accountant, in the micro-credit organization, pays it out in cash; the cash left the office two
    // weeks ago, and the borrower pays part of it back today.
    const accountantPage = await signedIn(accountant);
    const sessionAnswer = await accountantPage.request.get(`${baseUrl}/api/v1/session`);
    const { organizations } = (await sessionAnswer.json()) as {
      organizations: { orgId: string; kind: string }[];
    };
    const mco = organizations.find((organization) => organization.kind === "mco");
    const switched = await accountantPage.request.post(`${baseUrl}/api/v1/session/organization`, {
      headers: await csrfOf(accountantPage),
      data: { orgId: mco?.orgId },
    });
    expect(switched.status()).toBe(200);
    await accountantPage.goto(loanUrl);
    const cashier = new LoansPage(accountantPage);
    await cashier.dateField("Дата выдачи").fill(today(14));
    await cashier.button("Выдать заём").click();
    await expect
      .poll(() => cashier.status("Заём выдан и проведён в учёте.").count(), { timeout: 20_000 })
      .toBe(1);

    // The officer records a repayment and sees the balance fall.
    await officerPage.reload();
    await expect
      .poll(async () => minorOf(await loans.outstanding().textContent()), { timeout: 20_000 })
      .toBe(20_000_000n);
    await loans.field("Сумма, ₸").fill("50 000");
    await loans.button("Принять платёж").click();
    await expect
      .poll(() => loans.status("Платёж принят и проведён в учёте.").count(), { timeout: 20_000 })
      .toBe(1);
    await expect
      .poll(async () => minorOf(await loans.outstanding().textContent()), { timeout: 20_000 })
      .toBeLessThan(20_000_000n);
  });

  it("a write-off asked by one member of the committee waits for a second person, who approves it in the inbox", async () => {
    // A running loan, made through the API: the officer applies, the committee approves, the accountant pays.
    const officerPage = await signedIn(loanOfficer);
    const personId = await borrowerWithConsent(officerPage, "Жанұзақова", "Әсел");
    const products = (await (await officerPage.request.get(`${baseUrl}/api/v1/loan-products`)).json()) as {
      items: {
        id: string;
        active: boolean;
        clientKind: string;
        settings: { minPrincipalMinor: string; minInstallments: number };
      }[];
    };
    const product = products.items.find((p) => p.active && p.clientKind === "individual");
    expect(product).toBeDefined();
    const loan = await posted(officerPage, "/api/v1/loans", {
      productId: product?.id,
      personId,
      principalMinor: product?.settings.minPrincipalMinor,
      installments: product?.settings.minInstallments,
      expectedDisbursementOn: today(40),
      purpose: "Теплица",
      monthlyIncomeMinor: "50000000",
      monthlyExpensesMinor: "0",
    });
    const loanId = String(loan.id);
    const committeePage = await signedIn(creditCommittee);
    await posted(committeePage, `/api/v1/loans/${loanId}/decision`, {
      decision: "approve",
      comment: "Доход подтверждён",
      version: loan.version,
    });
    const accountantPage = await signedInToMco(accountant);
    await posted(accountantPage, `/api/v1/loans/${loanId}/disbursements`, {
      valueDate: today(40),
      channel: "cash",
    });

    // A member of the committee asks on the loan's page; nothing is written off yet.
    const reason = `Заёмщица уехала из района (${Date.now()})`;
    await committeePage.goto(`${baseUrl}/loans/${loanId}`);
    const committee = new LoansPage(committeePage);
    await committeePage.getByRole("textbox", { name: "Почему заём нужно списать" }).fill(reason);
    await committee.button("Запросить списание").click();
    await expect
      .poll(() => committee.status("Списание ждёт утверждения").count(), { timeout: 20_000 })
      .toBe(1);

    // The administrator of the micro-credit organization approves it in the approvals inbox.
    const adminPage = await signedInToMco(administrator);
    const approvals = new ApprovalsPage(adminPage);
    await approvals.open(baseUrl);
    await expect.poll(() => approvals.request(reason).count(), { timeout: 20_000 }).toBe(1);
    await approvals.approve(reason, "Согласовано");
    await expect.poll(() => approvals.request(reason).count(), { timeout: 20_000 }).toBe(0);
    await adminPage.goto(`${baseUrl}/loans/${loanId}`);
    await expect
      .poll(() => adminPage.getByRole("heading", { name: "Возврат списанного" }).count(), { timeout: 20_000 })
      .toBe(1);
  });
});
