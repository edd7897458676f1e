import { SegmentedControl } from "@mantine/core";
import { locales } from "@moldir/domain";
import { useTranslation } from "react-i18next";
import { localeNames } from "../i18n/i18n";
import { useLocale } from "../i18n/use-locale";

const options = locales.map((locale) => ({
  value: locale,
  // Each name is marked with its own language so a screen reader pronounces it correctly.
  label: <span lang={locale}>{localeNames[locale]}</span>,
}));

/** Қазақша / Русский / English: a radio group, so arrow keys move between the languages. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  return (
    <SegmentedControl
      aria-label={t("language.label")}
      size="xs"
      value={locale}
      data={options}
      onChange={(value) => void i18n.changeLanguage(value)}
    />
  );
}
