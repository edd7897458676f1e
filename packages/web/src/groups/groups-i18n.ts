/**
 * The words of the group screens, in their own catalogue so that they load with these screens rather than
 * with the sign-in page (the first load has a budget). Added to the running i18next instance under the
 * `groups.` keys of the one `translation` namespace, so screens use `t("groups.…")` as everywhere else. The
 * navigation's label (`nav.groups`) stays in the shared catalogue.
 */
import type { i18n as I18n } from "i18next";
import en from "./i18n/en.json";
import kk from "./i18n/kk.json";
import ru from "./i18n/ru.json";

const catalogues = { kk, ru, en } as const;

/** Adds the groups catalogue to `i18n` once; later calls do nothing. */
export function addGroupsCatalogue(i18n: I18n): void {
  for (const [language, groups] of Object.entries(catalogues)) {
    if (!i18n.hasResourceBundle(language, "translation")) continue;
    if (i18n.getResource(language, "translation", "groups.title") !== undefined) continue;
    i18n.addResourceBundle(language, "translation", { groups }, true, false);
  }
}
