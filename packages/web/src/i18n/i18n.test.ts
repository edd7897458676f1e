import { describe, expect, it } from "vitest";
import { createI18n, detectLocale, localeStorageKey } from "./i18n";

describe("detectLocale", () => {
  it.each([
    { stored: "kk", browser: ["en-US"], expected: "kk", why: "the remembered choice wins" },
    { stored: null, browser: ["kk-KZ", "ru"], expected: "kk", why: "a regional variant counts" },
    { stored: null, browser: ["de-DE", "en-GB"], expected: "en", why: "the first language Moldir speaks" },
    { stored: null, browser: ["de-DE", "fr"], expected: "ru", why: "Russian when none is spoken" },
    { stored: "xx", browser: [], expected: "ru", why: "an unknown remembered value is ignored" },
  ])("$why", ({ stored, browser, expected }) => {
    expect(detectLocale(stored, browser)).toBe(expected);
  });
});

describe("createI18n", () => {
  it("sets <html lang> and remembers a change of language", async () => {
    const i18n = createI18n("ru");
    expect(document.documentElement.lang).toBe("ru");
    await i18n.changeLanguage("kk");
    expect(document.documentElement.lang).toBe("kk");
    expect(window.localStorage.getItem(localeStorageKey)).toBe("kk");
    expect(i18n.t("login.title")).toBe("Жүйеге кіру");
  });
});
