/**
 * The words of the people screens, in their own catalogue so that they load with these screens rather than
 * with the sign-in page (the first load has a budget). Added to the running i18next instance under the
 * `people.` keys of the one `translation` namespace, so screens use `t("people.…")` as everywhere else.
 */
import type { i18n as I18n } from "i18next";
import en from "./i18n/en.json";
import kk from "./i18n/kk.json";
import ru from "./i18n/ru.json";

const catalogues = { kk, ru, en } as const;

/** Adds the people catalogue to `i18n` once; later calls do nothing. */
export function addPeopleCatalogue(i18n: I18n): void {
  for (const [language, people] of Object.entries(catalogues)) {
    if (!i18n.hasResourceBundle(language, "translation")) continue;
    if (i18n.getResource(language, "translation", "people.title") !== undefined) continue;
    i18n.addResourceBundle(language, "translation", { people }, true, false);
  }
}
