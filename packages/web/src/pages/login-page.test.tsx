import { fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../test/render";
import { LoginPage } from "./login-page";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("LoginPage", () => {
  it.each([
    ["kk", "Жүйеге кіру"],
    ["ru", "Вход в систему"],
    ["en", "Sign in"],
  ] as const)("shows its heading in %s: %s", (locale, heading) => {
    renderWithApp(<LoginPage />, { locale, path: "/login" });
    expect(screen.getByRole("heading", { level: 1, name: heading })).toBeTruthy();
  });

  it("asks for both fields before sending anything", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    renderWithApp(<LoginPage />, { locale: "en", path: "/login" });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText("Enter your email or phone number")).toBeTruthy();
    expect(screen.getByText("Enter your password")).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("posts the login in the current language and shows the server's message", async () => {
    const fetchMock = vi.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(
          JSON.stringify({ error: { code: "route_must_exist", message: "Маршрут не найден", details: {} } }),
          { status: 404, headers: { "Content-Type": "application/json" } },
        ),
    );
    vi.stubGlobal("fetch", fetchMock);
    renderWithApp(<LoginPage />, { locale: "ru", path: "/login" });
    fireEvent.change(screen.getByLabelText(/Эл. почта или телефон/), {
      target: { value: " aigerim@example.kz " },
    });
    fireEvent.change(screen.getByLabelText(/Пароль/), { target: { value: "secret" } });
    fireEvent.click(screen.getByRole("button", { name: "Войти" }));

    expect(await screen.findByText("Маршрут не найден")).toBeTruthy();
    const [path, init] = fetchMock.mock.calls[0] ?? [];
    expect(path).toBe("/api/v1/auth/login");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ login: "aigerim@example.kz", password: "secret" });
    expect(init?.headers).toMatchObject({ "Accept-Language": "ru" });
  });

  it("shows an error about one field next to that field", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              error: {
                code: "credentials_must_match",
                message: "Wrong password",
                details: { field: "password" },
              },
            }),
            { status: 401 },
          ),
      ),
    );
    renderWithApp(<LoginPage />, { locale: "en", path: "/login" });
    fireEvent.change(screen.getByLabelText(/Email or phone/), { target: { value: "+77011234567" } });
    const password = screen.getByLabelText(/Password/);
    fireEvent.change(password, { target: { value: "nope" } });
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(password.getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByText("Wrong password")).toBeTruthy();
  });
});
