import "i18next";
import type federationsEn from "../federations/i18n/en.json";
import type groupsEn from "../groups/i18n/en.json";
import type loansEn from "../loans/i18n/en.json";
import type peopleEn from "../people/i18n/en.json";
import type projectsEn from "../projects/i18n/en.json";
import type en from "./en.json";

// Keys passed to `t()` are checked by the compiler against the English catalogue; the catalogue tests check
// that Kazakh and Russian have the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    // An area's own catalogue loads with its screens (`people`, `groups`), off the first load, and is typed here.
    resources: {
      translation: typeof en & {
        people: typeof peopleEn;
        groups: typeof groupsEn;
        federations: typeof federationsEn;
        loans: typeof loansEn;
        projects: typeof projectsEn;
      };
    };
  }
}
