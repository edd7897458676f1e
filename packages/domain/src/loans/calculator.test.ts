import { describe, expect, it } from "vitest";
import { calculateSchedule, calculatorInputFromJson, calculatorOutputToJson } from "./calculator";
import { loanCalculatorErrorCodes } from "./errors";

const example = {
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

function run(json: unknown) {
  const input = calculatorInputFromJson(json);
  if (!input.ok) return input;
  const output = calculateSchedule(input.value);
  return output.ok ? { ok: true as const, value: calculatorOutputToJson(output.value) } : output;
}

describe("the public calculator", () => {
  it("answers the issue's example with the contract's JSON", () => {
    const result = run(example);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.installments[0]).toEqual({
      number: 1,
      dueDate: "2025-02-15",
      daysInPeriod: 31,
      principalMinor: "724871",
      interestMinor: "250000",
      feeMinor: "0",
      totalDueMinor: "974871",
      principalBalanceAfterMinor: "9275129",
    });
    expect(result.value.totals).toEqual({
      principalMinor: "10000000",
      interestMinor: "1698454",
      feeMinor: "0",
      totalDueMinor: "11698454",
    });
    expect(result.value.gesvPercent).toBe("34.7");
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
  });

  it("gives the same answer when every optional field is omitted", () => {
    const minimal = {
      currency: "KZT",
      principalMinor: "10000000",
      disbursementDate: "2025-01-15",
      installments: 12,
      interestRatePercent: "30",
    };
    expect(run(minimal)).toEqual(run(example));
  });

  it("reproduces 37.3 % with a 1,000 ₸ upfront fee at 2.5 % a month", () => {
    const result = run({
      ...example,
      interestRatePercent: "2.5",
      interestRatePer: "month",
      fees: [{ kind: "upfront", amountMinor: "100000" }],
    });
    expect(result.ok && result.value.gesvPercent).toBe("37.3");
  });

  it("accepts a percentage upfront fee and a per-installment fee", () => {
    const result = run({
      ...example,
      fees: [
        { kind: "upfront", percent: "1" },
        { kind: "per_installment", amountMinor: "50000" },
      ],
    });
    expect(result.ok && result.value.totals.feeMinor).toBe("600000");
    expect(result.ok && result.value.installments[0]?.feeMinor).toBe("50000");
  });

  it.each(["KZT", "USD", "EUR", "RUB", "KGS", "UZS"])("accepts %s", (currency) => {
    expect(run({ ...example, currency }).ok).toBe(true);
  });

  it.each([
    ["a body that is not an object", [], "body_must_be_an_object", undefined],
    ["an unknown field", { ...example, colour: "red" }, "field_is_unknown", "colour"],
    [
      "an unknown fee field",
      { ...example, fees: [{ kind: "upfront", amountMinor: "1", vat: "1" }] },
      "field_is_unknown",
      "fees[0].vat",
    ],
    ["a missing principal", { ...example, principalMinor: undefined }, "field_is_required", "principalMinor"],
    ["an unsupported currency", { ...example, currency: "XYZ" }, "currency_must_be_supported", "currency"],
    [
      "a principal as a number",
      { ...example, principalMinor: 10000000 },
      "field_must_be_a_string",
      "principalMinor",
    ],
    [
      "a principal with decimals",
      { ...example, principalMinor: "100.5" },
      "amount_must_be_a_whole_number_of_minor_units",
      "principalMinor",
    ],
    ["a zero principal", { ...example, principalMinor: "0" }, "principal_must_be_positive", "principalMinor"],
    [
      "an invalid date",
      { ...example, disbursementDate: "2025-02-30" },
      "date_must_be_valid",
      "disbursementDate",
    ],
    ["zero installments", { ...example, installments: 0 }, "installments_must_be_positive", "installments"],
    [
      "a fractional installment count",
      { ...example, installments: 1.5 },
      "field_must_be_an_integer",
      "installments",
    ],
    [
      "an unknown frequency",
      { ...example, repaymentFrequency: "years" },
      "field_must_be_one_of_allowed_values",
      "repaymentFrequency",
    ],
    [
      "a rate with a comma",
      { ...example, interestRatePercent: "2,5" },
      "percent_must_be_a_decimal_number",
      "interestRatePercent",
    ],
    [
      "a negative rate",
      { ...example, interestRatePercent: "-1" },
      "percent_must_be_a_decimal_number",
      "interestRatePercent",
    ],
    [
      "an unknown day count",
      { ...example, daysInYear: "366" },
      "field_must_be_one_of_allowed_values",
      "daysInYear",
    ],
    [
      "an unknown rounding mode",
      { ...example, roundingMode: "bankers" },
      "field_must_be_one_of_allowed_values",
      "roundingMode",
    ],
    [
      "grace as long as the loan",
      { ...example, graceOnPrincipalPeriods: 12 },
      "grace_periods_must_be_fewer_than_installments",
      "graceOnPrincipalPeriods",
    ],
    [
      "a first repayment before disbursement",
      { ...example, firstRepaymentDate: "2025-01-01" },
      "first_repayment_date_must_be_after_disbursement_date",
      "firstRepaymentDate",
    ],
    [
      "a fee with both amount and percent",
      { ...example, fees: [{ kind: "upfront", amountMinor: "1", percent: "1" }] },
      "fee_must_have_either_amount_or_percent",
      "fees[0]",
    ],
    [
      "a fee of an unknown kind",
      { ...example, fees: [{ kind: "monthly", amountMinor: "1" }] },
      "field_must_be_one_of_allowed_values",
      "fees[0].kind",
    ],
    ["fees that are not a list", { ...example, fees: {} }, "field_must_be_an_array", "fees"],
    [
      "a down payment of 100 %",
      { ...example, downPaymentPercent: "100" },
      "down_payment_percent_must_be_below_100",
      "downPaymentPercent",
    ],
    [
      "an upfront fee as large as the loan",
      { ...example, fees: [{ kind: "upfront", percent: "100" }] },
      "upfront_fees_must_be_less_than_principal",
      "fees",
    ],
  ])("refuses %s", (_name, json, code, field) => {
    const result = run(json);
    expect(result.ok ? "ok" : [result.code, result.details["field"]]).toEqual([code, field]);
    if (!result.ok) expect(loanCalculatorErrorCodes).toContain(result.code);
  });
});
