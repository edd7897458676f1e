/**
 * ISO 4217 currencies that Moldir's organizations meet, with their minor units. Amounts are always stored
 * and computed as integers of the minor unit (tiyn for the tenge), never as fractions.
 */
export interface Currency {
  /** Alphabetic ISO 4217 code. */
  readonly code: string;
  /** Numeric ISO 4217 code. */
  readonly numeric: number;
  /** Digits after the decimal point: the minor unit is 10^-minorDigits of the major. */
  readonly minorDigits: 0 | 2 | 3;
  /** Symbol used when formatting. */
  readonly symbol: string;
}

const list = [
  { code: "KZT", numeric: 398, minorDigits: 2, symbol: "₸" },
  { code: "USD", numeric: 840, minorDigits: 2, symbol: "$" },
  { code: "EUR", numeric: 978, minorDigits: 2, symbol: "€" },
  { code: "RUB", numeric: 643, minorDigits: 2, symbol: "₽" },
  { code: "KGS", numeric: 417, minorDigits: 2, symbol: "сом" },
  { code: "UZS", numeric: 860, minorDigits: 2, symbol: "soʻm" },
  { code: "CNY", numeric: 156, minorDigits: 2, symbol: "¥" },
  { code: "TRY", numeric: 949, minorDigits: 2, symbol: "₺" },
  { code: "GBP", numeric: 826, minorDigits: 2, symbol: "£" },
  { code: "JPY", numeric: 392, minorDigits: 0, symbol: "¥" },
  { code: "KWD", numeric: 414, minorDigits: 3, symbol: "KD" },
] as const satisfies readonly Currency[];

export type CurrencyCode = (typeof list)[number]["code"];

export const currencies: ReadonlyMap<string, Currency> = new Map(list.map((c) => [c.code, c]));

export const currencyCodes = list.map((c) => c.code) as readonly CurrencyCode[];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return currencies.has(code);
}

export function getCurrency(code: CurrencyCode): Currency {
  const currency = currencies.get(code);
  if (currency === undefined) throw new Error(`unknown currency ${code}`);
  return currency;
}

/** 10^minorDigits: the number of minor units in one major unit. */
export function minorPerMajor(currency: Currency): bigint {
  return 10n ** BigInt(currency.minorDigits);
}
