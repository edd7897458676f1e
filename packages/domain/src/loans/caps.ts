/**
 * Kazakhstan's caps on the price of a loan, as effective-dated configuration (DOMAIN.md "Kazakhstan rules";
 * the Law "On microfinance activities" and the Agency's rules, as amended in force from 16 June 2025):
 *
 * - the GESV of an MFO microloan ≤ 46 %;
 * - a short loan (term ≤ 45 days): the nominal rate per day < 0.3 % and the GESV ≤ 179 % a year. The law
 *   states the daily limit on the rate; Moldir reads it as the nominal annual rate / 365 (a monthly rate
 *   × 12 / 365), and the annual limit on the disclosed GESV;
 * - a penalty for late payment ≤ 0.5 % a day of the overdue amount for the first 90 days of a delay, then
 *   ≤ 0.03 % a day, and ≤ 10 % of the loan amount a year.
 *
 * Caps change, so they are rows with an `effectiveFrom` date (and an optional `effectiveUntil`), never
 * constants: a check uses, for each kind of cap, the latest row in force on the date of the check (the day
 * a contract is signed, or the day rates or fees change). `kazakhstanCaps` is the default table; an
 * organization may pass its own (stricter, or with older rows for contracts signed earlier).
 */
import { type PlainDate, plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import { compareRatio, makeRatio, parsePercent, type Ratio } from "./ratio";

/** Kinds of loan a cap can apply to. */
export type CappedLoanKind = "mfo_microloan" | "bank_loan" | "federation_loan" | "group_internal_loan";

/** Common fields of a cap row. */
interface CapRowBase {
  /** First day the row is in force. */
  readonly effectiveFrom: PlainDate;
  /** First day it is no longer in force, or null. */
  readonly effectiveUntil: PlainDate | null;
  /** Loan kinds it applies to. */
  readonly loanKinds: readonly CappedLoanKind[];
}

/** One row of the caps table. Percentages are dotted decimal strings ("0.3"). */
export type CapRow =
  | (CapRowBase & { readonly kind: "gesv_max"; readonly gesvPercentMax: string })
  | (CapRowBase & {
      readonly kind: "short_loan";
      /** Loans with a term of at most this many days are short. */
      readonly termDaysMax: number;
      /** The nominal rate per day must be below this. */
      readonly dailyRatePercentBelow: string;
      /** The GESV must not exceed this. */
      readonly gesvPercentMax: string;
    })
  | (CapRowBase & {
      readonly kind: "penalty";
      /** Days of delay during which `dailyPercentMaxEarly` applies. */
      readonly earlyDays: number;
      /** Most penalty per day, in percent of the overdue amount, in the first `earlyDays` of a delay. */
      readonly dailyPercentMaxEarly: string;
      /** Most penalty per day after that. */
      readonly dailyPercentMaxLate: string;
      /** Most penalty per year of the loan, in percent of the loan amount. */
      readonly yearlyPercentOfLoanMax: string;
    });

const from2025June16 = plainDate("2025-06-16");

/** The default caps of Kazakhstan, in force from 16 June 2025. */
export const kazakhstanCaps: readonly CapRow[] = [
  {
    kind: "gesv_max",
    effectiveFrom: from2025June16,
    effectiveUntil: null,
    loanKinds: ["mfo_microloan"],
    gesvPercentMax: "46",
  },
  {
    kind: "short_loan",
    effectiveFrom: from2025June16,
    effectiveUntil: null,
    loanKinds: ["mfo_microloan"],
    termDaysMax: 45,
    dailyRatePercentBelow: "0.3",
    gesvPercentMax: "179",
  },
  {
    kind: "penalty",
    effectiveFrom: from2025June16,
    effectiveUntil: null,
    loanKinds: ["mfo_microloan", "bank_loan", "federation_loan", "group_internal_loan"],
    earlyDays: 90,
    dailyPercentMaxEarly: "0.5",
    dailyPercentMaxLate: "0.03",
    yearlyPercentOfLoanMax: "10",
  },
];

/** The row of `kind` in force on `on` for `loanKind`: the one with the latest `effectiveFrom`. */
export function findCap<K extends CapRow["kind"]>(
  caps: readonly CapRow[],
  kind: K,
  loanKind: CappedLoanKind,
  on: PlainDate,
): Extract<CapRow, { kind: K }> | null {
  let found: Extract<CapRow, { kind: K }> | null = null;
  for (const row of caps) {
    if (row.kind !== kind || !row.loanKinds.includes(loanKind)) continue;
    if (row.effectiveFrom > on || (row.effectiveUntil !== null && row.effectiveUntil <= on)) continue;
    if (found === null || row.effectiveFrom > found.effectiveFrom)
      found = row as Extract<CapRow, { kind: K }>;
  }
  return found;
}

/** A cap a loan breaks. */
export type CapViolationCode =
  | "gesv_must_not_exceed_cap"
  | "short_loan_daily_rate_must_be_below_cap"
  | "short_loan_gesv_must_not_exceed_cap";

/** A broken cap with the limit and the value, for the message. */
export interface CapViolation {
  readonly code: CapViolationCode;
  /** The limit, in percent. */
  readonly limitPercent: string;
  /** The loan's value, in percent (GESV in tenths written as "47.1"; a daily rate exactly). */
  readonly valuePercent: string;
}

/** What the cap check needs to know of a loan. */
export interface CapCheckInput {
  readonly loanKind: CappedLoanKind;
  /** Day of signing, or of the change of rates or fees. */
  readonly checkedOn: PlainDate;
  /** The disclosed GESV in tenths of a percent (347 for 34.7 %). */
  readonly gesvTenthsOfPercent: number;
  /** Days from the first disbursement to the last due date. */
  readonly termDays: number;
  /** Nominal annual rate as a fraction of one (a monthly rate × 12). */
  readonly nominalAnnualRate: Ratio;
}

function percentRatio(text: string): Ratio {
  return unwrap(parsePercent(text));
}

function tenthsRatio(tenths: number): Ratio {
  return makeRatio(BigInt(tenths), 1000n);
}

function tenthsText(tenths: number): string {
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Checks a loan against the caps in force on `checkedOn`; an empty list means it complies. */
export function checkLoanCaps(
  input: CapCheckInput,
  caps: readonly CapRow[] = kazakhstanCaps,
): CapViolation[] {
  const violations: CapViolation[] = [];
  const gesv = tenthsRatio(input.gesvTenthsOfPercent);
  const gesvCap = findCap(caps, "gesv_max", input.loanKind, input.checkedOn);
  if (gesvCap !== null && compareRatio(gesv, percentRatio(gesvCap.gesvPercentMax)) > 0) {
    violations.push({
      code: "gesv_must_not_exceed_cap",
      limitPercent: gesvCap.gesvPercentMax,
      valuePercent: tenthsText(input.gesvTenthsOfPercent),
    });
  }
  const shortCap = findCap(caps, "short_loan", input.loanKind, input.checkedOn);
  if (shortCap !== null && input.termDays <= shortCap.termDaysMax) {
    const daily = makeRatio(input.nominalAnnualRate.numerator, input.nominalAnnualRate.denominator * 365n);
    if (compareRatio(daily, percentRatio(shortCap.dailyRatePercentBelow)) >= 0) {
      violations.push({
        code: "short_loan_daily_rate_must_be_below_cap",
        limitPercent: shortCap.dailyRatePercentBelow,
        valuePercent: ratioToPercentText(daily),
      });
    }
    if (compareRatio(gesv, percentRatio(shortCap.gesvPercentMax)) > 0) {
      violations.push({
        code: "short_loan_gesv_must_not_exceed_cap",
        limitPercent: shortCap.gesvPercentMax,
        valuePercent: tenthsText(input.gesvTenthsOfPercent),
      });
    }
  }
  return violations;
}

/** A ratio in percent with four decimals, truncated (for messages only). */
function ratioToPercentText(value: Ratio): string {
  const scaled = (value.numerator * 1_000_000n) / value.denominator;
  const text = scaled.toString().padStart(5, "0");
  return `${text.slice(0, -4)}.${text.slice(-4)}`;
}

/** Penalty limits in force on a day, as exact ratios. */
export interface PenaltyCap {
  readonly earlyDays: number;
  readonly dailyMaxEarly: Ratio;
  readonly dailyMaxLate: Ratio;
  readonly yearlyOfLoanMax: Ratio;
}

/** The penalty cap in force on `on` for `loanKind`, or null when none applies. */
export function findPenaltyCap(
  caps: readonly CapRow[],
  loanKind: CappedLoanKind,
  on: PlainDate,
): PenaltyCap | null {
  const row = findCap(caps, "penalty", loanKind, on);
  if (row === null) return null;
  return {
    earlyDays: row.earlyDays,
    dailyMaxEarly: percentRatio(row.dailyPercentMaxEarly),
    dailyMaxLate: percentRatio(row.dailyPercentMaxLate),
    yearlyOfLoanMax: percentRatio(row.yearlyPercentOfLoanMax),
  };
}
