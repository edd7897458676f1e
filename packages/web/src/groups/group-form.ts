/**
 * The form that forms a group, as typed, and the request it becomes. Amounts are typed in the language's
 * format (`500,00` or `500.00`); the loan rate as a percent a month (`2,5`), sent in basis points.
 */
import type { CurrencyCode, Locale, Methodology } from "@moldir/domain";
import { parseMoney } from "@moldir/domain";

export const frequencies = ["weekly", "fortnightly", "monthly"] as const;
export type Frequency = (typeof frequencies)[number];

export interface GroupFormDraft {
  readonly name: string;
  readonly methodology: Methodology;
  readonly frequency: Frequency;
  readonly meetingDayText: string;
  readonly village: string;
  readonly meetingPlace: string;
  readonly formedOn: string;
  readonly savingsText: string;
  readonly sharePriceText: string;
  readonly maxSharesText: string;
  readonly socialText: string;
  readonly ratePercentText: string;
  readonly termMonthsText: string;
  readonly multipleText: string;
  readonly fineLateText: string;
  readonly fineAbsentText: string;
  readonly fineMissedText: string;
}

export type GroupFormProblem =
  | "name_must_be_given"
  | "date_must_be_given"
  | "amount_must_be_a_number"
  | "number_must_be_whole"
  | "rate_must_be_a_percent";

export type GroupFormField = keyof GroupFormDraft;

export interface CreateGroupBody {
  readonly name: string;
  readonly methodology: Methodology;
  readonly frequency: Frequency;
  readonly meetingDay: number | null;
  readonly village: string | null;
  readonly meetingPlace: string | null;
  readonly formedOn: string;
  readonly bylaws: {
    readonly methodology: Methodology;
    readonly savingsPerMeetingMinor: string;
    readonly sharePriceMinor: string;
    readonly maxSharesPerMeeting: number;
    readonly socialFundPerMeetingMinor: string;
    readonly loanRateBpsPerMonth: number;
    readonly loanTermMonthsMax: number;
    readonly loanMaxMultipleOfSavings: number;
    readonly fines: { late: string; absent: string; missed_repayment: string; other: string };
  };
}

/** "2,5" or "2.5" (percent) → 250 basis points; at most two decimals. */
export function parsePercentBps(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ""));
  if (match === null) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Reads the form: the request, or the fields to fix. */
export function readGroupForm(
  draft: GroupFormDraft,
  currency: CurrencyCode,
  locale: Locale,
): { body: CreateGroupBody | null; problems: Map<GroupFormField, GroupFormProblem> } {
  const problems = new Map<GroupFormField, GroupFormProblem>();
  const money = (field: GroupFormField): string => {
    const text = String(draft[field]).trim();
    if (text === "") return "0";
    const parsed = parseMoney(text, currency, locale);
    if (parsed.ok) return parsed.value.toString();
    problems.set(field, "amount_must_be_a_number");
    return "0";
  };
  const whole = (field: GroupFormField, fallback: number): number => {
    const text = String(draft[field]).trim();
    if (text === "") return fallback;
    if (/^\d{1,2}$/.test(text)) return Number(text);
    problems.set(field, "number_must_be_whole");
    return fallback;
  };
  if (draft.name.trim() === "") problems.set("name", "name_must_be_given");
  if (draft.formedOn.trim() === "") problems.set("formedOn", "date_must_be_given");
  const isVsla = draft.methodology === "vsla";
  const rate = draft.ratePercentText.trim() === "" ? 0 : parsePercentBps(draft.ratePercentText);
  if (rate === null) problems.set("ratePercentText", "rate_must_be_a_percent");
  const meetingDay = draft.meetingDayText.trim() === "" ? null : whole("meetingDayText", 1);
  const body: CreateGroupBody = {
    name: draft.name.trim(),
    methodology: draft.methodology,
    frequency: draft.frequency,
    meetingDay,
    village: draft.village.trim() === "" ? null : draft.village.trim(),
    meetingPlace: draft.meetingPlace.trim() === "" ? null : draft.meetingPlace.trim(),
    formedOn: draft.formedOn,
    bylaws: {
      methodology: draft.methodology,
      savingsPerMeetingMinor: isVsla ? "0" : money("savingsText"),
      sharePriceMinor: isVsla ? money("sharePriceText") : "0",
      maxSharesPerMeeting: isVsla ? whole("maxSharesText", 5) : 0,
      socialFundPerMeetingMinor: money("socialText"),
      loanRateBpsPerMonth: rate ?? 0,
      loanTermMonthsMax: whole("termMonthsText", 6),
      loanMaxMultipleOfSavings: whole("multipleText", 3),
      fines: {
        late: money("fineLateText"),
        absent: money("fineAbsentText"),
        missed_repayment: money("fineMissedText"),
        other: "0",
      },
    },
  };
  return { body: problems.size === 0 ? body : null, problems };
}
