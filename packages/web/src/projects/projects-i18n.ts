/**
 * The words of the project screens, in their own catalogue so that they load with these screens (as the
 * groups' do). Added under the `projects.` keys of the one `translation` namespace; the navigation's label
 * (`nav.projects`) stays in the shared catalogue.
 */
import type { i18n as I18n } from "i18next";
import en from "./i18n/en.json";
import kk from "./i18n/kk.json";
import ru from "./i18n/ru.json";

const catalogues = { kk, ru, en } as const;

/** Adds the projects catalogue to `i18n` once; later calls do nothing. */
export function addProjectsCatalogue(i18n: I18n): void {
  for (const [language, projects] of Object.entries(catalogues)) {
    if (!i18n.hasResourceBundle(language, "translation")) continue;
    if (i18n.getResource(language, "translation", "projects.title") !== undefined) continue;
    i18n.addResourceBundle(language, "translation", { projects }, true, false);
  }
}
