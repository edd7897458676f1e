import type { Locale } from "@moldir/domain";

/** A name kept in the three languages (organizations, offices, regions). */
export interface LocalizedNames {
  readonly kk: string;
  readonly ru: string;
  readonly en: string;
}

/** The name in the language shown now. */
export function nameIn(names: LocalizedNames, locale: Locale): string {
  return names[locale];
}
