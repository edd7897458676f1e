/**
 * What a person types into the calculator, and how it becomes the request of issue 11. Inputs stay text
 * while she types; on submit each is read once: money through `parseMoney` (so `1 000 000,50` works in
 * Russian and `1,000,000.50` in English), counts as whole numbers, percentages as decimals.
 */
import { formatMoney, type Locale, parseMoney, type RoundingMode } from "@moldir/domain";
import type {
  Amortization,
  CalculatorCurrency,
  CalculatorFeeJson,
  DaysInMonthBasis,
  DaysInYearBasis,
  InterestCalculationPeriod,
  InterestMethod,
  InterestRatePer,
  LoanCalculatorRequest,
  RepaymentFrequency,
} from "./loan-calculator-contract";

export const feeKinds = ["upfront_amount", "upfront_percent", "per_installment"] as const;
export type FeeKind = (typeof feeKinds)[number];

/** Fees one calculation may carry: more than any product has, few enough to keep the form usable. */
export const feesPerCalculationMax = 10;

export interface FeeFormValues {
  /** Stable identity for React while fees are added and removed. */
  readonly key: number;
  readonly kind: FeeKind;
  /** An amount in major units, or a percent, depending on `kind`. */
  readonly value: string;
}

export interface CalculatorFormValues {
  readonly currency: CalculatorCurrency;
  readonly principal: string;
  readonly disbursementDate: string;
  readonly firstRepaymentDate: string;
  readonly installments: string;
  readonly repaymentEvery: string;
  readonly repaymentFrequency: RepaymentFrequency;
  readonly interestRatePercent: string;
  readonly interestRatePer: InterestRatePer;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestCalculationPeriod: InterestCalculationPeriod;
  readonly daysInYear: DaysInYearBasis;
  readonly daysInMonth: DaysInMonthBasis;
  readonly roundingMode: RoundingMode;
  readonly amountMultiple: string;
  readonly installmentMultiple: string;
  readonly graceOnPrincipalPeriods: string;
  readonly graceOnInterestPaymentPeriods: string;
  readonly interestFreePeriods: string;
  readonly downPaymentPercent: string;
  readonly fees: readonly FeeFormValues[];
}

/** The defaults of issue 11's example: 100 000 ₸ over 12 months at 30 % a year, declining balance. */
export function initialCalculatorValues(locale: Locale, today: string): CalculatorFormValues {
  return {
    currency: "KZT",
    principal: formatMoney(10_000_000n, "KZT", locale, { symbol: false }),
    disbursementDate: today,
    firstRepaymentDate: "",
    installments: "12",
    repaymentEvery: "1",
    repaymentFrequency: "months",
    interestRatePercent: "30",
    interestRatePer: "year",
    interestMethod: "declining_balance",
    amortization: "equal_installments",
    interestCalculationPeriod: "same_as_repayment_period",
    daysInYear: "365",
    daysInMonth: "actual",
    roundingMode: "half_even",
    amountMultiple: formatMoney(1n, "KZT", locale, { symbol: false }),
    installmentMultiple: "",
    graceOnPrincipalPeriods: "0",
    graceOnInterestPaymentPeriods: "0",
    interestFreePeriods: "0",
    downPaymentPercent: "",
    fees: [],
  };
}

/** A message to show at a field: a catalogue key and its values. */
export interface FieldMessage {
  readonly key: FieldMessageKey;
  readonly values?: Readonly<Record<string, string | number | boolean>>;
}

export type FieldMessageKey =
  | "calculator.errors.required"
  | "calculator.errors.wholeNumber"
  | "calculator.errors.decimal"
  | "calculator.errors.date"
  | "calculator.errors.amount_must_be_a_number"
  | "calculator.errors.amount_must_have_at_most_minor_digits"
  | "calculator.errors.amount_must_not_exceed_maximum"
  | "calculator.errors.amount_must_not_be_negative";

/** Errors by the request's field name (`principalMinor`, `fees.0.amountMinor`), as the server names them. */
export type FieldErrors = Readonly<Record<string, FieldMessage>>;

export type ToRequestResult =
  | { readonly ok: true; readonly request: LoanCalculatorRequest }
  | { readonly ok: false; readonly errors: FieldErrors };

const wholeNumberPattern = /^\d{1,6}$/;
const decimalPattern = /^\d{1,6}(?:[.,]\d{1,8})?$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the form into the request, or says which fields cannot be read. The server checks the rest. */
export function toCalculatorRequest(values: CalculatorFormValues, locale: Locale): ToRequestResult {
  const errors: Record<string, FieldMessage> = {};
  const money = (field: string, text: string): string => {
    const result = parseMoney(text.trim(), values.currency, locale);
    if (text.trim() === "") errors[field] = { key: "calculator.errors.required" };
    else if (!result.ok) errors[field] = { key: `calculator.errors.${result.code}`, values: result.details };
    return result.ok ? result.value.toString() : "";
  };
  const wholeNumber = (field: string, text: string): number => {
    if (!wholeNumberPattern.test(text.trim())) errors[field] = { key: "calculator.errors.wholeNumber" };
    return Number.parseInt(text.trim(), 10);
  };
  const decimal = (field: string, text: string): string => {
    const trimmed = text.trim();
    if (!decimalPattern.test(trimmed)) errors[field] = { key: "calculator.errors.decimal" };
    return trimmed.replace(",", ".");
  };
  const optional = <T>(text: string, read: (text: string) => T): T | null =>
    text.trim() === "" ? null : read(text);

  if (!datePattern.test(values.disbursementDate))
    errors["disbursementDate"] = { key: "calculator.errors.date" };
  if (values.firstRepaymentDate !== "" && !datePattern.test(values.firstRepaymentDate)) {
    errors["firstRepaymentDate"] = { key: "calculator.errors.date" };
  }

  const request: LoanCalculatorRequest = {
    currency: values.currency,
    principalMinor: money("principalMinor", values.principal),
    disbursementDate: values.disbursementDate,
    firstRepaymentDate: values.firstRepaymentDate === "" ? null : values.firstRepaymentDate,
    installments: wholeNumber("installments", values.installments),
    repaymentEvery: wholeNumber("repaymentEvery", values.repaymentEvery),
    repaymentFrequency: values.repaymentFrequency,
    interestRatePercent: decimal("interestRatePercent", values.interestRatePercent),
    interestRatePer: values.interestRatePer,
    interestMethod: values.interestMethod,
    amortization: values.amortization,
    interestCalculationPeriod: values.interestCalculationPeriod,
    daysInYear: values.daysInYear,
    daysInMonth: values.daysInMonth,
    roundingMode: values.roundingMode,
    amountMultipleMinor: money("amountMultipleMinor", values.amountMultiple),
    installmentMultipleMinor: optional(values.installmentMultiple, (text) =>
      money("installmentMultipleMinor", text),
    ),
    graceOnPrincipalPeriods: wholeNumber("graceOnPrincipalPeriods", values.graceOnPrincipalPeriods),
    graceOnInterestPaymentPeriods: wholeNumber(
      "graceOnInterestPaymentPeriods",
      values.graceOnInterestPaymentPeriods,
    ),
    interestFreePeriods: wholeNumber("interestFreePeriods", values.interestFreePeriods),
    downPaymentPercent: optional(values.downPaymentPercent, (text) => decimal("downPaymentPercent", text)),
    fees: values.fees.map((fee, index) => toFee(fee, `fees.${index}`, money, decimal)),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, request };
}

function toFee(
  fee: FeeFormValues,
  path: string,
  money: (field: string, text: string) => string,
  decimal: (field: string, text: string) => string,
): CalculatorFeeJson {
  switch (fee.kind) {
    case "upfront_amount":
      return { kind: "upfront", amountMinor: money(`${path}.amountMinor`, fee.value) };
    case "upfront_percent":
      return { kind: "upfront", percent: decimal(`${path}.percent`, fee.value) };
    case "per_installment":
      return { kind: "per_installment", amountMinor: money(`${path}.amountMinor`, fee.value) };
  }
}

/** The request field a fee's input stands for. */
export function feeValueField(index: number, kind: FeeKind): string {
  return kind === "upfront_percent" ? `fees.${index}.percent` : `fees.${index}.amountMinor`;
}

/**
 * The server may name a field as `fees[0].amountMinor`, `fees.0.amountMinor` or `/fees/0/amountMinor`;
 * the form names it `fees.0.amountMinor`.
 */
export function normalizeFieldPath(field: string): string {
  return field
    .replace(/^[/.]+/, "")
    .replace(/\[(\d+)\]/g, ".$1")
    .replaceAll("/", ".");
}

/**
 * Rewrites the amounts typed so far in the separators of a newly chosen language: `100 000,50` typed in
 * Russian reads as a mistake in English, where it becomes `100,000.50`. Text that does not read as an amount
 * is left for the person to fix.
 */
export function relocalizeAmounts(
  values: CalculatorFormValues,
  from: Locale,
  to: Locale,
): CalculatorFormValues {
  const convert = (text: string): string => {
    const parsed = parseMoney(text.trim(), values.currency, from);
    return text.trim() !== "" && parsed.ok
      ? formatMoney(parsed.value, values.currency, to, { symbol: false })
      : text;
  };
  return {
    ...values,
    principal: convert(values.principal),
    amountMultiple: convert(values.amountMultiple),
    installmentMultiple: convert(values.installmentMultiple),
    fees: values.fees.map((fee) =>
      fee.kind === "upfront_percent" ? fee : { ...fee, value: convert(fee.value) },
    ),
  };
}
