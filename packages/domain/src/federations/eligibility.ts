/**
 * Who may borrow from a federation's community funds. A node keeps rules per fund (community investment fund,
 * revolving fund): the grades it lends to, how many months of regular meetings a group must show, and the largest
 * amount and term. The rules are data, versioned by date; `checkEligibility` applies them to a group's records
 * and says why a group is refused, in the order a federation asks: grade, regularity, arrears, then the request.
 */
import { addMonths, type PlainDate } from "../calendar/plain-date";
import { err, ok, type Result } from "../result";

export const funds = ["cif", "rf"] as const;
/** The community investment fund or the revolving fund. */
export type Fund = (typeof funds)[number];

export const gradeLetters = ["A", "B", "C"] as const;
export type GradeLetter = (typeof gradeLetters)[number];

export interface FundRules {
  /** Grades that may borrow, e.g. A and B. */
  readonly allowedGrades: readonly GradeLetter[];
  /** Months, ending on the day of the application, each of which must hold at least one meeting. */
  readonly regularMonthsMin: number;
  readonly amountMaxMinor: bigint;
  readonly termMonthsMax: number;
  /** Service charge on the outstanding balance, per month, in basis points. */
  readonly rateBpsPerMonth: number;
}

export const defaultFundRules: FundRules = {
  allowedGrades: ["A", "B"],
  regularMonthsMin: 3,
  amountMaxMinor: 50_000_000n,
  termMonthsMax: 24,
  rateBpsPerMonth: 100,
};

export type FundRulesError = "fund_rules_must_be_valid";

export function checkFundRules(rules: FundRules): Result<FundRules, FundRulesError> {
  if (rules.allowedGrades.length === 0) return err("fund_rules_must_be_valid", { field: "allowedGrades" });
  if (!Number.isInteger(rules.regularMonthsMin) || rules.regularMonthsMin < 0 || rules.regularMonthsMin > 60)
    return err("fund_rules_must_be_valid", { field: "regularMonthsMin" });
  if (rules.amountMaxMinor <= 0n) return err("fund_rules_must_be_valid", { field: "amountMaxMinor" });
  if (!Number.isInteger(rules.termMonthsMax) || rules.termMonthsMax < 1 || rules.termMonthsMax > 120)
    return err("fund_rules_must_be_valid", { field: "termMonthsMax" });
  if (!Number.isInteger(rules.rateBpsPerMonth) || rules.rateBpsPerMonth < 0 || rules.rateBpsPerMonth > 1_000)
    return err("fund_rules_must_be_valid", { field: "rateBpsPerMonth" });
  return ok(rules);
}

export interface EligibilityInput {
  readonly appliedOn: PlainDate;
  /** The grade the federation holds for the group: its signed-off review, else the computed grade. */
  readonly grade: GradeLetter;
  readonly meetingDates: readonly PlainDate[];
  /** Overdue principal the group owes the federation on earlier fund loans. */
  readonly arrearsMinor: bigint;
  readonly amountMinor: bigint;
  readonly termMonths: number;
}

export type EligibilityError =
  | "group_grade_must_be_allowed"
  | "group_must_meet_regularly"
  | "group_must_have_no_fund_arrears"
  | "amount_must_not_exceed_fund_limit"
  | "term_must_not_exceed_fund_limit";

export interface Eligibility {
  readonly grade: GradeLetter;
  readonly regularMonths: number;
  readonly regularMonthsMin: number;
}

/** Months, counted back from the application day, that each hold at least one meeting, unbroken. */
export function regularMonthsBefore(
  appliedOn: PlainDate,
  meetingDates: readonly PlainDate[],
  most: number,
): number {
  let months = 0;
  for (let back = 0; back < most; back++) {
    const to = addMonths(appliedOn, -back);
    const from = addMonths(appliedOn, -(back + 1));
    if (!meetingDates.some((d) => d > from && d <= to)) break;
    months += 1;
  }
  return months;
}

export function checkEligibility(
  input: EligibilityInput,
  rules: FundRules,
): Result<Eligibility, EligibilityError> {
  if (!rules.allowedGrades.includes(input.grade))
    return err("group_grade_must_be_allowed", {
      grade: input.grade,
      allowed: rules.allowedGrades.join(", "),
    });
  const regularMonths = regularMonthsBefore(input.appliedOn, input.meetingDates, rules.regularMonthsMin);
  if (regularMonths < rules.regularMonthsMin)
    return err("group_must_meet_regularly", { months: regularMonths, required: rules.regularMonthsMin });
  if (input.arrearsMinor > 0n)
    return err("group_must_have_no_fund_arrears", { arrearsMinor: input.arrearsMinor.toString() });
  if (input.amountMinor > rules.amountMaxMinor)
    return err("amount_must_not_exceed_fund_limit", { max: rules.amountMaxMinor.toString() });
  if (input.termMonths > rules.termMonthsMax)
    return err("term_must_not_exceed_fund_limit", { max: rules.termMonthsMax });
  return ok({ grade: input.grade, regularMonths, regularMonthsMin: rules.regularMonthsMin });
}
