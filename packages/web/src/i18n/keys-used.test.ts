import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { catalogues, flatten } from "./catalogue-keys";

const sourceRoot = join(import.meta.dirname, "..");

/** Every `.tsx` source file (tests included: they look for the same texts). */
function sourceFiles(): string[] {
  return (
    readdirSync(sourceRoot, { recursive: true, encoding: "utf8" })
      .filter((path) => path.endsWith(".tsx") || (path.endsWith(".ts") && !path.endsWith(".d.ts")))
      // This file quotes the patterns it looks for.
      .filter((path) => !path.endsWith("keys-used.test.ts"))
      .map((path) => join(sourceRoot, path))
  );
}

// `t("a.b")`, `t('a.b', …)` and `i18nKey="a.b"`: literal keys. `t(\`a.${x}\`)`: a prefix that must exist.
const literalKey = /\bt\(\s*["']([\w.-]+)["']/g;
const templateKey = /\bt\(\s*`([\w.-]+)\.\$\{/g;

function keysIn(text: string): { literal: string[]; prefixes: string[] } {
  return {
    literal: [...text.matchAll(literalKey)].map((match) => match[1] ?? ""),
    prefixes: [...text.matchAll(templateKey)].map((match) => match[1] ?? ""),
  };
}

describe("keys used in the source", () => {
  const files = sourceFiles();
  const flat = {
    kk: flatten(catalogues.kk),
    ru: flatten(catalogues.ru),
    en: flatten(catalogues.en),
  };

  it("finds the source files and the keys they use", () => {
    const used = files.flatMap((file) => keysIn(readFileSync(file, "utf8")).literal);
    expect(files.some((file) => file.endsWith("login-page.tsx"))).toBe(true);
    expect(used).toContain("login.title");
  });

  it.each(["kk", "ru", "en"] as const)('every t("…") key in src/**/*.tsx exists in %s', (language) => {
    const missing: string[] = [];
    for (const file of files) {
      const { literal, prefixes } = keysIn(readFileSync(file, "utf8"));
      for (const key of literal) {
        if (typeof flat[language].get(key) !== "string")
          missing.push(`${relative(sourceRoot, file)}: ${key}`);
      }
      for (const prefix of prefixes) {
        const hasChildren = [...flat[language].keys()].some((key) => key.startsWith(`${prefix}.`));
        if (!hasChildren) missing.push(`${relative(sourceRoot, file)}: ${prefix}.*`);
      }
    }
    expect(missing).toEqual([]);
  });
});
