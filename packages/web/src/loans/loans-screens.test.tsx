import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { todayPlainDate } from "../ledger/ledger-api";
import { apiError, fakeApi, json, type RecordedRequest } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import {
  buildLoan,
  loanId,
  loanPanels,
  officerId,
  personId,
  preview,
  product,
  productId,
  summary,
} from "./loan-test-fixtures";
import type { LoanDetail } from "./loans-api";

const field = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
const sent = (requests: readonly RecordedRequest[], method: string, suffix: string) =>
  requests.filter((request) => request.method === method && request.path.split("?")[0]?.endsWith(suffix));

describe("loans in the navigation and the list", () => {
  it("shows Loans to a loan officer and hides it from a facilitator", async () => {
    fakeApi({});
    const { unmount } = renderWithApp(<App />, {
      locale: "kk",
      path: "/",
      session: buildSession(["loan_officer"]),
    });
    expect(await screen.findByRole("link", { name: "Қарыздар" }, { timeout: 5000 })).toBeTruthy();
    unmount();
    renderWithApp(<App />, { locale: "kk", path: "/", session: buildSession(["facilitator"]) });
    await screen.findByRole("heading", { level: 1 }, { timeout: 5000 });
    expect(screen.queryByRole("link", { name: "Қарыздар" })).toBeNull();
  });

  it("lists loans with their arrears and filters them by status and search", async () => {
    const requests = fakeApi({
      "GET /api/v1/loans": json({ items: [summary], nextCursor: "7" }),
      "GET /api/v1/loans?status=active&q=Akhm&after=7&limit=25": json({ items: [], nextCursor: null }),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans", session: buildSession(["loan_officer"]) });
    const row = (await screen.findByRole("link", { name: "7" }, { timeout: 5000 })).closest("tr");
    expect(row?.textContent).toContain("Akhmetova Gulnar");
    expect(row?.textContent).toContain("₸60,000.00");
    expect(row?.textContent).toContain("12 days overdue");
    expect(screen.getByRole("link", { name: "New application" })).toBeTruthy();

    fireEvent.click(screen.getByRole("tab", { name: "Active" }));
    await waitFor(() => expect(requests.at(-1)?.path).toBe("/api/v1/loans?status=active&limit=25"));
    type("Borrower or loan number", "Akhm");
    fireEvent.click(screen.getByRole("button", { name: "Search" }));
    await waitFor(() => expect(requests.at(-1)?.path).toBe("/api/v1/loans?status=active&q=Akhm&limit=25"));
    fireEvent.click(await screen.findByRole("button", { name: "Show more" }));
    await waitFor(() =>
      expect(requests.at(-1)?.path).toBe("/api/v1/loans?status=active&q=Akhm&after=7&limit=25"),
    );
  });

  it("says what to do when there is no loan yet", async () => {
    fakeApi({ "GET /api/v1/loans": json({ items: [], nextCursor: null }) });
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans",
      session: buildSession(["credit_committee_member"]),
    });
    expect(await screen.findByText("No loans yet", {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText("Loan officers take applications; they will appear here.")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "New application" })).toBeNull();
  });
});

describe("a new application", () => {
  function officerApplies(previewAnswer: Parameters<typeof fakeApi>[0][string]) {
    const requests = fakeApi({
      "GET /api/v1/loan-products": json({ items: [product] }),
      "POST /api/v1/persons/search": json({
        items: [
          {
            id: personId,
            surname: "Akhmetova",
            givenName: "Gulnar",
            patronymic: null,
            iinMasked: null,
          },
        ],
        nextCursor: null,
      }),
      "POST /api/v1/loans/preview": previewAnswer,
      [`GET /api/v1/persons/${personId}/credit-history`]: json({ loans: [], groups: [] }),
      "POST /api/v1/loans": json(buildLoan({ status: "applied" }), 201),
      [`GET /api/v1/loans/${loanId}`]: json(buildLoan({ status: "applied" })),
    });
    const view = renderWithApp(<App />, {
      locale: "en",
      path: "/loans/new",
      session: buildSession(["loan_officer"]),
    });
    return { requests, ...view };
  }

  it("previews the schedule, GESV and debt burden in tiyn, then sends the application", async () => {
    const { requests, location } = officerApplies(json(preview));
    await screen.findByRole("textbox", { name: "Find a person by name, phone or IIN" }, { timeout: 5000 });
    type("Find a person by name, phone or IIN", "Akhm");
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: "Choose: Akhmetova Gulnar" }));
    type("Amount, ₸", "100,000");
    type("Installments", "12");
    type("Monthly income, ₸", "300,000");
    type("Monthly expenses, ₸", "100,000");
    type("Purpose of the loan", "A cow");
    expect(await screen.findByTestId("preview-gesv", {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getByTestId("preview-gesv").textContent).toBe("34.5%");
    expect(screen.getByTestId("preview-debt-burden").textContent).toBe("17.17% of at most 50%");
    const body = sent(requests, "POST", "/loans/preview").at(-1)?.body;
    expect(body).toEqual({
      productId,
      personId,
      principalMinor: "10000000",
      installments: 12,
      expectedDisbursementOn: todayPlainDate(),
      firstRepaymentOn: null,
      purpose: "A cow",
      monthlyIncomeMinor: "30000000",
      monthlyExpensesMinor: "10000000",
    });
    fireEvent.click(screen.getByRole("button", { name: "Send the application" }));
    await waitFor(() => expect(location.history?.at(-1)).toBe(`/loans/${loanId}`));
    expect(sent(requests, "POST", "/api/v1/loans")[0]?.body).toEqual(body);
  });

  it("shows the refusal before anything is saved, at the field it names", async () => {
    officerApplies(
      apiError(
        "debt_burden_must_not_exceed_limit",
        "Payments would take 60 % of income; at most 50 %.",
        422,
        {
          field: "monthlyIncomeMinor",
        },
      ),
    );
    await screen.findByRole("textbox", { name: "Find a person by name, phone or IIN" }, { timeout: 5000 });
    type("Find a person by name, phone or IIN", "Akhm");
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: "Choose: Akhmetova Gulnar" }));
    type("Amount, ₸", "100000");
    type("Monthly income, ₸", "10000");
    type("Purpose of the loan", "A cow");
    const alert = await screen.findByRole("alert", {}, { timeout: 3000 });
    expect(alert.textContent).toContain("This application would be refused");
    expect(field("Monthly income, ₸").getAttribute("aria-invalid")).toBe("true");
  });

  it("will not send an application without a borrower", async () => {
    const { requests } = officerApplies(json(preview));
    await screen.findByRole("textbox", { name: "Find a person by name, phone or IIN" }, { timeout: 5000 });
    fireEvent.click(screen.getByRole("button", { name: "Send the application" }));
    expect(await screen.findByText("Choose the borrower.")).toBeTruthy();
    expect(sent(requests, "POST", "/api/v1/loans")).toEqual([]);
  });
});

describe("a loan", () => {
  function at(
    roles: Parameters<typeof buildSession>[0],
    loan: LoanDetail,
    routes: Parameters<typeof fakeApi>[0] = {},
  ) {
    const requests = fakeApi({ ...loanPanels, [`GET /api/v1/loans/${loanId}`]: json(loan), ...routes });
    renderWithApp(<App />, { locale: "en", path: `/loans/${loanId}`, session: buildSession(roles) });
    return requests;
  }

  it("shows the schedule with what is paid and outstanding, and the events", async () => {
    at(["loan_officer"], buildLoan());
    const schedule = await screen.findByRole("table", { name: "Schedule" }, { timeout: 5000 });
    const rows = within(schedule).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("₸51,500.00");
    expect(rows[2]?.textContent).toContain("₸51,500.00");
    expect(screen.getByTestId("loan-outstanding").textContent).toBe("₸60,000.00");
    const events = screen.getByRole("table", { name: "Events" });
    expect(events.textContent).toContain("Disbursement");
    expect(events.textContent).toContain("Bank account");
  });

  it("replays the loan to another date when one is chosen", async () => {
    const requests = at(["loan_officer"], buildLoan());
    const asOf = await screen.findByLabelText("As of", {}, { timeout: 5000 });
    fireEvent.change(asOf, { target: { value: "2026-02-20" } });
    await waitFor(() => expect(requests.at(-1)?.path).toBe(`/api/v1/loans/${loanId}?asOf=2026-02-20`));
  });

  it("lets the committee decide only with a comment, sending the loan's version", async () => {
    const requests = at(["credit_committee_member"], buildLoan({ status: "applied", disbursedOn: null }), {
      [`POST /api/v1/loans/${loanId}/decision`]: json(buildLoan({ status: "approved" })),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Approve" }, { timeout: 5000 }));
    expect(await screen.findByText("Fill this in.")).toBeTruthy();
    expect(sent(requests, "POST", "/decision")).toEqual([]);
    fireEvent.change(screen.getByRole("textbox", { name: "Comment" }), { target: { value: "Good history" } });
    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    await screen.findByText("The loan was approved.");
    expect(sent(requests, "POST", "/decision")[0]?.body).toEqual({
      decision: "approve",
      comment: "Good history",
      version: 3,
    });
  });

  it("shows the server's refusal of a decision by the applicant", async () => {
    at(["credit_committee_member"], buildLoan({ status: "applied" }), {
      [`POST /api/v1/loans/${loanId}/decision`]: apiError(
        "loan_must_be_decided_by_another_user",
        "Someone other than the applicant must decide.",
        409,
      ),
    });
    fireEvent.change(await screen.findByRole("textbox", { name: "Comment" }, { timeout: 5000 }), {
      target: { value: "ok" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Reject" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Someone other than the applicant must decide.",
    );
  });

  it("lets the accountant disburse an approved loan to a bank account", async () => {
    const requests = at(["accountant"], buildLoan({ status: "approved", disbursedOn: null, events: [] }), {
      [`POST /api/v1/loans/${loanId}/disbursements`]: json(buildLoan()),
    });
    fireEvent.change(await screen.findByRole("combobox", { name: "Paid out" }, { timeout: 5000 }), {
      target: { value: "bank" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Disburse" }));
    await screen.findByText("The loan was disbursed and posted to the books.");
    expect(sent(requests, "POST", "/disbursements")[0]?.body).toEqual({
      valueDate: todayPlainDate(),
      channel: "bank",
    });
  });

  it("quotes the payoff for a date and records it as an early repayment in tiyn", async () => {
    const requests = at(["loan_officer"], buildLoan(), {
      [`GET /api/v1/loans/${loanId}/payoff`]: json({
        on: "2026-03-01",
        dueMinor: "0",
        currentInterestMinor: "20000",
        futurePrincipalMinor: "5100000",
        totalMinor: "5120050",
      }),
      [`POST /api/v1/loans/${loanId}/repayments`]: json(buildLoan()),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Get the quote" }, { timeout: 5000 }));
    expect((await screen.findByTestId("payoff-total")).textContent).toBe("₸51,200.50");
    fireEvent.click(screen.getByRole("button", { name: "Pay this amount" }));
    expect(field("Amount, ₸").value).toBe("51200.50");
    fireEvent.click(screen.getByRole("button", { name: "Record the payment" }));
    await screen.findByText("The payment was recorded and posted to the books.");
    expect(sent(requests, "POST", "/repayments")[0]?.body).toEqual({
      valueDate: "2026-03-01",
      amountMinor: "5120050",
      channel: "cash",
      kind: "prepayment",
      strategy: "reduce_installment",
    });
  });

  it("shows a payment larger than owed refused at the amount", async () => {
    at(["loan_officer"], buildLoan(), {
      [`POST /api/v1/loans/${loanId}/repayments`]: apiError(
        "payment_must_not_exceed_amount_owed",
        "The payment is more than is owed.",
        422,
        { field: "amountMinor" },
      ),
    });
    await screen.findByRole("textbox", { name: "Amount, ₸" }, { timeout: 5000 });
    type("Amount, ₸", "999999");
    fireEvent.click(screen.getByRole("button", { name: "Record the payment" }));
    expect(await screen.findByText("The payment is more than is owed.")).toBeTruthy();
    expect(field("Amount, ₸").getAttribute("aria-invalid")).toBe("true");
  });

  it("asks for a reversal of a repayment with a reason", async () => {
    const requests = at(["loan_officer"], buildLoan(), {
      [`POST /api/v1/loans/${loanId}/events/0190a000-0000-7000-8000-0000000010e2/reversal`]: json(
        { status: "pending_approval", approvalId: "0190a000-0000-7000-8000-0000000010f1" },
        202,
      ),
    });
    const events = await screen.findByRole("table", { name: "Events" }, { timeout: 5000 });
    // A disbursement is not reversed this way: only the repayment offers it.
    expect(within(events).getAllByRole("button", { name: "Ask to reverse" })).toHaveLength(1);
    fireEvent.click(within(events).getByRole("button", { name: "Ask to reverse" }));
    type("Why it must be reversed", "Typed twice");
    fireEvent.click(screen.getByRole("button", { name: "Send for approval" }));
    await screen.findByText(/waits for a second person's approval/);
    expect(sent(requests, "POST", "/reversal")[0]?.body).toEqual({ reason: "Typed twice" });
  });
});

describe("loan products", () => {
  it("creates a product with sensible defaults and shows a broken cap at the rate", async () => {
    const requests = fakeApi({
      "POST /api/v1/loan-products": apiError(
        "gesv_must_not_exceed_cap",
        "The GESV 60.2 % exceeds the cap of 56 %.",
        422,
        { field: "interestRatePercent" },
      ),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans/products/new",
      session: buildSession(["loan_officer"]),
    });
    await screen.findByRole("heading", { level: 1, name: "New loan product" }, { timeout: 5000 });
    expect(field("Smallest amount, ₸").value).toBe("50000");
    fireEvent.click(screen.getByRole("button", { name: "Create the product" }));
    expect(await screen.findByText("Please correct the marked fields.")).toBeTruthy();
    expect(field("Code").getAttribute("aria-invalid")).toBe("true");
    type("Code", "BEREKE");
    type("Name in Kazakh", "Береке");
    type("Name in Russian", "Береке");
    type("Name in English", "Bereke");
    type("Interest rate, %", "4,5");
    fireEvent.click(screen.getByRole("button", { name: "Create the product" }));
    expect(await screen.findByText("The GESV 60.2 % exceeds the cap of 56 %.")).toBeTruthy();
    expect(field("Interest rate, %").getAttribute("aria-invalid")).toBe("true");
    const body = sent(requests, "POST", "/loan-products")[0]?.body as { settings: Record<string, unknown> };
    expect(body.settings).toMatchObject({
      minPrincipalMinor: "5000000",
      maxPrincipalMinor: "50000000",
      interestRatePercent: "4.5",
      amountMultipleMinor: "100",
      installmentMultipleMinor: null,
    });
  });
});

describe("a product's settings and the lending rules", () => {
  it("sends a change of settings as a new version for a second person to approve", async () => {
    const requests = fakeApi({
      [`GET /api/v1/loan-products/${productId}`]: json({
        ...product,
        versions: [
          {
            version: 1,
            settings: product.settings,
            createdAt: "2026-01-01T00:00:00Z",
            createdBy: officerId,
            approvedBy: null,
          },
        ],
      }),
      [`PUT /api/v1/loan-products/${productId}/settings`]: json(
        { status: "pending_approval", approvalId: "0190a000-0000-7000-8000-0000000010f2" },
        202,
      ),
    });
    renderWithApp(<App />, {
      locale: "ru",
      path: `/loans/products/${productId}`,
      session: buildSession(["loan_officer"]),
    });
    const rate = (await screen.findByRole(
      "textbox",
      { name: "Ставка вознаграждения, %" },
      { timeout: 5000 },
    )) as HTMLInputElement;
    expect(rate.value).toBe("2,5");
    expect(field("Наименьшая сумма, ₸").value).toBe("50000");
    // The code and the names are the product's identity: they do not change with its settings.
    expect(field("Код").disabled).toBe(true);
    fireEvent.change(rate, { target: { value: "2,4" } });
    fireEvent.click(screen.getByRole("button", { name: "Отправить изменение на утверждение" }));
    await screen.findByText(/ждёт утверждения второго сотрудника/);
    const body = sent(requests, "PUT", "/settings")[0]?.body as {
      version: number;
      settings: Record<string, unknown>;
    };
    expect(body.version).toBe(1);
    expect(body.settings).toEqual({ ...product.settings, interestRatePercent: "2.4" });
  });

  it("shows the debt burden limit in force and sets a new one from a date", async () => {
    const requests = fakeApi({
      "GET /api/v1/lending-rules": json({
        current: { effectiveFrom: "2026-03-01", debtBurdenMaxPercent: 50 },
        history: [],
      }),
      "POST /api/v1/lending-rules": apiError(
        "effective_date_must_not_be_in_the_past",
        "The rule cannot start in the past.",
        422,
        { field: "effectiveFrom" },
      ),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans/rules", session: buildSession(["administrator"]) });
    expect((await screen.findByTestId("rules-current", {}, { timeout: 5000 })).textContent).toBe(
      "In force today: at most 50 % of income",
    );
    type("Debt burden limit, %", "45");
    fireEvent.click(screen.getByRole("button", { name: "Set the limit" }));
    expect(await screen.findByText("The rule cannot start in the past.")).toBeTruthy();
    expect(sent(requests, "POST", "/lending-rules")[0]?.body).toEqual({
      effectiveFrom: todayPlainDate(),
      debtBurdenMaxPercent: 45,
    });
  });

  it("offers the self-help groups as borrowers of a group product", async () => {
    const groupId = "0190a000-0000-7000-8000-0000000010a9";
    const requests = fakeApi({
      "GET /api/v1/loan-products": json({ items: [{ ...product, clientKind: "shg", code: "TOP" }] }),
      "GET /api/v1/groups": json({ items: [{ id: groupId, name: "Bakyt" }] }),
      "POST /api/v1/loans/preview": json(preview),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans/new", session: buildSession(["loan_officer"]) });
    const select = await screen.findByRole("combobox", { name: "Self-help group" }, { timeout: 5000 });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(2));
    fireEvent.change(select, { target: { value: groupId } });
    type("Amount, ₸", "100000");
    type("Monthly income, ₸", "300000");
    type("Purpose of the loan", "Seeds");
    await screen.findByTestId("preview-gesv", {}, { timeout: 3000 });
    expect(sent(requests, "POST", "/loans/preview").at(-1)?.body).toMatchObject({ groupId });
  });
});

describe("the portfolio and close of business", () => {
  it("shows PAR by product with a chart, and starts close of business for an accountant", async () => {
    let closed = false;
    const requests = fakeApi({
      "GET /api/v1/close-of-business": () =>
        json({
          lastClosed: closed ? "2026-03-19" : null,
          runningHere: false,
          runs: closed
            ? [
                {
                  businessDate: "2026-03-19",
                  status: "done",
                  chunkCount: 1,
                  chunksDone: 1,
                  loansProcessed: 4,
                  entriesPosted: 1,
                },
              ]
            : [],
        }),
      "POST /api/v1/close-of-business": () => {
        closed = true;
        return json({ through: "2026-03-19", started: true, lastClosed: null }, 202);
      },
      "GET /api/v1/loan-reports/portfolio": json({
        asOf: "2026-03-20",
        source: "live",
        parDays: [1, 30, 60, 90],
        rows: [
          {
            key: productId,
            name: "BEREKE",
            loans: 4,
            outstandingMinor: "40000000",
            overdueMinor: "2000000",
            atRiskMinor: ["40000000", "20000000", "0", "0"],
          },
        ],
        total: {
          key: null,
          name: "",
          loans: 4,
          outstandingMinor: "40000000",
          overdueMinor: "2000000",
          atRiskMinor: ["40000000", "20000000", "0", "0"],
        },
        disbursedMinor: "40000000",
        repaidMinor: "0",
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans/portfolio", session: buildSession(["accountant"]) });
    const table = await screen.findByRole("table", { name: "Portfolio at risk" }, { timeout: 5000 });
    const row = within(table).getByText("BEREKE").closest("tr");
    expect(row?.textContent).toContain("100.0 %");
    expect(row?.textContent).toContain("50.0 %");
    expect(screen.getByTestId("cob-last-closed").textContent).toBe("Business has not been closed yet.");
    fireEvent.click(screen.getByRole("button", { name: "Close business through yesterday" }));
    await waitFor(() => expect(sent(requests, "POST", "/api/v1/close-of-business")).toHaveLength(1));
    await waitFor(() =>
      expect(screen.getByTestId("cob-last-closed").textContent).toContain("Closed through"),
    );
    expect(screen.getByRole("link", { name: "Download XLSX" }).getAttribute("href")).toContain("format=xlsx");
  });
});
