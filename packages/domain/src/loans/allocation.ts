/**
 * Allocation of a payment to what is owed, by the product's order (DOMAIN.md "Loan mathematics"). Each order
 * walks the installments oldest first and, within an installment, pays its components in the order named:
 *
 * - `penalties_fees_interest_principal`: the usual order of microfinance (and Fineract's default);
 * - `interest_principal_penalties_fees`: interest, then principal; penalties and fees last;
 * - `principal_interest_penalties_fees`: principal first.
 *
 * A component is never paid beyond what is outstanding; whatever remains is returned as unallocated.
 */
import { assert } from "../assert";
import { minBigint } from "../money/rounding";

export const allocationOrders = [
  "penalties_fees_interest_principal",
  "interest_principal_penalties_fees",
  "principal_interest_penalties_fees",
] as const;
/** The order in which a payment pays the components of each installment. */
export type AllocationOrder = (typeof allocationOrders)[number];

/** A part of an installment. */
export type LoanComponent = "penaltyMinor" | "feeMinor" | "interestMinor" | "principalMinor";

const componentOrders: Record<AllocationOrder, readonly LoanComponent[]> = {
  penalties_fees_interest_principal: ["penaltyMinor", "feeMinor", "interestMinor", "principalMinor"],
  interest_principal_penalties_fees: ["interestMinor", "principalMinor", "penaltyMinor", "feeMinor"],
  principal_interest_penalties_fees: ["principalMinor", "interestMinor", "penaltyMinor", "feeMinor"],
};

/** What is still owed on one installment, by component. */
export type OutstandingParts = Record<LoanComponent, bigint>;

/** What a payment pays on one installment. */
export interface InstallmentAllocation extends OutstandingParts {
  /** Index of the installment in the list given. */
  readonly index: number;
}

/** The result of allocating one payment. */
export interface PaymentAllocation {
  readonly allocations: readonly InstallmentAllocation[];
  /** What no installment could take. */
  readonly unallocatedMinor: bigint;
}

/** The components of `order`, in payment order. */
export function listComponents(order: AllocationOrder): readonly LoanComponent[] {
  return componentOrders[order];
}

/** Which installments and components an allocation may pay. */
export interface AllocationScope {
  /** First installment to pay (default 0). */
  readonly startIndex?: number;
  /** One past the last installment to pay (default: all). */
  readonly endIndex?: number;
  /** Components that may be paid (default: all). */
  readonly components?: ReadonlySet<LoanComponent>;
}

/**
 * Allocates `amountMinor` over `outstanding` (oldest first) within `scope`. Pure: the outstanding parts are
 * not changed.
 */
export function allocatePayment(
  amountMinor: bigint,
  outstanding: readonly OutstandingParts[],
  order: AllocationOrder,
  scope: AllocationScope = {},
): PaymentAllocation {
  assert(amountMinor >= 0n, "a payment is not negative");
  const allocations: InstallmentAllocation[] = [];
  let remaining = amountMinor;
  const sequence = componentOrders[order];
  const components = scope.components ?? null;
  const endIndex = Math.min(scope.endIndex ?? outstanding.length, outstanding.length);
  for (let index = scope.startIndex ?? 0; index < endIndex && remaining > 0n; index++) {
    const parts = outstanding[index] as OutstandingParts;
    const paid = { penaltyMinor: 0n, feeMinor: 0n, interestMinor: 0n, principalMinor: 0n };
    let touched = false;
    for (const component of sequence) {
      if (components !== null && !components.has(component)) continue;
      const open = parts[component];
      if (open <= 0n || remaining === 0n) continue;
      const take = minBigint(open, remaining);
      paid[component] = take;
      remaining -= take;
      touched = true;
    }
    if (touched) allocations.push({ index, ...paid });
  }
  assert(remaining >= 0n && remaining <= amountMinor, "allocation stays within the payment");
  return { allocations, unallocatedMinor: remaining };
}
