import { loanCalculatorRequestExample, loanCalculatorResponseSchema } from "@moldir/contract/loans";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../testing/test-app";

const getTestApp = useTestApp();

/** DOMAIN.md's check: 100,000 ₸ over 12 equal monthly payments at 2.5 %/month from 2025-01-15. */
const gesvExample = {
  currency: "KZT",
  principalMinor: "10000000",
  disbursementDate: "2025-01-15",
  installments: 12,
  interestRatePercent: "2.5",
  interestRatePer: "month",
};

function calculate(body: unknown, headers: Record<string, string> = {}) {
  return getTestApp().app.inject({
    method: "POST",
    url: "/api/v1/loan-calculator",
    headers: { "content-type": "application/json", ...headers },
    payload: JSON.stringify(body),
  });
}

describe("POST /api/v1/loan-calculator", () => {
  it("answers the contract's example without a login, in the exact shape of the contract", async () => {
    const response = await calculate(loanCalculatorRequestExample);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(loanCalculatorResponseSchema.strict().parse(body)).toEqual(body);
    expect(Object.keys(body.installments[0]).sort()).toEqual(
      [
        "daysInPeriod",
        "dueDate",
        "feeMinor",
        "interestMinor",
        "number",
        "principalBalanceAfterMinor",
        "principalMinor",
        "totalDueMinor",
      ].sort(),
    );
    expect(body.installments).toHaveLength(12);
    expect(body.installments[0]).toMatchObject({ number: 1, dueDate: "2025-02-15", daysInPeriod: 31 });
    expect(body.totals.principalMinor).toBe("10000000");
  });

  it("gives the GESV of 34.7 % of DOMAIN.md, and 37.3 % with a 1,000 ₸ upfront fee", async () => {
    const plain = await calculate(gesvExample);
    expect(plain.statusCode).toBe(200);
    expect(plain.json().gesvPercent).toBe("34.7");
    const withFee = await calculate({ ...gesvExample, fees: [{ kind: "upfront", amountMinor: "100000" }] });
    expect(withFee.statusCode).toBe(200);
    expect(withFee.json().gesvPercent).toBe("37.3");
  });

  it("gives omitted optional fields the values shown in the contract", async () => {
    const required = {
      currency: loanCalculatorRequestExample.currency,
      principalMinor: loanCalculatorRequestExample.principalMinor,
      disbursementDate: loanCalculatorRequestExample.disbursementDate,
      installments: loanCalculatorRequestExample.installments,
      interestRatePercent: loanCalculatorRequestExample.interestRatePercent,
    };
    const full = await calculate(loanCalculatorRequestExample);
    const short = await calculate(required);
    expect(short.statusCode).toBe(200);
    expect(short.json()).toEqual(full.json());
  });

  it.each([
    ["KZT", "10000000"],
    ["USD", "100000"],
    ["EUR", "100000"],
    ["RUB", "10000000"],
    ["KGS", "10000000"],
    ["UZS", "100000000"],
  ])("accepts %s", async (currency, principalMinor) => {
    const response = await calculate({ ...loanCalculatorRequestExample, currency, principalMinor });
    expect(response.statusCode).toBe(200);
    expect(response.json().totals.principalMinor).toBe(principalMinor);
  });

  it("accepts each kind of fee and every choice the contract lists", async () => {
    const response = await calculate({
      ...loanCalculatorRequestExample,
      firstRepaymentDate: "2025-02-20",
      repaymentEvery: 2,
      repaymentFrequency: "weeks",
      interestRatePercent: "3",
      interestRatePer: "month",
      interestMethod: "flat",
      amortization: "equal_principal",
      interestCalculationPeriod: "daily",
      daysInYear: "360",
      daysInMonth: "30",
      roundingMode: "half_up",
      amountMultipleMinor: "100",
      installmentMultipleMinor: "10000",
      graceOnPrincipalPeriods: 1,
      graceOnInterestPaymentPeriods: 1,
      interestFreePeriods: 1,
      downPaymentPercent: "10",
      fees: [
        { kind: "upfront", amountMinor: "100000" },
        { kind: "upfront", percent: "1" },
        { kind: "per_installment", amountMinor: "50000" },
      ],
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.installments).toHaveLength(13);
    expect(body.installments[1].feeMinor).toBe("50000");
  });

  it.each([
    [{ ...gesvExample, colour: "red" }, 400, "field_is_unknown", "colour"],
    [
      { ...gesvExample, fees: [{ kind: "upfront", amountMinor: "1", extra: 1 }] },
      400,
      "field_is_unknown",
      "fees[0].extra",
    ],
    [{ ...gesvExample, currency: undefined }, 400, "field_is_required", "currency"],
    [{ ...gesvExample, installments: "12" }, 400, "field_must_be_an_integer", "installments"],
    [{ ...gesvExample, principalMinor: 10000000 }, 400, "field_must_be_a_string", "principalMinor"],
    [
      { ...gesvExample, repaymentFrequency: "years" },
      400,
      "field_must_be_one_of_allowed_values",
      "repaymentFrequency",
    ],
    [{ ...gesvExample, currency: "XXX" }, 422, "currency_must_be_supported", "currency"],
    [
      { ...gesvExample, principalMinor: "1000.50" },
      422,
      "amount_must_be_a_whole_number_of_minor_units",
      "principalMinor",
    ],
    [{ ...gesvExample, disbursementDate: "2025-02-30" }, 422, "date_must_be_valid", "disbursementDate"],
    [
      { ...gesvExample, interestRatePercent: "2,5" },
      422,
      "percent_must_be_a_decimal_number",
      "interestRatePercent",
    ],
    [{ ...gesvExample, principalMinor: "0" }, 422, "principal_must_be_positive", "principalMinor"],
    [{ ...gesvExample, installments: 0 }, 422, "installments_must_be_positive", "installments"],
    [
      { ...gesvExample, graceOnPrincipalPeriods: 12 },
      422,
      "grace_periods_must_be_fewer_than_installments",
      "graceOnPrincipalPeriods",
    ],
    [
      { ...gesvExample, interestFreePeriods: 13 },
      422,
      "interest_free_periods_must_not_exceed_installments",
      "interestFreePeriods",
    ],
    [
      { ...gesvExample, downPaymentPercent: "100" },
      422,
      "down_payment_percent_must_be_below_100",
      "downPaymentPercent",
    ],
    [
      { ...gesvExample, firstRepaymentDate: "2025-01-10" },
      422,
      "first_repayment_date_must_be_after_disbursement_date",
      "firstRepaymentDate",
    ],
    [
      { ...gesvExample, amountMultipleMinor: "300", installmentMultipleMinor: "1000" },
      422,
      "installment_multiple_must_be_a_multiple_of_amount_multiple",
      "installmentMultipleMinor",
    ],
    [
      { ...gesvExample, fees: [{ kind: "upfront", amountMinor: "10000000" }] },
      422,
      "upfront_fees_must_be_less_than_principal",
      "fees",
    ],
    [
      { ...gesvExample, fees: [{ kind: "upfront" }] },
      422,
      "fee_must_have_either_amount_or_percent",
      "fees[0]",
    ],
  ])("refuses %j with %i %s naming %s", async (body, status, code, field) => {
    const response = await calculate(body, { "accept-language": "en" });
    expect(response.statusCode).toBe(status);
    const { error } = response.json();
    expect(error.code).toBe(code);
    expect(error.details.field).toBe(field);
    expect(error.message).not.toMatch(/\{\w+\}/);
  });

  it("refuses a body that is not an object", async () => {
    const response = await calculate([1, 2, 3]);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toMatch(/^(body_must_be_an_object|request_must_be_valid)$/);
  });

  it("refuses a body that is not JSON", async () => {
    const response = await getTestApp().app.inject({
      method: "POST",
      url: "/api/v1/loan-calculator",
      headers: { "content-type": "application/json" },
      payload: "{ not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("body_must_be_valid_json");
  });

  it.each([
    ["kk", "Белгісіз өріс: «colour»."],
    ["ru", "Неизвестное поле: «colour»."],
    ["en", "Unknown field: “colour”."],
  ])("explains a refusal in the language of Accept-Language (%s)", async (language, message) => {
    const response = await calculate({ ...gesvExample, colour: "red" }, { "accept-language": language });
    expect(response.json()).toEqual({
      error: { code: "field_is_unknown", message, details: { field: "colour" } },
    });
  });

  it("is described in the OpenAPI document under the loans tag", async () => {
    const response = await getTestApp().app.inject({ method: "GET", url: "/docs/json" });
    expect(response.statusCode).toBe(200);
    const operation = response.json().paths["/api/v1/loan-calculator"].post;
    expect(operation.tags).toEqual(["loans"]);
    expect(Object.keys(operation.responses)).toContain("200");
  });
});
