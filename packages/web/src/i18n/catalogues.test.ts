import { describe, expect, it } from "vitest";
import { catalogues, flatten, placeholders } from "./catalogue-keys";

const flat = {
  kk: flatten(catalogues.kk),
  ru: flatten(catalogues.ru),
  en: flatten(catalogues.en),
};
const languages = ["kk", "ru", "en"] as const;
const allKeys = [...new Set(languages.flatMap((language) => [...flat[language].keys()]))].sort();

/** Texts that are the same in every language on purpose. */
const sameEverywhere = new Set(["app.name"]);

describe("message catalogues", () => {
  it.each(languages)("%s has every key of every catalogue, each a non-empty text", (language) => {
    const problems = allKeys.filter((key) => {
      const text = flat[language].get(key);
      return typeof text !== "string" || text.trim() === "";
    });
    expect(problems).toEqual([]);
  });

  it("uses the same placeholders for a key in every language", () => {
    const mismatched = allKeys.filter((key) => {
      const english = placeholders(String(flat.en.get(key) ?? ""));
      return languages.some((language) => {
        const own = placeholders(String(flat[language].get(key) ?? ""));
        return own.join(",") !== english.join(",");
      });
    });
    expect(mismatched).toEqual([]);
  });

  it.each(["kk", "ru"] as const)("translates English words into %s rather than copying them", (language) => {
    const copied = allKeys.filter((key) => {
      const english = String(flat.en.get(key) ?? "");
      return !sameEverywhere.has(key) && /[A-Za-z]{3}/.test(english) && flat[language].get(key) === english;
    });
    expect(copied).toEqual([]);
  });

  it("writes Kazakh with its own letters", () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    const texts = [...flat.kk.values()].map(String);
    const withKazakhLetters = texts.filter((text) => kazakhLetters.test(text));
    expect(withKazakhLetters.length).toBeGreaterThan(texts.length / 3);
  });

  it("detects a missing key", () => {
    const partial = flatten({ a: { b: "x" } });
    expect(partial.get("a.c")).toBeUndefined();
    expect(partial.get("a.b")).toBe("x");
  });
});
