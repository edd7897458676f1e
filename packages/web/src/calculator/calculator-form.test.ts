import { calculatorInputFromJson } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import {
  type CalculatorFormValues,
  initialCalculatorValues,
  normalizeFieldPath,
  relocalizeAmounts,
  toCalculatorRequest,
} from "./calculator-form";

/** The example request of issue 11. */
const issueExample = {
  currency: "KZT",
  principalMinor: "10000000",
  disbursementDate: "2025-01-15",
  firstRepaymentDate: null,
  installments: 12,
  repaymentEvery: 1,
  repaymentFrequency: "months",
  interestRatePercent: "30",
  interestRatePer: "year",
  interestMethod: "declining_balance",
  amortization: "equal_installments",
  interestCalculationPeriod: "same_as_repayment_period",
  daysInYear: "365",
  daysInMonth: "actual",
  roundingMode: "half_even",
  amountMultipleMinor: "1",
  installmentMultipleMinor: null,
  graceOnPrincipalPeriods: 0,
  graceOnInterestPaymentPeriods: 0,
  interestFreePeriods: 0,
  downPaymentPercent: null,
  fees: [],
};

function form(locale: "kk" | "ru" | "en", change: Partial<CalculatorFormValues> = {}): CalculatorFormValues {
  return { ...initialCalculatorValues(locale, "2025-01-15"), ...change };
}

describe("toCalculatorRequest", () => {
  it.each(["kk", "ru", "en"] as const)("turns the default form in %s into issue 11's example", (locale) => {
    const read = toCalculatorRequest(form(locale), locale);
    expect(read).toEqual({ ok: true, request: issueExample });
  });

  it("writes a request the loan engine accepts, fees and optional fields included", () => {
    const read = toCalculatorRequest(
      form("ru", {
        principal: "1 500 000,50",
        firstRepaymentDate: "2025-03-01",
        interestRatePercent: "2,5",
        interestRatePer: "month",
        installmentMultiple: "100",
        downPaymentPercent: "10",
        fees: [
          { key: 1, kind: "upfront_percent", value: "1,5" },
          { key: 2, kind: "upfront_amount", value: "1 000" },
          { key: 3, kind: "per_installment", value: "500" },
        ],
      }),
      "ru",
    );
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(read.request).toMatchObject({
      principalMinor: "150000050",
      firstRepaymentDate: "2025-03-01",
      interestRatePercent: "2.5",
      interestRatePer: "month",
      installmentMultipleMinor: "10000",
      downPaymentPercent: "10",
      fees: [
        { kind: "upfront", percent: "1.5" },
        { kind: "upfront", amountMinor: "100000" },
        { kind: "per_installment", amountMinor: "50000" },
      ],
    });
    expect(calculatorInputFromJson(JSON.parse(JSON.stringify(read.request))).ok).toBe(true);
  });

  it("reads amounts with English separators in English", () => {
    const read = toCalculatorRequest(form("en", { principal: "1,500,000.50" }), "en");
    expect(read.ok && read.request.principalMinor).toBe("150000050");
  });

  it.each([
    { change: { principal: "" }, field: "principalMinor", key: "calculator.errors.required" },
    {
      change: { principal: "сто тысяч" },
      field: "principalMinor",
      key: "calculator.errors.amount_must_be_a_number",
    },
    {
      change: { principal: "100,555" },
      field: "principalMinor",
      key: "calculator.errors.amount_must_have_at_most_minor_digits",
    },
    { change: { installments: "12.5" }, field: "installments", key: "calculator.errors.wholeNumber" },
    { change: { repaymentEvery: "" }, field: "repaymentEvery", key: "calculator.errors.wholeNumber" },
    {
      change: { interestRatePercent: "30%" },
      field: "interestRatePercent",
      key: "calculator.errors.decimal",
    },
    { change: { disbursementDate: "" }, field: "disbursementDate", key: "calculator.errors.date" },
    { change: { amountMultiple: "" }, field: "amountMultipleMinor", key: "calculator.errors.required" },
    {
      change: { fees: [{ key: 1, kind: "per_installment", value: "x" }] },
      field: "fees.0.amountMinor",
      key: "calculator.errors.amount_must_be_a_number",
    },
    {
      change: { fees: [{ key: 1, kind: "upfront_percent", value: "" }] },
      field: "fees.0.percent",
      key: "calculator.errors.decimal",
    },
  ] as const)("refuses $field as $key", ({ change, field, key }) => {
    const read = toCalculatorRequest(form("ru", change as Partial<CalculatorFormValues>), "ru");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[field]?.key).toBe(key);
  });
});

describe("normalizeFieldPath", () => {
  it.each([
    ["principalMinor", "principalMinor"],
    ["fees[0].percent", "fees.0.percent"],
    ["/fees/2/amountMinor", "fees.2.amountMinor"],
    ["fees.1.amountMinor", "fees.1.amountMinor"],
  ])("reads %s as %s", (field, expected) => {
    expect(normalizeFieldPath(field)).toBe(expected);
  });
});

describe("relocalizeAmounts", () => {
  it("rewrites typed amounts in the new language's separators and leaves the rest", () => {
    const values = form("ru", {
      principal: "1 500 000,50",
      installmentMultiple: "",
      fees: [
        { key: 1, kind: "per_installment", value: "1 000" },
        { key: 2, kind: "upfront_percent", value: "1,5" },
        { key: 3, kind: "upfront_amount", value: "не сумма" },
      ],
    });
    const english = relocalizeAmounts(values, "ru", "en");
    expect(english.principal).toBe("1,500,000.50");
    expect(english.amountMultiple).toBe("0.01");
    expect(english.installmentMultiple).toBe("");
    expect(english.fees.map((fee) => fee.value)).toEqual(["1,000.00", "1,5", "не сумма"]);
    expect(toCalculatorRequest(english, "en").ok).toBe(false);
    expect(toCalculatorRequest({ ...english, fees: [] }, "en")).toMatchObject({
      ok: true,
      request: { principalMinor: "150000050", amountMultipleMinor: "1" },
    });
  });
});
