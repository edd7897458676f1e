/**
 * Amounts in exported cells. Every amount is formatted by the domain's money module from bigint minor units;
 * none passes through a floating-point number on its way to text.
 */
import {
  assert,
  type CurrencyCode,
  formatDecimal,
  formatMoney,
  getCurrency,
  type Locale,
} from "@moldir/domain";

/** `-1234567.89`: no grouping and a dot, so that any program reads it back exactly. */
export function plainDecimal(amountMinor: bigint, currency: CurrencyCode): string {
  const digits = getCurrency(currency).minorDigits;
  const text = formatDecimal(amountMinor, digits, { group: "", decimal: ".", symbolAfter: false });
  assert(/^-?\d+(\.\d+)?$/.test(text), `not a plain decimal: ${text}`);
  return text;
}

/** `1 234 567,89` or `1,234,567.89`, in the locale's style, without the currency symbol. */
export function readableAmount(amountMinor: bigint, currency: CurrencyCode, locale: Locale): string {
  return formatMoney(amountMinor, currency, locale, { symbol: false });
}

/**
 * A spreadsheet cell holds a number in major units, made with `Number()` from the exact decimal string. A
 * decimal of at most 15 significant digits comes back unchanged from the nearest double (IEEE 754), which
 * covers every amount up to `limits.amountMaxMinor` (10^15 minor units); balances and totals of a real book
 * stay far below that. The cell is only for the spreadsheet: every text of a report comes from the integer.
 */
export function spreadsheetNumber(amountMinor: bigint, currency: CurrencyCode): number {
  const value = Number(plainDecimal(amountMinor, currency));
  assert(Number.isFinite(value), `amount ${amountMinor} does not fit a spreadsheet cell`);
  return value;
}

/** Excel's number format with the currency's minor digits: `#,##0.00`. */
export function spreadsheetFormat(currency: CurrencyCode): string {
  const digits = getCurrency(currency).minorDigits;
  return digits === 0 ? "#,##0" : `#,##0.${"0".repeat(digits)}`;
}
