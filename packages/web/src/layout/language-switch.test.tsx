import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { localeStorageKey } from "../i18n/i18n";
import { LoginPage } from "../pages/login-page";
import { renderWithApp } from "../test/render";

describe("LanguageSwitch", () => {
  it("offers each language by its own name", () => {
    renderWithApp(<LoginPage />, { locale: "en" });
    for (const name of ["Қазақша", "Русский", "English"]) {
      expect(screen.getByRole("radio", { name })).toBeTruthy();
    }
    expect(screen.getByRole("radiogroup", { name: "Language" })).toBeTruthy();
  });

  it("changes the visible texts, <html lang> and the remembered choice", async () => {
    renderWithApp(<LoginPage />, { locale: "ru" });
    expect(screen.getByRole("heading", { name: "Вход в систему" })).toBeTruthy();

    fireEvent.click(screen.getByRole("radio", { name: "Қазақша" }));
    expect(await screen.findByRole("heading", { name: "Жүйеге кіру" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Кіру" })).toBeTruthy();
    expect(document.documentElement.lang).toBe("kk");
    expect(window.localStorage.getItem(localeStorageKey)).toBe("kk");

    fireEvent.click(screen.getByRole("radio", { name: "English" }));
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeTruthy();
    expect(window.localStorage.getItem(localeStorageKey)).toBe("en");
  });
});
