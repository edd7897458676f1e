/**
 * A meeting as the bookkeeper types it, and the `RecordMeeting` command it becomes. Pure: the meeting screen
 * renders what these functions say, and the tests read them directly.
 *
 * One line per active member: attendance, her saving (SHG) or shares (VSLA), social fund, a fine, and a
 * repayment of her oldest open loan. A member present or represented starts with the bylaws' amounts; an
 * absent one with the bylaws' fine for absence. A blank or zero amount sends no line. The same rules as the
 * server (`decideMeeting`) run on every change, so a refusal shows on its row before anything is sent; the
 * server stays the authority. The command's id is made when the screen opens and never changes, so sending
 * the same meeting twice (a double tap, a retry after a lost answer) is applied once.
 */
import type { RecordMeetingRequest } from "@moldir/contract";
import {
  type AttendanceStatus,
  type Bylaws,
  type CurrencyCode,
  decideMeeting,
  type FineKind,
  fineFitsBylaws,
  formatMoney,
  type GroupState,
  type InternalLoanState,
  type Locale,
  type MeetingError,
  parseMoney,
  plainDate,
  type RecordMeeting,
  type Result,
} from "@moldir/domain";

/** Whether a fine of this amount needs a reason: it is not what the bylaws set for its kind, nor a few of it. */
export function fineNeedsNote(bylaws: Bylaws, kind: FineKind, amountMinor: bigint): boolean {
  return amountMinor > 0n && !fineFitsBylaws(bylaws, kind, amountMinor);
}

/** One member's line, as typed. */
export interface MemberLineDraft {
  readonly memberId: string;
  readonly status: AttendanceStatus;
  readonly savingsText: string;
  /** Why her saving differs from the bylaws' amount (the rules ask for a reason). */
  readonly savingsNote: string;
  readonly sharesText: string;
  readonly socialText: string;
  /** Why her social fund contribution differs from the bylaws' amount. */
  readonly socialNote: string;
  readonly fineText: string;
  /** Why her fine is not what the bylaws set (nor a whole number of it). */
  readonly fineNote: string;
  readonly principalText: string;
  readonly interestText: string;
}

/** A new internal loan given at the meeting; its id is made when the line is added. */
export interface LoanLineDraft {
  readonly key: number;
  readonly loanId: string;
  readonly memberId: string | null;
  readonly amountText: string;
  readonly termText: string;
}

/** A repayment of one of the group's community fund loans to the federation, paid from the box. */
export interface FundRepaymentDraft {
  readonly fundLoanId: string;
  readonly principalText: string;
  readonly interestText: string;
}

/** Other income or an expense paid from the box. */
export interface CashLineDraft {
  readonly key: number;
  readonly description: string;
  readonly amountText: string;
}

export interface MeetingDraft {
  readonly id: string;
  /** Plain date `YYYY-MM-DD`. */
  readonly heldOn: string;
  readonly members: readonly MemberLineDraft[];
  readonly loans: readonly LoanLineDraft[];
  readonly otherIncome: readonly CashLineDraft[];
  readonly expenses: readonly CashLineDraft[];
  /** One line per open fund loan of the group; blank lines send nothing. */
  readonly fundRepayments: readonly FundRepaymentDraft[];
  readonly cashCountedText: string;
  readonly cashDifferenceExplanation: string;
  readonly decisions: string;
  readonly minutes: string;
  /** Members who leave the group at this meeting: their savings come back, less what they owe. */
  readonly leaving: readonly string[];
}

/** What the screen needs to read a draft: the rules, the money format, the open loans. */
export interface DraftContext {
  readonly bylaws: Bylaws;
  readonly currency: CurrencyCode;
  readonly locale: Locale;
  /** Each member's oldest open loan: the one a repayment on her row pays. */
  readonly loanOfMember: ReadonlyMap<string, InternalLoanState>;
  readonly lastMeetingOn: string | null;
  /** What the group still owes on each of its open fund loans, by loan id. */
  readonly fundLoanOutstanding: ReadonlyMap<string, bigint>;
}

/** The amounts a line starts with for an attendance status. */
export function prefilledLine(
  memberId: string,
  status: AttendanceStatus,
  bylaws: Bylaws,
  currency: CurrencyCode,
  locale: Locale,
): MemberLineDraft {
  const money = (amount: bigint) =>
    amount > 0n ? formatMoney(amount, currency, locale, { symbol: false }) : "";
  const isThere = status !== "absent";
  return {
    memberId,
    status,
    savingsText: isThere && bylaws.methodology === "shg" ? money(bylaws.savingsPerMeetingMinor) : "",
    savingsNote: "",
    sharesText: isThere && bylaws.methodology === "vsla" ? "1" : "",
    socialText: isThere ? money(bylaws.socialFundPerMeetingMinor) : "",
    socialNote: "",
    fineText: isThere ? "" : money(bylaws.fines.absent),
    fineNote: "",
    principalText: "",
    interestText: "",
  };
}

/** A new draft: every active member present, the bylaws' amounts filled in, nothing counted yet. */
export function freshDraft(
  id: string,
  heldOn: string,
  memberIds: readonly string[],
  context: Pick<DraftContext, "bylaws" | "currency" | "locale">,
): MeetingDraft {
  return {
    id,
    heldOn,
    members: memberIds.map((memberId) =>
      prefilledLine(memberId, "present", context.bylaws, context.currency, context.locale),
    ),
    loans: [],
    otherIncome: [],
    expenses: [],
    fundRepayments: [],
    cashCountedText: "",
    cashDifferenceExplanation: "",
    decisions: "",
    minutes: "",
    leaving: [],
  };
}

/** Oldest open loan of each member. */
export function loanOfMemberFrom(loans: readonly InternalLoanState[]): Map<string, InternalLoanState> {
  const byMember = new Map<string, InternalLoanState>();
  for (const loan of loans) if (!byMember.has(loan.memberId)) byMember.set(loan.memberId, loan);
  return byMember;
}

/** A field of the form: `member:<id>:savings`, `loan:<key>:amount`, `cashCounted`… */
export type FieldKey = string;

export type InputProblem =
  | "amount_must_be_a_number"
  | "shares_must_be_a_whole_number"
  | "term_must_be_a_whole_number"
  | "loan_must_name_a_member"
  | "line_must_have_description"
  | "repayment_must_match_a_loan"
  | "fund_repayment_must_not_exceed_outstanding"
  | "date_must_be_given"
  | "meeting_must_follow_last_meeting"
  | "cash_counted_must_be_given";

export interface ReadDraft {
  /**
   * The command, when every field could be read; while the cash is not yet counted, with zero counted (the
   * `cashCounted` problem then stops it from being sent).
   */
  readonly command: RecordMeeting | null;
  /** Fields that could not be read, with why. */
  readonly problems: ReadonlyMap<FieldKey, InputProblem>;
}

export const fieldOf = {
  member: (memberId: string, column: string): FieldKey => `member:${memberId}:${column}`,
  loan: (key: number, column: string): FieldKey => `loan:${key}:${column}`,
  income: (key: number, column: string): FieldKey => `income:${key}:${column}`,
  expense: (key: number, column: string): FieldKey => `expense:${key}:${column}`,
  fund: (fundLoanId: string, column: string): FieldKey => `fund:${fundLoanId}:${column}`,
} as const;

/** Reads the draft into a command, or says which fields stop it. */
export function readDraft(draft: MeetingDraft, context: DraftContext): ReadDraft {
  const problems = new Map<FieldKey, InputProblem>();
  const amount = (text: string, field: FieldKey): bigint => {
    if (text.trim() === "") return 0n;
    const parsed = parseMoney(text, context.currency, context.locale);
    if (parsed.ok) return parsed.value;
    problems.set(field, "amount_must_be_a_number");
    return 0n;
  };
  const whole = (text: string, field: FieldKey, problem: InputProblem): number => {
    const trimmed = text.trim();
    if (trimmed === "") return 0;
    if (/^\d{1,3}$/.test(trimmed)) return Number(trimmed);
    problems.set(field, problem);
    return 0;
  };

  const attendance: RecordMeeting["attendance"][number][] = [];
  const savings: RecordMeeting["savings"][number][] = [];
  const shares: RecordMeeting["shares"][number][] = [];
  const socialFund: RecordMeeting["socialFund"][number][] = [];
  const fines: RecordMeeting["fines"][number][] = [];
  const repayments: RecordMeeting["repayments"][number][] = [];
  for (const line of draft.members) {
    const field = (column: string) => fieldOf.member(line.memberId, column);
    attendance.push({ memberId: line.memberId, status: line.status });
    const saved = amount(line.savingsText, field("savings"));
    const note = line.savingsNote.trim();
    if (saved > 0n)
      savings.push({ memberId: line.memberId, amountMinor: saved, ...(note === "" ? {} : { note }) });
    const bought = whole(line.sharesText, field("shares"), "shares_must_be_a_whole_number");
    if (bought > 0) shares.push({ memberId: line.memberId, shares: bought });
    const social = amount(line.socialText, field("social"));
    const socialNote = line.socialNote.trim();
    if (social > 0n)
      socialFund.push({
        memberId: line.memberId,
        amountMinor: social,
        ...(socialNote === "" ? {} : { note: socialNote }),
      });
    const fine = amount(line.fineText, field("fine"));
    const kind: FineKind = line.status === "absent" ? "absent" : "late";
    const fineNote = line.fineNote.trim();
    if (fine > 0n)
      fines.push({
        memberId: line.memberId,
        kind,
        amountMinor: fine,
        ...(fineNote === "" ? {} : { note: fineNote }),
      });
    const principal = amount(line.principalText, field("principal"));
    const interest = amount(line.interestText, field("interest"));
    if (principal > 0n || interest > 0n) {
      const loan = context.loanOfMember.get(line.memberId);
      if (loan === undefined) problems.set(field("principal"), "repayment_must_match_a_loan");
      else repayments.push({ loanId: loan.loanId, principalMinor: principal, interestMinor: interest });
    }
  }

  const loansDisbursed: RecordMeeting["loansDisbursed"][number][] = [];
  for (const loan of draft.loans) {
    const principal = amount(loan.amountText, fieldOf.loan(loan.key, "amount"));
    const term = whole(loan.termText, fieldOf.loan(loan.key, "term"), "term_must_be_a_whole_number");
    const isBlank = loan.memberId === null && principal === 0n;
    if (isBlank) continue;
    if (loan.memberId === null) {
      problems.set(fieldOf.loan(loan.key, "member"), "loan_must_name_a_member");
      continue;
    }
    loansDisbursed.push({
      loanId: loan.loanId,
      memberId: loan.memberId,
      principalMinor: principal,
      termMonths: term,
    });
  }

  const cashLines = (
    lines: readonly CashLineDraft[],
    fieldFor: (key: number, column: string) => FieldKey,
  ) => {
    const read: { description: string; amountMinor: bigint }[] = [];
    for (const line of lines) {
      const value = amount(line.amountText, fieldFor(line.key, "amount"));
      const description = line.description.trim();
      if (value === 0n && description === "") continue;
      if (description === "") problems.set(fieldFor(line.key, "description"), "line_must_have_description");
      read.push({ description, amountMinor: value });
    }
    return read;
  };
  const otherIncome = cashLines(draft.otherIncome, fieldOf.income);
  const expenses = cashLines(draft.expenses, fieldOf.expense);
  const fundRepayments: NonNullable<RecordMeeting["fundRepayments"]>[number][] = [];
  for (const line of draft.fundRepayments) {
    const principal = amount(line.principalText, fieldOf.fund(line.fundLoanId, "principal"));
    const interest = amount(line.interestText, fieldOf.fund(line.fundLoanId, "interest"));
    if (principal === 0n && interest === 0n) continue;
    if (principal > (context.fundLoanOutstanding.get(line.fundLoanId) ?? 0n))
      problems.set(fieldOf.fund(line.fundLoanId, "principal"), "fund_repayment_must_not_exceed_outstanding");
    fundRepayments.push({ fundLoanId: line.fundLoanId, principalMinor: principal, interestMinor: interest });
  }

  if (draft.heldOn.trim() === "") problems.set("heldOn", "date_must_be_given");
  else if (context.lastMeetingOn !== null && draft.heldOn < context.lastMeetingOn)
    problems.set("heldOn", "meeting_must_follow_last_meeting");
  let cashCountedMinor = 0n;
  if (draft.cashCountedText.trim() === "") problems.set("cashCounted", "cash_counted_must_be_given");
  else cashCountedMinor = amount(draft.cashCountedText, "cashCounted");

  // The cash not counted yet does not stop the rest from being read: the screen shows the cash to count to.
  const isReadable = [...problems.keys()].every((field) => field === "cashCounted");
  if (!isReadable || !/^\d{4}-\d{2}-\d{2}$/.test(draft.heldOn)) return { command: null, problems };
  const explanation = draft.cashDifferenceExplanation.trim();
  return {
    command: {
      meetingId: draft.id,
      heldOn: plainDate(draft.heldOn),
      attendance,
      savings,
      shares,
      socialFund,
      loansDisbursed,
      repayments,
      fines,
      otherIncome,
      expenses,
      fundRepayments,
      exits: draft.leaving.map((memberId) => ({ memberId })),
      cashCountedMinor,
      cashDifferenceExplanation: explanation === "" ? null : explanation,
    },
    problems,
  };
}

export interface MeetingPreview {
  /** The domain's answer to the command as typed. */
  readonly decision: Result<unknown, MeetingError>;
  /** The cash the box should hold after the meeting, when the amounts allow it to be computed. */
  readonly cashComputedMinor: bigint | null;
}

/**
 * Runs the domain's rules on the command. The cash is computed even while a reason is still missing (for a
 * saving that differs from the bylaws, or for a difference in the cash counted): the bookkeeper needs the
 * figure to count against before she can explain anything.
 */
export function previewMeeting(state: GroupState, bylaws: Bylaws, command: RecordMeeting): MeetingPreview {
  const decision = decideMeeting(state, bylaws, command);
  if (decision.ok) return { decision, cashComputedMinor: decision.value.cashComputedMinor };
  const explained: RecordMeeting = {
    ...command,
    savings: command.savings.map((line) => ({ ...line, note: "-" })),
    cashDifferenceExplanation: "-",
  };
  const forCash = decideMeeting(state, bylaws, explained);
  return { decision, cashComputedMinor: forCash.ok ? forCash.value.cashComputedMinor : null };
}

/** The body of `POST /api/v1/groups/:groupId/meetings`: amounts as decimal strings, optional texts only if given. */
export function toRequest(command: RecordMeeting, draft: MeetingDraft): RecordMeetingRequest {
  const text = (value: string) => value.trim();
  const minor = (value: bigint) => value.toString();
  return {
    id: command.meetingId,
    heldOn: command.heldOn,
    exits: (command.exits ?? []).map((line) => ({ memberId: line.memberId })),
    fundRepayments: (command.fundRepayments ?? []).map((line) => ({
      fundLoanId: line.fundLoanId,
      principalMinor: minor(line.principalMinor),
      interestMinor: minor(line.interestMinor),
    })),
    attendance: command.attendance.map((line) => ({ memberId: line.memberId, status: line.status })),
    savings: command.savings.map((line) => ({
      memberId: line.memberId,
      amountMinor: minor(line.amountMinor),
      ...(line.note === undefined || line.note === null ? {} : { note: line.note }),
    })),
    shares: command.shares.map((line) => ({ memberId: line.memberId, shares: line.shares })),
    socialFund: command.socialFund.map((line) => ({
      memberId: line.memberId,
      amountMinor: minor(line.amountMinor),
    })),
    loansDisbursed: command.loansDisbursed.map((line) => ({
      loanId: line.loanId,
      memberId: line.memberId,
      principalMinor: minor(line.principalMinor),
      termMonths: line.termMonths,
    })),
    repayments: command.repayments.map((line) => ({
      loanId: line.loanId,
      principalMinor: minor(line.principalMinor),
      interestMinor: minor(line.interestMinor),
    })),
    fines: command.fines.map((line) => ({
      memberId: line.memberId,
      kind: line.kind,
      amountMinor: minor(line.amountMinor),
    })),
    otherIncome: command.otherIncome.map((line) => ({
      description: line.description,
      amountMinor: minor(line.amountMinor),
    })),
    expenses: command.expenses.map((line) => ({
      description: line.description,
      amountMinor: minor(line.amountMinor),
    })),
    cashCountedMinor: minor(command.cashCountedMinor),
    ...(command.cashDifferenceExplanation === null
      ? {}
      : { cashDifferenceExplanation: command.cashDifferenceExplanation }),
    ...(text(draft.decisions) === "" ? {} : { decisions: text(draft.decisions) }),
    ...(text(draft.minutes) === "" ? {} : { minutes: text(draft.minutes) }),
  };
}

/** Where a refusal belongs on the screen: a member's row, a new loan's line, the cash, or the whole form. */
export type RefusalPlace =
  | { readonly kind: "member"; readonly memberId: string }
  | { readonly kind: "loan"; readonly key: number }
  | { readonly kind: "cash" }
  | { readonly kind: "form" };

/** Places a refusal (the domain's before sending, the server's after) by the member or loan it names. */
export function placeOfRefusal(
  details: Readonly<Record<string, unknown>>,
  draft: MeetingDraft,
  loanOfMember: ReadonlyMap<string, InternalLoanState>,
): RefusalPlace {
  const memberId = typeof details["memberId"] === "string" ? details["memberId"] : null;
  const loanId = typeof details["loanId"] === "string" ? details["loanId"] : null;
  const field = typeof details["field"] === "string" ? details["field"] : "";
  if (field.startsWith("loansDisbursed")) {
    const line = draft.loans.find(
      (loan) =>
        (loanId !== null && loan.loanId === loanId) || (memberId !== null && loan.memberId === memberId),
    );
    if (line !== undefined) return { kind: "loan", key: line.key };
    return { kind: "form" };
  }
  if (memberId !== null && draft.members.some((line) => line.memberId === memberId))
    return { kind: "member", memberId };
  if (loanId !== null) {
    for (const [owner, loan] of loanOfMember)
      if (loan.loanId === loanId) return { kind: "member", memberId: owner };
  }
  if (field === "cashCountedMinor" || field === "expenses") return { kind: "cash" };
  return { kind: "form" };
}
