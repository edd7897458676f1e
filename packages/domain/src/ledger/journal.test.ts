import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import {
  checkEntry,
  type JournalEntryDraft,
  type JournalLineDraft,
  naturalBalance,
  reversalOf,
  totalsOf,
} from "./journal";

const draft = (lines: JournalLineDraft[], narration = "Взнос"): JournalEntryDraft => ({
  bookId: "b",
  valueDate: plainDate("2025-01-15"),
  source: { type: "manual", id: null },
  narration,
  lines,
});
const dr = (accountId: string, amountMinor: bigint): JournalLineDraft => ({
  accountId,
  side: "debit",
  amountMinor,
});
const cr = (accountId: string, amountMinor: bigint): JournalLineDraft => ({
  accountId,
  side: "credit",
  amountMinor,
});

describe("checkEntry", () => {
  it("accepts a balanced entry of two or more lines", () => {
    expect(checkEntry(draft([dr("cash", 500_00n), cr("savings", 500_00n)])).ok).toBe(true);
    expect(checkEntry(draft([dr("cash", 700_00n), cr("savings", 500_00n), cr("social", 200_00n)])).ok).toBe(
      true,
    );
  });

  it.each([
    [[dr("cash", 100n)], "entry_must_have_two_lines"],
    [[dr("cash", 100n), cr("savings", 99n)], "entry_must_balance"],
    [[dr("cash", 0n), cr("savings", 0n)], "line_amount_must_be_positive"],
    [[dr("cash", -100n), cr("savings", -100n)], "line_amount_must_be_positive"],
    [[dr("cash", 10n ** 16n), cr("savings", 10n ** 16n)], "amount_must_not_exceed_maximum"],
  ] as [JournalLineDraft[], string][])("refuses case %# with %s", (lines, code) => {
    expect(checkEntry(draft(lines))).toMatchObject({ ok: false, code });
  });

  it("refuses an entry without a narration", () => {
    expect(checkEntry(draft([dr("a", 1n), cr("b", 1n)], "  "))).toMatchObject({
      ok: false,
      code: "narration_must_be_given",
    });
  });
});

describe("reversalOf", () => {
  it("swaps every side, so that the original and its reversal cancel out", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt(1n, 10n ** 12n), { minLength: 1, maxLength: 10 }), (amounts) => {
        const total = amounts.reduce((a, b) => a + b, 0n);
        const lines = [...amounts.map((a, i) => dr(`d${i}`, a)), cr("c", total)];
        const reversal = reversalOf(
          { id: "e1", bookId: "b", narration: "x", lines },
          plainDate("2025-02-01"),
          "typo",
          { type: "manual", id: null },
        );
        expect(checkEntry(reversal).ok).toBe(true);
        const both = [...lines, ...reversal.lines];
        const net = new Map<string, bigint>();
        for (const l of both)
          net.set(
            l.accountId,
            (net.get(l.accountId) ?? 0n) + (l.side === "debit" ? l.amountMinor : -l.amountMinor),
          );
        for (const value of net.values()) expect(value).toBe(0n);
        expect(totalsOf(reversal.lines).debitMinor).toBe(total);
        expect(reversal.reverses).toEqual({ entryId: "e1", reason: "typo" });
      }),
    );
  });
});

describe("naturalBalance", () => {
  it("is debit-normal for assets and expenses, credit-normal otherwise", () => {
    expect(naturalBalance("asset", 100n, 30n)).toBe(70n);
    expect(naturalBalance("expense", 100n, 30n)).toBe(70n);
    expect(naturalBalance("liability", 30n, 100n)).toBe(70n);
    expect(naturalBalance("equity", 30n, 100n)).toBe(70n);
    expect(naturalBalance("income", 30n, 100n)).toBe(70n);
  });
});
