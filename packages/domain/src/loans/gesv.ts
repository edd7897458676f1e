/**
 * GESV, the annual effective rate («годовая эффективная ставка вознаграждения») a lender in Kazakhstan must
 * disclose (DOMAIN.md "Kazakhstan rules"; the formula of the National Bank's rules on computing the GESV):
 *
 *   Σ Sₙ / (1+x)^((tₙ−t₁)/365) = Σ Pₘ / (1+x)^((tₘ−t₁)/365)
 *
 * Sₙ are the amounts the borrower actually receives (disbursements net of fees deducted or paid at issue), Pₘ
 * the borrower's payments (principal, interest, mandatory fees; penalties excluded), t in days from the
 * first disbursement. The result is rounded to 0.1 % (half up).
 *
 * The solver works in floating point: x is a rate, not money, and doubles carry ~15 significant digits,
 * far more than the 0.1 % the disclosure needs (amounts up to 10^15 minor units are exact in a double). It
 * is safeguarded Newton on a bracket (Numerical Recipes' `rtsafe`): it first finds x_lo with f > 0 and x_hi
 * with f < 0, keeps the root between them, takes a Newton step when it lands inside the bracket and halves
 * the bracket otherwise. It therefore never diverges, and it reports `effective_rate_must_exist` when no
 * sign change exists (e.g. the borrower receives nothing, or pays back less than nothing).
 */
import { assert } from "../assert";
import { err, ok, type Result } from "../result";
import { loanLimits } from "./limits";
import type { Schedule } from "./schedule";

/** An amount moving between lender and borrower: positive when the borrower pays, negative when she receives. */
export interface CashFlow {
  /** Epoch day of the movement. */
  readonly day: number;
  /** Signed amount in minor units. */
  readonly amountMinor: bigint;
}

/** The solved effective rate. */
export interface EffectiveRate {
  /** The root as a fraction per year (0.3466…), for display and checks only. */
  readonly rate: number;
  /** The rate in tenths of a percent, rounded half up: 347 for 34.7 %. */
  readonly tenthsOfPercent: number;
}

const lowestRate = -0.999999;
const toleranceRate = 1e-12;

/** The borrower's cash flows under a schedule: disbursements net of upfront fees, then every installment. */
export function buildScheduleCashFlows(schedule: Schedule): CashFlow[] {
  const flows: CashFlow[] = [];
  const upfront = schedule.upfrontFeeDeductedMinor + schedule.upfrontFeePaidMinor;
  for (const [index, disbursement] of schedule.disbursements.entries()) {
    const fee = index === 0 ? upfront : 0n;
    flows.push({ day: disbursement.day, amountMinor: fee - disbursement.amountMinor });
  }
  for (const installment of schedule.installments) {
    if (installment.totalDueMinor !== 0n)
      flows.push({ day: installment.dueDay, amountMinor: installment.totalDueMinor });
  }
  return flows;
}

interface Prepared {
  readonly years: Float64Array;
  readonly amounts: Float64Array;
}

function prepareFlows(flows: readonly CashFlow[]): Prepared {
  let firstDay = Number.POSITIVE_INFINITY;
  for (const flow of flows) if (flow.amountMinor < 0n && flow.day < firstDay) firstDay = flow.day;
  const years = new Float64Array(flows.length);
  const amounts = new Float64Array(flows.length);
  for (const [index, flow] of flows.entries()) {
    years[index] = (flow.day - firstDay) / 365;
    amounts[index] = Number(flow.amountMinor);
  }
  return { years, amounts };
}

/** f(x) = Σ cⱼ (1+x)^−τⱼ, and its derivative. */
function evaluate(prepared: Prepared, rate: number): [number, number] {
  const logGrowth = Math.log1p(rate);
  let value = 0;
  let slope = 0;
  const { years, amounts } = prepared;
  for (let j = 0; j < years.length; j++) {
    const tau = years[j] as number;
    const term = (amounts[j] as number) * Math.exp(-tau * logGrowth);
    value += term;
    slope -= (tau * term) / (1 + rate);
  }
  return [value, slope];
}

/** Solves the GESV of signed cash flows. */
export function computeEffectiveRate(
  flows: readonly CashFlow[],
): Result<EffectiveRate, "effective_rate_must_exist"> {
  const received = flows.some((flow) => flow.amountMinor < 0n);
  const paid = flows.some((flow) => flow.amountMinor > 0n);
  if (!received || !paid) return err("effective_rate_must_exist", { field: "gesvPercent" });
  const prepared = prepareFlows(flows);
  let low = lowestRate;
  if (!(evaluate(prepared, low)[0] > 0)) return err("effective_rate_must_exist", { field: "gesvPercent" });
  let high = 1;
  let expansions = 0;
  while (evaluate(prepared, high)[0] >= 0) {
    if (expansions >= loanLimits.solverBracketExpansionsMax) {
      return err("effective_rate_must_exist", { field: "gesvPercent" });
    }
    low = high;
    high *= 2;
    expansions++;
  }
  const rate = solveInBracket(prepared, low, high);
  assert(Number.isFinite(rate) && rate > lowestRate, "the solved rate lies in its bracket");
  return ok({ rate, tenthsOfPercent: Math.round(rate * 1000) });
}

function solveInBracket(prepared: Prepared, lowStart: number, highStart: number): number {
  let low = lowStart;
  let high = highStart;
  let rate = Math.min(Math.max(0.1, low), high);
  if (rate <= low || rate >= high) rate = (low + high) / 2;
  for (let iteration = 0; iteration < loanLimits.solverIterationsMax; iteration++) {
    const [value, slope] = evaluate(prepared, rate);
    if (value > 0) low = rate;
    else high = rate;
    if (value === 0 || high - low < toleranceRate) return rate;
    let next = rate - value / slope;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - rate) < toleranceRate * Math.max(1, Math.abs(rate))) return next;
    rate = next;
  }
  return (low + high) / 2;
}

/** The GESV as a dotted decimal with one digit after the point ("34.7"), the calculator's wire form. */
export function formatTenthsOfPercent(tenths: number): string {
  assert(Number.isInteger(tenths), "tenths of a percent are an integer");
  const sign = tenths < 0 ? "-" : "";
  const magnitude = Math.abs(tenths);
  return `${sign}${Math.floor(magnitude / 10)}.${magnitude % 10}`;
}
