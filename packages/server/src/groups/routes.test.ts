import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../identity/secrets";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
  testShgBylaws,
} from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

const bylaws = testShgBylaws;

describe("self-help groups and meetings", () => {
  const testApp = useTestApp();
  let admin: Client;
  let bookkeeper: Client;
  let groupId: string;
  let members: string[] = [];

  async function person(surname: string, givenName: string, consent = true) {
    const created = (
      await admin.request({
        method: "POST",
        url: "/api/v1/persons",
        payload: { surname, givenName, sex: "female" },
      })
    ).json();
    if (consent) {
      await admin.request({
        method: "POST",
        url: `/api/v1/persons/${created.id}/consents`,
        payload: {
          purpose: "membership",
          givenOn: "2025-01-01",
          allowsThirdParties: false,
          allowsCrossBorder: false,
        },
      });
    }
    return created.id as string;
  }

  beforeAll(async () => {
    const { orgId } = await buildOrganization(testApp().database);
    admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    bookkeeper = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["group_bookkeeper"])).email,
    );
    const group = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name: "Бақыт",
        methodology: "shg",
        frequency: "weekly",
        meetingDay: 3,
        formedOn: "2025-01-01",
        regionId: "KZ-19-TALGAR",
        bylaws,
      },
    });
    expect(group.statusCode).toBe(201);
    groupId = group.json().id;
    for (const [surname, given] of [
      ["Асанова", "Айгүл"],
      ["Бекова", "Бибігүл"],
      ["Сәрсенова", "Сәуле"],
    ] as const) {
      const joined = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/members`,
        payload: { personId: await person(surname, given), joinedOn: "2025-01-01" },
      });
      expect(joined.statusCode).toBe(201);
    }
    members = (await admin.request({ url: `/api/v1/groups/${groupId}` }))
      .json()
      .members.map((m: { id: string }) => m.id);
  });

  it("refuses a member without consent to membership", async () => {
    const refused = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/members`,
      payload: { personId: await person("Жоқова", "Жанар", false), joinedOn: "2025-01-01" },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: "consent_must_be_given",
      details: { purpose: "membership" },
    });
  });

  it("refuses bylaws that do not make sense", async () => {
    const bad = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name: "x",
        methodology: "vsla",
        frequency: "weekly",
        formedOn: "2025-01-01",
        bylaws: { ...bylaws, methodology: "vsla", sharePriceMinor: "0", maxSharesPerMeeting: 5 },
      },
    });
    expect(bad.json().error.code).toBe("share_price_must_be_positive");
  });

  it("records a whole meeting once, posts it balanced in the group's book, and fills the passbooks", async () => {
    const [a, b, c] = members as [string, string, string];
    const loanId = newId();
    const meeting = {
      id: newId(),
      heldOn: "2025-01-08",
      attendance: [
        { memberId: a, status: "present" },
        { memberId: b, status: "present" },
        { memberId: c, status: "absent" },
      ],
      savings: [
        { memberId: a, amountMinor: "50000" },
        { memberId: b, amountMinor: "50000" },
      ],
      socialFund: [
        { memberId: a, amountMinor: "10000" },
        { memberId: b, amountMinor: "10000" },
      ],
      fines: [{ memberId: c, kind: "absent", amountMinor: "10000" }],
      loansDisbursed: [{ loanId, memberId: a, principalMinor: "60000", termMonths: 3 }],
      cashCountedMinor: "70000",
    };
    const first = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/meetings`,
      payload: meeting,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ cashComputedMinor: "70000", cashDifferenceMinor: "0" });
    const again = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/meetings`,
      payload: meeting,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const changed = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/meetings`,
      payload: { ...meeting, cashCountedMinor: "1" },
    });
    expect(changed.json().error.code).toBe("meeting_id_must_be_unique");

    const group = (await admin.request({ url: `/api/v1/groups/${groupId}` })).json();
    expect(group).toMatchObject({
      cashMinor: "70000",
      socialFundMinor: "20000",
      loansOutstandingMinor: "60000",
      lastMeetingOn: "2025-01-08",
    });
    const tb = (
      await admin.request({ url: `/api/v1/books/${group.bookId}/trial-balance?asOf=2025-01-31` })
    ).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
    const passbook = (await admin.request({ url: `/api/v1/groups/${groupId}/members/${a}/passbook` })).json();
    expect(passbook).toMatchObject({
      savingsMinor: "50000",
      loansOutstandingMinor: "60000",
      socialFundPaidMinor: "10000",
    });
  });

  it("refuses meetings that break the rules, and changes nothing", async () => {
    const [a, b] = members as [string, string];
    const base = { heldOn: "2025-01-15", attendance: [], cashCountedMinor: "70000" };
    const cases: [object, string][] = [
      [
        { savings: [{ memberId: a, amountMinor: "40000" }], cashCountedMinor: "110000" },
        "savings_must_match_bylaws_or_be_explained",
      ],
      [
        { fines: [{ memberId: a, kind: "late", amountMinor: "7000" }], cashCountedMinor: "77000" },
        "fine_must_match_bylaws_or_be_explained",
      ],
      [
        { loansDisbursed: [{ loanId: newId(), memberId: b, principalMinor: "500000", termMonths: 3 }] },
        "loan_must_fit_bylaws",
      ],
      [{ expenses: [{ description: "чай", amountMinor: "80000" }] }, "cash_must_not_go_negative"],
      [{ cashCountedMinor: "69000" }, "cash_difference_must_be_explained"],
      [
        { savings: [{ memberId: newId(), amountMinor: "50000" }], cashCountedMinor: "120000" },
        "member_must_be_active",
      ],
      [{ heldOn: "2025-01-01" }, "meeting_must_follow_last_meeting"],
      [{ heldOn: "2024-12-31" }, "meeting_must_follow_last_meeting"],
    ];
    for (const [change, code] of cases) {
      const response = await bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${groupId}/meetings`,
        payload: { id: newId(), ...base, ...change },
      });
      expect(response.statusCode, code).toBe(422);
      expect(response.json().error.code).toBe(code);
    }
    const meetings = (await admin.request({ url: `/api/v1/groups/${groupId}/meetings` })).json().items;
    expect(meetings).toHaveLength(1);
  });

  it("takes repayments and records an explained cash difference", async () => {
    const [a] = members as [string];
    const [loan] = (await admin.request({ url: `/api/v1/groups/${groupId}/meetings` }))
      .json()
      .items[0].movements.filter((m: { kind: string }) => m.kind === "loan_disbursed");
    const response = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${groupId}/meetings`,
      payload: {
        id: newId(),
        heldOn: "2025-01-15",
        attendance: [{ memberId: a, status: "present" }],
        repayments: [{ loanId: loan.loanId, principalMinor: "20000", interestMinor: "1200" }],
        cashCountedMinor: "91000",
        cashDifferenceExplanation: "200 тиын жетпеді",
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ cashComputedMinor: "91200", cashDifferenceMinor: "-200" });
    const group = (await admin.request({ url: `/api/v1/groups/${groupId}` })).json();
    expect(group).toMatchObject({ cashMinor: "91000", loansOutstandingMinor: "40000" });
  });
});

describe("grading and metrics", () => {
  const testApp = useTestApp();

  it("grades a group from its records and explains each score", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: { name: "Жұлдыз", methodology: "shg", frequency: "weekly", formedOn: "2025-01-01", bylaws },
      })
    ).json();
    const personId = await buildConsentingPerson(admin, { surname: "Нұрова", givenName: "Гүлім" });
    const memberId = (
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/members`,
        payload: { personId, joinedOn: "2025-01-01" },
      })
    ).json().members[0].id;
    let cash = 0n;
    for (let week = 1; week <= 8; week++) {
      cash += 50_000n;
      const heldOn = new Date(Date.UTC(2025, 0, 1 + 7 * week)).toISOString().slice(0, 10);
      const response = await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/meetings`,
        payload: {
          id: newId(),
          heldOn,
          attendance: [{ memberId, status: "present" }],
          savings: [{ memberId, amountMinor: "50000" }],
          cashCountedMinor: cash.toString(),
        },
      });
      expect(response.statusCode).toBe(201);
    }
    const grade = (await admin.request({ url: `/api/v1/groups/${group.id}/grade?asOf=2025-02-28` })).json();
    expect(grade.current.scores).toHaveLength(5);
    const meetings = grade.current.scores.find(
      (s: { principle: string }) => s.principle === "regularMeetings",
    );
    expect(meetings.why.meetingsHeld).toBe(8);
    expect(
      grade.current.scores.find((s: { principle: string }) => s.principle === "regularSavings").points,
    ).toBe(20);
    expect(["A", "B", "C"]).toContain(grade.current.grade);
    expect(grade.history.at(-1)).toEqual(grade.current);
    // The list's grades at a glance agree with the group's own grade, and know no group formed later.
    const grades = (await admin.request({ url: "/api/v1/groups/grades?asOf=2025-02-28" })).json();
    expect(grades.items.find((g: { groupId: string }) => g.groupId === group.id)).toEqual({
      groupId: group.id,
      grade: grade.current.grade,
      rating: grade.current.rating,
    });
    const early = (await admin.request({ url: "/api/v1/groups/grades?asOf=1990-01-01" })).json();
    expect(early.items).toEqual([]);
    const refused = await admin.request({ url: "/api/v1/groups/grades?asOf=2025-02-30" });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe("date_must_be_valid");
    const metrics = (
      await admin.request({ url: `/api/v1/groups/${group.id}/metrics?asOf=2025-02-28` })
    ).json();
    expect(metrics).toMatchObject({
      attendanceRate: 1,
      savingsPerMemberMinor: "400000",
      loanFundUtilization: 0,
    });
  });
});

describe("correcting meetings", () => {
  const testApp = useTestApp();

  it("reverses the last meeting at once, an older one only with a second person's approval", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const bookkeeper = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["group_bookkeeper"])).email,
    );
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: { name: "Шұғыла", methodology: "shg", frequency: "weekly", formedOn: "2025-01-01", bylaws },
      })
    ).json();
    const personId = await buildConsentingPerson(admin, { surname: "Омарова", givenName: "Ақмарал" });
    const memberId = (
      await admin.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/members`,
        payload: { personId, joinedOn: "2025-01-01" },
      })
    ).json().members[0].id;
    const record = (heldOn: string, cash: string) =>
      bookkeeper.request({
        method: "POST",
        url: `/api/v1/groups/${group.id}/meetings`,
        payload: {
          id: newId(),
          heldOn,
          attendance: [{ memberId, status: "present" }],
          savings: [{ memberId, amountMinor: "50000" }],
          cashCountedMinor: cash,
        },
      });
    const first = (await record("2025-01-08", "50000")).json();
    const second = (await record("2025-01-15", "100000")).json();

    const refused = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/meetings/${second.id}/reverse`,
      payload: { reason: "" },
    });
    expect(refused.statusCode).toBe(400);
    const reversed = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/meetings/${second.id}/reverse`,
      payload: { reason: "сома қате жазылды" },
    });
    expect(reversed.statusCode).toBe(200);
    expect(reversed.json().reversalEntryId).not.toBeNull();
    let state = (await admin.request({ url: `/api/v1/groups/${group.id}` })).json();
    expect(state).toMatchObject({
      cashMinor: "50000",
      lastMeetingOn: "2025-01-08",
      members: [{ savingsMinor: "50000" }],
    });
    expect((await admin.request({ url: `/api/v1/meetings/${second.id}` })).json().reversalReason).toBe(
      "сома қате жазылды",
    );
    const again = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/meetings/${second.id}/reverse`,
      payload: { reason: "x" },
    });
    expect(again.json().error.code).toBe("meeting_must_not_be_reversed");

    expect((await record("2025-01-15", "100000")).statusCode).toBe(201);
    const older = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/meetings/${first.id}/reverse`,
      payload: { reason: "қате топ" },
    });
    expect(older.statusCode).toBe(202);
    expect(
      (
        await bookkeeper.request({
          method: "POST",
          url: `/api/v1/approvals/${older.json().approvalId}/approve`,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await admin.request({
          method: "POST",
          url: `/api/v1/approvals/${older.json().approvalId}/approve`,
          payload: {},
        })
      ).statusCode,
    ).toBe(200);
    state = (await admin.request({ url: `/api/v1/groups/${group.id}` })).json();
    expect(state).toMatchObject({ cashMinor: "50000", members: [{ savingsMinor: "50000" }] });
    const tb = (
      await admin.request({ url: `/api/v1/books/${group.bookId}/trial-balance?asOf=2025-12-31` })
    ).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
  });
});

describe("a member leaving", () => {
  const testApp = useTestApp();

  it("takes her savings back less what she owes, at a meeting, and is no longer active", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const group = (
      await admin.request({
        method: "POST",
        url: "/api/v1/groups",
        payload: { name: "Ақбота", methodology: "shg", frequency: "weekly", formedOn: "2025-01-01", bylaws },
      })
    ).json();
    const ids: string[] = [];
    for (const surname of ["Әлиева", "Бейсенова"]) {
      const personId = await buildConsentingPerson(admin, { surname: surname, givenName: "Айым" });
      const members = (
        await admin.request({
          method: "POST",
          url: `/api/v1/groups/${group.id}/members`,
          payload: { personId, joinedOn: "2025-01-01" },
        })
      ).json().members;
      ids.push(members.find((m: { person: { surname: string } }) => m.person.surname === surname).id);
    }
    const [a, b] = ids as [string, string];
    const loanId = newId();
    await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: newId(),
        heldOn: "2025-01-08",
        attendance: [],
        savings: [
          { memberId: a, amountMinor: "50000" },
          { memberId: b, amountMinor: "50000" },
        ],
        loansDisbursed: [{ loanId, memberId: a, principalMinor: "20000", termMonths: 2 }],
        cashCountedMinor: "80000",
      },
    });
    const cashier = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/officers`,
      payload: { role: "cashier", memberId: a, fromOn: "2025-01-01" },
    });
    expect(cashier.statusCode, cashier.body).toBe(201);
    const exit = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: newId(),
        heldOn: "2025-01-15",
        attendance: [],
        exits: [{ memberId: a }],
        cashCountedMinor: "50000",
      },
    });
    expect(exit.statusCode).toBe(201);
    const state = (await admin.request({ url: `/api/v1/groups/${group.id}` })).json();
    expect(state).toMatchObject({ cashMinor: "50000", loansOutstandingMinor: "0" });
    expect(state.members.find((m: { id: string }) => m.id === a)).toMatchObject({
      leftOn: "2025-01-15",
      savingsMinor: "0",
    });
    // Her term as cashier ended with her membership.
    const officers = (
      await admin.request({ url: `/api/v1/groups/${group.id}/officers?asOf=2025-01-16` })
    ).json();
    expect(officers.current).toEqual([]);
    expect(officers.terms).toMatchObject([{ role: "cashier", memberId: a, toOn: "2025-01-15" }]);
    const passbook = (
      await admin.request({ url: `/api/v1/groups/${group.id}/members/${a}/passbook` })
    ).json();
    expect(passbook).toMatchObject({ savingsMinor: "0", loansOutstandingMinor: "0" });
    const later = await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/meetings`,
      payload: {
        id: newId(),
        heldOn: "2025-01-22",
        attendance: [{ memberId: a, status: "present" }],
        cashCountedMinor: "50000",
      },
    });
    expect(later.json().error.code).toBe("member_must_be_active");
    const tb = (
      await admin.request({ url: `/api/v1/books/${group.bookId}/trial-balance?asOf=2025-12-31` })
    ).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
  });
});

describe("a member's roles seen from her household", () => {
  const testApp = useTestApp();

  it("lists the groups she belongs to", async () => {
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
          name: "Айгөлек",
          methodology: "shg",
          frequency: "monthly",
          formedOn: "2025-01-01",
          bylaws,
        },
      })
    ).json();
    const personId = await buildConsentingPerson(admin, { surname: "Жақсыбаева", givenName: "Дана" });
    await admin.request({
      method: "POST",
      url: `/api/v1/groups/${group.id}/members`,
      payload: { personId, joinedOn: "2025-01-01" },
    });
    const household = (
      await admin.request({
        method: "POST",
        url: "/api/v1/households",
        payload: { name: "Жақсыбаевтар", members: [{ personId, relationship: "mother" }] },
      })
    ).json();
    expect(household.members[0].roles).toEqual([{ kind: "group_member", label: "Айгөлек" }]);
  });
});

describe("roles limited to a group or an office", () => {
  const testApp = useTestApp();

  it("reach only the groups of their scope; the others do not exist for them", async () => {
    const { orgId } = await buildOrganization(testApp().database);
    const admin = await signIn(
      testApp().app,
      (await buildUser(testApp().database, orgId, ["administrator"])).email,
    );
    const office = (
      await admin.request({
        method: "POST",
        url: "/api/v1/offices",
        payload: { parentId: null, names: { kk: "Талғар", ru: "Талгар", en: "Talgar" } },
      })
    ).json();
    const branch = (
      await admin.request({
        method: "POST",
        url: "/api/v1/offices",
        payload: { parentId: office.id, names: { kk: "Бесағаш", ru: "Бесагаш", en: "Besagash" } },
      })
    ).json();
    const form = async (name: string, officeId: string | null) =>
      (
        await admin.request({
          method: "POST",
          url: "/api/v1/groups",
          payload: {
            name,
            methodology: "shg",
            frequency: "weekly",
            formedOn: "2025-01-01",
            officeId,
            bylaws,
          },
        })
      ).json();
    const mine = await form("Менің тобым", null);
    const theirs = await form("Басқа топ", null);
    const inBranch = await form("Филиал тобы", branch.id);

    const bookkeeper = await signIn(
      testApp().app,
      (
        await buildUser(testApp().database, orgId, [
          { role: "group_bookkeeper", scopeKind: "group", scopeId: mine.id },
        ])
      ).email,
    );
    expect(
      (await bookkeeper.request({ url: "/api/v1/groups" })).json().items.map((g: { id: string }) => g.id),
    ).toEqual([mine.id]);
    expect((await bookkeeper.request({ url: `/api/v1/groups/${mine.id}` })).statusCode).toBe(200);
    expect((await bookkeeper.request({ url: `/api/v1/groups/${theirs.id}` })).statusCode).toBe(404);
    const refused = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${theirs.id}/meetings`,
      payload: { id: newId(), heldOn: "2025-01-08", attendance: [], cashCountedMinor: "0" },
    });
    expect(refused.statusCode).toBe(404);
    const allowed = await bookkeeper.request({
      method: "POST",
      url: `/api/v1/groups/${mine.id}/meetings`,
      payload: { id: newId(), heldOn: "2025-01-08", attendance: [], cashCountedMinor: "0" },
    });
    expect(allowed.statusCode).toBe(201);

    const facilitator = await signIn(
      testApp().app,
      (
        await buildUser(testApp().database, orgId, [
          { role: "facilitator", scopeKind: "office", scopeId: office.id },
        ])
      ).email,
    );
    expect(
      (await facilitator.request({ url: "/api/v1/groups" })).json().items.map((g: { id: string }) => g.id),
    ).toEqual([inBranch.id]);
    expect((await facilitator.request({ url: `/api/v1/groups/${mine.id}` })).statusCode).toBe(404);

    const scoped = await admin.request({
      method: "POST",
      url: "/api/v1/users",
      payload: {
        displayName: "x",
        email: "scoped@example.kz",
        password: "long enough phrase 12",
        roles: [{ role: "trainer", scopeKind: "group", scopeId: mine.id }],
      },
    });
    expect(scoped.statusCode).toBe(201);
    const wrong = await admin.request({
      method: "POST",
      url: "/api/v1/users",
      payload: {
        displayName: "y",
        email: "wrong@example.kz",
        password: "long enough phrase 12",
        roles: [{ role: "trainer", scopeKind: "group", scopeId: newId() }],
      },
    });
    expect(wrong.json().error.code).toBe("scope_must_exist");
  });
});
