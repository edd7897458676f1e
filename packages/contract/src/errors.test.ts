import { locales } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { catalogue, errorMessage, fieldReasons } from "./errors";
import { localeFromAcceptLanguage } from "./locale";

describe("the error catalogue", () => {
  const entries = Object.entries(catalogue);

  it("names every code in snake_case", () => {
    for (const [code] of entries) expect(code).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/);
  });

  it("has a message in Kazakh, Russian and English for every code", () => {
    for (const [code, entry] of entries) {
      for (const locale of locales) {
        expect(entry.message[locale].trim().length, `${code} in ${locale}`).toBeGreaterThan(0);
      }
    }
  });

  it("uses the same placeholders in every language", () => {
    for (const [code, entry] of entries) {
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.message.kk), code).toEqual(names(entry.message.en));
      expect(names(entry.message.ru), code).toEqual(names(entry.message.en));
    }
  });

  it("maps only client errors as 4xx and marks retryable only what can succeed later", () => {
    for (const [code, entry] of entries) {
      // 409 only for a request still running under the same Idempotency-Key: waiting helps.
      if (entry.retryable) expect([409, 429, 500, 503], code).toContain(entry.status);
      if (entry.retryable && entry.status === 409) expect(code).toBe("idempotency_key_must_not_be_in_use");
    }
  });

  it("has every field reason in every language", () => {
    for (const reason of Object.values(fieldReasons)) for (const l of locales) expect(reason[l]).not.toBe("");
  });

  it("fills placeholders from details", () => {
    expect(errorMessage("body_must_not_exceed_limit", "en", { limitBytes: 1024 })).toBe(
      "The request is too large: at most 1024 bytes.",
    );
    expect(errorMessage("route_must_exist", "ru", { method: "GET", path: "/x" })).toBe(
      "Такого адреса нет: GET /x",
    );
  });
});

describe("localeFromAcceptLanguage", () => {
  it.each([
    [undefined, "ru"],
    ["", "ru"],
    ["kk", "kk"],
    ["kk-KZ,kk;q=0.9", "kk"],
    ["en-US,en;q=0.9,ru;q=0.8", "en"],
    ["de-DE,en;q=0.5,ru;q=0.7", "ru"],
    ["fr", "ru"],
    ["ru;q=0.1, kk;q=0.2", "kk"],
    ["*", "ru"],
  ])("reads %j as %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });
});
