/**
 * Loan terms as stored: a product's settings in their JSON form (amounts as decimal strings) and the loan's
 * own request, frozen on the loan. From them the domain rebuilds the same offer every time, so the schedule,
 * GESV and servicing terms of a loan never depend on later changes of its product.
 */
import type { LoanProductSettingsJson } from "@moldir/contract";
import {
  type CalculatorFee,
  type CappedLoanKind,
  type CurrencyCode,
  type LoanOffer,
  type LoanProductSettings,
  type LoanRequest,
  type LoanServicingTerms,
  makeLoanOffer,
  type PlainDate,
  servicingTermsFor,
} from "@moldir/domain";
import { AppError, refusal } from "../http/app-error";

export function settingsFromJson(json: LoanProductSettingsJson): LoanProductSettings {
  return {
    ...json,
    minPrincipalMinor: BigInt(json.minPrincipalMinor),
    maxPrincipalMinor: BigInt(json.maxPrincipalMinor),
    amountMultipleMinor: BigInt(json.amountMultipleMinor),
    installmentMultipleMinor:
      json.installmentMultipleMinor === null ? null : BigInt(json.installmentMultipleMinor),
    fees: json.fees.map(
      (fee): CalculatorFee =>
        "percent" in fee
          ? { kind: "upfront", percent: fee.percent }
          : fee.kind === "upfront"
            ? { kind: "upfront", amountMinor: BigInt(fee.amountMinor) }
            : { kind: "per_installment", amountMinor: BigInt(fee.amountMinor) },
    ),
  };
}

/** What a loan keeps of its terms. */
export interface StoredLoanTerms {
  readonly loanKind: CappedLoanKind;
  readonly settings: LoanProductSettingsJson;
  readonly request: {
    readonly currency: string;
    readonly principalMinor: string;
    readonly installments: number;
    readonly disbursementOn: string;
    readonly firstRepaymentOn: string | null;
    readonly tranches?: readonly { readonly disbursedOn: string; readonly amountMinor: string }[];
  };
}

export function storedTermsOf(
  loanKind: CappedLoanKind,
  settings: LoanProductSettingsJson,
  request: LoanRequest,
): StoredLoanTerms {
  return {
    loanKind,
    settings,
    request: {
      currency: request.currency,
      principalMinor: request.principalMinor.toString(),
      installments: request.installments,
      disbursementOn: request.disbursementOn,
      firstRepaymentOn: request.firstRepaymentOn,
      tranches: (request.tranches ?? []).map((t) => ({
        disbursedOn: t.disbursedOn,
        amountMinor: t.amountMinor.toString(),
      })),
    },
  };
}

export function requestOf(stored: StoredLoanTerms): LoanRequest {
  return {
    currency: stored.request.currency as CurrencyCode,
    principalMinor: BigInt(stored.request.principalMinor),
    installments: stored.request.installments,
    disbursementOn: stored.request.disbursementOn as PlainDate,
    firstRepaymentOn: stored.request.firstRepaymentOn as PlainDate | null,
    tranches: (stored.request.tranches ?? []).map((t) => ({
      disbursedOn: t.disbursedOn as PlainDate,
      amountMinor: BigInt(t.amountMinor),
    })),
  };
}

/** The offer of stored terms; refuses (with the engine's code) terms that no longer schedule. */
export function offerOf(stored: StoredLoanTerms): LoanOffer {
  const offer = makeLoanOffer(settingsFromJson(stored.settings), stored.loanKind, requestOf(stored));
  if (!offer.ok) throw refusal(offer);
  return offer.value;
}

/**
 * The servicing terms of stored terms, without building the offer's schedule or solving its GESV: what a
 * replay needs (payments, close of business, reports), on paths that run for every loan.
 */
export function servicingOf(stored: StoredLoanTerms): LoanServicingTerms {
  const terms = servicingTermsFor(settingsFromJson(stored.settings), stored.loanKind, requestOf(stored));
  if (!terms.ok) throw refusal(terms);
  return terms.value;
}

/** Reads the terms JSON of a loan row. */
export function parseStoredTerms(json: unknown): StoredLoanTerms {
  if (typeof json !== "object" || json === null || !("settings" in json) || !("request" in json)) {
    throw new AppError("internal_error");
  }
  return json as StoredLoanTerms;
}
