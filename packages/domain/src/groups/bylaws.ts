import { err, ok, type Result } from "../result";

/**
 * A group's bylaws: what each member saves (an SHG's fixed amount, or a VSLA's shares at a price fixed for the
 * cycle), the social fund contribution, the terms of internal loans and the fines. Bylaws are versioned with
 * the date from which each version applies.
 */
export const methodologies = ["shg", "vsla"] as const;
export type Methodology = (typeof methodologies)[number];

export const fineKinds = ["late", "absent", "missed_repayment", "other"] as const;
export type FineKind = (typeof fineKinds)[number];

export interface Bylaws {
  readonly methodology: Methodology;
  /** SHG: the saving every member makes at each meeting. */
  readonly savingsPerMeetingMinor: bigint;
  /** VSLA: the price of one share for the cycle. */
  readonly sharePriceMinor: bigint;
  /** VSLA: at most this many shares per member per meeting (1–5). */
  readonly maxSharesPerMeeting: number;
  readonly socialFundPerMeetingMinor: bigint;
  /** Flat service charge on internal loans, in basis points of the principal per month. */
  readonly loanRateBpsPerMonth: number;
  readonly loanTermMonthsMax: number;
  /** A member may borrow up to this multiple of her savings, less what she already owes. */
  readonly loanMaxMultipleOfSavings: number;
  readonly fines: Readonly<Record<FineKind, bigint>>;
}

export type BylawsError =
  | "share_price_must_be_positive"
  | "shares_per_meeting_must_be_between_1_and_5"
  | "savings_per_meeting_must_not_be_negative"
  | "loan_terms_must_be_sensible";

export function checkBylaws(bylaws: Bylaws): Result<Bylaws, BylawsError> {
  if (bylaws.methodology === "vsla" && bylaws.sharePriceMinor <= 0n)
    return err("share_price_must_be_positive", { field: "sharePriceMinor" });
  if (bylaws.methodology === "vsla" && (bylaws.maxSharesPerMeeting < 1 || bylaws.maxSharesPerMeeting > 5)) {
    return err("shares_per_meeting_must_be_between_1_and_5", { field: "maxSharesPerMeeting" });
  }
  if (bylaws.savingsPerMeetingMinor < 0n || bylaws.socialFundPerMeetingMinor < 0n) {
    return err("savings_per_meeting_must_not_be_negative", { field: "savingsPerMeetingMinor" });
  }
  if (
    bylaws.loanRateBpsPerMonth < 0 ||
    bylaws.loanRateBpsPerMonth > 1_000 ||
    bylaws.loanTermMonthsMax < 1 ||
    bylaws.loanTermMonthsMax > 36 ||
    bylaws.loanMaxMultipleOfSavings < 0 ||
    bylaws.loanMaxMultipleOfSavings > 10
  ) {
    return err("loan_terms_must_be_sensible", { field: "loanRateBpsPerMonth" });
  }
  for (const amount of Object.values(bylaws.fines)) {
    if (amount < 0n) return err("savings_per_meeting_must_not_be_negative", { field: "fines" });
  }
  return ok(bylaws);
}
