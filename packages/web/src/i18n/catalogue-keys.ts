/** Helpers for the catalogue tests: the catalogues as flat `key → text` maps. */
import en from "./en.json";
import kk from "./kk.json";
import ru from "./ru.json";

export const catalogues = { kk, ru, en } as const;

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
