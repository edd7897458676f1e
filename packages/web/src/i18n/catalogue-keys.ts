/** Helpers for the catalogue tests: the catalogues as flat `key → text` maps. */
import federationsEn from "../federations/i18n/en.json";
import federationsKk from "../federations/i18n/kk.json";
import federationsRu from "../federations/i18n/ru.json";
import groupsEn from "../groups/i18n/en.json";
import groupsKk from "../groups/i18n/kk.json";
import groupsRu from "../groups/i18n/ru.json";
import loansEn from "../loans/i18n/en.json";
import loansKk from "../loans/i18n/kk.json";
import loansRu from "../loans/i18n/ru.json";
import peopleEn from "../people/i18n/en.json";
import peopleKk from "../people/i18n/kk.json";
import peopleRu from "../people/i18n/ru.json";
import projectsEn from "../projects/i18n/en.json";
import projectsKk from "../projects/i18n/kk.json";
import projectsRu from "../projects/i18n/ru.json";
import en from "./en.json";
import kk from "./kk.json";
import ru from "./ru.json";

/** The catalogues as the app has them once every area has loaded its own (see `people/people-i18n.ts`). */
export const catalogues = {
  kk: {
    ...kk,
    people: peopleKk,
    groups: groupsKk,
    federations: federationsKk,
    loans: loansKk,
    projects: projectsKk,
  },
  ru: {
    ...ru,
    people: peopleRu,
    groups: groupsRu,
    federations: federationsRu,
    loans: loansRu,
    projects: projectsRu,
  },
  en: {
    ...en,
    people: peopleEn,
    groups: groupsEn,
    federations: federationsEn,
    loans: loansEn,
    projects: projectsEn,
  },
} as const;

/** `{ a: { b: "x" } }` → `{ "a.b": "x" }`; a value that is neither text nor an object is kept as is. */
export function flatten(tree: unknown, prefix = ""): Map<string, unknown> {
  const flat = new Map<string, unknown>();
  if (typeof tree !== "object" || tree === null || Array.isArray(tree)) {
    flat.set(prefix, tree);
    return flat;
  }
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    for (const [leaf, text] of flatten(value, path)) flat.set(leaf, text);
  }
  return flat;
}

/** The `{{name}}` placeholders of a text, sorted. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1] ?? "").sort();
}
