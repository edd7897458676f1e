/**
 * A meeting, the heartbeat of a group: attendance, savings or share purchases, social fund contributions,
 * internal loans given and repaid, fines, other income and expenses, and the cash counted at the end. It is one
 * command (`RecordMeeting`) with a client-made UUID, so that a phone offline can send it later unchanged and
 * the server applies it once. `decideMeeting` checks it against the group's state and bylaws and returns what
 * moves for each member (for passbooks) and the postings by account purpose (for the group's books): inflows
 * first, then outflows; cash never goes negative; a difference between the cash counted and the cash computed
 * must be explained and is posted as cash over or short.
 */
import type { PlainDate } from "../calendar/plain-date";
import type { Side } from "../ledger/journal";
import { limits } from "../limits";
import { err, ok, type Result } from "../result";
import type { Bylaws, FineKind } from "./bylaws";

export const attendanceStatuses = ["present", "represented", "absent"] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export interface MemberState {
  readonly memberId: string;
  readonly isActive: boolean;
  /** Savings (SHG) or the value of shares bought this cycle (VSLA). */
  readonly savingsMinor: bigint;
  readonly shares: number;
}

export interface InternalLoanState {
  readonly loanId: string;
  readonly memberId: string;
  readonly outstandingPrincipalMinor: bigint;
}

export interface GroupState {
  readonly cashMinor: bigint;
  readonly socialFundMinor: bigint;
  readonly members: ReadonlyMap<string, MemberState>;
  readonly loans: ReadonlyMap<string, InternalLoanState>;
}

export interface RecordMeeting {
  readonly meetingId: string;
  readonly heldOn: PlainDate;
  readonly attendance: readonly { readonly memberId: string; readonly status: AttendanceStatus }[];
  readonly savings: readonly {
    readonly memberId: string;
    readonly amountMinor: bigint;
    readonly note?: string | null;
  }[];
  readonly shares: readonly { readonly memberId: string; readonly shares: number }[];
  readonly socialFund: readonly {
    readonly memberId: string;
    readonly amountMinor: bigint;
    /** Why the contribution is not what the bylaws set. */
    readonly note?: string | undefined;
  }[];
  readonly loansDisbursed: readonly {
    readonly loanId: string;
    readonly memberId: string;
    readonly principalMinor: bigint;
    readonly termMonths: number;
  }[];
  readonly repayments: readonly {
    readonly loanId: string;
    readonly principalMinor: bigint;
    readonly interestMinor: bigint;
  }[];
  readonly fines: readonly {
    readonly memberId: string;
    readonly kind: FineKind;
    readonly amountMinor: bigint;
    /** Why the amount is not what the bylaws set (nor a few of it, for fines owed from earlier meetings). */
    readonly note?: string | undefined;
  }[];
  readonly otherIncome: readonly { readonly description: string; readonly amountMinor: bigint }[];
  readonly expenses: readonly { readonly description: string; readonly amountMinor: bigint }[];
  /** Members who leave at this meeting: their savings come back to them, less what they still owe. */
  readonly exits?: readonly { readonly memberId: string }[];
  /**
   * Repayments of the federation's community fund loans paid out of the meeting's cash. Their entries are posted
   * in both books by the federation's two-book service, not here; the meeting counts the cash that left.
   */
  readonly fundRepayments?: readonly {
    readonly fundLoanId: string;
    readonly principalMinor: bigint;
    readonly interestMinor: bigint;
  }[];
  readonly cashCountedMinor: bigint;
  readonly cashDifferenceExplanation: string | null;
}

export const movementKinds = [
  "savings",
  "shares",
  "social_fund",
  "loan_disbursed",
  "loan_principal_repaid",
  "loan_interest_paid",
  "fine",
  "savings_withdrawn",
  "share_out_profit",
  "share_out_loss",
  "loan_written_off",
] as const;
export type MovementKind = (typeof movementKinds)[number];

/** What one member gave or received at the meeting: a line of her passbook. */
export interface MemberMovement {
  readonly memberId: string;
  readonly kind: MovementKind;
  readonly amountMinor: bigint;
  readonly loanId: string | null;
  readonly shares: number | null;
}

/** A posting by account purpose in the group's chart (see chart-templates `shg`). */
export interface PurposePosting {
  readonly purpose: string;
  readonly side: Side;
  readonly amountMinor: bigint;
}

export interface MeetingDecision {
  readonly movements: readonly MemberMovement[];
  readonly postings: readonly PurposePosting[];
  readonly cashComputedMinor: bigint;
  readonly cashDifferenceMinor: bigint;
  readonly newState: GroupState;
}

export type MeetingError =
  | "meeting_must_not_exceed_line_limit"
  | "member_must_be_active"
  | "member_must_appear_once"
  | "amount_must_be_positive"
  | "savings_must_fit_methodology"
  | "savings_must_match_bylaws_or_be_explained"
  | "fine_must_match_bylaws_or_be_explained"
  | "social_fund_must_match_bylaws_or_be_explained"
  | "shares_must_fit_bylaws"
  | "loan_must_be_new"
  | "loan_must_fit_bylaws"
  | "loan_must_not_exceed_fund"
  | "repayment_must_match_a_loan"
  | "repayment_must_not_exceed_outstanding"
  | "cash_must_not_go_negative"
  | "cash_difference_must_be_explained"
  | "member_must_settle_loans_before_leaving";

type Refusal = Result<never, MeetingError>;

function checkMembers(state: GroupState, command: RecordMeeting): Refusal | null {
  const seen = new Set<string>();
  for (const line of command.attendance) {
    if (seen.has(line.memberId))
      return err("member_must_appear_once", { field: "attendance", memberId: line.memberId });
    seen.add(line.memberId);
  }
  const named = [
    ...command.attendance.map((l) => ["attendance", l.memberId] as const),
    ...command.savings.map((l) => ["savings", l.memberId] as const),
    ...command.shares.map((l) => ["shares", l.memberId] as const),
    ...command.socialFund.map((l) => ["socialFund", l.memberId] as const),
    ...command.loansDisbursed.map((l) => ["loansDisbursed", l.memberId] as const),
    ...command.fines.map((l) => ["fines", l.memberId] as const),
  ];
  for (const [field, memberId] of named) {
    if (state.members.get(memberId)?.isActive !== true)
      return err("member_must_be_active", { field, memberId });
  }
  for (const field of ["savings", "shares", "socialFund"] as const) {
    const ids = command[field].map((l) => l.memberId);
    if (new Set(ids).size !== ids.length) return err("member_must_appear_once", { field });
  }
  return null;
}

function checkAmounts(command: RecordMeeting): Refusal | null {
  const amounts: [string, bigint][] = [
    ...command.savings.map((l) => ["savings", l.amountMinor] as [string, bigint]),
    ...command.socialFund.map((l) => ["socialFund", l.amountMinor] as [string, bigint]),
    ...command.loansDisbursed.map((l) => ["loansDisbursed", l.principalMinor] as [string, bigint]),
    ...command.fines.map((l) => ["fines", l.amountMinor] as [string, bigint]),
    ...command.otherIncome.map((l) => ["otherIncome", l.amountMinor] as [string, bigint]),
    ...command.expenses.map((l) => ["expenses", l.amountMinor] as [string, bigint]),
  ];
  for (const [field, amount] of amounts) {
    if (amount <= 0n || amount > limits.amountMaxMinor) return err("amount_must_be_positive", { field });
  }
  for (const repayment of command.repayments) {
    if (
      repayment.principalMinor < 0n ||
      repayment.interestMinor < 0n ||
      repayment.principalMinor + repayment.interestMinor === 0n
    ) {
      return err("amount_must_be_positive", { field: "repayments", loanId: repayment.loanId });
    }
  }
  if (command.cashCountedMinor < 0n) return err("cash_must_not_go_negative", { field: "cashCountedMinor" });
  return null;
}

/**
 * A fine is what the bylaws set for its kind, or a whole number of it (fines owed from earlier meetings paid
 * together); any other amount, or a fine of a kind the bylaws do not charge, needs a note saying why.
 */
export function fineFitsBylaws(bylaws: Bylaws, kind: FineKind, amountMinor: bigint): boolean {
  const set = bylaws.fines[kind];
  return set > 0n && amountMinor % set === 0n;
}

function checkFines(bylaws: Bylaws, command: RecordMeeting): Refusal | null {
  for (const line of command.fines) {
    if (!fineFitsBylaws(bylaws, line.kind, line.amountMinor) && (line.note ?? "").trim() === "")
      return err("fine_must_match_bylaws_or_be_explained", {
        field: "fines",
        memberId: line.memberId,
        kind: line.kind,
      });
  }
  return null;
}

function checkSavings(bylaws: Bylaws, command: RecordMeeting): Refusal | null {
  if (bylaws.methodology === "shg" && command.shares.length > 0)
    return err("savings_must_fit_methodology", { field: "shares" });
  if (bylaws.methodology === "vsla" && command.savings.length > 0)
    return err("savings_must_fit_methodology", { field: "savings" });
  for (const line of command.savings) {
    const isExplained = (line.note ?? "").trim() !== "";
    if (line.amountMinor !== bylaws.savingsPerMeetingMinor && !isExplained) {
      return err("savings_must_match_bylaws_or_be_explained", { field: "savings", memberId: line.memberId });
    }
  }
  for (const line of command.socialFund) {
    if (line.amountMinor !== bylaws.socialFundPerMeetingMinor && (line.note ?? "").trim() === "")
      return err("social_fund_must_match_bylaws_or_be_explained", {
        field: "socialFund",
        memberId: line.memberId,
      });
  }
  for (const line of command.shares) {
    if (!Number.isInteger(line.shares) || line.shares < 1 || line.shares > bylaws.maxSharesPerMeeting) {
      return err("shares_must_fit_bylaws", {
        field: "shares",
        memberId: line.memberId,
        maxShares: bylaws.maxSharesPerMeeting,
      });
    }
  }
  return null;
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

export function decideMeeting(
  state: GroupState,
  bylaws: Bylaws,
  command: RecordMeeting,
): Result<MeetingDecision, MeetingError> {
  const lineCount =
    command.attendance.length +
    command.savings.length +
    command.shares.length +
    command.socialFund.length +
    command.loansDisbursed.length +
    command.repayments.length +
    command.fines.length +
    command.otherIncome.length +
    command.expenses.length;
  if (lineCount > limits.meetingLinesMax)
    return err("meeting_must_not_exceed_line_limit", { maxLines: limits.meetingLinesMax });
  const refusal =
    checkMembers(state, command) ??
    checkAmounts(command) ??
    checkSavings(bylaws, command) ??
    checkFines(bylaws, command);
  if (refusal !== null) return refusal;

  const members = new Map(state.members);
  const loans = new Map(state.loans);
  const movements: MemberMovement[] = [];

  for (const line of command.savings) {
    movements.push({
      memberId: line.memberId,
      kind: "savings",
      amountMinor: line.amountMinor,
      loanId: null,
      shares: null,
    });
  }
  for (const line of command.shares) {
    movements.push({
      memberId: line.memberId,
      kind: "shares",
      amountMinor: bylaws.sharePriceMinor * BigInt(line.shares),
      loanId: null,
      shares: line.shares,
    });
  }
  for (const line of command.socialFund) {
    movements.push({
      memberId: line.memberId,
      kind: "social_fund",
      amountMinor: line.amountMinor,
      loanId: null,
      shares: null,
    });
  }
  for (const line of command.fines)
    movements.push({
      memberId: line.memberId,
      kind: "fine",
      amountMinor: line.amountMinor,
      loanId: null,
      shares: null,
    });
  for (const repayment of command.repayments) {
    const loan = loans.get(repayment.loanId);
    if (loan === undefined)
      return err("repayment_must_match_a_loan", { field: "repayments", loanId: repayment.loanId });
    if (repayment.principalMinor > loan.outstandingPrincipalMinor) {
      return err("repayment_must_not_exceed_outstanding", {
        field: "repayments",
        loanId: repayment.loanId,
        outstandingMinor: loan.outstandingPrincipalMinor.toString(),
      });
    }
    loans.set(loan.loanId, {
      ...loan,
      outstandingPrincipalMinor: loan.outstandingPrincipalMinor - repayment.principalMinor,
    });
    if (repayment.principalMinor > 0n) {
      movements.push({
        memberId: loan.memberId,
        kind: "loan_principal_repaid",
        amountMinor: repayment.principalMinor,
        loanId: loan.loanId,
        shares: null,
      });
    }
    if (repayment.interestMinor > 0n) {
      movements.push({
        memberId: loan.memberId,
        kind: "loan_interest_paid",
        amountMinor: repayment.interestMinor,
        loanId: loan.loanId,
        shares: null,
      });
    }
  }

  // Savings first, so that a member's saving today counts towards what she may borrow today.
  for (const m of movements) {
    if (m.kind !== "savings" && m.kind !== "shares") continue;
    const member = members.get(m.memberId);
    if (member !== undefined)
      members.set(m.memberId, {
        ...member,
        savingsMinor: member.savingsMinor + m.amountMinor,
        shares: member.shares + (m.shares ?? 0),
      });
  }

  const savingsIn = sum(
    movements.filter((m) => m.kind === "savings" || m.kind === "shares").map((m) => m.amountMinor),
  );
  const socialIn = sum(command.socialFund.map((l) => l.amountMinor));
  const principalIn = sum(command.repayments.map((r) => r.principalMinor));
  const interestIn = sum(command.repayments.map((r) => r.interestMinor));
  const finesIn = sum(command.fines.map((l) => l.amountMinor));
  const otherIn = sum(command.otherIncome.map((l) => l.amountMinor));
  const expensesOut = sum(command.expenses.map((l) => l.amountMinor));
  const fundRepaidOut = sum((command.fundRepayments ?? []).map((r) => r.principalMinor + r.interestMinor));
  const loansOut = sum(command.loansDisbursed.map((l) => l.principalMinor));
  const socialFundAfter = state.socialFundMinor + socialIn;
  const cashBeforeLoans =
    state.cashMinor +
    savingsIn +
    socialIn +
    principalIn +
    interestIn +
    finesIn +
    otherIn -
    expensesOut -
    fundRepaidOut;
  if (cashBeforeLoans < 0n) return err("cash_must_not_go_negative", { field: "expenses" });

  for (const loan of command.loansDisbursed) {
    if (state.loans.has(loan.loanId) || loans.has(loan.loanId))
      return err("loan_must_be_new", { field: "loansDisbursed", loanId: loan.loanId });
    const member = members.get(loan.memberId);
    const owed = sum(
      [...loans.values()].filter((l) => l.memberId === loan.memberId).map((l) => l.outstandingPrincipalMinor),
    );
    const ceiling = (member?.savingsMinor ?? 0n) * BigInt(bylaws.loanMaxMultipleOfSavings) - owed;
    if (loan.termMonths < 1 || loan.termMonths > bylaws.loanTermMonthsMax || loan.principalMinor > ceiling) {
      return err("loan_must_fit_bylaws", {
        field: "loansDisbursed",
        memberId: loan.memberId,
        maxMinor: (ceiling > 0n ? ceiling : 0n).toString(),
        maxTermMonths: bylaws.loanTermMonthsMax,
      });
    }
    loans.set(loan.loanId, {
      loanId: loan.loanId,
      memberId: loan.memberId,
      outstandingPrincipalMinor: loan.principalMinor,
    });
    movements.push({
      memberId: loan.memberId,
      kind: "loan_disbursed",
      amountMinor: loan.principalMinor,
      loanId: loan.loanId,
      shares: null,
    });
  }
  // The social fund is kept apart: only the rest of the cash may be lent.
  if (loansOut > cashBeforeLoans - socialFundAfter) {
    return err("loan_must_not_exceed_fund", {
      field: "loansDisbursed",
      availableMinor: (cashBeforeLoans - socialFundAfter > 0n
        ? cashBeforeLoans - socialFundAfter
        : 0n
      ).toString(),
    });
  }
  // Exits: her savings settle what she owes; the rest leaves the cash box.
  let savingsOut = 0n;
  let settledFromSavings = 0n;
  for (const exit of command.exits ?? []) {
    const member = members.get(exit.memberId);
    if (member === undefined || !member.isActive)
      return err("member_must_be_active", { field: "exits", memberId: exit.memberId });
    const open = [...loans.values()].filter(
      (l) => l.memberId === exit.memberId && l.outstandingPrincipalMinor > 0n,
    );
    const owed = sum(open.map((l) => l.outstandingPrincipalMinor));
    if (owed > member.savingsMinor) {
      return err("member_must_settle_loans_before_leaving", {
        field: "exits",
        memberId: exit.memberId,
        owedMinor: owed.toString(),
      });
    }
    for (const loan of open) {
      loans.set(loan.loanId, { ...loan, outstandingPrincipalMinor: 0n });
      movements.push({
        memberId: exit.memberId,
        kind: "loan_principal_repaid",
        amountMinor: loan.outstandingPrincipalMinor,
        loanId: loan.loanId,
        shares: null,
      });
    }
    if (member.savingsMinor > 0n) {
      movements.push({
        memberId: exit.memberId,
        kind: "savings_withdrawn",
        amountMinor: member.savingsMinor,
        loanId: null,
        shares: -member.shares,
      });
    }
    savingsOut += member.savingsMinor;
    settledFromSavings += owed;
    members.set(exit.memberId, { ...member, isActive: false, savingsMinor: 0n, shares: 0 });
  }
  const cashComputedMinor = cashBeforeLoans - loansOut - (savingsOut - settledFromSavings);
  if (cashComputedMinor < 0n) return err("cash_must_not_go_negative", { field: "exits" });
  const cashDifferenceMinor = command.cashCountedMinor - cashComputedMinor;
  if (cashDifferenceMinor !== 0n && (command.cashDifferenceExplanation ?? "").trim() === "") {
    return err("cash_difference_must_be_explained", {
      field: "cashCountedMinor",
      differenceMinor: cashDifferenceMinor.toString(),
    });
  }

  const postings: PurposePosting[] = (
    [
      {
        purpose: "cash",
        side: "debit",
        amountMinor: savingsIn + socialIn + principalIn + interestIn + finesIn + otherIn,
      },
      { purpose: "member_savings", side: "credit", amountMinor: savingsIn },
      { purpose: "social_fund", side: "credit", amountMinor: socialIn },
      { purpose: "loans_to_members", side: "credit", amountMinor: principalIn },
      { purpose: "interest_income", side: "credit", amountMinor: interestIn },
      { purpose: "fine_income", side: "credit", amountMinor: finesIn },
      { purpose: "other_income", side: "credit", amountMinor: otherIn },
      { purpose: "loans_to_members", side: "debit", amountMinor: loansOut },
      { purpose: "other_expenses", side: "debit", amountMinor: expensesOut },
      { purpose: "cash", side: "credit", amountMinor: loansOut + expensesOut },
      { purpose: "member_savings", side: "debit", amountMinor: savingsOut },
      { purpose: "loans_to_members", side: "credit", amountMinor: settledFromSavings },
      { purpose: "cash", side: "credit", amountMinor: savingsOut - settledFromSavings },
      ...(cashDifferenceMinor > 0n
        ? [
            { purpose: "cash", side: "debit" as const, amountMinor: cashDifferenceMinor },
            { purpose: "other_income", side: "credit" as const, amountMinor: cashDifferenceMinor },
          ]
        : cashDifferenceMinor < 0n
          ? [
              { purpose: "other_expenses", side: "debit" as const, amountMinor: -cashDifferenceMinor },
              { purpose: "cash", side: "credit" as const, amountMinor: -cashDifferenceMinor },
            ]
          : []),
    ] satisfies PurposePosting[]
  ).filter((p) => p.amountMinor > 0n);

  return ok({
    movements,
    postings,
    cashComputedMinor,
    cashDifferenceMinor,
    newState: { cashMinor: command.cashCountedMinor, socialFundMinor: socialFundAfter, members, loans },
  });
}
