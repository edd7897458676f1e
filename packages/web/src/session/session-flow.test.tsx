import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { apiError, fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";

afterEach(() => {
  vi.unstubAllGlobals();
});

const notSignedIn = apiError("session_must_be_valid", "Войдите в систему", 401);

function signIn(login: string, password: string) {
  fireEvent.change(screen.getByLabelText(/Эл. почта или телефон/), { target: { value: login } });
  fireEvent.change(screen.getByLabelText(/Пароль/), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Войти" }));
}

describe("signing in", () => {
  it("sends a signed-out person from a screen to the login page, remembering the screen", async () => {
    fakeApi({ "GET /api/v1/session": notSignedIn });
    const { location } = renderWithApp(<App />, { locale: "ru", path: "/users", session: "ask-server" });
    expect(await screen.findByRole("heading", { level: 1, name: "Вход в систему" })).toBeTruthy();
    expect(location.history?.at(-1)).toBe("/login?next=%2Fusers");
  });

  it("lets a signed-out person use the public calculator", async () => {
    fakeApi({ "GET /api/v1/session": notSignedIn });
    renderWithApp(<App />, { locale: "ru", path: "/calculator", session: "ask-server" });
    expect(await screen.findByRole("heading", { level: 1, name: "Кредитный калькулятор" })).toBeTruthy();
    expect(screen.getAllByRole("link", { name: "Войти" }).length).toBeGreaterThan(0);
  });

  it("signs in and goes on to the screen she was going to, with her name in the header", async () => {
    const session = buildSession();
    const requests = fakeApi({
      "GET /api/v1/session": notSignedIn,
      "POST /api/v1/auth/login": json(session),
      "GET /api/v1/users": json({ items: [] }),
      "GET /api/v1/offices": json({ items: [] }),
    });
    const { location } = renderWithApp(<App />, { locale: "ru", path: "/users", session: "ask-server" });
    await screen.findByRole("heading", { level: 1, name: "Вход в систему" });
    signIn(" aigerim@example.kz ", "correct horse");

    expect(await screen.findByRole("heading", { level: 1, name: "Пользователи и роли" })).toBeTruthy();
    expect(location.history?.at(-1)).toBe("/users");
    expect(screen.getByText(session.user.displayName)).toBeTruthy();
    const login = requests.find((request) => request.path === "/api/v1/auth/login");
    expect(login?.body).toEqual({ login: "aigerim@example.kz", password: "correct horse" });
    expect(login?.headers["accept-language"]).toBe("ru");
  });

  it.each([
    ["a wrong password", apiError("credentials_must_be_valid", "Неверный логин или пароль", 401)],
    ["a locked account", apiError("login_must_not_be_locked", "Вход заблокирован на 15 минут", 429)],
  ])("shows the server's refusal of %s and stays on the login page", async (_case, refusal) => {
    fakeApi({ "GET /api/v1/session": notSignedIn, "POST /api/v1/auth/login": refusal });
    const { location } = renderWithApp(<App />, { locale: "ru", path: "/login", session: "ask-server" });
    await screen.findByRole("heading", { level: 1, name: "Вход в систему" });
    signIn("aigerim@example.kz", "wrong");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain(
      ((await refusal.clone().json()) as { error: { message: string } }).error.message,
    );
    expect(location.history?.at(-1)).toBe("/login");
  });

  it("asks for the code from the authenticator app when the account has two factors", async () => {
    const pending = buildSession(["administrator"], { secondFactorPending: true, csrfToken: "c_pending" });
    const complete = buildSession(["administrator"], { csrfToken: "c_complete" });
    const requests = fakeApi({
      "GET /api/v1/session": notSignedIn,
      "POST /api/v1/auth/login": json(pending),
      "POST /api/v1/auth/second-factor": (request) =>
        (request.body as { code: string }).code === "123456"
          ? json(complete)
          : apiError("second_factor_must_be_valid", "Код неверный или устарел", 401),
    });
    const { location } = renderWithApp(<App />, { locale: "ru", path: "/login", session: "ask-server" });
    await screen.findByRole("heading", { level: 1, name: "Вход в систему" });
    signIn("aigerim@example.kz", "correct horse");

    const code = await screen.findByLabelText(/Шестизначный код/);
    expect(screen.getByRole("heading", { level: 1, name: "Введите код подтверждения" })).toBeTruthy();
    fireEvent.change(code, { target: { value: "12345" } });
    fireEvent.click(screen.getByRole("button", { name: "Подтвердить" }));
    expect(await screen.findByText("Введите шесть цифр из приложения")).toBeTruthy();

    fireEvent.change(code, { target: { value: "654321" } });
    fireEvent.click(screen.getByRole("button", { name: "Подтвердить" }));
    expect(await screen.findByText("Код неверный или устарел")).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Шестизначный код/), { target: { value: "123 456" } });
    fireEvent.click(screen.getByRole("button", { name: "Подтвердить" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Главная" })).toBeTruthy();
    expect(location.history?.at(-1)).toBe("/");
    const secondFactor = requests.filter((request) => request.path === "/api/v1/auth/second-factor");
    expect(secondFactor.at(-1)?.body).toEqual({ code: "123456" });
    // The code is a write with the (pending) session's cookie: it carries that session's CSRF token.
    expect(secondFactor.at(-1)?.headers["x-csrf-token"]).toBe("c_pending");
  });
});

describe("the navigation", () => {
  it("offers an administrator every screen of the organization", async () => {
    renderWithApp(<App />, { locale: "en", path: "/", session: buildSession(["administrator"]) });
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    for (const name of [
      "Users and roles",
      "Offices",
      "Organization",
      "Approvals",
      "Audit log",
      "My profile",
    ]) {
      expect(within(nav).getByRole("link", { name })).toBeTruthy();
    }
  });

  it("hides from a trainer the screens her role does not allow, and refuses them by address", async () => {
    renderWithApp(<App />, { locale: "en", path: "/users", session: buildSession(["trainer"]) });
    expect(
      await screen.findByRole("heading", { level: 1, name: "You do not have access to this screen" }),
    ).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Main navigation" });
    for (const name of ["Users and roles", "Approvals", "Audit log"]) {
      expect(within(nav).queryByRole("link", { name })).toBeNull();
    }
    expect(within(nav).getByRole("link", { name: "Offices" })).toBeTruthy();
  });

  it("shows an accountant approvals and users but not the audit log", async () => {
    renderWithApp(<App />, { locale: "en", path: "/", session: buildSession(["accountant"]) });
    const nav = await screen.findByRole("navigation", { name: "Main navigation" });
    expect(within(nav).getByRole("link", { name: "Approvals" })).toBeTruthy();
    expect(within(nav).getByRole("link", { name: "Users and roles" })).toBeTruthy();
    expect(within(nav).queryByRole("link", { name: "Audit log" })).toBeNull();
  });
});

describe("the session in the header", () => {
  it("switches organization and sends the session's CSRF token with the write", async () => {
    const session = buildSession(["administrator"], { csrfToken: "c_ngo" });
    const switched = {
      ...session,
      currentOrgId: session.organizations[1]?.orgId ?? null,
      csrfToken: "c_mco",
    };
    const requests = fakeApi({ "POST /api/v1/session/organization": json(switched) });
    renderWithApp(<App />, { locale: "en", path: "/", session });
    // The switch sits in the header, and in the navigation on a phone: both are the same control.
    const [organization] = await screen.findAllByRole("combobox", { name: "Organization" });
    if (organization === undefined) throw new Error("no organization switch");
    fireEvent.click(organization);
    fireEvent.click(await screen.findByRole("option", { name: "Moldir Micro-Credit Organization" }));
    await waitFor(() => expect(requests.length).toBe(1));
    expect(requests[0]?.body).toEqual({ orgId: switched.currentOrgId });
    expect(requests[0]?.headers["x-csrf-token"]).toBe("c_ngo");
  });

  it("saves a language chosen while signed in to the person's profile", async () => {
    const session = buildSession();
    const requests = fakeApi({
      "PATCH /api/v1/me": json({ ...session, user: { ...session.user, preferredLocale: "kk" } }),
    });
    renderWithApp(<App />, { locale: "ru", path: "/", session });
    await screen.findByRole("heading", { level: 1, name: "Главная" });
    fireEvent.click(screen.getByRole("radio", { name: "Қазақша" }));
    await waitFor(() => expect(requests.some((request) => request.method === "PATCH")).toBe(true));
    expect(requests.find((request) => request.method === "PATCH")?.body).toEqual({ preferredLocale: "kk" });
  });

  it("signs out and returns to the login page", async () => {
    const requests = fakeApi({ "POST /api/v1/auth/logout": json({ ok: true }) });
    const { location } = renderWithApp(<App />, { locale: "en", path: "/", session: buildSession() });
    fireEvent.click(await screen.findByRole("button", { name: /account menu/ }));
    fireEvent.click(await screen.findByRole("menuitem", { name: "Sign out" }));
    expect(await screen.findByRole("heading", { level: 1, name: "Sign in" })).toBeTruthy();
    expect(location.history?.at(-1)).toBe("/login");
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/v1/auth/logout",
    ]);
  });
});
