import { defaultLocale, isLocale, type Locale } from "@moldir/domain";
import { useTranslation } from "react-i18next";

/** The language shown now, narrowed to the three Moldir speaks. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return language !== undefined && isLocale(language) ? language : defaultLocale;
}
