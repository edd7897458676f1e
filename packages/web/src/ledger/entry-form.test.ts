import { describe, expect, it } from "vitest";
import { buildChart } from "../test/ledger";
import {
  blankLine,
  type EntryDraft,
  type EntryLineDraft,
  entryTotals,
  lineIndexOfField,
  postableAccounts,
  readLine,
  saveBlockers,
  toPostRequest,
} from "./entry-form";

const line = (key: number, change: Partial<EntryLineDraft>): EntryLineDraft => ({
  ...blankLine(key),
  ...change,
});
const draftOf = (lines: EntryLineDraft[], narration = "Grant received"): EntryDraft => ({
  valueDate: "2026-03-10",
  narration,
  lines,
});
const read = (draft: EntryDraft) => draft.lines.map((each) => readLine(each, "KZT", "ru"));

describe("the journal entry form", () => {
  it.each([
    ["1 500,50", "150050"],
    ["1500.5", "150050"],
    ["1\u00a0500", "150000"],
  ])("reads the amount %s typed in Russian as %s minor units", (text, minor) => {
    expect(readLine(line(1, { accountId: "a", debitText: text }), "KZT", "ru").amountMinor?.toString()).toBe(
      minor,
    );
  });

  it.each([
    [{ debitText: "abc", accountId: "a" }, "amount_must_be_a_number"],
    [{ debitText: "0", accountId: "a" }, "line_amount_must_be_positive"],
    // In Russian "1,234" is 1 tenge and 234 hundredths: more minor digits than the tenge has.
    [{ debitText: "1,234", accountId: "a" }, "amount_must_be_a_number"],
    [{ creditText: "10" }, "line_must_have_account"],
    [{ accountId: "a" }, "line_must_have_amount"],
  ] as const)("refuses the line %o (%s)", (change, problem) => {
    expect(readLine(line(1, change), "KZT", "ru").problem).toBe(problem);
  });

  it("ignores a blank line, so one can always wait at the end", () => {
    const draft = draftOf([
      line(1, { accountId: "bank", debitText: "100" }),
      line(2, { accountId: "grants", creditText: "100" }),
      blankLine(3),
    ]);
    expect(saveBlockers(draft, read(draft))).toEqual([]);
    expect(toPostRequest(draft, read(draft)).request.lines).toHaveLength(2);
  });

  it("refuses to save an unbalanced entry and says by how much it differs", () => {
    const draft = draftOf([
      line(1, { accountId: "bank", debitText: "1 500" }),
      line(2, { accountId: "grants", creditText: "1 000" }),
    ]);
    const lines = read(draft);
    expect(entryTotals(lines)).toEqual({
      debitMinor: 150000n,
      creditMinor: 100000n,
      differenceMinor: 50000n,
    });
    expect(saveBlockers(draft, lines)).toEqual(["entry_must_balance"]);
  });

  it("refuses an entry with fewer than two lines, even a balanced-looking one", () => {
    const draft = draftOf([line(1, { accountId: "bank", debitText: "0" }), blankLine(2)]);
    expect(saveBlockers(draft, read(draft))).toEqual([
      "lines_must_be_complete",
      "lines_must_be_at_least_two",
    ]);
  });

  it("asks for a date and a narration first", () => {
    const draft = { ...draftOf([blankLine(1), blankLine(2)], " "), valueDate: "" };
    expect(saveBlockers(draft, read(draft))).toEqual([
      "date_must_be_given",
      "narration_must_be_given",
      "lines_must_be_at_least_two",
    ]);
  });

  it("sends amounts as decimal strings of minor units and remembers which form line each one was", () => {
    const draft = draftOf([
      blankLine(7),
      line(8, { accountId: "bank", debitText: "1 500,50", memo: " transfer 12 " }),
      line(9, { accountId: "grants", creditText: "1500.50" }),
    ]);
    const { request, sentKeys } = toPostRequest(draft, read(draft));
    expect(request.lines).toEqual([
      { accountId: "bank", side: "debit", amountMinor: "150050", memo: "transfer 12" },
      { accountId: "grants", side: "credit", amountMinor: "150050" },
    ]);
    expect(sentKeys).toEqual([8, 9]);
    expect(lineIndexOfField("lines.1.accountId")).toBe(1);
    expect(lineIndexOfField("narration")).toBeNull();
  });

  it("offers only postable accounts: no headers, no closed accounts", () => {
    expect(postableAccounts(buildChart()).map((account) => account.code)).toEqual(["1010", "1030", "6130"]);
  });
});
