import { defaultLocale, isLocale, type Locale } from "@moldir/domain";

/**
 * Picks the best of kk, ru and en from an Accept-Language header (RFC 9110 §12.5.4), honouring q-values;
 * `kk-KZ` counts as `kk`. With no usable preference the answer is Russian, the default.
 */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (header === undefined || header.length === 0 || header.length > 500) return defaultLocale;
  let best: Locale | undefined;
  let bestQuality = 0;
  for (const part of header.split(",").slice(0, 20)) {
    const [tag = "", ...params] = part.trim().split(";");
    const language = tag.trim().toLowerCase().split("-")[0] ?? "";
    const qParam = params.find((p) => p.trim().startsWith("q="));
    const quality = qParam === undefined ? 1 : Number(qParam.trim().slice(2));
    if (!Number.isFinite(quality) || quality <= bestQuality) continue;
    if (isLocale(language)) {
      best = language;
      bestQuality = quality;
    }
  }
  return best ?? defaultLocale;
}
