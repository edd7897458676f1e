/**
 * Kazakh, Russian and English from the first screen. Every visible string goes through i18next with one
 * catalogue per language (`kk.json`, `ru.json`, `en.json`); tests refuse a key missing in any of them.
 *
 * The choice is remembered per browser in localStorage (`moldir.locale`) and mirrored on `<html lang>`,
 * so screen readers pronounce the page in the right language. Later the signed-in user's own setting wins.
 */
import { defaultLocale, isLocale, type Locale } from "@moldir/domain";
import i18next, { type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import kk from "./kk.json";
import ru from "./ru.json";

export const resources = {
  kk: { translation: kk },
  ru: { translation: ru },
  en: { translation: en },
} as const;

export const localeStorageKey = "moldir.locale";

/** Each language named in itself, so that a reader finds her own language whatever is shown now. */
export const localeNames: Readonly<Record<Locale, string>> = {
  kk: "Қазақша",
  ru: "Русский",
  en: "English",
};

/**
 * The remembered choice, else the first of the browser's languages that Moldir speaks (`kk-KZ` counts as
 * `kk`), else Russian, the language most widely read across the regions Moldir serves.
 */
export function detectLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (stored !== null && isLocale(stored)) return stored;
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split("-")[0] ?? "";
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

/** Reads the remembered locale; storage may be unavailable (private mode, disabled cookies). */
export function readStoredLocale(): string | null {
  try {
    return window.localStorage.getItem(localeStorageKey);
  } catch {
    return null;
  }
}

function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(localeStorageKey, locale);
  } catch {
    // Not remembered across visits, but the page still switches: nothing else to do.
  }
}

/** The browser's preferred languages, most preferred first. */
export function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages.length > 0 ? navigator.languages : [navigator.language];
}

/** A ready i18next instance (synchronous: the catalogues are bundled) that remembers every change. */
export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  instance.on("languageChanged", (language) => {
    if (!isLocale(language)) return;
    document.documentElement.lang = language;
    rememberLocale(language);
  });
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    supportedLngs: ["kk", "ru", "en"],
    fallbackLng: defaultLocale,
    initAsync: false,
    returnNull: false,
    // React escapes what it renders; escaping here too would show `&amp;` to the reader.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = locale;
  return instance;
}
