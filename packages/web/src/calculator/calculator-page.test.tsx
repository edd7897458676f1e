import {
  calculateSchedule,
  calculatorInputFromJson,
  calculatorOutputToJson,
  type Locale,
} from "@moldir/domain";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatMinor, formatPercent } from "../format";
import { renderWithApp } from "../test/render";
import CalculatorPage from "./calculator-page";
import type { LoanCalculatorResponse } from "./loan-calculator-contract";

type FetchArgs = [input: RequestInfo | URL, init?: RequestInit];

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/**
 * Stands in for the server with the loan engine itself, so the numbers on screen are real. The server's
 * own tests cover the HTTP side; Playwright covers the whole path later.
 */
function stubServerWithEngine() {
  const answers: LoanCalculatorResponse[] = [];
  const fetchMock = vi.fn(async (...[, init]: FetchArgs) => {
    const input = calculatorInputFromJson(JSON.parse(String(init?.body)));
    if (!input.ok)
      return jsonResponse({ error: { code: input.code, message: input.code, details: input.details } }, 400);
    const output = calculateSchedule(input.value);
    if (!output.ok)
      return jsonResponse({ error: { code: output.code, message: output.code, details: {} } }, 422);
    const answer = calculatorOutputToJson(output.value);
    answers.push(answer);
    return jsonResponse(answer);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { fetchMock, answers };
}

function renderCalculator(locale: Locale) {
  const view = renderWithApp(<CalculatorPage />, { locale, path: "/calculator" });
  const date = screen.getByLabelText(
    locale === "en" ? /Disbursement date/ : /Дата выдачи|Несие берілетін күн/,
  );
  fireEvent.change(date, { target: { value: "2025-01-15" } });
  return view;
}

/** Testing Library compares against text with whitespace collapsed, no-break spaces included. */
function visible(text: string): string {
  return text.replace(/\s+/g, " ");
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("CalculatorPage", () => {
  it("shows the form and a helpful empty state before the first calculation", () => {
    renderWithApp(<CalculatorPage />, { locale: "en", path: "/calculator" });
    expect(screen.getByRole("heading", { level: 1, name: "Loan calculator" })).toBeTruthy();
    for (const label of [
      "Currency",
      "Loan amount",
      "Disbursement date",
      "First repayment date",
      "Number of installments",
      "Interest rate, %",
      "Interest method",
      "Amortization",
      "Rounding mode",
      "Down payment, % of the loan",
    ]) {
      expect(screen.getByLabelText(new RegExp(`^${label.replace(/[%,]/g, ".")}`))).toBeTruthy();
    }
    expect(screen.getByRole("combobox", { name: "Currency" })).toBeTruthy();
    expect(screen.getByText("No schedule yet")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Calculate" })).toBeTruthy();
  });

  it("sends issue 11's request and shows the schedule, the totals and the GESV", async () => {
    const { fetchMock, answers } = stubServerWithEngine();
    renderCalculator("ru");
    fireEvent.click(screen.getByRole("button", { name: "Рассчитать" }));

    const table = await screen.findByRole("table", { name: "График погашения" });
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe("/api/v1/loan-calculator");
    expect(init?.headers).toMatchObject({ "Accept-Language": "ru", "Content-Type": "application/json" });
    expect(JSON.parse(String(init?.body))).toMatchObject({
      currency: "KZT",
      principalMinor: "10000000",
      disbursementDate: "2025-01-15",
      installments: 12,
      interestRatePercent: "30",
      fees: [],
    });

    const answer = answers[0];
    if (answer === undefined) throw new Error("the engine did not answer");
    // Header, 12 installments, totals.
    expect(within(table).getAllByRole("row")).toHaveLength(14);
    const first = answer.installments[0];
    if (first === undefined) throw new Error("no installments");
    const firstRow = within(table).getAllByRole("row")[1];
    if (firstRow === undefined) throw new Error("no first row");
    expect(within(firstRow).getByText("15.02.2025")).toBeTruthy();
    expect(within(firstRow).getByText(visible(formatMinor(first.totalDueMinor, "KZT", "ru")))).toBeTruthy();

    const totals = screen.getByRole("group", { name: "Итоги" });
    expect(within(totals).getByText("100 000,00 ₸")).toBeTruthy();
    expect(
      within(totals).getByText(visible(formatMinor(answer.totals.interestMinor, "KZT", "ru"))),
    ).toBeTruthy();
    expect(within(totals).getByText(visible(formatPercent(answer.gesvPercent, "ru")))).toBeTruthy();
    expect(answer.gesvPercent).toMatch(/^\d+\.\d$/);
  });

  it("writes the GESV the English way in English", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse({
          installments: [
            {
              number: 1,
              dueDate: "2025-02-15",
              daysInPeriod: 31,
              principalMinor: "10000000",
              interestMinor: "254795",
              feeMinor: "0",
              totalDueMinor: "10254795",
              principalBalanceAfterMinor: "0",
            },
          ],
          totals: {
            principalMinor: "10000000",
            interestMinor: "254795",
            feeMinor: "0",
            totalDueMinor: "10254795",
          },
          gesvPercent: "34.7",
        } satisfies LoanCalculatorResponse),
      ),
    );
    renderCalculator("en");
    fireEvent.click(screen.getByRole("button", { name: "Calculate" }));
    expect(await screen.findByText("34.7%")).toBeTruthy();
    expect(screen.getByText("15 Feb 2025")).toBeTruthy();
    expect(screen.getAllByText("₸102,547.95").length).toBeGreaterThan(0);
  });

  it("shows a server error next to the field it names", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse(
          {
            error: {
              code: "installments_must_not_exceed_maximum",
              message: "Не больше 1200 платежей",
              details: { field: "installments" },
            },
          },
          400,
        ),
      ),
    );
    renderCalculator("ru");
    fireEvent.click(screen.getByRole("button", { name: "Рассчитать" }));
    const installments = screen.getByLabelText(/Количество платежей/);
    await waitFor(() => expect(installments.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = installments.getAttribute("aria-describedby") ?? "";
    expect(
      document.getElementById(describedBy.split(" ").find((id) => id.endsWith("-error")) ?? "")?.textContent,
    ).toBe("Не больше 1200 платежей");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a server error about no particular field as an alert", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse(
          { error: { code: "effective_rate_must_exist", message: "Ставка не существует", details: {} } },
          422,
        ),
      ),
    );
    renderCalculator("ru");
    fireEvent.click(screen.getByRole("button", { name: "Рассчитать" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Ставка не существует");
  });

  it("checks what it can before asking the server", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    renderCalculator("kk");
    fireEvent.change(screen.getByLabelText(/Несие сомасы/), { target: { value: "жүз мың" } });
    fireEvent.click(screen.getByRole("button", { name: "Есептеу" }));
    expect(await screen.findByText("Соманы цифрмен енгізіңіз, мысалы 100 000")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("rewrites the typed amounts when the language changes", async () => {
    const { i18n } = renderWithApp(<CalculatorPage />, { locale: "ru", path: "/calculator" });
    const principal = screen.getByLabelText(/Сумма займа/) as HTMLInputElement;
    expect(visible(principal.value)).toBe("100 000,00");
    await act(() => i18n.changeLanguage("en"));
    expect((screen.getByLabelText(/Loan amount/) as HTMLInputElement).value).toBe("100,000.00");
  });

  it("adds and removes fees from the keyboard-reachable buttons", () => {
    renderWithApp(<CalculatorPage />, { locale: "en", path: "/calculator" });
    fireEvent.click(screen.getByRole("button", { name: "Add a fee" }));
    expect(screen.getByRole("group", { name: "Fee 1" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Remove fee 1" }));
    expect(screen.queryByRole("group", { name: "Fee 1" })).toBeNull();
    expect(screen.getByText("No fees.")).toBeTruthy();
  });
});
