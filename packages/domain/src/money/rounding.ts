/**
 * Integer division with a named rounding mode. Every division of money names its rounding: there is no
 * global mode, and each loan product carries its own.
 *
 * Modes: `half_even` (banker's rounding), `half_up` and `half_down` (ties away from / towards zero),
 * `up` (away from zero), `down` (towards zero), `ceiling` and `floor` (towards ±infinity).
 */
import { assert } from "../assert";

export const roundingModes = ["half_even", "half_up", "half_down", "up", "down", "ceiling", "floor"] as const;
export type RoundingMode = (typeof roundingModes)[number];

export function isRoundingMode(value: string): value is RoundingMode {
  return (roundingModes as readonly string[]).includes(value);
}

/** numerator / denominator, rounded to an integer by `mode`. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  assert(denominator !== 0n, "division by zero");
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const sign = numerator < 0n !== denominator < 0n ? -1n : 1n;
  const awayFromZero = quotient + sign;
  switch (mode) {
    case "down":
      return quotient;
    case "up":
      return awayFromZero;
    case "floor":
      return sign < 0n ? awayFromZero : quotient;
    case "ceiling":
      return sign > 0n ? awayFromZero : quotient;
    case "half_up":
    case "half_down":
    case "half_even": {
      const twiceRemainder = abs(remainder) * 2n;
      const divisor = abs(denominator);
      if (twiceRemainder > divisor) return awayFromZero;
      if (twiceRemainder < divisor) return quotient;
      if (mode === "half_up") return awayFromZero;
      if (mode === "half_down") return quotient;
      return quotient % 2n === 0n ? quotient : awayFromZero;
    }
  }
}

/** Rounds `amount` to a multiple of `multiple` (e.g. whole tenge: 100 tiyn) by `mode`. */
export function roundToMultiple(amount: bigint, multiple: bigint, mode: RoundingMode): bigint {
  assert(multiple > 0n, "rounding multiple must be positive");
  if (multiple === 1n) return amount;
  return divideRounded(amount, multiple, mode) * multiple;
}

export function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

export function minBigint(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBigint(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
