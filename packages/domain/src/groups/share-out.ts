/**
 * The share-out that ends a VSLA cycle. The distributable fund is the cash at the end of the cycle (all loans
 * recovered or written off) less the social fund, which is never distributed. The value of a share is the fund
 * divided by all shares bought in the cycle; each member receives her shares times that value. Payouts are
 * whole minor units; the few units that division leaves over go, one each, to the members with the largest
 * remainders (ties to the earlier member), so that the payouts add up to the fund exactly.
 */
import { assert } from "../assert";
import { err, ok, type Result } from "../result";
import type { GroupState, InternalLoanState, MemberMovement, PurposePosting } from "./meeting";

export interface ShareOutInput {
  readonly cashMinor: bigint;
  readonly socialFundMinor: bigint;
  readonly loansOutstandingMinor: bigint;
  readonly members: readonly { readonly memberId: string; readonly shares: number }[];
}

export interface ShareOut {
  readonly distributableMinor: bigint;
  readonly totalShares: number;
  /** The value of one share, rounded down to a minor unit (for display; payouts use exact division). */
  readonly valuePerShareMinor: bigint;
  readonly payouts: readonly {
    readonly memberId: string;
    readonly shares: number;
    readonly payoutMinor: bigint;
  }[];
}

export type ShareOutError =
  | "loans_must_be_recovered_before_share_out"
  | "shares_must_exist_for_share_out"
  | "cash_must_cover_social_fund";

export function computeShareOut(input: ShareOutInput): Result<ShareOut, ShareOutError> {
  if (input.loansOutstandingMinor > 0n)
    return err("loans_must_be_recovered_before_share_out", {
      outstandingMinor: input.loansOutstandingMinor.toString(),
    });
  const totalShares = input.members.reduce((total, m) => total + m.shares, 0);
  if (totalShares <= 0) return err("shares_must_exist_for_share_out");
  const distributableMinor = input.cashMinor - input.socialFundMinor;
  if (distributableMinor < 0n) return err("cash_must_cover_social_fund");
  const total = BigInt(totalShares);
  const exact = input.members.map((m, index) => {
    const numerator = distributableMinor * BigInt(m.shares);
    return { ...m, index, base: numerator / total, remainder: numerator % total };
  });
  let leftover = distributableMinor - exact.reduce((s, m) => s + m.base, 0n);
  assert(
    leftover >= 0n && leftover < BigInt(input.members.length) + 1n,
    "leftover is less than one unit per member",
  );
  const bonus = new Set<number>();
  for (const m of [...exact].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  )) {
    if (leftover === 0n) break;
    bonus.add(m.index);
    leftover -= 1n;
  }
  const payouts = exact.map((m) => ({
    memberId: m.memberId,
    shares: m.shares,
    payoutMinor: m.base + (bonus.has(m.index) ? 1n : 0n),
  }));
  assert(
    payouts.reduce((s, p) => s + p.payoutMinor, 0n) === distributableMinor,
    "payouts add up to the distributable fund",
  );
  return ok({ distributableMinor, totalShares, valuePerShareMinor: distributableMinor / total, payouts });
}

/** How an internal loan still outstanding at the share-out is settled. */
export const shareOutLoanSettlements = ["deduct_from_payout", "write_off"] as const;
export type ShareOutLoanSettlement = (typeof shareOutLoanSettlements)[number];

/**
 * The share-out as executed: every loan still outstanding is either deducted from the borrower's payout (it
 * counts as recovered, so it is in the distributable fund) or written off (a loss all members share). Each
 * member may re-invest part of her payout as opening shares of the next cycle at the next cycle's share price.
 */
export interface ExecuteShareOut {
  /** The cash counted at the share-out; it must equal the cash in the books. */
  readonly cashCountedMinor: bigint;
  readonly loans: readonly { readonly loanId: string; readonly settlement: ShareOutLoanSettlement }[];
  readonly reinvestments: readonly { readonly memberId: string; readonly shares: number }[];
}

export interface ShareOutPayout {
  readonly memberId: string;
  readonly shares: number;
  readonly savingsMinor: bigint;
  readonly payoutMinor: bigint;
  readonly loansDeductedMinor: bigint;
  readonly reinvestedShares: number;
  readonly reinvestedMinor: bigint;
  readonly cashPaidMinor: bigint;
}

export interface ShareOutDecision {
  readonly distributableMinor: bigint;
  readonly totalShares: number;
  readonly valuePerShareMinor: bigint;
  readonly writtenOffMinor: bigint;
  readonly payouts: readonly ShareOutPayout[];
  readonly movements: readonly MemberMovement[];
  readonly postings: readonly PurposePosting[];
  /** What stays in the cash box for the next cycle: the social fund and the re-invested shares. */
  readonly cashAfterMinor: bigint;
}

export type ExecuteShareOutError =
  | ShareOutError
  | "share_out_cash_must_match_books"
  | "share_out_loan_must_be_outstanding"
  | "share_out_payout_must_cover_loans"
  | "reinvestment_must_fit_payout"
  | "member_must_be_active"
  | "member_must_appear_once";

function settleLoans(
  state: GroupState,
  command: ExecuteShareOut,
): Result<{ deducted: InternalLoanState[]; writtenOff: InternalLoanState[] }, ExecuteShareOutError> {
  const settlements = new Map<string, ShareOutLoanSettlement>();
  for (const line of command.loans) {
    const loan = state.loans.get(line.loanId);
    if (loan === undefined || loan.outstandingPrincipalMinor <= 0n)
      return err("share_out_loan_must_be_outstanding", { field: "loans", loanId: line.loanId });
    if (settlements.has(line.loanId)) return err("member_must_appear_once", { field: "loans" });
    settlements.set(line.loanId, line.settlement);
  }
  const open = [...state.loans.values()].filter((l) => l.outstandingPrincipalMinor > 0n);
  const unsettled = open.filter((l) => !settlements.has(l.loanId));
  if (unsettled.length > 0) {
    return err("loans_must_be_recovered_before_share_out", {
      outstandingMinor: unsettled.reduce((s, l) => s + l.outstandingPrincipalMinor, 0n).toString(),
    });
  }
  return ok({
    deducted: open.filter((l) => settlements.get(l.loanId) === "deduct_from_payout"),
    writtenOff: open.filter((l) => settlements.get(l.loanId) === "write_off"),
  });
}

function total(values: readonly bigint[]): bigint {
  return values.reduce((s, v) => s + v, 0n);
}

/**
 * Decides a share-out: who receives what, and the one balanced entry that pays it. Members who left during the
 * cycle were paid their savings when they left and hold no shares, so they take no part. The entry returns
 * every member's savings, distributes the profit (or shares the loss) through retained earnings, recovers
 * deducted loans, writes off the others, pays the cash and books the re-invested shares as the next cycle's
 * savings.
 */
export function decideShareOut(
  state: GroupState,
  nextSharePriceMinor: bigint,
  command: ExecuteShareOut,
): Result<ShareOutDecision, ExecuteShareOutError> {
  if (command.cashCountedMinor !== state.cashMinor)
    return err("share_out_cash_must_match_books", {
      field: "cashCountedMinor",
      cashMinor: state.cashMinor.toString(),
    });
  const settled = settleLoans(state, command);
  if (!settled.ok) return settled;
  const { deducted, writtenOff } = settled.value;
  const holders = [...state.members.values()].filter((m) => m.isActive && m.shares > 0);
  const computed = computeShareOut({
    cashMinor: state.cashMinor + total(deducted.map((l) => l.outstandingPrincipalMinor)),
    socialFundMinor: state.socialFundMinor,
    loansOutstandingMinor: 0n,
    members: holders.map((m) => ({ memberId: m.memberId, shares: m.shares })),
  });
  if (!computed.ok) return computed;
  const reinvested = new Map<string, number>();
  for (const line of command.reinvestments) {
    if (state.members.get(line.memberId)?.isActive !== true)
      return err("member_must_be_active", { field: "reinvestments", memberId: line.memberId });
    if (reinvested.has(line.memberId)) return err("member_must_appear_once", { field: "reinvestments" });
    reinvested.set(line.memberId, line.shares);
  }
  const payoutOf = new Map(computed.value.payouts.map((p) => [p.memberId, p.payoutMinor]));
  const payouts: ShareOutPayout[] = [];
  const movements: MemberMovement[] = [];
  const line = (memberId: string, kind: MemberMovement["kind"], amountMinor: bigint, extra = {}) => {
    if (amountMinor > 0n)
      movements.push({ memberId, kind, amountMinor, loanId: null, shares: null, ...extra });
  };
  for (const member of state.members.values()) {
    const payoutMinor = payoutOf.get(member.memberId) ?? 0n;
    const loans = deducted.filter((l) => l.memberId === member.memberId);
    const loansDeductedMinor = total(loans.map((l) => l.outstandingPrincipalMinor));
    if (loansDeductedMinor > payoutMinor)
      return err("share_out_payout_must_cover_loans", {
        field: "loans",
        memberId: member.memberId,
        payoutMinor: payoutMinor.toString(),
      });
    const reinvestedShares = reinvested.get(member.memberId) ?? 0;
    const reinvestedMinor = nextSharePriceMinor * BigInt(reinvestedShares);
    const available = payoutMinor - loansDeductedMinor;
    if (!Number.isInteger(reinvestedShares) || reinvestedShares < 0 || reinvestedMinor > available) {
      return err("reinvestment_must_fit_payout", {
        field: "reinvestments",
        memberId: member.memberId,
        maxShares: nextSharePriceMinor > 0n ? Number(available / nextSharePriceMinor) : 0,
      });
    }
    if (member.savingsMinor > 0n || payoutMinor > 0n || reinvestedShares > 0) {
      line(member.memberId, "savings_withdrawn", member.savingsMinor, { shares: -member.shares });
      line(member.memberId, "share_out_profit", payoutMinor - member.savingsMinor);
      line(member.memberId, "share_out_loss", member.savingsMinor - payoutMinor);
      for (const loan of loans)
        line(member.memberId, "loan_principal_repaid", loan.outstandingPrincipalMinor, {
          loanId: loan.loanId,
        });
      line(member.memberId, "shares", reinvestedMinor, { shares: reinvestedShares });
      payouts.push({
        memberId: member.memberId,
        shares: member.shares,
        savingsMinor: member.savingsMinor,
        payoutMinor,
        loansDeductedMinor,
        reinvestedShares,
        reinvestedMinor,
        cashPaidMinor: available - reinvestedMinor,
      });
    }
  }
  for (const loan of writtenOff)
    line(loan.memberId, "loan_written_off", loan.outstandingPrincipalMinor, { loanId: loan.loanId });

  const savings = total(payouts.map((p) => p.savingsMinor));
  const profit = computed.value.distributableMinor - savings;
  const writtenOffMinor = total(writtenOff.map((l) => l.outstandingPrincipalMinor));
  const cashPaid = total(payouts.map((p) => p.cashPaidMinor));
  const reinvestedTotal = total(payouts.map((p) => p.reinvestedMinor));
  const postings = (
    [
      { purpose: "member_savings", side: "debit", amountMinor: savings },
      { purpose: "retained_earnings", side: "debit", amountMinor: profit },
      { purpose: "retained_earnings", side: "credit", amountMinor: -profit },
      {
        purpose: "loans_to_members",
        side: "credit",
        amountMinor: total(payouts.map((p) => p.loansDeductedMinor)),
      },
      { purpose: "cash", side: "credit", amountMinor: cashPaid },
      { purpose: "member_savings", side: "credit", amountMinor: reinvestedTotal },
      { purpose: "other_expenses", side: "debit", amountMinor: writtenOffMinor },
      { purpose: "loans_to_members", side: "credit", amountMinor: writtenOffMinor },
    ] satisfies PurposePosting[]
  ).filter((p) => p.amountMinor > 0n);
  return ok({
    distributableMinor: computed.value.distributableMinor,
    totalShares: computed.value.totalShares,
    valuePerShareMinor: computed.value.valuePerShareMinor,
    writtenOffMinor,
    payouts,
    movements,
    postings,
    cashAfterMinor: state.cashMinor - cashPaid,
  });
}
