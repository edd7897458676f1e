/**
 * Opening balances: a group that kept paper books comes into Moldir as of a cut-off date with its cash, its
 * social fund, each member's savings (or shares) and each internal loan still outstanding. They become one
 * balanced opening entry; what the members' savings and the social fund do not explain of the group's assets
 * is its retained earnings (negative if the paper books show a loss).
 */
import { limits } from "../limits";
import { err, ok, type Result } from "../result";
import type { Bylaws } from "./bylaws";
import type { MemberMovement, PurposePosting } from "./meeting";

export interface OpeningBalances {
  readonly cashMinor: bigint;
  readonly socialFundMinor: bigint;
  /** SHG: savingsMinor; VSLA: shares (valued at the share price in force on the cut-off date). */
  readonly members: readonly {
    readonly memberId: string;
    readonly savingsMinor: bigint;
    readonly shares: number;
  }[];
  readonly loans: readonly {
    readonly loanId: string;
    readonly memberId: string;
    readonly outstandingMinor: bigint;
  }[];
}

export type OpeningError =
  | "member_must_be_active"
  | "member_must_appear_once"
  | "amount_must_be_positive"
  | "savings_must_fit_methodology"
  | "meeting_must_not_exceed_line_limit";

export interface OpeningDecision {
  readonly movements: readonly MemberMovement[];
  readonly postings: readonly PurposePosting[];
}

function total(values: readonly bigint[]): bigint {
  return values.reduce((s, v) => s + v, 0n);
}

function checkOpening(
  activeMemberIds: ReadonlySet<string>,
  bylaws: Bylaws,
  opening: OpeningBalances,
): Result<null, OpeningError> {
  if (opening.members.length + opening.loans.length > limits.meetingLinesMax)
    return err("meeting_must_not_exceed_line_limit", { maxLines: limits.meetingLinesMax });
  const ids = opening.members.map((m) => m.memberId);
  if (new Set(ids).size !== ids.length) return err("member_must_appear_once", { field: "members" });
  const loanIds = opening.loans.map((l) => l.loanId);
  if (new Set(loanIds).size !== loanIds.length) return err("member_must_appear_once", { field: "loans" });
  for (const [field, memberId] of [
    ...opening.members.map((m) => ["members", m.memberId] as const),
    ...opening.loans.map((l) => ["loans", l.memberId] as const),
  ]) {
    if (!activeMemberIds.has(memberId)) return err("member_must_be_active", { field, memberId });
  }
  const balances: [string, bigint][] = [
    ["cashMinor", opening.cashMinor],
    ["socialFundMinor", opening.socialFundMinor],
    ...opening.members.map((m): [string, bigint] => ["members", m.savingsMinor]),
  ];
  for (const [field, amount] of balances) {
    if (amount < 0n || amount > limits.amountMaxMinor) return err("amount_must_be_positive", { field });
  }
  for (const loan of opening.loans) {
    if (loan.outstandingMinor <= 0n || loan.outstandingMinor > limits.amountMaxMinor)
      return err("amount_must_be_positive", { field: "loans", loanId: loan.loanId });
  }
  for (const m of opening.members) {
    const fits =
      bylaws.methodology === "vsla"
        ? Number.isInteger(m.shares) && m.shares >= 0 && m.savingsMinor === 0n
        : m.shares === 0;
    if (!fits) return err("savings_must_fit_methodology", { field: "members", memberId: m.memberId });
  }
  return ok(null);
}

export function decideOpening(
  activeMemberIds: ReadonlySet<string>,
  bylaws: Bylaws,
  opening: OpeningBalances,
): Result<OpeningDecision, OpeningError> {
  const checked = checkOpening(activeMemberIds, bylaws, opening);
  if (!checked.ok) return checked;
  const movements: MemberMovement[] = [];
  for (const m of opening.members) {
    const isVsla = bylaws.methodology === "vsla";
    const amountMinor = isVsla ? bylaws.sharePriceMinor * BigInt(m.shares) : m.savingsMinor;
    if (amountMinor > 0n)
      movements.push({
        memberId: m.memberId,
        kind: isVsla ? "shares" : "savings",
        amountMinor,
        loanId: null,
        shares: isVsla ? m.shares : null,
      });
  }
  for (const l of opening.loans)
    movements.push({
      memberId: l.memberId,
      kind: "loan_disbursed",
      amountMinor: l.outstandingMinor,
      loanId: l.loanId,
      shares: null,
    });
  const savings = total(movements.filter((m) => m.kind !== "loan_disbursed").map((m) => m.amountMinor));
  const loans = total(opening.loans.map((l) => l.outstandingMinor));
  const earnings = opening.cashMinor + loans - savings - opening.socialFundMinor;
  const postings = (
    [
      { purpose: "cash", side: "debit", amountMinor: opening.cashMinor },
      { purpose: "loans_to_members", side: "debit", amountMinor: loans },
      { purpose: "member_savings", side: "credit", amountMinor: savings },
      { purpose: "social_fund", side: "credit", amountMinor: opening.socialFundMinor },
      { purpose: "retained_earnings", side: "credit", amountMinor: earnings },
      { purpose: "retained_earnings", side: "debit", amountMinor: -earnings },
    ] satisfies PurposePosting[]
  ).filter((p) => p.amountMinor > 0n);
  return ok({ movements, postings });
}
