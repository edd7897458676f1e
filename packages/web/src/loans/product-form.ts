/**
 * The product form as typed and the settings it becomes. Amounts are typed in tenge in the language's format
 * and sent in tiyn; percents with a comma or a dot. The defaults are a monthly annuity loan of 50 000–500 000 ₸
 * over 3–12 months at 2.5 % a month, which stays within the microloan caps.
 */
import type {
  allocationOrders,
  amortizations,
  daysInMonthBases,
  daysInYearBases,
  interestCalculationPeriods,
  interestMethods,
  interestRatePers,
  Locale,
  repaymentFrequencies,
  roundingModes,
} from "@moldir/domain";
import { type LoanProductSettingsJson, readPercent, readTenge, readWhole, tengeText } from "./loans-api";

export type FeeKind = "upfront_amount" | "upfront_percent" | "per_installment";

export interface FeeDraft {
  readonly kind: FeeKind;
  readonly valueText: string;
}

export interface ProductDraft {
  readonly code: string;
  readonly nameKk: string;
  readonly nameRu: string;
  readonly nameEn: string;
  readonly clientKind: "individual" | "joint_liability" | "shg";
  readonly loanKind: "mfo_microloan" | "bank_loan" | "federation_loan" | "group_internal_loan";
  readonly minPrincipalText: string;
  readonly maxPrincipalText: string;
  readonly minInstallmentsText: string;
  readonly maxInstallmentsText: string;
  readonly repaymentEveryText: string;
  readonly repaymentFrequency: (typeof repaymentFrequencies)[number];
  readonly interestRateText: string;
  readonly interestRatePer: (typeof interestRatePers)[number];
  readonly interestMethod: (typeof interestMethods)[number];
  readonly amortization: (typeof amortizations)[number];
  readonly interestCalculationPeriod: (typeof interestCalculationPeriods)[number];
  readonly daysInYear: (typeof daysInYearBases)[number];
  readonly daysInMonth: (typeof daysInMonthBases)[number];
  readonly roundingMode: (typeof roundingModes)[number];
  readonly amountMultipleText: string;
  readonly installmentMultipleText: string;
  readonly graceOnPrincipalText: string;
  readonly graceOnInterestText: string;
  readonly interestFreeText: string;
  readonly fees: readonly FeeDraft[];
  readonly penaltyText: string;
  readonly allocationOrder: (typeof allocationOrders)[number];
  readonly payoffInterest: "till_payoff_date" | "whole_period";
  readonly interestRecalculation: boolean;
}

export type ProductField = Exclude<keyof ProductDraft, "fees"> | `fees.${number}`;

export type ProductProblem =
  | "must_be_given"
  | "amount_must_be_a_number"
  | "number_must_be_whole"
  | "percent_must_be_a_number"
  | "code_must_be_letters";

/** A new product's draft. */
export function defaultProductDraft(): ProductDraft {
  return {
    code: "",
    nameKk: "",
    nameRu: "",
    nameEn: "",
    clientKind: "individual",
    loanKind: "mfo_microloan",
    minPrincipalText: "50000",
    maxPrincipalText: "500000",
    minInstallmentsText: "3",
    maxInstallmentsText: "12",
    repaymentEveryText: "1",
    repaymentFrequency: "months",
    interestRateText: "2.5",
    interestRatePer: "month",
    interestMethod: "declining_balance",
    amortization: "equal_installments",
    interestCalculationPeriod: "same_as_repayment_period",
    daysInYear: "365",
    daysInMonth: "actual",
    roundingMode: "half_even",
    amountMultipleText: "1",
    installmentMultipleText: "",
    graceOnPrincipalText: "0",
    graceOnInterestText: "0",
    interestFreeText: "0",
    fees: [],
    penaltyText: "0.1",
    allocationOrder: "penalties_fees_interest_principal",
    payoffInterest: "till_payoff_date",
    interestRecalculation: false,
  };
}

/** The draft of a product's current settings, to change them. */
export function draftOfSettings(
  settings: LoanProductSettingsJson,
  locale: Locale,
): Omit<ProductDraft, "code" | "nameKk" | "nameRu" | "nameEn" | "clientKind" | "loanKind"> {
  const percent = (text: string) => (locale === "en" ? text : text.replace(".", ","));
  return {
    minPrincipalText: tengeText(settings.minPrincipalMinor, locale),
    maxPrincipalText: tengeText(settings.maxPrincipalMinor, locale),
    minInstallmentsText: String(settings.minInstallments),
    maxInstallmentsText: String(settings.maxInstallments),
    repaymentEveryText: String(settings.repaymentEvery),
    repaymentFrequency: settings.repaymentFrequency,
    interestRateText: percent(settings.interestRatePercent),
    interestRatePer: settings.interestRatePer,
    interestMethod: settings.interestMethod,
    amortization: settings.amortization,
    interestCalculationPeriod: settings.interestCalculationPeriod,
    daysInYear: settings.daysInYear,
    daysInMonth: settings.daysInMonth,
    roundingMode: settings.roundingMode,
    amountMultipleText: tengeText(settings.amountMultipleMinor, locale),
    installmentMultipleText:
      settings.installmentMultipleMinor === null ? "" : tengeText(settings.installmentMultipleMinor, locale),
    graceOnPrincipalText: String(settings.graceOnPrincipalPeriods),
    graceOnInterestText: String(settings.graceOnInterestPaymentPeriods),
    interestFreeText: String(settings.interestFreePeriods),
    fees: settings.fees.map((fee) =>
      "percent" in fee
        ? { kind: "upfront_percent", valueText: percent(fee.percent) }
        : {
            kind: fee.kind === "upfront" ? "upfront_amount" : "per_installment",
            valueText: tengeText(fee.amountMinor, locale),
          },
    ),
    penaltyText: percent(settings.penaltyPercentPerDay),
    allocationOrder: settings.allocationOrder,
    payoffInterest: settings.payoffInterest,
    interestRecalculation: settings.interestRecalculation,
  };
}

/** Reads the settings of the draft: the settings, or the fields to fix. */
export function readProductSettings(
  draft: ProductDraft,
  locale: Locale,
): { settings: LoanProductSettingsJson | null; problems: Map<ProductField, ProductProblem> } {
  const problems = new Map<ProductField, ProductProblem>();
  const money = (field: ProductField, text: string): string => {
    if (text.trim() === "") {
      problems.set(field, "must_be_given");
      return "1";
    }
    const minor = readTenge(text, locale);
    if (minor === null || minor === "0") problems.set(field, "amount_must_be_a_number");
    return minor ?? "1";
  };
  const whole = (field: ProductField, text: string, least = 0): number => {
    const value = readWhole(text);
    if (value === null || value < least) {
      problems.set(field, text.trim() === "" ? "must_be_given" : "number_must_be_whole");
      return least;
    }
    return value;
  };
  const percent = (field: ProductField, text: string): string => {
    const value = readPercent(text);
    if (value === null)
      problems.set(field, text.trim() === "" ? "must_be_given" : "percent_must_be_a_number");
    return value ?? "0";
  };
  const settings: LoanProductSettingsJson = {
    minPrincipalMinor: money("minPrincipalText", draft.minPrincipalText),
    maxPrincipalMinor: money("maxPrincipalText", draft.maxPrincipalText),
    minInstallments: whole("minInstallmentsText", draft.minInstallmentsText, 1),
    maxInstallments: whole("maxInstallmentsText", draft.maxInstallmentsText, 1),
    repaymentEvery: whole("repaymentEveryText", draft.repaymentEveryText, 1),
    repaymentFrequency: draft.repaymentFrequency,
    interestRatePercent: percent("interestRateText", draft.interestRateText),
    interestRatePer: draft.interestRatePer,
    interestMethod: draft.interestMethod,
    amortization: draft.amortization,
    interestCalculationPeriod: draft.interestCalculationPeriod,
    daysInYear: draft.daysInYear,
    daysInMonth: draft.daysInMonth,
    roundingMode: draft.roundingMode,
    amountMultipleMinor: money("amountMultipleText", draft.amountMultipleText),
    installmentMultipleMinor:
      draft.installmentMultipleText.trim() === ""
        ? null
        : money("installmentMultipleText", draft.installmentMultipleText),
    graceOnPrincipalPeriods: whole("graceOnPrincipalText", draft.graceOnPrincipalText),
    graceOnInterestPaymentPeriods: whole("graceOnInterestText", draft.graceOnInterestText),
    interestFreePeriods: whole("interestFreeText", draft.interestFreeText),
    fees: draft.fees.map((fee, index) => {
      const field: ProductField = `fees.${index}`;
      if (fee.kind === "upfront_percent") return { kind: "upfront", percent: percent(field, fee.valueText) };
      const amountMinor = money(field, fee.valueText);
      return fee.kind === "upfront_amount"
        ? { kind: "upfront", amountMinor }
        : { kind: "per_installment", amountMinor };
    }),
    penaltyPercentPerDay: percent("penaltyText", draft.penaltyText),
    allocationOrder: draft.allocationOrder,
    payoffInterest: draft.payoffInterest,
    interestRecalculation: draft.interestRecalculation,
  };
  return { settings: problems.size === 0 ? settings : null, problems };
}

/** Reads a new product: the request, or the fields to fix. */
export function readNewProduct(
  draft: ProductDraft,
  locale: Locale,
): { body: Record<string, unknown> | null; problems: Map<ProductField, ProductProblem> } {
  const { settings, problems } = readProductSettings(draft, locale);
  if (!/^[A-Za-z0-9-]{1,20}$/.test(draft.code.trim())) {
    problems.set("code", draft.code.trim() === "" ? "must_be_given" : "code_must_be_letters");
  }
  for (const field of ["nameKk", "nameRu", "nameEn"] as const) {
    if (draft[field].trim() === "") problems.set(field, "must_be_given");
  }
  if (settings === null || problems.size > 0) return { body: null, problems };
  return {
    body: {
      code: draft.code.trim(),
      names: { kk: draft.nameKk.trim(), ru: draft.nameRu.trim(), en: draft.nameEn.trim() },
      clientKind: draft.clientKind,
      loanKind: draft.loanKind,
      settings,
    },
    problems,
  };
}

/** The server's field names of a product → the form's. */
export const productServerFields: Readonly<Record<string, ProductField>> = {
  code: "code",
  minPrincipalMinor: "minPrincipalText",
  maxPrincipalMinor: "maxPrincipalText",
  minInstallments: "minInstallmentsText",
  maxInstallments: "maxInstallmentsText",
  repaymentEvery: "repaymentEveryText",
  interestRatePercent: "interestRateText",
  amountMultipleMinor: "amountMultipleText",
  installmentMultipleMinor: "installmentMultipleText",
  graceOnPrincipalPeriods: "graceOnPrincipalText",
  graceOnInterestPaymentPeriods: "graceOnInterestText",
  interestFreePeriods: "interestFreeText",
  penaltyPercentPerDay: "penaltyText",
  principalMinor: "maxPrincipalText",
  installments: "maxInstallmentsText",
};
