import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { todayPlainDate } from "../ledger/ledger-api";
import { apiError, fakeApi, json, type RecordedRequest } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import type { Group, GroupSummary, Meeting } from "./groups-api";

const groupId = "0190a000-0000-7000-8000-00000000a001";
const bookId = "0190a000-0000-7000-8000-00000000b101";
const memberIds = ["0190a000-0000-7000-8000-0000000000c1", "0190a000-0000-7000-8000-0000000000c2"];
const loanId = "0190a000-0000-7000-8000-0000000001f1";

function person(id: string, surname: string, givenName: string) {
  return {
    id,
    surname,
    givenName,
    patronymic: null,
    nameLatin: `${surname} ${givenName}`,
    sex: "female" as const,
    birthDate: null,
    iinMasked: null,
    phones: [],
    regionId: null,
    vulnerabilities: [],
    mergedIntoId: null,
    isErased: false,
  };
}

/** An SHG of two members: 500.00 saved and 100.00 to the social fund at each meeting; 10,000.00 in the box. */
function buildGroup(overrides: Partial<Group> = {}): Group {
  return {
    id: groupId,
    name: "Bakyt",
    methodology: "shg",
    stage: "formed",
    regionId: null,
    village: "Talgar",
    meetingPlace: null,
    frequency: "weekly",
    meetingDay: 3,
    facilitatorUserId: null,
    bankAccount: null,
    officeId: null,
    bookId,
    formedOn: "2025-01-01",
    version: 1,
    bylaws: {
      methodology: "shg",
      savingsPerMeetingMinor: "50000",
      sharePriceMinor: "0",
      maxSharesPerMeeting: 0,
      socialFundPerMeetingMinor: "10000",
      loanRateBpsPerMonth: 200,
      loanTermMonthsMax: 6,
      loanMaxMultipleOfSavings: 3,
      fines: { late: "5000", absent: "10000", missed_repayment: "10000", other: "0" },
      effectiveFrom: "2025-01-01",
    },
    cashMinor: "1000000",
    socialFundMinor: "100000",
    loansOutstandingMinor: "200000",
    lastMeetingOn: "2025-01-08",
    members: [
      {
        id: memberIds[0] ?? "",
        person: person("0190a000-0000-7000-8000-0000000000d1", "Asanova", "Aigul"),
        joinedOn: "2025-01-01",
        leftOn: null,
        savingsMinor: "100000",
        shares: 0,
        loansOutstandingMinor: "200000",
      },
      {
        id: memberIds[1] ?? "",
        person: person("0190a000-0000-7000-8000-0000000000d2", "Bekova", "Bibigul"),
        joinedOn: "2025-01-01",
        leftOn: null,
        savingsMinor: "100000",
        shares: 0,
        loansOutstandingMinor: "0",
      },
    ],
    ...overrides,
  };
}

/** The last meeting, where Aigul borrowed 2,000.00. */
const lastMeeting: Meeting = {
  id: "0190a000-0000-7000-8000-0000000000e1",
  kind: "meeting",
  groupId,
  heldOn: "2025-01-08",
  entryId: null,
  cashComputedMinor: "1000000",
  cashCountedMinor: "1000000",
  cashDifferenceMinor: "0",
  cashDifferenceExplanation: null,
  recordedAt: "2025-01-08T10:00:00Z",
  reversedAt: null,
  reversalReason: null,
  attendance: [],
  movements: [
    { memberId: memberIds[0] ?? "", kind: "loan_disbursed", amountMinor: "200000", loanId, shares: null },
  ],
};

const groupRoutes = {
  [`GET /api/v1/groups/${groupId}`]: json(buildGroup()),
  [`GET /api/v1/groups/${groupId}/meetings`]: json({ items: [lastMeeting] }),
};

function bookkeeperAt(path: string, routes: Parameters<typeof fakeApi>[0] = {}) {
  const requests = fakeApi({ ...groupRoutes, ...routes });
  const view = renderWithApp(<App />, { locale: "en", path, session: buildSession(["group_bookkeeper"]) });
  return { requests, ...view };
}

const newMeeting = `/groups/${groupId}/meetings/new`;
/** The meeting screen, once the group and its loans have been read (the screen loads on demand). */
const opened = () => screen.findByRole("textbox", { name: "Savings, Asanova Aigul" }, { timeout: 5000 });
const field = (name: string) => screen.getByRole("textbox", { name }) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });
const posts = (requests: readonly RecordedRequest[]) =>
  requests.filter((request) => request.method === "POST" && request.path.endsWith("/meetings"));

describe("groups in the navigation", () => {
  it("shows Groups to a bookkeeper and hides it from a person without groups.read", async () => {
    fakeApi({});
    const { unmount } = renderWithApp(<App />, {
      locale: "kk",
      path: "/",
      session: buildSession(["group_bookkeeper"]),
    });
    expect(await screen.findByRole("link", { name: "Топтар" })).toBeTruthy();
    unmount();
    renderWithApp(<App />, { locale: "kk", path: "/", session: buildSession(["network_coordinator"]) });
    await screen.findByRole("heading", { level: 1 });
    expect(screen.queryByRole("link", { name: "Топтар" })).toBeNull();
  });

  it("lists groups with their cash and grade, and flags an overdue meeting", async () => {
    const summary: GroupSummary = { ...buildGroup({ lastMeetingOn: "2020-01-01" }), memberCount: 2 };
    const { members: _members, bylaws: _bylaws, ...rest } = summary as GroupSummary & Partial<Group>;
    fakeApi({
      "GET /api/v1/groups": json({ items: [rest] }),
      "GET /api/v1/groups/grades": json({
        asOf: "2025-03-01",
        items: [{ groupId: summary.id, grade: "B", rating: 80 }],
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/groups", session: buildSession(["group_bookkeeper"]) });
    const row = (await screen.findByRole("link", { name: "Bakyt" }, { timeout: 5000 })).closest("tr");
    expect(row?.textContent).toContain("₸10,000.00");
    expect(row?.textContent).toContain("Meeting overdue");
    const grade = await within(row as HTMLElement).findByRole("link", { name: "Grade B, 80 points" });
    expect(grade.getAttribute("href")).toBe(`/groups/${summary.id}/grading`);
  });
});

describe("meeting entry", () => {
  it("starts every member present with the bylaws' amounts and shows the cash live", async () => {
    bookkeeperAt(newMeeting);
    expect((await opened()).getAttribute("value")).toBe("500.00");
    expect(field("Social fund, Bekova Bibigul").value).toBe("100.00");
    expect(screen.getByText("Owes ₸2,000.00")).toBeTruthy();
    // 10,000.00 + 2 × (500.00 + 100.00)
    expect(screen.getByTestId("cash-computed").textContent).toBe("₸11,200.00");

    type("Loan repaid, Asanova Aigul", "1,000");
    type("Service charge, Asanova Aigul", "40");
    expect(screen.getByTestId("cash-computed").textContent).toBe("₸12,240.00");

    // An absent member pays the fine for absence, not the saving.
    const attendance = screen.getByRole("radiogroup", { name: "Attendance, Bekova Bibigul" });
    fireEvent.click(within(attendance).getByRole("radio", { name: "Absent" }));
    expect(field("Savings, Bekova Bibigul").value).toBe("");
    expect(field("Fine, Bekova Bibigul").value).toBe("100.00");
    expect(screen.getByTestId("cash-computed").textContent).toBe("₸11,740.00");
  });

  it("returns a leaving member's savings from the box", async () => {
    bookkeeperAt(newMeeting);
    await opened();
    fireEvent.click(
      screen.getByRole("checkbox", { name: "Bekova Bibigul leaves the group at this meeting" }),
    );
    // 11,200.00 less her 1,000.00 saved before and the 500.00 saved today.
    expect(screen.getByTestId("cash-computed").textContent).toBe("₸9,700.00");
  });

  it("moves along a row with Enter and down a column with the arrow", async () => {
    bookkeeperAt(newMeeting);
    await opened();
    fireEvent.keyDown(field("Savings, Asanova Aigul"), { key: "Enter" });
    expect(document.activeElement).toBe(field("Social fund, Asanova Aigul"));
    fireEvent.keyDown(field("Social fund, Asanova Aigul"), { key: "ArrowDown" });
    expect(document.activeElement).toBe(field("Social fund, Bekova Bibigul"));
    // The last field of a row leads to the first of the next: the attendance chosen for her.
    fireEvent.keyDown(field("Service charge, Asanova Aigul"), { key: "Enter" });
    const attendance = screen.getByRole("radiogroup", { name: "Attendance, Bekova Bibigul" });
    expect(document.activeElement).toBe(within(attendance).getByRole("radio", { name: "Present" }));
  });

  it("shows the difference and will not send it unexplained", async () => {
    bookkeeperAt(newMeeting);
    await opened();
    const send = screen.getByRole("button", { name: "Record the meeting" });
    expect(send.hasAttribute("disabled")).toBe(true);
    expect(screen.getByText("Count the cash and type it in.")).toBeTruthy();

    type("Cash counted", "11,150");
    expect(screen.getByTestId("cash-difference").textContent).toBe("-₸50.00");
    expect(send.hasAttribute("disabled")).toBe(true);
    expect(screen.getAllByText("The cash counted differs from the records: say why.").length).toBeGreaterThan(
      0,
    );

    fireEvent.change(screen.getByRole("textbox", { name: "Why the cash differs" }), {
      target: { value: "A torn note was not counted" },
    });
    expect(send.hasAttribute("disabled")).toBe(false);
  });

  it("refuses a saving that differs from the bylaws on its row until a reason is given", async () => {
    bookkeeperAt(newMeeting);
    await opened();
    type("Cash counted", "11,100");
    type("Savings, Asanova Aigul", "400");
    const row = field("Savings, Asanova Aigul").closest("tr");
    expect(within(row as HTMLElement).getByTestId("row-refusal").textContent).toBe(
      "The saving differs from the bylaws: say why.",
    );
    expect(screen.getByTestId("cash-computed").textContent).toBe("₸11,100.00");
    type("Why a different amount, Asanova Aigul", "Sick child");
    expect(within(row as HTMLElement).queryByTestId("row-refusal")).toBeNull();
  });

  it("refuses a social fund contribution off the bylaws on its row until a reason is given", async () => {
    bookkeeperAt(newMeeting);
    await opened();
    type("Social fund, Asanova Aigul", "50");
    const row = field("Social fund, Asanova Aigul").closest("tr");
    expect(within(row as HTMLElement).getByTestId("row-refusal").textContent).toBe(
      "The social fund contribution differs from the bylaws: say why.",
    );
    type("Why a different contribution, Asanova Aigul", "Paid half");
    expect(within(row as HTMLElement).queryByTestId("row-refusal")).toBeNull();
  });

  it("refuses a fine that is not the bylaws' on its row until a reason is given", async () => {
    bookkeeperAt(newMeeting);
    await opened();
    type("Fine, Asanova Aigul", "70");
    const row = field("Fine, Asanova Aigul").closest("tr");
    expect(within(row as HTMLElement).getByTestId("row-refusal").textContent).toBe(
      "The fine differs from the bylaws: say why.",
    );
    type("Why a different fine, Asanova Aigul", "Half forgiven");
    expect(within(row as HTMLElement).queryByTestId("row-refusal")).toBeNull();
    // Twice the bylaws' fine (owed from two meetings) needs no reason.
    type("Fine, Asanova Aigul", "100");
    expect(screen.queryByRole("textbox", { name: "Why a different fine, Asanova Aigul" })).toBeNull();
  });

  it("sends the exact command, and the same id again after a lost answer", async () => {
    let isLost = true;
    const recorded: Meeting = { ...lastMeeting, heldOn: todayPlainDate(), cashCountedMinor: "1124000" };
    const { requests } = bookkeeperAt(newMeeting, {
      [`POST /api/v1/groups/${groupId}/meetings`]: () => {
        if (isLost) {
          isLost = false;
          throw new TypeError("Failed to fetch");
        }
        return json(recorded, 201);
      },
    });
    await opened();
    type("Loan repaid, Asanova Aigul", "1,000");
    type("Service charge, Asanova Aigul", "40");
    type("Cash counted", "12,240.00");
    fireEvent.change(screen.getByRole("textbox", { name: "Decisions" }), {
      target: { value: "Next loan to Bibigul" },
    });
    const send = screen.getByRole("button", { name: "Record the meeting" });
    fireEvent.click(send);
    expect(
      await screen.findByText("The server cannot be reached. Check the connection and try again."),
    ).toBeTruthy();
    fireEvent.click(send);
    expect(await screen.findByText("Meeting recorded")).toBeTruthy();

    const [first, second] = posts(requests);
    expect(second?.body).toEqual(first?.body);
    const body = first?.body as { id: string };
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first?.headers["x-csrf-token"]).toBe("c_test");
    expect(body).toEqual({
      id: body.id,
      heldOn: todayPlainDate(),
      fundRepayments: [],
      attendance: [
        { memberId: memberIds[0], status: "present" },
        { memberId: memberIds[1], status: "present" },
      ],
      savings: [
        { memberId: memberIds[0], amountMinor: "50000" },
        { memberId: memberIds[1], amountMinor: "50000" },
      ],
      shares: [],
      socialFund: [
        { memberId: memberIds[0], amountMinor: "10000" },
        { memberId: memberIds[1], amountMinor: "10000" },
      ],
      loansDisbursed: [],
      repayments: [{ loanId, principalMinor: "100000", interestMinor: "4000" }],
      fines: [],
      otherIncome: [],
      expenses: [],
      exits: [],
      cashCountedMinor: "1224000",
      decisions: "Next loan to Bibigul",
    });
  });

  it("repays the federation's fund loan from the box, the cash computed less what is paid", async () => {
    const fundLoanId = "0190a000-0000-7000-8000-0000000002f1";
    const { requests } = bookkeeperAt(newMeeting, {
      [`GET /api/v1/groups/${groupId}/fund-loans`]: json({
        asOf: todayPlainDate(),
        items: [
          {
            id: fundLoanId,
            fund: "cif",
            nodeName: "Talgar cluster",
            disbursedOn: "2025-01-02",
            principalMinor: "300000",
            outstandingMinor: "200000",
            arrearsMinor: "50000",
            interestArrearsMinor: "3000",
            daysPastDue: 9,
            nextDue: { dueOn: "2025-04-02", principalMinor: "50000", interestMinor: "2000" },
          },
        ],
      }),
      [`POST /api/v1/groups/${groupId}/meetings`]: json({ ...lastMeeting, heldOn: todayPlainDate() }, 201),
    });
    await opened();
    const loan = await screen.findByTestId("fund-loan");
    expect(loan.textContent).toContain("Community investment fund, Talgar cluster");
    expect(loan.textContent).toContain("Owed ₸2,000.00 · Overdue ₸530.00, 9 days late");
    // What is late is what is due: 500.00 of principal and 30.00 of service charge.
    fireEvent.click(within(loan).getByRole("button", { name: "Fill in what is due" }));
    const principal = within(loan).getByRole("textbox", { name: /^Principal repaid/ }) as HTMLInputElement;
    expect(principal.value).toBe("500.00");
    // 10,000.00 + 2 × (500.00 + 100.00) − 530.00
    expect(screen.getByTestId("cash-computed").textContent).toBe("₸10,670.00");

    fireEvent.change(principal, { target: { value: "2,500" } });
    expect(within(loan).getByText("More than the group owes on this loan.")).toBeTruthy();
    fireEvent.change(principal, { target: { value: "1,000" } });
    type("Cash counted", "10,170");
    fireEvent.click(screen.getByRole("button", { name: "Record the meeting" }));
    expect(await screen.findByText("Meeting recorded")).toBeTruthy();
    expect(posts(requests)[0]?.body).toMatchObject({
      fundRepayments: [{ fundLoanId, principalMinor: "100000", interestMinor: "3000" }],
      cashCountedMinor: "1017000",
    });
  });

  it("shows the server's refusal on the row of the member it names", async () => {
    bookkeeperAt(newMeeting, {
      [`POST /api/v1/groups/${groupId}/meetings`]: apiError(
        "member_must_be_active",
        "She has left the group.",
        422,
        {
          field: "savings",
          memberId: memberIds[1],
        },
      ),
    });
    await opened();
    type("Cash counted", "11,200");
    fireEvent.click(screen.getByRole("button", { name: "Record the meeting" }));
    const row = field("Savings, Bekova Bibigul").closest("tr") as HTMLElement;
    await waitFor(() =>
      expect(within(row).getByTestId("row-refusal").textContent).toBe("She has left the group."),
    );
    expect(screen.getByRole("alert").textContent).toBe("Bekova Bibigul: She has left the group.");
  });

  it("refuses the screen to a person who may read groups but not record meetings", async () => {
    fakeApi(groupRoutes);
    renderWithApp(<App />, { locale: "en", path: newMeeting, session: buildSession(["trainer"]) });
    expect(
      await screen.findByRole("heading", { level: 1, name: "You do not have access to this screen" }),
    ).toBeTruthy();
  });
});

describe("share-out wizard", () => {
  const vsla = buildGroup({
    methodology: "vsla",
    bylaws: { ...buildGroup().bylaws, methodology: "vsla", sharePriceMinor: "10000", maxSharesPerMeeting: 5 },
  });
  const cycles = {
    current: { number: 1, startedOn: "2025-01-01", endedOn: null, shareOut: null },
    cashMinor: "1000000",
    socialFundMinor: "100000",
    outstandingLoans: [{ loanId, memberId: memberIds[0], outstandingMinor: "200000" }],
    closed: [],
  };
  const result = (reinvested: number) => ({
    id: "0190a000-0000-7000-8000-0000000005a1",
    groupId,
    heldOn: todayPlainDate(),
    cycleNumber: 1,
    entryId: null,
    distributableMinor: "1100000",
    totalShares: 20,
    valuePerShareMinor: "55000",
    writtenOffMinor: "0",
    cashAfterMinor: String(100000 + reinvested * 10000),
    nextSharePriceMinor: "10000",
    payouts: [
      {
        memberId: memberIds[0],
        shares: 10,
        savingsMinor: "100000",
        payoutMinor: "550000",
        loansDeductedMinor: "200000",
        reinvestedShares: 0,
        reinvestedMinor: "0",
        cashPaidMinor: "350000",
      },
      {
        memberId: memberIds[1],
        shares: 10,
        savingsMinor: "100000",
        payoutMinor: "550000",
        loansDeductedMinor: "0",
        reinvestedShares: reinvested,
        reinvestedMinor: String(reinvested * 10000),
        cashPaidMinor: String(550000 - reinvested * 10000),
      },
    ],
  });

  it("settles the loans, takes each re-investment, and sends one command with the same id", async () => {
    const { requests } = bookkeeperAt(`/groups/${groupId}/share-out`, {
      [`GET /api/v1/groups/${groupId}`]: json(vsla),
      [`GET /api/v1/groups/${groupId}/cycles`]: json(cycles),
      [`POST /api/v1/groups/${groupId}/share-outs/preview`]: (request) =>
        json(result((request.body as { reinvestments: unknown[] }).reinvestments.length > 0 ? 3 : 0)),
      [`POST /api/v1/groups/${groupId}/share-outs`]: json(result(3), 201),
    });
    const cash = await screen.findByRole("textbox", { name: /Cash counted/ }, { timeout: 5000 });
    fireEvent.change(cash, { target: { value: "10,000" } });
    fireEvent.click(screen.getByRole("radio", { name: "Write off" }));
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    const reinvest = await screen.findByRole("textbox", { name: "Shares Bekova Bibigul re-invests" });
    fireEvent.change(reinvest, { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Next" }));
    fireEvent.click(await screen.findByRole("button", { name: "Confirm the share-out" }));
    expect(await screen.findByText("Cycle 1 is shared out")).toBeTruthy();
    const sent = requests.filter((r) => r.method === "POST").map((r) => r.body as Record<string, unknown>);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((body) => body.id)).size).toBe(1);
    expect(sent[2]).toMatchObject({
      cycleNumber: 1,
      cashCountedMinor: "1000000",
      loans: [{ loanId, settlement: "write_off" }],
      reinvestments: [{ memberId: memberIds[1], shares: 3 }],
    });
  });
});

describe("grading page", () => {
  const grade = {
    asOf: "2025-06-30",
    rating: 72.5,
    grade: "C",
    scores: [
      {
        principle: "regularMeetings",
        points: 15,
        maxPoints: 20,
        why: { meetingsHeld: 18, meetingsExpected: 24 },
      },
    ],
  };
  const rubric = {
    windowMonths: 6,
    weights: {
      regularMeetings: 20,
      regularSavings: 20,
      regularLending: 20,
      timelyRepayment: 20,
      upToDateBooks: 20,
    },
    lendingUtilizationTarget: 0.6,
    gradeA: 85,
    gradeB: 75,
  };

  it("shows why each principle scored, and an administrator adopts a rubric from a date", async () => {
    const requests = fakeApi({
      ...groupRoutes,
      [`GET /api/v1/groups/${groupId}/grade`]: json({ current: grade, history: [grade] }),
      "GET /api/v1/grading-rubrics": json({ current: { ...rubric, effectiveFrom: null }, versions: [] }),
      "PUT /api/v1/grading-rubrics": json({
        current: { ...rubric, effectiveFrom: "2025-01-01" },
        versions: [],
      }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/groups/${groupId}/grading`,
      session: buildSession(["administrator"]),
    });
    expect(await screen.findByText("18 meetings held of 24 expected", {}, { timeout: 5000 })).toBeTruthy();
    fireEvent.change(await screen.findByRole("textbox", { name: "Regular meetings" }), {
      target: { value: "40" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Adopt the rubric" }));
    await waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    const put = requests.find((r) => r.method === "PUT")?.body as { rubric: typeof rubric };
    expect(put.rubric).toMatchObject({ weights: { regularMeetings: 40 }, lendingUtilizationTarget: 0.6 });
  });
});

describe("internal loans and arrears", () => {
  const installment = (number: number, dueOn: string, status: string, paid = "0") => ({
    number,
    dueOn,
    principalMinor: "100000",
    interestMinor: "4000",
    principalPaidMinor: paid,
    interestPaidMinor: paid === "0" ? "0" : "4000",
    status,
  });
  const loan = {
    loanId,
    memberId: memberIds[0] ?? "",
    meetingId: lastMeeting.id,
    disbursedOn: "2025-01-08",
    carriedOverOn: null,
    principalMinor: "200000",
    termMonths: 2,
    rateBpsPerMonth: 200,
    repaymentFrequency: "monthly",
    schedule: [installment(1, "2025-02-08", "paid", "100000"), installment(2, "2025-03-08", "overdue")],
    principalPaidMinor: "100000",
    interestPaidMinor: "4000",
    writtenOffMinor: "0",
    outstandingMinor: "100000",
    overdueMinor: "104000",
    overduePrincipalMinor: "100000",
    overdueInterestMinor: "4000",
    daysLate: 12,
    isSettled: false,
  };

  it("lists who is late as of a date and opens a loan's schedule", async () => {
    const { requests } = bookkeeperAt(`/groups/${groupId}`, {
      [`GET /api/v1/groups/${groupId}/internal-loans`]: json({
        asOf: "2025-03-20",
        items: [loan],
        arrears: [{ memberId: memberIds[0], overdueMinor: "104000", daysLate: 12, loanIds: [loanId] }],
      }),
    });
    const arrears = await screen.findByRole("table", { name: "Arrears by member" }, { timeout: 5000 });
    expect(within(arrears).getByText("Asanova Aigul")).toBeTruthy();
    expect(within(arrears).getByText("₸1,040.00")).toBeTruthy();
    expect(within(arrears).getByText("12")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: /^Schedule, Asanova Aigul/ }));
    const schedule = await screen.findByRole("table", { name: /^Schedule of the loan given on/ });
    const rows = within(schedule).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[2]?.textContent).toContain("Overdue");
    expect(rows[1]?.textContent).toContain("₸1,040.00");
    // Another date asks the server again, for that date.
    fireEvent.change(screen.getByLabelText("As of"), { target: { value: "2025-02-01" } });
    await waitFor(() =>
      expect(requests.some((r) => r.path.endsWith("/internal-loans?asOf=2025-02-01"))).toBe(true),
    );
  });

  it("shows each of her loans with its schedule in her passbook", async () => {
    bookkeeperAt(`/groups/${groupId}/members/${memberIds[0]}/passbook`, {
      [`GET /api/v1/groups/${groupId}/members/${memberIds[0]}/passbook`]: json({
        memberId: memberIds[0],
        person: buildGroup().members[0]?.person,
        lines: [],
        savingsMinor: "100000",
        shares: 0,
        loansOutstandingMinor: "100000",
        socialFundPaidMinor: "0",
        finesPaidMinor: "0",
        internalLoans: [loan],
      }),
    });
    const card = await screen.findByTestId("member-loan", {}, { timeout: 5000 });
    expect(card.textContent).toContain("Overdue: ₸1,040.00 (Days late: 12)");
    expect(within(card).getAllByRole("row")).toHaveLength(3);
  });
});

describe("officers", () => {
  it("shows the officers' terms and lets a manager appoint a new leader", async () => {
    const term = {
      id: "0190a000-0000-7000-8000-0000000003a1",
      role: "leader",
      memberId: memberIds[0] ?? "",
      name: "Asanova Aigul",
      fromOn: "2025-01-01",
      toOn: null,
    };
    const requests = fakeApi({
      ...groupRoutes,
      [`GET /api/v1/groups/${groupId}/officers`]: json({
        asOf: "2025-03-01",
        current: [term],
        terms: [term],
      }),
      [`POST /api/v1/groups/${groupId}/officers`]: json(
        { asOf: "2025-03-01", current: [term], terms: [term] },
        201,
      ),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/groups/${groupId}`,
      session: buildSession(["administrator"]),
    });
    const table = await screen.findByRole("table", { name: "Officers" }, { timeout: 5000 });
    expect(within(table).getByText("Leader")).toBeTruthy();
    expect(within(table).getByText("Asanova Aigul")).toBeTruthy();
    expect(within(table).getByText(/1 Jan 2025 – now/)).toBeTruthy();
    fireEvent.change(screen.getByRole("combobox", { name: "Member" }), { target: { value: memberIds[1] } });
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2025-06-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Appoint" }));
    expect(
      await screen.findByText("Appointed; the previous holder's term ends the day before."),
    ).toBeTruthy();
    expect(requests.find((r) => r.method === "POST" && r.path.endsWith("/officers"))?.body).toEqual({
      role: "leader",
      memberId: memberIds[1],
      fromOn: "2025-06-01",
    });
  });
});
