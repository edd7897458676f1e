import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divideRounded, type RoundingMode, roundToMultiple } from "./rounding";

describe("divideRounded", () => {
  // Each row: numerator, denominator, then the expected result per mode.
  const rows: [bigint, bigint, Record<RoundingMode, bigint>][] = [
    [5n, 2n, { half_even: 2n, half_up: 3n, half_down: 2n, up: 3n, down: 2n, ceiling: 3n, floor: 2n }],
    [7n, 2n, { half_even: 4n, half_up: 4n, half_down: 3n, up: 4n, down: 3n, ceiling: 4n, floor: 3n }],
    [-5n, 2n, { half_even: -2n, half_up: -3n, half_down: -2n, up: -3n, down: -2n, ceiling: -2n, floor: -3n }],
    [-7n, 2n, { half_even: -4n, half_up: -4n, half_down: -3n, up: -4n, down: -3n, ceiling: -3n, floor: -4n }],
    [10n, 3n, { half_even: 3n, half_up: 3n, half_down: 3n, up: 4n, down: 3n, ceiling: 4n, floor: 3n }],
    [11n, 3n, { half_even: 4n, half_up: 4n, half_down: 4n, up: 4n, down: 3n, ceiling: 4n, floor: 3n }],
    [5n, -2n, { half_even: -2n, half_up: -3n, half_down: -2n, up: -3n, down: -2n, ceiling: -2n, floor: -3n }],
    [6n, 3n, { half_even: 2n, half_up: 2n, half_down: 2n, up: 2n, down: 2n, ceiling: 2n, floor: 2n }],
    [0n, 7n, { half_even: 0n, half_up: 0n, half_down: 0n, up: 0n, down: 0n, ceiling: 0n, floor: 0n }],
  ];
  for (const [numerator, denominator, expected] of rows) {
    for (const [mode, value] of Object.entries(expected)) {
      it(`${numerator} / ${denominator} rounds ${mode} to ${value}`, () => {
        expect(divideRounded(numerator, denominator, mode as RoundingMode)).toBe(value);
      });
    }
  }

  it("refuses division by zero", () => {
    expect(() => divideRounded(1n, 0n, "half_even")).toThrow(/division by zero/);
  });

  it("never lands more than one unit from the exact quotient", () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 18n), 10n ** 18n), fc.bigInt(1n, 10n ** 9n), (n, d) => {
        for (const mode of ["half_even", "half_up", "half_down", "up", "down", "ceiling", "floor"] as const) {
          const q = divideRounded(n, d, mode);
          const distance = q * d - n;
          expect(distance < 0n ? -distance : distance).toBeLessThan(d);
        }
      }),
    );
  });
});

describe("roundToMultiple", () => {
  it.each([
    [12345n, 100n, "half_even", 12300n],
    [12350n, 100n, "half_even", 12400n],
    [12450n, 100n, "half_even", 12400n],
    [12450n, 100n, "half_up", 12500n],
    [12301n, 100n, "up", 12400n],
    [12399n, 100n, "down", 12300n],
    [123456n, 10000n, "half_even", 120000n],
    [777n, 1n, "up", 777n],
  ] as const)("rounds %s to a multiple of %s (%s) = %s", (amount, multiple, mode, expected) => {
    expect(roundToMultiple(amount, multiple, mode)).toBe(expected);
  });

  it("refuses a multiple that is not positive", () => {
    expect(() => roundToMultiple(10n, 0n, "half_even")).toThrow();
  });
});
