import "i18next";
import type en from "./en.json";

// Keys passed to `t()` are checked by the compiler against the English catalogue; the catalogue tests check
// that Kazakh and Russian have the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
