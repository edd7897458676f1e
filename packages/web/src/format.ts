/**
 * Locale-aware text for numbers and dates that are not money (money is formatted by `@moldir/domain`).
 * Written out rather than left to `Intl`, so that Kazakh looks the same in every browser, whatever locale
 * data it ships.
 */
import {
  type CurrencyCode,
  formatMoney,
  type Locale,
  parseMinor,
  parsePlainDate,
  toCivil,
} from "@moldir/domain";

const nbsp = "\u00a0";

/**
 * A percentage sent as a decimal string (`"34.7"`): `34,7 %` in Kazakh and Russian (with a no-break space,
 * as their typography asks), `34.7%` in English.
 */
export function formatPercent(decimalText: string, locale: Locale): string {
  return locale === "en" ? `${decimalText}%` : `${decimalText.replace(".", ",")}${nbsp}%`;
}

const englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A plain date `2025-02-15` as `15.02.2025` in Kazakh and Russian, `15 Feb 2025` in English. */
export function formatPlainDate(text: string, locale: Locale): string {
  const parsed = parsePlainDate(text);
  if (!parsed.ok) return text;
  const { year, month, day } = toCivil(parsed.value);
  if (locale === "en") return `${day} ${englishMonths[month - 1] ?? ""} ${year}`;
  return `${String(day).padStart(2, "0")}.${String(month).padStart(2, "0")}.${year}`;
}

/** An amount of minor units sent as a decimal string; shown as sent if it is not one. */
export function formatMinor(
  text: string,
  currency: CurrencyCode,
  locale: Locale,
  options: { readonly symbol?: boolean } = {},
): string {
  const parsed = parseMinor(text);
  return parsed.ok ? formatMoney(parsed.value, currency, locale, options) : text;
}

/**
 * An instant sent as ISO 8601 (`2025-02-15T09:03:00Z`), in the browser's time zone: `15.02.2025 14:03` in
 * Kazakh and Russian, `15 Feb 2025 14:03` in English. Shown as sent if it is not an instant.
 */
export function formatInstant(text: string, locale: Locale): string {
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return text;
  const pad = (value: number) => String(value).padStart(2, "0");
  const time = `${pad(instant.getHours())}:${pad(instant.getMinutes())}`;
  const [year, month, day] = [instant.getFullYear(), instant.getMonth() + 1, instant.getDate()];
  if (locale === "en") return `${day} ${englishMonths[month - 1] ?? ""} ${year} ${time}`;
  return `${pad(day)}.${pad(month)}.${year} ${time}`;
}
