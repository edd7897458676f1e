import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

const bylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: "50000",
  sharePriceMinor: "0",
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: "0",
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "0", absent: "0", missed_repayment: "0", other: "0" },
};

describe("the partner network sees only what partners share", () => {
  const testApp = useTestApp();
  let networkOrgId: string;
  let coordinator: Client;
  let networkAdmin: Client;
  const partners: Record<
    string,
    { orgId: string; admin: Client; groupId: string; personId: string; nodeId: string }
  > = {};
  const secrets: string[] = [];

  async function buildPartner(key: string, kind: "ngo" | "federation", share: boolean | null) {
    const { database, app } = testApp();
    const orgId = (await buildOrganization(database, { kind, name: `${key}-Secret-Org` })).orgId;
    const admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    const personId = await buildConsentingPerson(admin, {
      surname: `${key}-Secret-Person`,
      givenName: "Айгүл",
    });
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: `${key}-Secret-Group`,
          methodology: "shg",
          frequency: "weekly",
          formedOn: "2025-01-01",
          bylaws,
        },
      })
    ).json();
    const memberId = (
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/members`,
        payload: { personId, joinedOn: "2025-01-01" },
      })
    ).json().members[0].id;
    const meeting = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: newId(),
        heldOn: "2025-01-08",
        attendance: [{ memberId, status: "present" }],
        savings: [{ memberId, amountMinor: "50000" }],
        cashCountedMinor: "50000",
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const node = (
      await admin.request({
        method: "POST",
        url: "/api/v1/federation-nodes",
        payload: { name: `${key}-Secret-Node`, level: "village", formedOn: "2025-01-01" },
      })
    ).json();
    if (share !== null) {
      const joined = await admin.request({
        method: "PUT",
        url: "/api/v1/network-memberships",
        payload: { networkOrgId, joinedOn: "2025-01-01", sharesAggregates: share },
      });
      expect(joined.statusCode, joined.body).toBe(200);
    }
    partners[key] = { orgId, admin, groupId: group.id, personId, nodeId: node.id };
    secrets.push(
      `${key}-Secret-Group`,
      `${key}-Secret-Person`,
      `${key}-Secret-Node`,
      group.id,
      personId,
      node.id,
    );
  }

  beforeAll(async () => {
    const { database, app } = testApp();
    networkOrgId = (await buildOrganization(database, { kind: "network", name: "Network" })).orgId;
    coordinator = await signIn(app, (await buildUser(database, networkOrgId, ["network_coordinator"])).email);
    networkAdmin = await signIn(app, (await buildUser(database, networkOrgId, ["administrator"])).email);
    await buildPartner("Sharing", "federation", true);
    await buildPartner("Silent", "ngo", false);
    await buildPartner("Unasked", "ngo", null);
    await buildPartner("Unlisted", "ngo", true);
    for (const [key, regionId] of [
      ["Sharing", "KZ-19-TALGAR"],
      ["Silent", "KZ-19-TALGAR"],
      ["Unasked", null],
    ] as const) {
      const listed = await networkAdmin.request({
        method: "POST",
        url: "/api/v1/network/partners",
        payload: {
          partnerOrgId: partners[key]?.orgId,
          name: `${key} partner`,
          kind: key === "Sharing" ? "federation" : "ngo",
          regionId,
          contactName: "Гүлнар",
          contactPhone: "+77011234567",
          agreementFrom: "2024-01-01",
          agreementUntil: "2026-12-31",
        },
      });
      expect(listed.statusCode, listed.body).toBe(201);
    }
  });

  it("lists the network's partners with their contacts, region and agreement", async () => {
    const list = (await networkAdmin.request({ url: "/api/v1/network/partners" })).json().items;
    expect(list.map((p: { name: string }) => p.name)).toEqual([
      "Sharing partner",
      "Silent partner",
      "Unasked partner",
    ]);
    expect(list[0]).toMatchObject({
      contactName: "Гүлнар",
      agreementFrom: "2024-01-01",
      regionId: "KZ-19-TALGAR",
    });
  });

  it("refuses a partner list outside a network, and agreement dates out of order", async () => {
    const ngo = partners.Silent?.admin as Client;
    const outside = await ngo.request({
      method: "POST",
      url: "/api/v1/network/partners",
      payload: { name: "X", kind: "ngo" },
    });
    expect(outside.json().error.code).toBe("organization_must_be_network");
    const backwards = await networkAdmin.request({
      method: "POST",
      url: "/api/v1/network/partners",
      payload: { name: "X", kind: "ngo", agreementFrom: "2025-01-01", agreementUntil: "2024-01-01" },
    });
    expect(backwards.json().error.code).toBe("date_must_not_precede_start");
  });

  it("shows the aggregates of partners that share, side by side, in total and by region; nothing of the others", async () => {
    const dashboard = (
      await coordinator.request({ url: "/api/v1/network/dashboard?asOf=2025-06-30" })
    ).json();
    expect(dashboard.partners.map((p: { name: string; isShared: boolean }) => [p.name, p.isShared])).toEqual([
      ["Sharing partner", true],
      ["Silent partner", false],
      ["Unasked partner", false],
    ]);
    const figures = {
      groups: 1,
      members: 1,
      savingsMinor: "50000",
      loansOutstandingMinor: "0",
      fundLoansOutstandingMinor: "0",
      federationNodes: 1,
    };
    expect(dashboard.partners[0].figures).toEqual(figures);
    expect(dashboard.partners[1].figures).toBeNull();
    expect(dashboard.total).toEqual({ ...figures, partnersSharing: 1 });
    expect(dashboard.regions).toEqual([{ regionId: "KZ-19-TALGAR", partners: 1, ...figures }]);
    const before = (await coordinator.request({ url: "/api/v1/network/dashboard?asOf=2024-12-31" })).json();
    expect(before.total).toMatchObject({ groups: 0, members: 0, savingsMinor: "0" });
  });

  it("stops showing a partner's figures as soon as the partner stops sharing", async () => {
    const sharing = partners.Sharing?.admin as Client;
    const set = (sharesAggregates: boolean) =>
      sharing.request({
        method: "PUT",
        url: "/api/v1/network-memberships",
        payload: { networkOrgId, joinedOn: "2025-01-01", sharesAggregates },
      });
    expect((await set(false)).json()).toMatchObject({ sharesAggregates: false });
    const off = (await coordinator.request({ url: "/api/v1/network/dashboard?asOf=2025-06-30" })).json();
    expect(off.total.partnersSharing).toBe(0);
    expect(off.partners.every((p: { figures: unknown }) => p.figures === null)).toBe(true);
    await set(true);
    expect((await sharing.request({ url: "/api/v1/network-memberships" })).json().items).toEqual([
      {
        networkOrgId,
        networkName: "Network",
        joinedOn: "2025-01-01",
        sharesAggregates: true,
        sharesNamedData: false,
      },
    ]);
  });

  it("refuses to join what is not a network", async () => {
    const sharing = partners.Sharing?.admin as Client;
    for (const networkOrgIdTried of [newId(), partners.Silent?.orgId]) {
      const response = await sharing.request({
        method: "PUT",
        url: "/api/v1/network-memberships",
        payload: { networkOrgId: networkOrgIdTried, joinedOn: "2025-01-01", sharesAggregates: true },
      });
      expect(response.json().error.code).toBe("network_must_exist");
    }
  });

  it("lets the network read nothing named of any partner through any route", async () => {
    const routes = testApp().app.apiRoutes.filter((r) => r.method === "GET" && r.access.kind !== "public");
    expect(routes.length).toBeGreaterThan(20);
    for (const partner of Object.values(partners)) {
      const values: Record<string, string> = {
        groupId: partner.groupId,
        personId: partner.personId,
        nodeId: partner.nodeId,
      };
      for (const client of [coordinator, networkAdmin]) {
        for (const route of routes) {
          const url = route.url.replace(/:(\w+)/g, (_w, name: string) => values[name] ?? partner.groupId);
          // Once as it is, once with a date for the routes that need one.
          for (const query of ["", "?asOf=2025-06-30"]) {
            const response = await client.request({ url: `${url}${query}` });
            if (route.url.includes(":")) expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
            expect(response.statusCode, url).toBeLessThan(500);
            for (const secret of secrets)
              expect(response.body, `${route.url} leaks ${secret}`).not.toContain(secret);
          }
        }
      }
    }
  });

  it("lets a partner find the network and the network find its partners, by name only", async () => {
    const silent = partners.Silent?.admin as Client;
    const networks = (await silent.request({ url: "/api/v1/networks" })).json().items;
    expect(networks).toContainEqual({
      orgId: networkOrgId,
      names: expect.objectContaining({ en: "Network" }),
    });
    const joiners = (await networkAdmin.request({ url: "/api/v1/network/joiners" })).json().items;
    expect(joiners.map((j: { orgId: string }) => j.orgId).sort()).toEqual(
      [partners.Sharing?.orgId, partners.Silent?.orgId, partners.Unlisted?.orgId].sort(),
    );
    expect((await silent.request({ url: "/api/v1/network/joiners" })).json().error.code).toBe(
      "organization_must_be_network",
    );
  });

  it("shows named data only of members who consented, and only while the partner shares it", async () => {
    const sharing = partners.Sharing as (typeof partners)[string];
    const consenting = await buildConsentingPerson(
      sharing.admin,
      { surname: "Named-Consenting", givenName: "Сәуле" },
      ["membership"],
    );
    const consent = await sharing.admin.request({
      method: "POST",
      url: `/api/v1/persons/${consenting}/consents`,
      payload: {
        purpose: "network_sharing",
        givenOn: "2025-01-01",
        allowsThirdParties: true,
        allowsCrossBorder: false,
      },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const narrow = await buildConsentingPerson(
      sharing.admin,
      { surname: "Named-Not-Third", givenName: "Әсел" },
      ["membership", "network_sharing"],
    );
    for (const personId of [consenting, narrow]) {
      const joined = await sharing.admin.request({
        method: "POST",
        url: `/api/v1/groups/${sharing.groupId}/members`,
        payload: { personId, joinedOn: "2025-02-01" },
      });
      expect(joined.statusCode, joined.body).toBe(201);
    }
    const partnerId = (await networkAdmin.request({ url: "/api/v1/network/partners" })).json().items[0].id;
    const read = async (asOf = "2025-06-30") =>
      (
        await coordinator.request({ url: `/api/v1/network/partners/${partnerId}/members?asOf=${asOf}` })
      ).json();
    const share = (sharesNamedData: boolean) =>
      sharing.admin.request({
        method: "PUT",
        url: "/api/v1/network-memberships",
        payload: { networkOrgId, joinedOn: "2025-01-01", sharesAggregates: true, sharesNamedData },
      });
    expect((await read()).items).toEqual([]);
    expect((await share(true)).json()).toMatchObject({ sharesNamedData: true });
    const named = await read();
    expect(named.items).toEqual([
      {
        personId: consenting,
        surname: "Named-Consenting",
        givenName: "Сәуле",
        patronymic: null,
        sex: "female",
        birthYear: null,
        groupName: "Sharing-Secret-Group",
        regionId: null,
      },
    ]);
    expect((await read("2025-01-15")).items).toEqual([]);
    const withdrawn = await sharing.admin.request({
      method: "POST",
      url: `/api/v1/consents/${consent.json().id}/withdraw`,
      payload: { withdrawnOn: "2025-05-01" },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await read()).items).toEqual([]);
    expect((await read("2025-04-30")).items).toHaveLength(1);
    await share(false);
    expect((await read("2025-04-30")).items).toEqual([]);
    const audit = (
      await networkAdmin.request({ url: "/api/v1/audit-events?action=network_members.read" })
    ).json();
    expect(audit.items.length).toBeGreaterThan(0);
  });
});
