/**
 * Exact non-negative rationals for rates (`numerator / denominator`, both bigint). A percentage written as
 * text ("30", "2.5", "0.375") becomes an exact fraction of one: "2.5" → 25/1000 → 1/40. Rates never pass
 * through a float, so an interest amount is `balance × numerator / denominator` rounded once, by a named mode.
 */
import { assert } from "../assert";
import { divideRounded, type RoundingMode } from "../money/rounding";
import { err, ok, type Result } from "../result";
import { loanLimits } from "./limits";

/** An exact non-negative rational number, kept in lowest terms. */
export interface Ratio {
  /** Numerator, ≥ 0. */
  readonly numerator: bigint;
  /** Denominator, > 0. */
  readonly denominator: bigint;
}

export const zeroRatio: Ratio = { numerator: 0n, denominator: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/** Builds a ratio in lowest terms. */
export function makeRatio(numerator: bigint, denominator: bigint): Ratio {
  assert(denominator > 0n, "ratio denominator must be positive");
  assert(numerator >= 0n, "ratio numerator must not be negative");
  if (numerator === 0n) return zeroRatio;
  const divisor = gcd(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

export function multiplyRatio(a: Ratio, b: Ratio): Ratio {
  return makeRatio(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function scaleRatio(a: Ratio, numerator: bigint, denominator: bigint): Ratio {
  return makeRatio(a.numerator * numerator, a.denominator * denominator);
}

export function isZeroRatio(a: Ratio): boolean {
  return a.numerator === 0n;
}

export function compareRatio(a: Ratio, b: Ratio): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

const percentPattern = /^(\d{1,6})(?:\.(\d{1,12}))?$/;

/**
 * Reads a percentage written with a dot ("30", "2.5") into the exact fraction of one it stands for
 * ("2.5" → 1/40). Refuses signs, exponents, commas and more than `percentFractionDigitsMax` decimals.
 */
export function parsePercent(text: string): Result<Ratio, "percent_must_be_a_decimal_number"> {
  // Close of business parses the same few rates (a product's, the caps') for every loan and every period, and
  // the ratio's reduction by the greatest common divisor is bigint work: the results are remembered.
  const known = parsedPercents.get(text);
  if (known !== undefined) return known;
  const parsed = parsePercentText(text);
  if (parsedPercents.size >= parsedPercentsMax) parsedPercents.clear();
  parsedPercents.set(text, Object.freeze(parsed));
  return parsed;
}

/** Percent texts remembered by `parsePercent` (a handful in practice; the bound keeps bad input harmless). */
const parsedPercentsMax = 1_000;
const parsedPercents = new Map<string, Result<Ratio, "percent_must_be_a_decimal_number">>();

function parsePercentText(text: string): Result<Ratio, "percent_must_be_a_decimal_number"> {
  const match = percentPattern.exec(text);
  if (match === null) return err("percent_must_be_a_decimal_number");
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > loanLimits.percentFractionDigitsMax) return err("percent_must_be_a_decimal_number");
  const numerator = BigInt(whole + fraction);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  return ok(makeRatio(numerator, denominator));
}

/**
 * `amount × ratio`, rounded by `mode` to a multiple of `multipleMinor`. The rounding happens once, on the
 * exact product: rounding to a unit and then to the multiple would round twice.
 */
export function applyRatio(
  amountMinor: bigint,
  ratio: Ratio,
  multipleMinor: bigint,
  mode: RoundingMode,
): bigint {
  return roundQuotient(amountMinor * ratio.numerator, ratio.denominator, multipleMinor, mode);
}

/** `numerator / denominator` rounded by `mode` to a multiple of `multipleMinor`, in one rounding. */
export function roundQuotient(
  numerator: bigint,
  denominator: bigint,
  multipleMinor: bigint,
  mode: RoundingMode,
): bigint {
  assert(multipleMinor > 0n, "rounding multiple must be positive");
  assert(denominator > 0n, "denominator must be positive");
  return divideRounded(numerator, denominator * multipleMinor, mode) * multipleMinor;
}

/** The ratio as a float, for the effective-rate solver and for display only; never for money. */
export function ratioToNumber(a: Ratio): number {
  return Number(a.numerator) / Number(a.denominator);
}
