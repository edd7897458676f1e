import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "../app";
import { apiError, fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";
import type { FederationNode, FederationNodeSummary, NetworkDashboard } from "./federations-api";

const regionalId = "0190a000-0000-7000-8000-00000000e001";
const villageId = "0190a000-0000-7000-8000-00000000e002";
const groupId = "0190a000-0000-7000-8000-00000000a001";
const applicationId = "0190a000-0000-7000-8000-00000000f001";

const summary = (
  id: string,
  name: string,
  level: FederationNodeSummary["level"],
  parentId: string | null,
) => ({
  id,
  parentId,
  level,
  name,
  regionId: null,
  formedOn: "2025-01-01",
  bookId: id,
  groupCount: 1,
  version: 1,
});

const village: FederationNode = {
  ...summary(villageId, "Besagash", "village", regionalId),
  groups: [{ id: "m1", groupId, groupName: "Bakyt", joinedOn: "2025-01-01", leftOn: null }],
  officeBearers: [],
  fundRules: [],
  applications: [
    {
      id: applicationId,
      nodeId: villageId,
      groupId,
      groupName: "Bakyt",
      fund: "cif",
      appliedOn: "2025-04-15",
      amountMinor: "100000000",
      termMonths: 12,
      rateBpsPerMonth: 100,
      plan: [
        {
          memberId: "0190a000-0000-7000-8000-0000000000c1",
          amountMinor: "100000000",
          purpose: "Sewing machine",
        },
      ],
      eligibility: { grade: "A", regularMonths: 3, regularMonthsMin: 3 },
      status: "submitted",
      appraisal: null,
      loanId: null,
    },
  ],
  loans: [],
  cashMinor: "200000000",
};

const rollupFigures = {
  groups: 1,
  members: 12,
  savingsMinor: "5000000",
  loansOutstandingMinor: "1000000",
  loansLateMinor: "0",
  fundLoansOutstandingMinor: "0",
  fundArrearsMinor: "0",
  attendancePresent: 40,
  attendanceExpected: 48,
  portfolioAtRisk: 0,
  attendanceRate: 0.833333,
  grades: { A: 1, B: 0, C: 0, ungraded: 0 },
};

describe("federation screens", () => {
  it("shows the tree of nodes under Federations", async () => {
    fakeApi({
      "GET /api/v1/federation-nodes": json({
        items: [
          summary(regionalId, "Talgar region", "regional", null),
          summary(villageId, "Besagash", "village", regionalId),
        ],
      }),
    });
    renderWithApp(<App />, { locale: "en", path: "/federations", session: buildSession(["administrator"]) });
    expect(await screen.findByRole("link", { name: "Besagash" }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Talgar region" })).toBeTruthy();
    expect(screen.getAllByText("Village organization").length).toBe(1);
  });

  it("approves a group's plan with an appraisal and shows the server's refusal in words", async () => {
    let approved = false;
    const requests = fakeApi({
      [`GET /api/v1/federation-nodes/${villageId}`]: () =>
        json(
          approved
            ? { ...village, applications: [{ ...village.applications[0], status: "approved" }] }
            : village,
        ),
      "GET /api/v1/groups": json({ items: [] }),
      [`GET /api/v1/federation-nodes/${villageId}/rollup?asOf=${todayText()}&months=6`]: json({
        nodeId: villageId,
        asOf: todayText(),
        total: rollupFigures,
        groups: [],
        trend: [{ ...rollupFigures, monthEnd: todayText() }],
        metrics: {
          asOf: todayText(),
          attendanceRate: 0.9,
          savingsPerMemberMinor: "450000",
          loanFundUtilization: 0.62,
          portfolioAtRisk: 0.05,
          writeOffRatio: 0,
          membersWithLoanShare: 0.4,
          averageLoanSizeMinor: "3000000",
          dropOutRate: 0.1,
          annualizedReturnOnSavings: 0.12,
          annualizedReturnOnAssets: 0.1,
          shareOutValuePerShareMinor: "0",
        },
      }),
      [`POST /api/v1/fund-applications/${applicationId}/approve`]: () => {
        approved = true;
        return json({ ...village.applications[0], status: "approved" });
      },
      [`POST /api/v1/fund-applications/${applicationId}/disburse`]: apiError(
        "node_cash_must_cover_loan",
        "The node's cash does not cover the loan: 0 tiyn.",
        422,
      ),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/federations/${villageId}`,
      session: buildSession(["administrator"]),
    });
    expect(await screen.findByText("Grade A, 3 of 3 months of regular meetings")).toBeTruthy();
    expect(await screen.findByText("83.3 %")).toBeTruthy();
    expect(screen.getByText("Loan fund used").parentElement?.textContent).toContain("62");
    fireEvent.change(screen.getByRole("textbox", { name: "Appraisal" }), { target: { value: "Sound plan" } });
    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(screen.getByText("Approved")).toBeTruthy());
    expect(requests.find((r) => r.method === "POST")?.body).toEqual({ appraisal: "Sound plan" });
    fireEvent.click(screen.getByRole("button", { name: "Disburse" }));
    expect(await screen.findByText("The node's cash does not cover the loan: 0 tiyn.")).toBeTruthy();
  });

  it("shows the network's partners side by side, and one that shares nothing", async () => {
    const figures = {
      groups: 3,
      members: 40,
      savingsMinor: "9000000",
      loansOutstandingMinor: "0",
      fundLoansOutstandingMinor: "0",
      federationNodes: 2,
    };
    const dashboard: NetworkDashboard = {
      asOf: "2025-06-30",
      partners: [
        {
          id: "p1",
          partnerOrgId: "o1",
          name: "Moldir",
          kind: "ngo",
          regionId: "KZ-75",
          contactName: null,
          contactPhone: null,
          contactEmail: null,
          agreementFrom: null,
          agreementUntil: null,
          isShared: true,
          figures,
        },
        {
          id: "p2",
          partnerOrgId: null,
          name: "Zhana Omir",
          kind: "ngo",
          regionId: null,
          contactName: "Maria",
          contactPhone: null,
          contactEmail: null,
          agreementFrom: "2023-05-15",
          agreementUntil: null,
          isShared: false,
          figures: null,
        },
      ],
      total: { ...figures, partnersSharing: 1 },
      regions: [{ regionId: "KZ-75", partners: 1, ...figures }],
    };
    fakeApi({
      [`GET /api/v1/network/dashboard?asOf=${todayText()}`]: json(dashboard),
      [`GET /api/v1/network/partners/p1/members?asOf=${todayText()}`]: json({ asOf: todayText(), items: [] }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/network",
      session: buildSession(["network_coordinator"]),
    });
    expect(await screen.findByText("Shares nothing")).toBeTruthy();
    expect(screen.getByText("Zhana Omir")).toBeTruthy();
    expect(screen.getByText("Total of partners who share (1)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Named data" }));
    expect(
      await screen.findByText(
        "This partner shares no named data, or none of its members consented to sharing with the network.",
      ),
    ).toBeTruthy();
  });

  it("lets a partner choose what it shares with its network, named data only with consent", async () => {
    const networkOrgId = "0190a000-0000-7000-8000-00000000ee01";
    let membership = {
      networkOrgId,
      networkName: "Ishenim network",
      joinedOn: "2025-01-01",
      sharesAggregates: true,
      sharesNamedData: false,
    };
    const requests = fakeApi({
      "GET /api/v1/network-memberships": () => json({ items: [membership] }),
      "PUT /api/v1/network-memberships": (request) => {
        membership = { ...membership, ...(request.body as object) };
        return json(membership);
      },
      "GET /api/v1/networks": json({
        items: [{ orgId: networkOrgId, names: { kk: "Желі", ru: "Сеть", en: "Ishenim network" } }],
      }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: "/network-sharing",
      session: buildSession(["administrator"]),
    });
    expect(await screen.findByText("Ishenim network")).toBeTruthy();
    const named = screen.getByRole("switch", { name: /Share named data with consent/ });
    expect((named as HTMLInputElement).checked).toBe(false);
    fireEvent.click(named);
    await waitFor(() =>
      expect(requests.find((r) => r.method === "PUT")?.body).toEqual({
        networkOrgId,
        joinedOn: "2025-01-01",
        sharesAggregates: true,
        sharesNamedData: true,
      }),
    );
  });
});

function todayText(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
