import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import { buildConsentingPerson, buildOrganization, buildUser, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { attemptsMax, dispatch } from "./outbox";
import { fileProvider, type NotificationProvider, type OutgoingMessage } from "./providers";

const bylaws = {
  methodology: "shg",
  savingsPerMeetingMinor: "50000",
  sharePriceMinor: "0",
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: "10000",
  loanRateBpsPerMonth: 200,
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "0", absent: "0", missed_repayment: "0", other: "0" },
};

describe("meeting receipts through the outbox", () => {
  const testApp = useTestApp();
  const dir = mkdtempSync(join(tmpdir(), "moldir-outbox-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("queues a receipt for each member with a phone in the meeting's transaction, and sends it once", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: { name: "Бақыт", methodology: "shg", frequency: "weekly", formedOn: "2025-01-01", bylaws },
      })
    ).json();
    const members: string[] = [];
    for (const [surname, phones, languages] of [
      ["Асанова", ["+77011112233"], ["kk"]],
      ["Бекова", ["+77014445566"], ["ru"]],
      ["Телефонсыз", [], []],
    ] as const) {
      const person = (
        await admin.request({
          method: "POST",
          url: "/api/v1/persons",
          payload: { surname, givenName: "Айгүл", sex: "female", phones, languages },
        })
      ).json();
      await admin.request({
        method: "POST",
        url: `/api/v1/persons/${person.id}/consents`,
        payload: {
          purpose: "membership",
          givenOn: "2025-01-01",
          allowsThirdParties: false,
          allowsCrossBorder: false,
        },
      });
      const joined = (
        await admin.request({
          method: "POST",
          url: `/api/v1/groups/${group.id}/members`,
          payload: { personId: person.id, joinedOn: "2025-01-01" },
        })
      ).json();
      members.push(
        joined.members.find((m: { person: { surname: string } }) => m.person.surname === surname).id,
      );
    }
    const meetingId = newId();
    const recorded = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: meetingId,
        heldOn: "2025-01-08",
        attendance: members.map((memberId) => ({ memberId, status: "present" })),
        savings: members.map((memberId) => ({ memberId, amountMinor: "50000" })),
        cashCountedMinor: "150000",
      },
    });
    expect(recorded.statusCode).toBe(201);
    const queued = (await admin.request({ url: `/api/v1/notifications?sourceId=${meetingId}` })).json().items;
    expect(queued).toHaveLength(2);
    expect(queued.map((n: { locale: string }) => n.locale).sort()).toEqual(["kk", "ru"]);
    expect(JSON.stringify(queued)).not.toContain("+77011112233");

    const file = join(dir, "notifications.log");
    const result = await dispatch(testApp().database, fileProvider(file));
    expect(result).toEqual({ sent: 2, failed: 0 });
    const lines = readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const kk = lines.find((l: { recipient: string }) => l.recipient === "+77011112233");
    expect(kk.text).toBe(
      "Бақыт, 2025-01-08. Төледіңіз: 500,00\u00a0₸. Жинағыңыз: 500,00\u00a0₸. Қарыз қалдығы: 0,00\u00a0₸.",
    );
    expect(await dispatch(testApp().database, fileProvider(file))).toEqual({ sent: 0, failed: 0 });
  });

  it("queues a share-out receipt for each member paid: her shares, payout, cash and carry-over", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: {
          name: "Береке",
          methodology: "vsla",
          frequency: "weekly",
          formedOn: "2025-01-01",
          bylaws: {
            ...bylaws,
            methodology: "vsla",
            savingsPerMeetingMinor: "0",
            sharePriceMinor: "10000",
            maxSharesPerMeeting: 5,
          },
        },
      })
    ).json();
    const members: string[] = [];
    for (const [surname, phones, languages] of [
      ["Асанова", ["+77021112233"], ["kk"]],
      ["Бекова", ["+77024445566"], ["ru"]],
    ] as const) {
      const personId = await buildConsentingPerson(admin, { surname, givenName: "Айгүл", phones, languages });
      const joined = (
        await admin.request({
          method: "POST",
          url: `/api/v1/groups/${group.id}/members`,
          payload: { personId, joinedOn: "2025-01-01" },
        })
      ).json();
      members.push(
        joined.members.find((m: { person: { surname: string } }) => m.person.surname === surname).id,
      );
    }
    const [a, b] = members as [string, string];
    const meeting = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: newId(),
        heldOn: "2025-01-08",
        attendance: [],
        shares: [
          { memberId: a, shares: 3 },
          { memberId: b, shares: 2 },
        ],
        cashCountedMinor: "50000",
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    const shareOutId = newId();
    const shareOut = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/share-outs`,
      payload: {
        id: shareOutId,
        heldOn: "2025-12-20",
        cycleNumber: 1,
        cashCountedMinor: "50000",
        reinvestments: [{ memberId: a, shares: 1 }],
      },
    });
    expect(shareOut.statusCode, shareOut.body).toBe(201);
    const queued = (await admin.request({ url: `/api/v1/notifications?sourceId=${shareOutId}` })).json()
      .items;
    expect(queued.map((n: { template: string; locale: string }) => [n.template, n.locale]).sort()).toEqual([
      ["share_out_receipt", "kk"],
      ["share_out_receipt", "ru"],
    ]);
    const file = join(dir, "share-out.log");
    expect(await dispatch(testApp().database, fileProvider(file))).toMatchObject({ failed: 0 });
    const texts = new Map(
      readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { recipient: string; text: string })
        .map((l) => [l.recipient, l.text]),
    );
    expect(texts.get("+77021112233")).toBe(
      "Береке, 2025-12-20: 1-цикл бөлісуі. Үлестеріңіз: 3. Тиесілі сома: 300,00\u00a0₸. Қолыңызға берілді: 200,00\u00a0₸. Келесі циклге қалдырылды: 1 үлес (100,00\u00a0₸).",
    );
    expect(texts.get("+77024445566")).toBe(
      "Береке, 2025-12-20: раздел цикла 1. Ваши доли: 2. Причитается: 200,00\u00a0₸. Выдано на руки: 200,00\u00a0₸.",
    );
    // The same share-out sent again queues nothing more.
    const again = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/share-outs`,
      payload: {
        id: shareOutId,
        heldOn: "2025-12-20",
        cycleNumber: 1,
        cashCountedMinor: "50000",
        reinvestments: [{ memberId: a, shares: 1 }],
      },
    });
    expect(again.statusCode).toBe(200);
    expect(
      (await admin.request({ url: `/api/v1/notifications?sourceId=${shareOutId}` })).json().items,
    ).toHaveLength(2);
  });

  it("retries a failing gateway and gives up after the limit", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const { queueNotifications } = await import("./outbox");
    const { withTenant } = await import("@moldir/db");
    await withTenant(testApp().database, { orgId, userId: null }, (trx) =>
      queueNotifications(trx, orgId, [
        {
          recipient: "+77019990000",
          locale: "ru",
          template: "meeting_receipt",
          payload: {
            groupName: "x",
            heldOn: "2025-01-01",
            paidMinor: "1",
            receivedMinor: "0",
            savingsMinor: "1",
            loanBalanceMinor: "0",
          },
          personId: null,
          source: { type: "test", id: "retry" },
        },
      ]),
    );
    const sent: OutgoingMessage[] = [];
    const failing: NotificationProvider = {
      name: "failing",
      send: async () => {
        throw new Error("gateway down");
      },
    };
    for (let round = 0; round < attemptsMax; round++) await dispatch(testApp().database, failing);
    const row = await testApp()
      .database.db.selectFrom("notifications")
      .select(["status", "attempts", "last_error"])
      .where("source_id", "=", "retry")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "failed", attempts: attemptsMax, last_error: "gateway down" });
    const working: NotificationProvider = { name: "working", send: async (m) => void sent.push(m) };
    await dispatch(testApp().database, working);
    expect(sent.filter((m) => m.recipient === "+77019990000")).toHaveLength(0);
  });
});
