import { describe, expect, it } from "vitest";
import type { Locale } from "../i18n/locale";
import type { CurrencyCode } from "./currency";
import { formatMoney, parseMinor, parseMoney } from "./money";

const nbsp = "\u00a0";

describe("formatMoney", () => {
  it.each([
    [123456789n, "KZT", "ru", `1${nbsp}234${nbsp}567,89${nbsp}₸`],
    [123456789n, "KZT", "kk", `1${nbsp}234${nbsp}567,89${nbsp}₸`],
    [123456789n, "KZT", "en", "₸1,234,567.89"],
    [5n, "KZT", "en", "₸0.05"],
    [0n, "KZT", "ru", `0,00${nbsp}₸`],
    [-150000n, "KZT", "ru", `-1${nbsp}500,00${nbsp}₸`],
    [-150000n, "USD", "en", "-$1,500.00"],
    [1234n, "JPY", "en", "¥1,234"],
    [1234567n, "KWD", "en", "KD1,234.567"],
    [100000n, "RUB", "ru", `1${nbsp}000,00${nbsp}₽`],
  ] as [bigint, CurrencyCode, Locale, string][])(
    "formats %s %s in %s as %s",
    (amount, currency, locale, text) => {
      expect(formatMoney(amount, currency, locale)).toBe(text);
    },
  );

  it("can leave the symbol out", () => {
    expect(formatMoney(123456n, "KZT", "en", { symbol: false })).toBe("1,234.56");
  });
});

describe("parseMoney", () => {
  it.each([
    ["1 234 567,89", "KZT", "ru", 123456789n],
    [`1${nbsp}234${nbsp}567,89${nbsp}₸`, "KZT", "kk", 123456789n],
    ["1234567.89", "KZT", "ru", 123456789n],
    ["1.234.567,89", "KZT", "ru", 123456789n],
    ["1.234.567", "KZT", "ru", 123456700n],
    ["₸1,234,567.89", "KZT", "en", 123456789n],
    ["1,234", "KZT", "en", 123400n],
    ["1,5", "KZT", "ru", 150n],
    ["0,05", "KZT", "ru", 5n],
    ["12", "KZT", "en", 1200n],
    ["12.", "KZT", "en", 1200n],
    ["1 234 KZT", "KZT", "ru", 123400n],
    ["1234", "JPY", "en", 1234n],
    ["1.234", "KWD", "en", 1234n],
  ] as [string, CurrencyCode, Locale, bigint][])(
    "reads %s %s in %s as %s",
    (text, currency, locale, amount) => {
      expect(parseMoney(text, currency, locale)).toEqual({ ok: true, value: amount });
    },
  );

  it.each([
    ["", "amount_must_be_a_number"],
    ["abc", "amount_must_be_a_number"],
    ["1,2,3", "amount_must_be_a_number"],
    ["12,34,567.00", "amount_must_be_a_number"],
    ["1.234", "amount_must_have_at_most_minor_digits"],
    ["-5", "amount_must_not_be_negative"],
    ["99999999999999999", "amount_must_not_exceed_maximum"],
    ["1e5", "amount_must_be_a_number"],
    ["0x10", "amount_must_be_a_number"],
    ["1".repeat(41), "amount_must_be_a_number"],
  ])("refuses %j with %s", (text, code) => {
    const result = parseMoney(text, "KZT", "en");
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.code).toBe(code);
  });

  it("accepts a negative amount only when asked", () => {
    expect(parseMoney("-5", "KZT", "en", { allowNegative: true })).toEqual({ ok: true, value: -500n });
  });

  it("round-trips what it formats", () => {
    for (const locale of ["kk", "ru", "en"] as const) {
      for (const amount of [0n, 1n, 99n, 100n, 123456789n, 1000000000000n]) {
        expect(parseMoney(formatMoney(amount, "KZT", locale), "KZT", locale)).toEqual({
          ok: true,
          value: amount,
        });
      }
    }
  });
});

describe("parseMinor", () => {
  it("reads decimal strings of minor units", () => {
    expect(parseMinor("150000")).toEqual({ ok: true, value: 150000n });
    expect(parseMinor("-1")).toEqual({ ok: true, value: -1n });
  });
  it.each(["1.5", "", " 1", "1e3", "+1", "abc"])("refuses %j", (text) => {
    expect(parseMinor(text).ok).toBe(false);
  });
});
