/**
 * The words of the loan screens, in their own catalogue so that they load with these screens rather than
 * with the sign-in page (the first load has a budget). Added to the running i18next instance under the
 * `loans.` keys of the one `translation` namespace, like the groups' catalogue. The navigation's label
 * (`nav.loans`) stays in the shared catalogue; the loan terms' labels are the calculator's.
 */
import type { i18n as I18n } from "i18next";
import en from "./i18n/en.json";
import kk from "./i18n/kk.json";
import ru from "./i18n/ru.json";

const catalogues = { kk, ru, en } as const;

/** Adds the loans catalogue to `i18n` once; later calls do nothing. */
export function addLoansCatalogue(i18n: I18n): void {
  for (const [language, loans] of Object.entries(catalogues)) {
    if (!i18n.hasResourceBundle(language, "translation")) continue;
    if (i18n.getResource(language, "translation", "loans.title") !== undefined) continue;
    i18n.addResourceBundle(language, "translation", { loans }, true, false);
  }
}
