import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import { colorSchemeStorageKey } from "../theme";

describe("the office shell", () => {
  it("shows the home page's empty state at / with the navigation, language switch and theme toggle", async () => {
    renderWithApp(<App />, { locale: "ru", path: "/", session: buildSession() });
    expect(await screen.findByRole("heading", { level: 1, name: "Главная" })).toBeTruthy();
    expect(screen.getByText("Здесь пока пусто")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Основная навигация" });
    expect(nav).toBeTruthy();
    expect(screen.getByRole("link", { name: "Главная" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("radiogroup", { name: "Язык" })).toBeTruthy();
  });

  it("moves to the calculator from the navigation without reloading", async () => {
    const { location } = renderWithApp(<App />, { locale: "en", path: "/", session: buildSession() });
    fireEvent.click(await screen.findByRole("link", { name: "Loan calculator" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Loan calculator" })).toBeTruthy();
    expect(location.history?.at(-1)).toBe("/calculator");
    expect(screen.getByRole("link", { name: "Loan calculator" }).getAttribute("aria-current")).toBe("page");
  });

  it("shows the login page at /login, outside the shell", async () => {
    renderWithApp(<App />, { locale: "kk", path: "/login" });
    expect(screen.getByRole("heading", { level: 1, name: "Жүйеге кіру" })).toBeTruthy();
    expect(screen.queryByRole("navigation")).toBeNull();
  });

  it("answers an unknown path with a page that leads back home", async () => {
    renderWithApp(<App />, { locale: "en", path: "/no-such-page", session: buildSession() });
    expect(await screen.findByText("Page not found")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to the home page" })).toBeTruthy();
  });

  it("switches between light and dark and remembers the choice", async () => {
    renderWithApp(<App />, { locale: "en", path: "/", session: buildSession() });
    await screen.findByRole("heading", { level: 1, name: "Home" });
    const [toDark] = screen.getAllByRole("button", { name: "Switch to dark theme" });
    if (toDark === undefined) throw new Error("no theme toggle");
    fireEvent.click(toDark);
    expect(window.localStorage.getItem(colorSchemeStorageKey)).toBe("dark");
    expect(document.documentElement.getAttribute("data-mantine-color-scheme")).toBe("dark");
    expect(screen.getAllByRole("button", { name: "Switch to light theme" }).length).toBeGreaterThan(0);
  });
});
