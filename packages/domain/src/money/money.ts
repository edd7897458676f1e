/**
 * The one place where text becomes an amount and an amount becomes text. Amounts are bigint minor units;
 * nothing passes through a floating-point number.
 *
 * Formats follow the locale: Kazakh and Russian write `1 234 567,89 ₸` (no-break spaces between groups and
 * before the symbol), English writes `₸1,234,567.89`.
 */
import type { Locale } from "../i18n/locale";
import { limits } from "../limits";
import { err, ok, type Result } from "../result";
import { type Currency, type CurrencyCode, getCurrency } from "./currency";
import { abs } from "./rounding";

/** No-break space: keeps a number and its symbol on one line. */
const nbsp = "\u00a0";

interface NumberStyle {
  readonly group: string;
  readonly decimal: string;
  readonly symbolAfter: boolean;
}

const styles: Record<Locale, NumberStyle> = {
  kk: { group: nbsp, decimal: ",", symbolAfter: true },
  ru: { group: nbsp, decimal: ",", symbolAfter: true },
  en: { group: ",", decimal: ".", symbolAfter: false },
};

export interface FormatMoneyOptions {
  /** Show the currency symbol (default true). */
  readonly symbol?: boolean;
}

/** Formats an amount of minor units for people to read, e.g. `1 234 567,89 ₸`. */
export function formatMoney(
  amountMinor: bigint,
  currencyCode: CurrencyCode,
  locale: Locale,
  options: FormatMoneyOptions = {},
): string {
  const currency = getCurrency(currencyCode);
  const style = styles[locale];
  const number = formatDecimal(amountMinor, currency.minorDigits, style);
  if (options.symbol === false) return number;
  const sign = number.startsWith("-") ? "-" : "";
  const unsigned = sign === "" ? number : number.slice(1);
  return style.symbolAfter ? `${number}${nbsp}${currency.symbol}` : `${sign}${currency.symbol}${unsigned}`;
}

/** Formats a scaled integer (`12345`, 2 digits → `123,45`) with the locale's separators. */
export function formatDecimal(value: bigint, fractionDigits: number, style: NumberStyle = styles.en): string {
  const digits = abs(value)
    .toString()
    .padStart(fractionDigits + 1, "0");
  const whole = digits.slice(0, digits.length - fractionDigits);
  const fraction = digits.slice(digits.length - fractionDigits);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, style.group);
  const sign = value < 0n ? "-" : "";
  return fractionDigits === 0 ? `${sign}${grouped}` : `${sign}${grouped}${style.decimal}${fraction}`;
}

export type ParseMoneyError =
  | "amount_must_be_a_number"
  | "amount_must_have_at_most_minor_digits"
  | "amount_must_not_exceed_maximum"
  | "amount_must_not_be_negative";

export interface ParseMoneyOptions {
  readonly allowNegative?: boolean;
}

/**
 * Reads an amount typed by a person, in major units with the locale's separators (`1 234,50`, `1234.5`,
 * `₸1,234.50`), into minor units. A dot is also accepted as the decimal separator in kk and ru, because
 * phones often offer only a dot.
 */
export function parseMoney(
  text: string,
  currencyCode: CurrencyCode,
  locale: Locale,
  options: ParseMoneyOptions = {},
): Result<bigint, ParseMoneyError> {
  const currency = getCurrency(currencyCode);
  if (text.length > limits.moneyTextMaxLength) return err("amount_must_be_a_number");
  let body = text
    .replaceAll(currency.symbol, "")
    .replaceAll(currency.code, "")
    .replace(/[\s\u00a0\u202f]/g, "");
  let negative = false;
  if (body.startsWith("-") || body.startsWith("\u2212")) {
    negative = true;
    body = body.slice(1);
  }
  const decimalPoint = findDecimalSeparator(body, locale);
  const [wholeRaw = "", fraction = ""] = decimalPoint === null ? [body] : splitOnLast(body, decimalPoint);
  const groupSeparator = decimalPoint === "," ? "." : ",";
  const whole = stripGroups(wholeRaw, groupSeparator);
  if (whole === null || !/^\d+$/.test(whole) || !/^\d*$/.test(fraction))
    return err("amount_must_be_a_number");
  if (fraction.length > currency.minorDigits) {
    return err("amount_must_have_at_most_minor_digits", { minorDigits: currency.minorDigits });
  }
  const amount = toMinor(whole, fraction, currency);
  if (amount > 0n && negative && options.allowNegative !== true) return err("amount_must_not_be_negative");
  if (amount > limits.amountMaxMinor) return err("amount_must_not_exceed_maximum");
  return ok(negative ? -amount : amount);
}

function toMinor(whole: string, fraction: string, currency: Currency): bigint {
  const scaled = `${whole}${fraction.padEnd(currency.minorDigits, "0")}`;
  return BigInt(scaled);
}

function findDecimalSeparator(body: string, locale: Locale): "," | "." | null {
  const lastComma = body.lastIndexOf(",");
  const lastDot = body.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? "," : ".";
  if (lastDot >= 0) {
    // In English a dot is always the decimal point; elsewhere too, unless it groups thousands (1.234.567).
    const dots = body.split(".").length - 1;
    return locale !== "en" && dots > 1 ? "," : ".";
  }
  if (lastComma >= 0) {
    // In English a comma groups thousands; in Kazakh and Russian it is the decimal point.
    return locale === "en" ? "." : ",";
  }
  return null;
}

function splitOnLast(body: string, separator: string): string[] {
  const at = body.lastIndexOf(separator);
  if (at < 0) return [body];
  const whole = body.slice(0, at);
  const fraction = body.slice(at + 1);
  return whole.includes(separator) && separator === "," ? [body] : [whole, fraction];
}

/** Removes thousands separators, which must stand between groups of three digits. */
function stripGroups(whole: string, separator: string): string | null {
  if (!whole.includes(separator)) return whole;
  const parts = whole.split(separator);
  const [first, ...others] = parts;
  if (first === undefined || first.length === 0 || first.length > 3) return null;
  if (others.some((part) => part.length !== 3)) return null;
  return parts.join("");
}

/** Reads an amount of minor units sent on the wire as a decimal string of digits, e.g. `"150000"`. */
export function parseMinor(
  text: string,
): Result<bigint, "amount_must_be_a_number" | "amount_must_not_exceed_maximum"> {
  if (!/^-?\d{1,19}$/.test(text)) return err("amount_must_be_a_number");
  const value = BigInt(text);
  if (abs(value) > limits.amountMaxMinor) return err("amount_must_not_exceed_maximum");
  return ok(value);
}
