import type { Approval } from "@moldir/contract";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, json, type RecordedRequest } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { aigerimId, buildSession } from "../test/sessions";
import ApprovalsPage from "./approvals-page";

afterEach(() => {
  vi.unstubAllGlobals();
});

const pending: Approval = {
  id: "0190a000-0000-7000-8000-0000000000e1",
  action: "user.roles.change",
  summary: {
    user: "Сәуле Нұрланова",
    userId: "0190a000-0000-7000-8000-0000000000b2",
    before: [{ role: "facilitator", scopeKind: "organization", scopeId: null }],
    after: [{ role: "trainer", scopeKind: "organization", scopeId: null }],
  },
  makerUserId: "0190a000-0000-7000-8000-0000000000a9",
  makerName: "Ләззат Ишмұхамедова",
  madeAt: "2026-03-02T05:30:00Z",
  status: "pending",
  checkerUserId: null,
  checkerName: null,
  decidedAt: null,
  comment: null,
};

function serverWithOnePending() {
  let decided: Approval | null = null;
  const decide = (status: "approved" | "rejected") => (request: RecordedRequest) => {
    decided = {
      ...pending,
      status,
      checkerUserId: aigerimId,
      checkerName: "Айгерим Садыкова",
      decidedAt: "2026-03-02T06:00:00Z",
      comment: (request.body as { comment?: string }).comment ?? null,
    };
    return json(decided);
  };
  return fakeApi({
    "GET /api/v1/approvals?status=pending": () => json({ items: decided === null ? [pending] : [] }),
    "GET /api/v1/approvals?status=approved": () =>
      json({ items: decided?.status === "approved" ? [decided] : [] }),
    "GET /api/v1/approvals?status=rejected": () =>
      json({ items: decided?.status === "rejected" ? [decided] : [] }),
    [`POST /api/v1/approvals/${pending.id}/approve`]: decide("approved"),
    [`POST /api/v1/approvals/${pending.id}/reject`]: decide("rejected"),
  });
}

describe("ApprovalsPage", () => {
  it("shows what waits, approves it with a comment, and lists it among the decided", async () => {
    const requests = serverWithOnePending();
    renderWithApp(<ApprovalsPage />, {
      locale: "en",
      path: "/approvals",
      session: buildSession(["administrator"]),
    });
    const card = await screen.findByRole("article", { name: "Changing a user's roles" });
    expect(within(card).getByText("Сәуле Нұрланова")).toBeTruthy();
    expect(within(card).getByText("Trainer")).toBeTruthy();
    expect(within(card).getByText(/Asked by Ләззат Ишмұхамедова/)).toBeTruthy();

    fireEvent.change(within(card).getByLabelText(/Comment/), {
      target: { value: " Agreed with the director " },
    });
    fireEvent.click(within(card).getByRole("button", { name: "Approve" }));
    expect((await screen.findByRole("status")).textContent).toBe("Approved: Changing a user's roles.");
    expect(await screen.findByText("Nothing waits for approval")).toBeTruthy();
    const approve = requests.find((request) => request.path.endsWith("/approve"));
    expect(approve?.body).toEqual({ comment: "Agreed with the director" });
    expect(approve?.headers["x-csrf-token"]).toBe("c_test");

    fireEvent.click(screen.getByRole("tab", { name: "Decided" }));
    const decided = await screen.findByRole("article", { name: "Changing a user's roles" });
    expect(within(decided).getByText("Approved")).toBeTruthy();
    expect(within(decided).getByText(/Comment: Agreed with the director/)).toBeTruthy();
  });

  it("rejects without a comment", async () => {
    const requests = serverWithOnePending();
    renderWithApp(<ApprovalsPage />, {
      locale: "ru",
      path: "/approvals",
      session: buildSession(["administrator"]),
    });
    const card = await screen.findByRole("article", { name: "Изменение ролей пользователя" });
    fireEvent.click(within(card).getByRole("button", { name: "Отклонить" }));
    expect((await screen.findByRole("status")).textContent).toBe("Отклонено: Изменение ролей пользователя.");
    expect(requests.find((request) => request.path.endsWith("/reject"))?.body).toEqual({});
  });

  it("does not offer the maker a decision on her own request", async () => {
    fakeApi({
      "GET /api/v1/approvals?status=pending": json({ items: [{ ...pending, makerUserId: aigerimId }] }),
    });
    renderWithApp(<ApprovalsPage />, {
      locale: "en",
      path: "/approvals",
      session: buildSession(["administrator"]),
    });
    const card = await screen.findByRole("article", { name: "Changing a user's roles" });
    expect(within(card).getByText("You asked for this yourself: another person must decide.")).toBeTruthy();
    expect(within(card).queryByRole("button", { name: "Approve" })).toBeNull();
  });

  it("shows the server's refusal when the request was decided meanwhile", async () => {
    fakeApi({
      "GET /api/v1/approvals?status=pending": json({ items: [pending] }),
      [`POST /api/v1/approvals/${pending.id}/approve`]: apiError(
        "approval_must_be_pending",
        "This request has already been decided.",
        409,
      ),
    });
    renderWithApp(<ApprovalsPage />, {
      locale: "en",
      path: "/approvals",
      session: buildSession(["administrator"]),
    });
    const card = await screen.findByRole("article", { name: "Changing a user's roles" });
    fireEvent.click(within(card).getByRole("button", { name: "Approve" }));
    await waitFor(() =>
      expect(within(card).getByRole("alert").textContent).toBe("This request has already been decided."),
    );
  });
});
