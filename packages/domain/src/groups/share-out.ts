/**
 * The share-out that ends a VSLA cycle. The distributable fund is the cash at the end of the cycle (all loans
 * recovered or written off) less the social fund, which is never distributed. The value of a share is the fund
 * divided by all shares bought in the cycle; each member receives her shares times that value. Payouts are
 * whole minor units; the few units that division leaves over go, one each, to the members with the largest
 * remainders (ties to the earlier member), so that the payouts add up to the fund exactly.
 */
import { assert } from "../assert";
import { err, ok, type Result } from "../result";

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
