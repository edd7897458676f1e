import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { todayPlainDate } from "../ledger/ledger-api";
import { apiError, fakeApi, json, type RecordedRequest } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import { buildLoan, loanId, loanPanels, personId, product } from "./loan-test-fixtures";
import type { ArrearsItem, CollectionSheetRow, OfficerDashboard } from "./loans-api";

const groupId = "0190a000-0000-7000-8000-0000000020a1";
const secondLoanId = "0190a000-0000-7000-8000-0000000020b1";

const field = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
const sent = (requests: readonly RecordedRequest[], method: string, suffix: string) =>
  requests.filter((request) => request.method === method && request.path.split("?")[0]?.endsWith(suffix));

const arrearsItem: ArrearsItem = {
  loanId,
  number: 7,
  borrowerName: "Akhmetova Gulnar",
  phone: "+77015550001",
  address: "Shymkent, Abay 5",
  productCode: "BEREKE",
  officerName: "Dana Officer",
  daysPastDue: 45,
  overdueMinor: "950000",
  outstandingMinor: "6000000",
  arrearsBucket: 2,
};

describe("arrears and expected collections", () => {
  it("lists loans in arrears by bucket with contacts and exports, and the days' expected collections", async () => {
    fakeApi({
      "GET /api/v1/loan-reports/arrears": json({
        bucketStarts: [1, 31, 61, 91],
        items: [
          arrearsItem,
          { ...arrearsItem, loanId: secondLoanId, number: 8, daysPastDue: 3, arrearsBucket: 1, phone: null },
        ],
      }),
      "GET /api/v1/loan-reports/collections": json({
        items: [
          { date: "2026-03-15", loans: 2, dueMinor: "10300000" },
          { date: "2026-03-16", loans: 0, dueMinor: "0" },
        ],
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans/arrears", session: buildSession(["loan_officer"]) });
    const late = await screen.findByRole("table", { name: "31–60 days past due" }, { timeout: 10_000 });
    expect(late.textContent).toContain("Akhmetova Gulnar");
    expect(late.textContent).toContain("Shymkent, Abay 5");
    expect(within(late).getByRole("link", { name: "+77015550001" }).getAttribute("href")).toBe(
      "tel:+77015550001",
    );
    const early = screen.getByRole("table", { name: "1–30 days past due" });
    expect(early.textContent).toContain("₸9,500.00");
    expect(screen.getByRole("link", { name: "Download XLSX" }).getAttribute("href")).toBe(
      "/api/v1/loan-reports/arrears/export?format=xlsx&locale=en",
    );
    const collections = await screen.findByRole("table", { name: "Expected collections, next 14 days" });
    // Days with nothing due are left out.
    expect(within(collections).getAllByRole("row")).toHaveLength(2);
    expect(collections.textContent).toContain("₸103,000.00");
  });

  it("says so when no loan is past due", async () => {
    fakeApi({
      "GET /api/v1/loan-reports/arrears": json({ bucketStarts: [1, 31, 61, 91], items: [] }),
      "GET /api/v1/loan-reports/collections": json({ items: [] }),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans/arrears", session: buildSession(["loan_officer"]) });
    expect(await screen.findByText("No loan is past due. Well done.", {}, { timeout: 10_000 })).toBeTruthy();
  });
});

describe("a group meeting's collection sheet", () => {
  const rows: CollectionSheetRow[] = [
    {
      loanId,
      number: 7,
      borrowerName: "Akhmetova Gulnar",
      dueMinor: "515000",
      payoffMinor: "6100000",
      principalOutstandingMinor: "6000000",
      daysPastDue: 0,
    },
    {
      loanId: secondLoanId,
      number: 8,
      borrowerName: "Seitkali Aizhan",
      dueMinor: "300000",
      payoffMinor: "400000",
      principalOutstandingMinor: "390000",
      daysPastDue: 4,
    },
  ];
  function meeting(answer: Response) {
    const on = todayPlainDate();
    const requests = fakeApi({
      "GET /api/v1/groups": json({ items: [{ id: groupId, name: "Ak Bulak" }] }),
      [`GET /api/v1/loans/collection-sheet?groupId=${groupId}&on=${on}`]: json({ on, items: rows }),
      "POST /api/v1/loans/collection-sheet": answer,
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans/collection-sheet",
      session: buildSession(["loan_officer"]),
    });
    return { requests, on };
  }

  it("offers what each owes, moves down with Enter and records every payment at once", async () => {
    const { requests, on } = meeting(json({ items: [] }));
    // The first screen of this file to load its code: a busy machine takes longer.
    const group = await screen.findByRole("combobox", { name: "Group" }, { timeout: 10_000 });
    await within(group).findByRole("option", { name: "Ak Bulak" });
    fireEvent.change(group, { target: { value: groupId } });
    const first = await screen.findByRole("textbox", { name: "Paid by Akhmetova Gulnar" }, { timeout: 3000 });
    expect((first as HTMLInputElement).value).toBe("5150");
    type("Paid by Seitkali Aizhan", "2,000.50");
    expect(screen.getByTestId("sheet-total").textContent).toBe("₸7,150.50");
    fireEvent.keyDown(first, { key: "Enter" });
    expect(document.activeElement).toBe(field("Paid by Seitkali Aizhan"));
    fireEvent.click(screen.getByRole("button", { name: "Record the sheet" }));
    expect(await screen.findByText("2 payments recorded, ₸7,150.50 in all.")).toBeTruthy();
    expect(sent(requests, "POST", "/collection-sheet")[0]?.body).toEqual({
      valueDate: on,
      channel: "cash",
      items: [
        { loanId, amountMinor: "515000" },
        { loanId: secondLoanId, amountMinor: "200050" },
      ],
    });
  });

  it("shows the refused line at its amount, nothing being recorded", async () => {
    meeting(
      apiError("payment_must_not_exceed_amount_owed", "The payment is more than is owed.", 422, {
        field: "items.1",
      }),
    );
    const group = await screen.findByRole("combobox", { name: "Group" }, { timeout: 10_000 });
    await within(group).findByRole("option", { name: "Ak Bulak" });
    fireEvent.change(group, { target: { value: groupId } });
    await screen.findByRole("textbox", { name: "Paid by Seitkali Aizhan" }, { timeout: 3000 });
    type("Paid by Seitkali Aizhan", "999999");
    fireEvent.click(screen.getByRole("button", { name: "Record the sheet" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("the line of loan No. 8 (Seitkali Aizhan) was refused");
    expect(field("Paid by Seitkali Aizhan").getAttribute("aria-invalid")).toBe("true");
    expect(field("Paid by Akhmetova Gulnar").getAttribute("aria-invalid")).not.toBe("true");
    expect(screen.getByText("The payment is more than is owed.")).toBeTruthy();
  });

  it("is not offered to someone who may not record payments", async () => {
    fakeApi({});
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans/collection-sheet",
      session: buildSession(["credit_committee_member"]),
    });
    await screen.findByRole("heading", { level: 1 }, { timeout: 10_000 });
    expect(screen.queryByRole("button", { name: "Record the sheet" })).toBeNull();
  });
});

describe("delinquency on a loan", () => {
  function at(roles: Parameters<typeof buildSession>[0], loan = buildLoan(), routes = {}) {
    const requests = fakeApi({ ...loanPanels, [`GET /api/v1/loans/${loanId}`]: json(loan), ...routes });
    renderWithApp(<App />, { locale: "en", path: `/loans/${loanId}`, session: buildSession(roles) });
    return requests;
  }

  it("asks a second person to write the loan off, only with a reason", async () => {
    const requests = at(["credit_committee_member"], buildLoan(), {
      [`POST /api/v1/loans/${loanId}/write-off`]: json(
        { status: "pending_approval", approvalId: "0190a000-0000-7000-8000-0000000020c1" },
        202,
      ),
    });
    const form = await screen.findByRole("form", { name: "Write-off" }, { timeout: 10_000 });
    expect(form.textContent).toContain("12 days past due");
    fireEvent.click(within(form).getByRole("button", { name: "Ask to write off" }));
    expect(await within(form).findByText("Fill this in.")).toBeTruthy();
    expect(sent(requests, "POST", "/write-off")).toEqual([]);
    type("Why it must be written off", "Borrower moved abroad");
    fireEvent.click(within(form).getByRole("button", { name: "Ask to write off" }));
    expect(await screen.findByText(/waits for a second person's approval/)).toBeTruthy();
    expect(sent(requests, "POST", "/write-off")[0]?.body).toEqual({
      valueDate: todayPlainDate(),
      reason: "Borrower moved abroad",
    });
  });

  it("reschedules over new installments and shows a refusal at its field", async () => {
    const requests = at(["credit_committee_member"], buildLoan(), {
      [`POST /api/v1/loans/${loanId}/reschedule`]: apiError(
        "value_date_must_not_be_in_the_future",
        "The date must not be in the future.",
        422,
        { field: "valueDate" },
      ),
    });
    const form = await screen.findByRole("form", { name: "Reschedule" }, { timeout: 10_000 });
    type("New number of installments", "6");
    type("Reason (e.g. the borrower's request)", "Her request of 1 March");
    fireEvent.click(within(form).getByRole("button", { name: "Reschedule" }));
    expect(await within(form).findByText("The date must not be in the future.")).toBeTruthy();
    expect(sent(requests, "POST", "/reschedule")[0]?.body).toEqual({
      valueDate: todayPlainDate(),
      installments: 6,
      firstRepaymentOn: null,
      reason: "Her request of 1 March",
    });
  });

  it("is not offered to a loan officer, who may not decide it", async () => {
    at(["loan_officer"]);
    await screen.findByRole("table", { name: "Schedule" }, { timeout: 10_000 });
    expect(screen.queryByRole("form", { name: "Write-off" })).toBeNull();
    expect(screen.queryByRole("form", { name: "Reschedule" })).toBeNull();
  });

  it("records a recovery on a written-off loan in tiyn", async () => {
    const requests = at(["accountant"], buildLoan({ status: "written_off" }), {
      [`POST /api/v1/loans/${loanId}/recoveries`]: json(buildLoan({ status: "written_off" })),
    });
    const form = await screen.findByRole("form", { name: "Recovery" }, { timeout: 10_000 });
    type("Amount, ₸", "5,000.50");
    fireEvent.change(within(form).getByRole("combobox", { name: "Received" }), { target: { value: "bank" } });
    fireEvent.click(within(form).getByRole("button", { name: "Record the recovery" }));
    expect(await screen.findByText("The recovery was recorded and posted to the books.")).toBeTruthy();
    expect(sent(requests, "POST", "/recoveries")[0]?.body).toEqual({
      valueDate: todayPlainDate(),
      amountMinor: "500050",
      channel: "bank",
    });
  });
});

describe("the credit history beside an application", () => {
  it("shows the chosen borrower's loans, their delay and her groups' grades", async () => {
    fakeApi({
      "GET /api/v1/loan-products": json({ items: [product] }),
      "POST /api/v1/persons/search": json({
        items: [
          { id: personId, surname: "Akhmetova", givenName: "Gulnar", patronymic: null, iinMasked: null },
        ],
        nextCursor: null,
      }),
      [`GET /api/v1/persons/${personId}/credit-history`]: json({
        loans: [
          {
            loanId,
            number: 7,
            status: "active",
            principalMinor: "10000000",
            principalOutstandingMinor: "6000000",
            disbursedOn: "2026-01-15",
            closedOn: null,
            daysPastDueNow: 12,
          },
        ],
        groups: [{ groupId, name: "Ak Bulak", grade: "A" }],
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/loans/new", session: buildSession(["loan_officer"]) });
    type(
      (
        await screen.findByRole(
          "textbox",
          { name: "Find a person by name, phone or IIN" },
          { timeout: 10_000 },
        )
      ).getAttribute("aria-label") ?? "Find a person by name, phone or IIN",
      "Akhm",
    );
    fireEvent.click(screen.getByRole("button", { name: "Find" }));
    fireEvent.click(await screen.findByRole("button", { name: "Choose: Akhmetova Gulnar" }));
    const history = await screen.findByRole("table", { name: "Her loans" }, { timeout: 3000 });
    expect(history.textContent).toContain("12 days overdue");
    expect(history.textContent).toContain("₸60,000.00");
    expect(screen.getByText("Ak Bulak: grade A")).toBeTruthy();
  });
});

describe("a loan officer's dashboard", () => {
  const dashboard: OfficerDashboard = {
    officerId: "0190a000-0000-7000-8000-0000000030a1",
    officers: [{ id: "0190a000-0000-7000-8000-0000000030a1", name: "Aigerim Officer" }],
    asOf: "2026-03-20",
    parDays: [1, 30, 60, 90],
    loans: 2,
    outstandingMinor: "10000000",
    overdueMinor: "950000",
    atRiskMinor: ["6000000", "2500000", "0", "0"],
    parTrend: [
      { businessDate: "2026-03-19", outstandingMinor: "10000000", atRiskMinor: ["5000000", "0", "0", "0"] },
      {
        businessDate: "2026-03-20",
        outstandingMinor: "10000000",
        atRiskMinor: ["6000000", "2500000", "0", "0"],
      },
    ],
    today: { loansDue: 2, scheduledMinor: "1000000", collectedMinor: "250000", openMinor: "750000" },
    arrears: [arrearsItem],
  };

  it("shows her PAR, its trend, today's collections against what was expected and whom to visit", async () => {
    fakeApi({ "GET /api/v1/loan-reports/officer-dashboard": json(dashboard) });
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans/dashboard",
      session: buildSession(["loan_officer"]),
    });
    expect((await screen.findByTestId("par-0", {}, { timeout: 10_000 })).textContent).toBe("60.0 %");
    expect(screen.getByTestId("par-1").textContent).toBe("25.0 %");
    expect(screen.getByRole("img", { name: "PAR over the closed days" })).toBeTruthy();
    expect(screen.getByTestId("today-expected").textContent).toBe("₸10,000.00");
    expect(screen.getByTestId("today-collected").textContent).toBe("₸2,500.00");
    expect(screen.getByRole("progressbar", { name: "25 % collected" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Arrears to visit" }).textContent).toContain("+77015550001");
  });

  it("lets a manager pick the officer whose day she views", async () => {
    const otherId = "0190a000-0000-7000-8000-0000000030a2";
    const officers = [...dashboard.officers, { id: otherId, name: "Bota Officer" }];
    // The other officer's day is held back until the test lets it go, to see the screen while it loads.
    let answerOther = () => {};
    const otherAnswered = new Promise<void>((resolve) => {
      answerOther = resolve;
    });
    const requests = fakeApi({
      "GET /api/v1/loan-reports/officer-dashboard": json({ ...dashboard, officers }),
      [`GET /api/v1/loan-reports/officer-dashboard?officerId=${otherId}`]: async () => {
        await otherAnswered;
        return json({ ...dashboard, officers, officerId: otherId, loans: 17 });
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans/dashboard",
      session: buildSession(["credit_committee_member"]),
    });
    const picker = await screen.findByRole("combobox", { name: "Loan officer" }, { timeout: 10_000 });
    await within(picker).findByRole("option", { name: "Bota Officer" });
    fireEvent.change(picker, { target: { value: otherId } });
    await waitFor(() =>
      expect(requests.map((r) => r.path)).toContain(
        `/api/v1/loan-reports/officer-dashboard?officerId=${otherId}`,
      ),
    );
    // While it loads, the picker keeps the pick and the previous figures stay on screen (no loader, no jump).
    expect(picker).toHaveProperty("value", otherId);
    expect(screen.getByTestId("par-0").textContent).toBe("60.0 %");
    answerOther();
    expect(await screen.findByText("17", {}, { timeout: 10_000 })).toBeTruthy();
    expect(picker).toHaveProperty("value", otherId);
  });

  it("says what is missing before close of business has kept a day", async () => {
    fakeApi({
      "GET /api/v1/loan-reports/officer-dashboard": json({ ...dashboard, parTrend: [], arrears: [] }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/loans/dashboard",
      session: buildSession(["loan_officer"]),
    });
    expect(
      await screen.findByText("Close of business has not kept a day yet.", {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(screen.getByText("None of your loans is past due.")).toBeTruthy();
  });
});

describe("a joint-liability loan's guarantee circle", () => {
  const guarantorId = "0190a000-0000-7000-8000-0000000020d1";
  it("adds a member of the borrower's group as guarantor and shows a refusal at the guarantor", async () => {
    let attempts = 0;
    const requests = fakeApi({
      ...loanPanels,
      [`GET /api/v1/loans/${loanId}`]: json(buildLoan({ status: "applied", clientKind: "joint_liability" })),
      [`GET /api/v1/persons/${personId}/credit-history`]: json({
        loans: [],
        groups: [{ groupId, name: "Ak Bulak", grade: "A" }],
      }),
      [`GET /api/v1/groups/${groupId}`]: json({
        id: groupId,
        name: "Ak Bulak",
        members: [
          { id: "m1", person: { id: personId, surname: "Akhmetova", givenName: "Gulnar" }, leftOn: null },
          { id: "m2", person: { id: guarantorId, surname: "Seitkali", givenName: "Aizhan" }, leftOn: null },
        ],
      }),
      [`POST /api/v1/loans/${loanId}/guarantees`]: () => {
        attempts += 1;
        return attempts === 1
          ? apiError(
              "guarantor_must_not_be_in_arrears",
              "The guarantor has a loan in arrears (No. 3).",
              409,
              {
                field: "guarantorPersonId",
                loanNumber: 3,
              },
            )
          : json(
              {
                guarantors: [
                  {
                    id: "0190a000-0000-7000-8000-0000000020e1",
                    groupId,
                    groupName: "Ak Bulak",
                    guarantorPersonId: guarantorId,
                    guarantorName: "Seitkali Aizhan",
                    createdAt: "2026-03-01T10:00:00Z",
                  },
                ],
                guaranteedLoans: [],
              },
              201,
            );
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/loans/${loanId}`,
      session: buildSession(["loan_officer"]),
    });
    const panel = await screen.findByRole("region", { name: "Guarantee circle" }, { timeout: 10_000 });
    // The panel shows its heading at once and its guarantors once they have loaded.
    await within(panel).findByText(/No guarantor yet/, {}, { timeout: 10_000 });
    const group = await within(panel).findByRole("combobox", { name: "Group" });
    await within(group).findByRole("option", { name: "Ak Bulak" });
    fireEvent.change(group, { target: { value: groupId } });
    const guarantor = within(panel).getByRole("combobox", { name: "Guarantor" });
    // The borrower herself is not offered.
    await within(guarantor).findByRole("option", { name: "Seitkali Aizhan" });
    expect(within(guarantor).queryByRole("option", { name: "Akhmetova Gulnar" })).toBeNull();
    fireEvent.change(guarantor, { target: { value: guarantorId } });
    fireEvent.click(within(panel).getByRole("button", { name: "Add the guarantor" }));
    expect(await within(panel).findByText("The guarantor has a loan in arrears (No. 3).")).toBeTruthy();
    expect(guarantor.getAttribute("aria-invalid")).toBe("true");
    fireEvent.click(within(panel).getByRole("button", { name: "Add the guarantor" }));
    await waitFor(() => expect(sent(requests, "POST", "/guarantees")).toHaveLength(2));
    expect(sent(requests, "POST", "/guarantees")[1]?.body).toEqual({
      groupId,
      guarantorPersonId: guarantorId,
    });
  });
});

describe("removing a guarantor", () => {
  it("takes a guarantor out of the circle of a loan not yet disbursed", async () => {
    const guaranteeId = "0190a000-0000-7000-8000-0000000020e2";
    const circle = {
      guarantors: [
        {
          id: guaranteeId,
          groupId,
          groupName: "Ak Bulak",
          guarantorPersonId: "0190a000-0000-7000-8000-0000000020d2",
          guarantorName: "Seitkali Aizhan",
          createdAt: "2026-03-01T10:00:00Z",
        },
      ],
      guaranteedLoans: [],
    };
    let removed = false;
    const requests = fakeApi({
      ...loanPanels,
      [`GET /api/v1/loans/${loanId}`]: json(buildLoan({ status: "applied", clientKind: "joint_liability" })),
      [`GET /api/v1/persons/${personId}/credit-history`]: json({ loans: [], groups: [] }),
      [`GET /api/v1/loans/${loanId}/guarantees`]: () =>
        json(removed ? { guarantors: [], guaranteedLoans: [] } : circle),
      [`DELETE /api/v1/loans/${loanId}/guarantees/${guaranteeId}`]: () => {
        removed = true;
        return json({ guarantors: [], guaranteedLoans: [] });
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/loans/${loanId}`,
      session: buildSession(["loan_officer"]),
    });
    const panel = await screen.findByRole("region", { name: "Guarantee circle" }, { timeout: 10_000 });
    const remove = await within(panel).findByRole(
      "button",
      { name: "Remove: Seitkali Aizhan" },
      { timeout: 10_000 },
    );
    fireEvent.click(remove);
    await waitFor(() => expect(sent(requests, "DELETE", `/guarantees/${guaranteeId}`)).toHaveLength(1));
    expect(await within(panel).findByText(/No guarantor yet/, {}, { timeout: 10_000 })).toBeTruthy();
  });
});

describe("a borrower's request to change her terms", () => {
  const requestId = "0190a000-0000-7000-8000-0000000020f1";
  const pending = {
    id: requestId,
    loanId,
    receivedOn: "2026-02-20",
    delayStartedOn: "2026-02-16",
    windowEndsOn: "2026-03-18",
    answerDueOn: "2026-03-07",
    proposal: "Two months' grace",
    status: "pending",
    decisionReason: null,
    decidedBy: null,
    decidedAt: null,
    rescheduleEventId: null,
    answerOverdue: true,
    version: 1,
  };

  it("records a request and shows the window's refusal at the date received", async () => {
    const requests = fakeApi({
      ...loanPanels,
      [`GET /api/v1/loans/${loanId}`]: json(buildLoan()),
      [`POST /api/v1/loans/${loanId}/term-change-requests`]: apiError(
        "term_change_request_must_be_within_window",
        "A request to change the terms is made within 30 days of the delay (2026-02-16), by 2026-03-18.",
        422,
        { field: "receivedOn" },
      ),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/loans/${loanId}`,
      session: buildSession(["loan_officer"]),
    });
    const form = await screen.findByRole("form", { name: "Record the request" }, { timeout: 10_000 });
    fireEvent.change(within(form).getByLabelText("Received on"), { target: { value: "2026-04-01" } });
    type("What she asks for", "Two months' grace");
    fireEvent.click(within(form).getByRole("button", { name: "Record the request" }));
    expect(await within(form).findByText(/within 30 days of the delay/)).toBeTruthy();
    expect(sent(requests, "POST", "/term-change-requests")[0]?.body).toEqual({
      receivedOn: "2026-04-01",
      proposal: "Two months' grace",
    });
  });

  it("lets the committee approve a pending request only with new installments, rescheduling the loan", async () => {
    const requests = fakeApi({
      [`GET /api/v1/loans/${loanId}/guarantees`]: json({ guarantors: [], guaranteedLoans: [] }),
      [`GET /api/v1/loans/${loanId}`]: json(buildLoan()),
      [`GET /api/v1/loans/${loanId}/term-change-requests`]: json({ items: [pending] }),
      [`POST /api/v1/loans/${loanId}/term-change-requests/${requestId}/decision`]: json({
        ...pending,
        status: "approved",
        version: 2,
      }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/loans/${loanId}`,
      session: buildSession(["credit_committee_member"]),
    });
    const card = await screen.findByTestId("term-request-pending", {}, { timeout: 10_000 });
    expect(card.textContent).toContain("Answer overdue");
    type("Reason for the decision", "Income confirmed");
    fireEvent.click(within(card).getByRole("button", { name: "Approve and reschedule" }));
    expect(await within(card).findByText("Enter a whole number.")).toBeTruthy();
    expect(sent(requests, "POST", "/decision")).toEqual([]);
    fireEvent.change(within(card).getByRole("textbox", { name: /New number of installments/ }), {
      target: { value: "8" },
    });
    fireEvent.click(within(card).getByRole("button", { name: "Approve and reschedule" }));
    expect(await screen.findByText("The request was approved and the loan rescheduled.")).toBeTruthy();
    expect(sent(requests, "POST", "/decision")[0]?.body).toEqual({
      decision: "approve",
      reason: "Income confirmed",
      version: 1,
      reschedule: { valueDate: todayPlainDate(), installments: 8 },
    });
  });
});
