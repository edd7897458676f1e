import type { Office, User } from "@moldir/contract";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import UsersPage from "./users-page";

afterEach(() => {
  vi.unstubAllGlobals();
});

const saule: User = {
  id: "0190a000-0000-7000-8000-0000000000b2",
  displayName: "Сәуле Нұрланова",
  email: "saule@example.kz",
  phone: null,
  preferredLocale: "kk",
  isActive: true,
  roles: [{ role: "facilitator", scopeKind: "organization", scopeId: null }],
};

const talgar: Office = {
  id: "0190a000-0000-7000-8000-0000000000c1",
  parentId: null,
  names: { kk: "Талғар филиалы", ru: "Талгарский филиал", en: "Talgar branch" },
  regionId: null,
  version: 1,
};

async function openRoles() {
  fireEvent.click(await screen.findByRole("button", { name: "Roles of Сәуле Нұрланова" }));
  return screen.findByRole("dialog", { name: "Roles of Сәуле Нұрланова" });
}

describe("UsersPage", () => {
  it("says the role change was sent for approval when the organization requires four eyes", async () => {
    const requests = fakeApi({
      "GET /api/v1/users": json({ items: [saule] }),
      "GET /api/v1/offices": json({ items: [talgar] }),
      "PUT /api/v1/users/0190a000-0000-7000-8000-0000000000b2/roles": json(
        { status: "pending_approval", approvalId: "0190a000-0000-7000-8000-0000000000d1" },
        202,
      ),
    });
    renderWithApp(<UsersPage />, { locale: "en", path: "/users", session: buildSession(["administrator"]) });
    const dialog = await openRoles();
    fireEvent.click(within(dialog).getByRole("button", { name: "Add a role" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Save roles" }));

    const notice = await screen.findByRole("status");
    expect(notice.textContent).toContain("sent for approval");
    expect(screen.queryByRole("dialog")).toBeNull();
    const put = requests.find((request) => request.method === "PUT");
    expect(put?.body).toEqual({
      roles: [
        { role: "facilitator", scopeKind: "organization", scopeId: null },
        { role: "facilitator", scopeKind: "organization", scopeId: null },
      ],
    });
    expect(put?.headers["x-csrf-token"]).toBe("c_test");
  });

  it("says the roles were saved when the change takes effect at once", async () => {
    fakeApi({
      "GET /api/v1/users": json({ items: [saule] }),
      "GET /api/v1/offices": json({ items: [talgar] }),
      "PUT /api/v1/users/0190a000-0000-7000-8000-0000000000b2/roles": json({ ...saule, roles: [] }),
    });
    renderWithApp(<UsersPage />, { locale: "en", path: "/users", session: buildSession(["administrator"]) });
    const dialog = await openRoles();
    fireEvent.click(within(dialog).getByRole("button", { name: "Remove role 1" }));
    fireEvent.click(within(dialog).getByRole("button", { name: "Save roles" }));
    expect((await screen.findByRole("status")).textContent).toBe("The roles of Сәуле Нұрланова were saved.");
  });

  it("lists users with their roles and scopes, and searches as the person types", async () => {
    const requests = fakeApi({
      "GET /api/v1/users": json({
        items: [{ ...saule, roles: [{ role: "loan_officer", scopeKind: "office", scopeId: talgar.id }] }],
      }),
      "GET /api/v1/users?q=%D0%B7%D0%B7%D0%B7": json({ items: [] }),
      "GET /api/v1/offices": json({ items: [talgar] }),
    });
    renderWithApp(<UsersPage />, { locale: "ru", path: "/users", session: buildSession(["administrator"]) });
    expect(await screen.findByText("Кредитный специалист · Офис: Талгарский филиал")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Поиск"), { target: { value: "ззз" } });
    expect(await screen.findByText("Никого не нашлось")).toBeTruthy();
    await waitFor(() => expect(requests.some((request) => request.path.includes("?q="))).toBe(true));
  });

  it("offers no changes to a person who may only read users", async () => {
    fakeApi({ "GET /api/v1/users": json({ items: [saule] }), "GET /api/v1/offices": json({ items: [] }) });
    renderWithApp(<UsersPage />, { locale: "en", path: "/users", session: buildSession(["auditor"]) });
    expect(await screen.findByText("Сәуле Нұрланова")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Add a user" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Roles of/ })).toBeNull();
  });
});
