import { describe, expect, it } from "vitest";
import { daysRequiredForCertificate } from "./training";

describe("daysRequiredForCertificate", () => {
  const rows: [days: number, bps: number, required: number][] = [
    [1, 10_000, 1],
    [5, 10_000, 5],
    [5, 8_000, 4],
    [5, 7_999, 4],
    [5, 6_001, 4],
    [5, 6_000, 3],
    [3, 1, 1],
    [10, 7_500, 8],
  ];
  for (const [days, bps, required] of rows)
    it(`asks ${required} of ${days} days at ${bps} basis points`, () => {
      expect(daysRequiredForCertificate(days, bps)).toBe(required);
    });

  it("refuses a share outside 1..10,000 basis points", () => {
    expect(() => daysRequiredForCertificate(5, 0)).toThrow();
    expect(() => daysRequiredForCertificate(5, 10_001)).toThrow();
  });
});
