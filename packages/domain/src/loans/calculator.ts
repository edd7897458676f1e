/**
 * The public loan calculator: `POST /api/v1/loan-calculator` and `npx moldir schedule <file.json>` (issue 11).
 *
 * `calculatorInputFromJson` reads the exact JSON of the contract (minor amounts as decimal strings, omitted
 * optional fields taking their documented defaults, unknown fields refused), `calculateSchedule` computes the
 * schedule and its GESV, and `calculatorOutputToJson` writes the exact JSON of the answer.
 */
import { type PlainDate, parsePlainDate } from "../calendar/plain-date";
import { type CurrencyCode, isCurrencyCode } from "../money/currency";
import { parseMinor } from "../money/money";
import { type RoundingMode, roundingModes } from "../money/rounding";
import { err, ok, type Result } from "../result";
import type { LoanCalculatorErrorCode } from "./errors";
import { buildScheduleCashFlows, computeEffectiveRate, formatTenthsOfPercent } from "./gesv";
import { loanLimits } from "./limits";
import { parsePercent, type Ratio } from "./ratio";
import { buildSchedule } from "./schedule";
import {
  type Amortization,
  amortizations,
  type DaysInMonthBasis,
  type DaysInYearBasis,
  daysInMonthBases,
  daysInYearBases,
  type InterestCalculationPeriod,
  type InterestMethod,
  type InterestRatePer,
  interestCalculationPeriods,
  interestMethods,
  interestRatePers,
  type LoanFee,
  type RepaymentFrequency,
  repaymentFrequencies,
  type ScheduleTerms,
} from "./terms";

/** A fee in a calculator request. */
export type CalculatorFee =
  | { readonly kind: "upfront"; readonly amountMinor: bigint }
  | { readonly kind: "upfront"; readonly percent: string }
  | { readonly kind: "per_installment"; readonly amountMinor: bigint };

/** A calculator request: the contract's JSON with minor amounts as bigint. */
export interface CalculatorInput {
  readonly currency: CurrencyCode;
  readonly principalMinor: bigint;
  readonly disbursementDate: PlainDate;
  readonly firstRepaymentDate: PlainDate | null;
  readonly installments: number;
  readonly repaymentEvery: number;
  readonly repaymentFrequency: RepaymentFrequency;
  /** Nominal rate in percent as a dotted decimal string ("30", "2.5"). */
  readonly interestRatePercent: string;
  readonly interestRatePer: InterestRatePer;
  readonly interestMethod: InterestMethod;
  readonly amortization: Amortization;
  readonly interestCalculationPeriod: InterestCalculationPeriod;
  readonly daysInYear: DaysInYearBasis;
  readonly daysInMonth: DaysInMonthBasis;
  readonly roundingMode: RoundingMode;
  readonly amountMultipleMinor: bigint;
  readonly installmentMultipleMinor: bigint | null;
  readonly graceOnPrincipalPeriods: number;
  readonly graceOnInterestPaymentPeriods: number;
  readonly interestFreePeriods: number;
  /** Down payment in percent of the principal, or null. */
  readonly downPaymentPercent: string | null;
  readonly fees: readonly CalculatorFee[];
}

/** One row of the calculator's schedule. */
export interface CalculatorInstallment {
  readonly number: number;
  readonly dueDate: PlainDate;
  readonly daysInPeriod: number;
  readonly principalMinor: bigint;
  readonly interestMinor: bigint;
  readonly feeMinor: bigint;
  readonly totalDueMinor: bigint;
  readonly principalBalanceAfterMinor: bigint;
}

/** The calculator's answer. */
export interface CalculatorOutput {
  readonly installments: readonly CalculatorInstallment[];
  readonly totals: {
    readonly principalMinor: bigint;
    readonly interestMinor: bigint;
    readonly feeMinor: bigint;
    readonly totalDueMinor: bigint;
  };
  /** GESV in percent with one decimal ("34.7"). */
  readonly gesvPercent: string;
}

/** The calculator's error: a code from `loanCalculatorErrorCodes`, details naming the field. */
export type LoanCalculatorError = LoanCalculatorErrorCode;

type Refusal = Result<never, LoanCalculatorErrorCode>;

function refuse(
  code: LoanCalculatorErrorCode,
  field: string,
  extra: Record<string, string | number> = {},
): Refusal {
  return err(code, { field, ...extra });
}

function readPercent(text: string, field: string): Result<Ratio, LoanCalculatorErrorCode> {
  const parsed = parsePercent(text);
  return parsed.ok ? parsed : refuse(parsed.code, field);
}

function toLoanFee(fee: CalculatorFee, index: number): Result<LoanFee, LoanCalculatorErrorCode> {
  if (fee.kind === "per_installment") return ok({ kind: "per_installment", amountMinor: fee.amountMinor });
  if ("percent" in fee) {
    const percent = readPercent(fee.percent, `fees[${index}].percent`);
    if (!percent.ok) return percent;
    return ok({ kind: "upfront", amountMinor: null, percent: percent.value, collection: "deducted" });
  }
  return ok({ kind: "upfront", amountMinor: fee.amountMinor, percent: null, collection: "deducted" });
}

/** Turns a calculator request into schedule terms (rates parsed exactly; no working calendar, no tranches). */
export function buildTermsFromCalculatorInput(
  input: CalculatorInput,
): Result<ScheduleTerms, LoanCalculatorErrorCode> {
  const rate = readPercent(input.interestRatePercent, "interestRatePercent");
  if (!rate.ok) return rate;
  let downPayment: Ratio | null = null;
  if (input.downPaymentPercent !== null) {
    const parsed = readPercent(input.downPaymentPercent, "downPaymentPercent");
    if (!parsed.ok) return parsed;
    downPayment = parsed.value;
  }
  if (input.fees.length > loanLimits.feesPerLoanMax) {
    return refuse("fees_must_not_exceed_maximum", "fees", { max: loanLimits.feesPerLoanMax });
  }
  const fees: LoanFee[] = [];
  for (const [index, fee] of input.fees.entries()) {
    const parsed = toLoanFee(fee, index);
    if (!parsed.ok) return parsed;
    fees.push(parsed.value);
  }
  return ok({
    currency: input.currency,
    principalMinor: input.principalMinor,
    disbursementOn: input.disbursementDate,
    firstRepaymentOn: input.firstRepaymentDate,
    installments: input.installments,
    repaymentEvery: input.repaymentEvery,
    repaymentFrequency: input.repaymentFrequency,
    interestRate: rate.value,
    interestRatePer: input.interestRatePer,
    interestMethod: input.interestMethod,
    amortization: input.amortization,
    interestCalculationPeriod: input.interestCalculationPeriod,
    daysInYear: input.daysInYear,
    daysInMonth: input.daysInMonth,
    roundingMode: input.roundingMode,
    amountMultipleMinor: input.amountMultipleMinor,
    installmentMultipleMinor: input.installmentMultipleMinor,
    graceOnPrincipalPeriods: input.graceOnPrincipalPeriods,
    graceOnInterestPaymentPeriods: input.graceOnInterestPaymentPeriods,
    interestFreePeriods: input.interestFreePeriods,
    downPaymentPercent: downPayment,
    fees,
    calendar: null,
    tranches: [],
  });
}

/** Computes the calculator's schedule, totals and GESV. Pure: the same input always gives the same output. */
export function calculateSchedule(input: CalculatorInput): Result<CalculatorOutput, LoanCalculatorError> {
  const terms = buildTermsFromCalculatorInput(input);
  if (!terms.ok) return terms;
  const schedule = buildSchedule(terms.value);
  if (!schedule.ok) return schedule;
  const rate = computeEffectiveRate(buildScheduleCashFlows(schedule.value));
  if (!rate.ok) return rate;
  return ok({
    installments: schedule.value.installments.map((row) => ({
      number: row.number,
      dueDate: row.dueOn,
      daysInPeriod: row.daysInPeriod,
      principalMinor: row.principalMinor,
      interestMinor: row.interestMinor,
      feeMinor: row.feeMinor,
      totalDueMinor: row.totalDueMinor,
      principalBalanceAfterMinor: row.principalBalanceAfterMinor,
    })),
    totals: schedule.value.totals,
    gesvPercent: formatTenthsOfPercent(rate.value.tenthsOfPercent),
  });
}

// ---------------------------------------------------------------------------------------------------------
// JSON in and out.

/** The calculator's JSON answer, amounts as decimal strings. */
export interface CalculatorOutputJson {
  readonly installments: readonly {
    readonly number: number;
    readonly dueDate: string;
    readonly daysInPeriod: number;
    readonly principalMinor: string;
    readonly interestMinor: string;
    readonly feeMinor: string;
    readonly totalDueMinor: string;
    readonly principalBalanceAfterMinor: string;
  }[];
  readonly totals: {
    readonly principalMinor: string;
    readonly interestMinor: string;
    readonly feeMinor: string;
    readonly totalDueMinor: string;
  };
  readonly gesvPercent: string;
}

/** Writes the calculator's answer as the contract's JSON. */
export function calculatorOutputToJson(output: CalculatorOutput): CalculatorOutputJson {
  return {
    installments: output.installments.map((row) => ({
      number: row.number,
      dueDate: row.dueDate,
      daysInPeriod: row.daysInPeriod,
      principalMinor: row.principalMinor.toString(),
      interestMinor: row.interestMinor.toString(),
      feeMinor: row.feeMinor.toString(),
      totalDueMinor: row.totalDueMinor.toString(),
      principalBalanceAfterMinor: row.principalBalanceAfterMinor.toString(),
    })),
    totals: {
      principalMinor: output.totals.principalMinor.toString(),
      interestMinor: output.totals.interestMinor.toString(),
      feeMinor: output.totals.feeMinor.toString(),
      totalDueMinor: output.totals.totalDueMinor.toString(),
    },
    gesvPercent: output.gesvPercent,
  };
}

/** The request fields with their defaults; `undefined` marks a required field. */
const requestDefaults = {
  currency: undefined,
  principalMinor: undefined,
  disbursementDate: undefined,
  firstRepaymentDate: null,
  installments: undefined,
  repaymentEvery: 1,
  repaymentFrequency: "months",
  interestRatePercent: undefined,
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
} as const;

type RequestField = keyof typeof requestDefaults;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads request fields with their defaults, refusing the first wrong one. */
class FieldReader {
  constructor(private readonly body: Record<string, unknown>) {}

  private value(field: RequestField): unknown {
    const present = Object.hasOwn(this.body, field) ? this.body[field] : undefined;
    return present === undefined ? requestDefaults[field] : present;
  }

  isMissing(field: RequestField): boolean {
    return this.value(field) === undefined;
  }

  string(field: RequestField): Result<string, LoanCalculatorErrorCode> {
    const value = this.value(field);
    if (value === undefined) return refuse("field_is_required", field);
    if (typeof value !== "string") return refuse("field_must_be_a_string", field);
    return ok(value);
  }

  nullableString(field: RequestField): Result<string | null, LoanCalculatorErrorCode> {
    return this.value(field) === null ? ok(null) : this.string(field);
  }

  integer(field: RequestField): Result<number, LoanCalculatorErrorCode> {
    const value = this.value(field);
    if (value === undefined) return refuse("field_is_required", field);
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      return refuse("field_must_be_an_integer", field);
    return ok(value);
  }

  choice<T extends string>(field: RequestField, allowed: readonly T[]): Result<T, LoanCalculatorErrorCode> {
    const text = this.string(field);
    if (!text.ok) return text;
    const found = allowed.find((option) => option === text.value);
    if (found === undefined) {
      return refuse("field_must_be_one_of_allowed_values", field, { allowed: allowed.join("|") });
    }
    return ok(found);
  }

  raw(field: RequestField): unknown {
    return this.value(field);
  }
}

function readMinor(value: unknown, field: string): Result<bigint, LoanCalculatorErrorCode> {
  if (value === undefined) return refuse("field_is_required", field);
  if (typeof value !== "string") return refuse("field_must_be_a_string", field);
  const parsed = parseMinor(value);
  if (!parsed.ok) {
    const code =
      parsed.code === "amount_must_not_exceed_maximum"
        ? parsed.code
        : "amount_must_be_a_whole_number_of_minor_units";
    return refuse(code, field);
  }
  return ok(parsed.value);
}

function readDate(text: string, field: string): Result<PlainDate, LoanCalculatorErrorCode> {
  const parsed = parsePlainDate(text);
  return parsed.ok ? parsed : refuse("date_must_be_valid", field);
}

function readFee(value: unknown, index: number): Result<CalculatorFee, LoanCalculatorErrorCode> {
  const field = `fees[${index}]`;
  if (!isRecord(value)) return refuse("field_must_be_an_object", field);
  const kind = value["kind"];
  if (kind === undefined) return refuse("field_is_required", `${field}.kind`);
  if (kind !== "upfront" && kind !== "per_installment") {
    return refuse("field_must_be_one_of_allowed_values", `${field}.kind`, {
      allowed: "upfront|per_installment",
    });
  }
  const allowed = kind === "upfront" ? ["kind", "amountMinor", "percent"] : ["kind", "amountMinor"];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) return refuse("field_is_unknown", `${field}.${key}`);
  }
  const hasAmount = value["amountMinor"] !== undefined;
  const hasPercent = value["percent"] !== undefined;
  if (kind === "upfront" && hasAmount === hasPercent)
    return refuse("fee_must_have_either_amount_or_percent", field);
  if (kind === "upfront" && hasPercent) {
    const percent = value["percent"];
    if (typeof percent !== "string") return refuse("field_must_be_a_string", `${field}.percent`);
    return ok({ kind, percent });
  }
  const amount = readMinor(value["amountMinor"], `${field}.amountMinor`);
  if (!amount.ok) return amount;
  return ok(kind === "upfront" ? { kind, amountMinor: amount.value } : { kind, amountMinor: amount.value });
}

function readFees(value: unknown): Result<CalculatorFee[], LoanCalculatorErrorCode> {
  if (!Array.isArray(value)) return refuse("field_must_be_an_array", "fees");
  if (value.length > loanLimits.feesPerLoanMax) {
    return refuse("fees_must_not_exceed_maximum", "fees", { max: loanLimits.feesPerLoanMax });
  }
  const fees: CalculatorFee[] = [];
  for (const [index, item] of value.entries()) {
    const fee = readFee(item, index);
    if (!fee.ok) return fee;
    fees.push(fee.value);
  }
  return ok(fees);
}

/**
 * Reads the contract's JSON request (already `JSON.parse`d). Refuses unknown fields (`field_is_unknown`),
 * missing required ones, wrong types and values outside their choices, each with `details.field`.
 */
export function calculatorInputFromJson(json: unknown): Result<CalculatorInput, LoanCalculatorErrorCode> {
  if (!isRecord(json)) return err("body_must_be_an_object", {});
  for (const key of Object.keys(json)) {
    if (!Object.hasOwn(requestDefaults, key)) return refuse("field_is_unknown", key);
  }
  const read = new FieldReader(json);
  const currency = read.string("currency");
  if (!currency.ok) return currency;
  if (!isCurrencyCode(currency.value)) return refuse("currency_must_be_supported", "currency");
  const principal = readMinor(read.raw("principalMinor"), "principalMinor");
  if (!principal.ok) return principal;
  const disbursementText = read.string("disbursementDate");
  if (!disbursementText.ok) return disbursementText;
  const disbursementDate = readDate(disbursementText.value, "disbursementDate");
  if (!disbursementDate.ok) return disbursementDate;
  const firstText = read.nullableString("firstRepaymentDate");
  if (!firstText.ok) return firstText;
  let firstRepaymentDate: PlainDate | null = null;
  if (firstText.value !== null) {
    const parsed = readDate(firstText.value, "firstRepaymentDate");
    if (!parsed.ok) return parsed;
    firstRepaymentDate = parsed.value;
  }
  return readRest(read, {
    currency: currency.value,
    principalMinor: principal.value,
    disbursementDate: disbursementDate.value,
    firstRepaymentDate,
  });
}

type Head = Pick<CalculatorInput, "currency" | "principalMinor" | "disbursementDate" | "firstRepaymentDate">;

function readRest(read: FieldReader, head: Head): Result<CalculatorInput, LoanCalculatorErrorCode> {
  const installments = read.integer("installments");
  if (!installments.ok) return installments;
  const repaymentEvery = read.integer("repaymentEvery");
  if (!repaymentEvery.ok) return repaymentEvery;
  const repaymentFrequency = read.choice("repaymentFrequency", repaymentFrequencies);
  if (!repaymentFrequency.ok) return repaymentFrequency;
  const interestRatePercent = read.string("interestRatePercent");
  if (!interestRatePercent.ok) return interestRatePercent;
  const interestRatePer = read.choice("interestRatePer", interestRatePers);
  if (!interestRatePer.ok) return interestRatePer;
  const interestMethod = read.choice("interestMethod", interestMethods);
  if (!interestMethod.ok) return interestMethod;
  const amortization = read.choice("amortization", amortizations);
  if (!amortization.ok) return amortization;
  const interestCalculationPeriod = read.choice("interestCalculationPeriod", interestCalculationPeriods);
  if (!interestCalculationPeriod.ok) return interestCalculationPeriod;
  const daysInYear = read.choice("daysInYear", daysInYearBases);
  if (!daysInYear.ok) return daysInYear;
  const daysInMonth = read.choice("daysInMonth", daysInMonthBases);
  if (!daysInMonth.ok) return daysInMonth;
  const roundingMode = read.choice("roundingMode", roundingModes);
  if (!roundingMode.ok) return roundingMode;
  const amountMultiple = readMinor(read.raw("amountMultipleMinor"), "amountMultipleMinor");
  if (!amountMultiple.ok) return amountMultiple;
  const installmentMultipleRaw = read.raw("installmentMultipleMinor");
  let installmentMultipleMinor: bigint | null = null;
  if (installmentMultipleRaw !== null) {
    const parsed = readMinor(installmentMultipleRaw, "installmentMultipleMinor");
    if (!parsed.ok) return parsed;
    installmentMultipleMinor = parsed.value;
  }
  const graceOnPrincipalPeriods = read.integer("graceOnPrincipalPeriods");
  if (!graceOnPrincipalPeriods.ok) return graceOnPrincipalPeriods;
  const graceOnInterestPaymentPeriods = read.integer("graceOnInterestPaymentPeriods");
  if (!graceOnInterestPaymentPeriods.ok) return graceOnInterestPaymentPeriods;
  const interestFreePeriods = read.integer("interestFreePeriods");
  if (!interestFreePeriods.ok) return interestFreePeriods;
  const downPaymentPercent = read.nullableString("downPaymentPercent");
  if (!downPaymentPercent.ok) return downPaymentPercent;
  const fees = readFees(read.raw("fees"));
  if (!fees.ok) return fees;
  return ok({
    ...head,
    installments: installments.value,
    repaymentEvery: repaymentEvery.value,
    repaymentFrequency: repaymentFrequency.value,
    interestRatePercent: interestRatePercent.value,
    interestRatePer: interestRatePer.value,
    interestMethod: interestMethod.value,
    amortization: amortization.value,
    interestCalculationPeriod: interestCalculationPeriod.value,
    daysInYear: daysInYear.value,
    daysInMonth: daysInMonth.value,
    roundingMode: roundingMode.value,
    amountMultipleMinor: amountMultiple.value,
    installmentMultipleMinor,
    graceOnPrincipalPeriods: graceOnPrincipalPeriods.value,
    graceOnInterestPaymentPeriods: graceOnInterestPaymentPeriods.value,
    interestFreePeriods: interestFreePeriods.value,
    downPaymentPercent: downPaymentPercent.value,
    fees: fees.value,
  });
}
