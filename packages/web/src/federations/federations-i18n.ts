/**
 * The words of the federation and network screens, in their own catalogue so that they load with these screens
 * (off the first load). Added under the `federations.` keys of the one `translation` namespace, like groups.
 */
import type { i18n as I18n } from "i18next";
import en from "./i18n/en.json";
import kk from "./i18n/kk.json";
import ru from "./i18n/ru.json";

const catalogues = { kk, ru, en } as const;

/** Adds the federations catalogue to `i18n` once; later calls do nothing. */
export function addFederationsCatalogue(i18n: I18n): void {
  for (const [language, federations] of Object.entries(catalogues)) {
    if (!i18n.hasResourceBundle(language, "translation")) continue;
    if (i18n.getResource(language, "translation", "federations.title") !== undefined) continue;
    i18n.addResourceBundle(language, "translation", { federations }, true, false);
  }
}
