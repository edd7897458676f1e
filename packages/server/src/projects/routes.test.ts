import { beforeAll, describe, expect, it } from "vitest";
import { pdfText, xlsxRows } from "../exports/testing";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

describe("projects, beneficiaries, services and indicators", () => {
  const testApp = useTestApp();
  let admin: Client;
  let manager: Client;
  let checker: Client;
  let officer: Client;
  let facilitator: Client;
  let bookId: string;
  const account: Record<string, string> = {};
  let projectId: string;
  const person: Record<string, string> = {};

  async function newPerson(
    key: string,
    facts: { sex: "female" | "male"; birthDate?: string; regionId?: string },
    consent = true,
  ) {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: { surname: `Test-${key}`, givenName: key, ...facts },
    });
    expect(created.statusCode, created.body).toBe(201);
    person[key] = created.json().id;
    if (consent) {
      const given = await admin.request({
        method: "POST",
        url: `/api/v1/persons/${person[key]}/consents`,
        payload: {
          purpose: "project",
          givenOn: "2025-01-01",
          allowsThirdParties: false,
          allowsCrossBorder: false,
        },
      });
      expect(given.statusCode, given.body).toBe(201);
    }
  }

  const projectBody = (overrides: Record<string, unknown> = {}) => ({
    code: "UN-2025",
    name: "Women's economic empowerment",
    donor: "UN Women",
    donorCurrency: "USD",
    ratePpm: "478500000",
    startsOn: "2025-01-01",
    endsOn: "2025-12-31",
    regionIds: ["KZ-19-TALGAR"],
    targetGroups: ["single mothers"],
    activities: ["grants", "trainings"],
    eligibility: { sexes: ["female"], ageMinYears: 18 },
    bookId,
    grantApprovalOverMinor: "5000000",
    budgetLines: [
      { name: "Grants", accountId: account.assistance_grants, donorAmountMinor: "1000000" },
      { name: "Trainings", accountId: account.training_expenses, donorAmountMinor: "200000" },
    ],
    targets: [
      { indicator: "beneficiaries", target: "4" },
      { indicator: "assistance_value_minor", target: "10000000" },
    ],
    ...overrides,
  });

  const enrol = (personId: string | undefined, enrolledOn = "2025-02-01", project = projectId) =>
    manager.request({
      method: "POST",
      url: `/api/v1/projects/${project}/beneficiaries`,
      payload: { personId, enrolledOn },
    });
  const serve = (payload: Record<string, unknown>) =>
    manager.request({ method: "POST", url: `/api/v1/projects/${projectId}/services`, payload });
  const services = async () =>
    (await manager.request({ url: `/api/v1/projects/${projectId}/services` })).json().items as unknown[];
  const budget = async () =>
    (await manager.request({ url: `/api/v1/projects/${projectId}/budget?asOf=2025-12-31` })).json();

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database);
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    manager = await signIn(app, (await buildUser(database, orgId, ["program_manager"])).email);
    checker = await signIn(app, (await buildUser(database, orgId, ["program_manager"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["me_officer"])).email);
    facilitator = await signIn(app, (await buildUser(database, orgId, ["facilitator"])).email);
    bookId = (
      await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "ngo" } })
    ).json().id;
    const accounts = (await admin.request({ url: `/api/v1/books/${bookId}/accounts` })).json().items;
    for (const a of accounts as { id: string; purpose: string | null }[])
      if (a.purpose) account[a.purpose] = a.id;
    await newPerson("aigul", { sex: "female", birthDate: "1990-05-01", regionId: "KZ-19-TALGAR" });
    await newPerson("saule", { sex: "female", birthDate: "1960-01-01" });
    await newPerson("bolat", { sex: "male", birthDate: "1985-01-01" });
    await newPerson("dana", { sex: "female", birthDate: "2012-01-01" });
    await newPerson("nurgul", { sex: "female", birthDate: "1995-01-01" }, false);
  });

  describe("a project", () => {
    it("starts with its budget in the donor's currency and in tenge at the rate", async () => {
      const created = await manager.request({
        method: "POST",
        url: "/api/v1/projects",
        payload: projectBody(),
      });
      expect(created.statusCode, created.body).toBe(201);
      const project = created.json();
      projectId = project.id;
      expect(project.budgetLines).toMatchObject([
        { lineNo: 1, donorAmountMinor: "1000000", amountMinor: "478500000" },
        { lineNo: 2, donorAmountMinor: "200000", amountMinor: "95700000" },
      ]);
      expect(project).toMatchObject({ budgetMinor: "574200000", actualMinor: "0", activeBeneficiaries: 0 });
      expect(project.targets).toEqual([
        { indicator: "assistance_value_minor", target: "10000000" },
        { indicator: "beneficiaries", target: "4" },
      ]);
      const list = (await officer.request({ url: "/api/v1/projects" })).json().items;
      expect(list.map((p: { code: string }) => p.code)).toEqual(["UN-2025"]);
    });

    it.each([
      ["an unknown currency", { donorCurrency: "XYZ" }, 422, "project_currency_must_be_known"],
      ["an end before the start", { endsOn: "2024-12-31" }, 422, "project_period_must_be_ordered"],
      [
        "a budget line on a cash account",
        {
          budgetLines: [
            { name: "Cash", accountId: "00000000-0000-7000-8000-000000000000", donorAmountMinor: "1" },
          ],
        },
        422,
        "budget_account_must_be_expense",
      ],
      ["a code in use", {}, 409, "project_code_must_be_unique"],
      ["a rate of zero", { ratePpm: "0" }, 400, "request_must_be_valid"],
      ["budget lines with no book", { bookId: null }, 422, "project_book_must_belong_to_organization"],
    ])("refuses %s and creates nothing", async (_name, overrides, status, code) => {
      const body = projectBody(overrides);
      if (code === "budget_account_must_be_expense")
        body.budgetLines = [{ name: "Cash", accountId: account.cash, donorAmountMinor: "1" }];
      const refused = await manager.request({ method: "POST", url: "/api/v1/projects", payload: body });
      expect(refused.statusCode, refused.body).toBe(status);
      expect(refused.json().error.code).toBe(code);
      expect((await manager.request({ url: "/api/v1/projects" })).json().items).toHaveLength(1);
    });

    it("refuses to start a project without the permission, and to show projects without the permission", async () => {
      const refused = await officer.request({
        method: "POST",
        url: "/api/v1/projects",
        payload: projectBody({ code: "OTHER" }),
      });
      expect(refused.statusCode).toBe(403);
      expect((await facilitator.request({ url: "/api/v1/projects" })).statusCode).toBe(403);
    });
  });

  describe("correcting a project", () => {
    it("changes its name and targets at the version read, and refuses a stale version or a bad period", async () => {
      const url = `/api/v1/projects/${projectId}`;
      const before = (await manager.request({ url })).json();
      const changed = await manager.request({
        method: "PATCH",
        url,
        payload: {
          version: before.version,
          name: "Women's livelihoods, phase 2",
          targets: [
            { indicator: "beneficiaries", target: "5" },
            { indicator: "assistance_value_minor", target: "10000000" },
          ],
        },
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({
        name: "Women's livelihoods, phase 2",
        version: before.version + 1,
      });
      expect(changed.json().targets).toContainEqual({ indicator: "beneficiaries", target: "5" });
      expect(changed.json().budgetMinor).toBe(before.budgetMinor);
      for (const [payload, status, code] of [
        [{ version: before.version, name: "Stale" }, 409, "version_must_match"],
        [{ version: before.version + 1, endsOn: "2024-01-01" }, 422, "project_period_must_be_ordered"],
      ] as const) {
        const refused = await manager.request({ method: "PATCH", url, payload });
        expect(refused.statusCode, refused.body).toBe(status);
        expect(refused.json().error.code).toBe(code);
      }
      const forbidden = await officer.request({
        method: "PATCH",
        url,
        payload: { version: before.version + 1, name: "No" },
      });
      expect(forbidden.statusCode).toBe(403);
      const restored = await manager.request({
        method: "PATCH",
        url,
        payload: { version: before.version + 1, name: before.name, targets: before.targets },
      });
      expect(restored.json()).toMatchObject({ name: before.name, targets: before.targets });
    });
  });

  describe("beneficiaries", () => {
    it("enrols a consenting woman who meets the criteria", async () => {
      const enrolled = await enrol(person.aigul);
      expect(enrolled.statusCode, enrolled.body).toBe(201);
      expect(enrolled.json()).toMatchObject({ enrolledOn: "2025-02-01", exitedOn: null, services: 0 });
      expect((await enrol(person.saule)).statusCode).toBe(201);
    });

    it.each([
      ["a man in a project for women", "bolat", "2025-02-01", 422, "beneficiary_must_meet_eligibility"],
      ["a girl under 18", "dana", "2025-02-01", 422, "beneficiary_must_meet_eligibility"],
      ["a person who has not consented", "nurgul", "2025-02-01", 422, "consent_must_be_given"],
      ["a person enrolled already", "aigul", "2025-03-01", 409, "beneficiary_must_be_new_to_project"],
      ["a date outside the project", "bolat", "2026-01-01", 422, "date_must_be_in_project_period"],
    ])("refuses %s", async (_name, key, on, status, code) => {
      const refused = await enrol(person[key], on);
      expect(refused.statusCode, refused.body).toBe(status);
      expect(refused.json().error.code).toBe(code);
      const list = (await manager.request({ url: `/api/v1/projects/${projectId}/beneficiaries` })).json()
        .items;
      expect(list).toHaveLength(2);
    });

    it("names the criterion not met, in the caller's language", async () => {
      const refused = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${projectId}/beneficiaries`,
        payload: { personId: person.bolat, enrolledOn: "2025-02-01" },
        headers: { "accept-language": "kk" },
      });
      expect(refused.json().error).toMatchObject({ details: { criterion: "sex" } });
      expect(refused.json().error.message).toContain("sex");
      expect(refused.json().error.message).toMatch(/жобаның/);
    });
  });

  describe("services", () => {
    it("records a consultation for an enrolled woman", async () => {
      const recorded = await serve({
        personId: person.aigul,
        kind: "consultation",
        deliveredOn: "2025-02-10",
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      expect(recorded.json()).toMatchObject({
        kind: "consultation",
        quantity: 1,
        valueMinor: "0",
        entryId: null,
      });
    });

    it.each([
      [
        "a person not enrolled",
        { personId: "bolat", deliveredOn: "2025-02-10" },
        "beneficiary_must_be_enrolled",
      ],
      [
        "a day before her enrolment",
        { personId: "aigul", deliveredOn: "2025-01-15" },
        "beneficiary_must_be_enrolled",
      ],
      [
        "a day after the project",
        { personId: "aigul", deliveredOn: "2026-01-10" },
        "date_must_be_in_project_period",
      ],
    ])("refuses a service to %s", async (_name, row, code) => {
      const before = (await services()).length;
      const refused = await serve({ kind: "consultation", ...row, personId: person[row.personId] });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe(code);
      expect(await services()).toHaveLength(before);
    });

    it("records a training for everyone on an attendance sheet", async () => {
      const recorded = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${projectId}/attendance`,
        payload: {
          kind: "training",
          deliveredOn: "2025-03-01",
          valueMinorEach: "150000",
          personIds: [person.aigul, person.saule],
        },
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
      expect(recorded.json().items).toHaveLength(2);
    });

    it.each([
      [
        "a person twice",
        () => [person.aigul, person.saule, person.aigul],
        "training",
        "attendance_must_name_each_person_once",
        3,
      ],
      [
        "a person not enrolled",
        () => [person.aigul, person.bolat],
        "training",
        "beneficiary_must_be_enrolled",
        2,
      ],
      ["grants", () => [person.aigul], "grant", "attendance_must_not_hold_grants", undefined],
    ])("refuses a sheet with %s, recording no one", async (_name, people, kind, code, row) => {
      const before = (await services()).length;
      const refused = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${projectId}/attendance`,
        payload: { kind, deliveredOn: "2025-03-02", personIds: people() },
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe(code);
      if (row !== undefined) expect(refused.json().error.details.row).toBe(row);
      expect(await services()).toHaveLength(before);
    });
  });

  describe("grants and budget against actual", () => {
    it("posts a grant under the threshold at once, against the project", async () => {
      const granted = await serve({
        personId: person.aigul,
        kind: "grant",
        deliveredOn: "2025-04-01",
        valueMinor: "3000000",
        paidFrom: "bank",
      });
      expect(granted.statusCode, granted.body).toBe(201);
      const entryId = granted.json().entryId;
      expect(entryId).not.toBeNull();
      const entry = (await admin.request({ url: `/api/v1/journal-entries/${entryId}` })).json();
      expect(entry.lines).toMatchObject([
        { accountId: account.assistance_grants, side: "debit", amountMinor: "3000000", projectId },
        { accountId: account.bank, side: "credit", amountMinor: "3000000", projectId },
      ]);
      expect((await budget()).lines[0]).toMatchObject({
        actualMinor: "3000000",
        remainingMinor: "475500000",
      });
    });

    it("holds a grant over the threshold for a second person, and posts it when approved", async () => {
      const held = await serve({
        personId: person.saule,
        kind: "grant",
        deliveredOn: "2025-04-02",
        valueMinor: "6000000",
        paidFrom: "cash",
      });
      expect(held.statusCode, held.body).toBe(202);
      const approvalId = held.json().approvalId;
      expect((await budget()).lines[0].actualMinor).toBe("3000000");
      const own = await manager.request({
        method: "POST",
        url: `/api/v1/approvals/${approvalId}/approve`,
        payload: {},
      });
      expect(own.json().error.code).toBe("approval_must_be_decided_by_another_user");
      const approved = await checker.request({
        method: "POST",
        url: `/api/v1/approvals/${approvalId}/approve`,
        payload: {},
      });
      expect(approved.statusCode, approved.body).toBe(200);
      expect((await budget()).lines[0].actualMinor).toBe("9000000");
    });

    it.each([
      ["no amount", { valueMinor: "0" }, "grant_must_have_value"],
      ["a person not enrolled", { personId: "bolat" }, "beneficiary_must_be_enrolled"],
    ])("refuses a grant with %s and posts nothing", async (_name, overrides, code) => {
      const body = {
        personId: person.aigul,
        kind: "grant",
        deliveredOn: "2025-04-03",
        valueMinor: "100000",
        ...overrides,
      };
      if (body.personId === "bolat") body.personId = person.bolat;
      const refused = await serve(body);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe(code);
      expect((await budget()).totalActualMinor).toBe("9000000");
    });

    it("counts every project expense in the ledger, budgeted or not, and equals the income statement", async () => {
      const entry = await admin.request({
        method: "POST",
        url: `/api/v1/books/${bookId}/journal-entries`,
        payload: {
          valueDate: "2025-05-01",
          narration: "Office rent for the project",
          lines: [
            { accountId: account.administrative_expenses, side: "debit", amountMinor: "250000", projectId },
            { accountId: account.bank, side: "credit", amountMinor: "250000" },
          ],
        },
      });
      expect(entry.statusCode, entry.body).toBe(201);
      const result = await budget();
      expect(result).toMatchObject({ unbudgetedActualMinor: "250000", totalActualMinor: "9250000" });
      const statement = (
        await admin.request({ url: `/api/v1/books/${bookId}/income-statement?from=2025-01-01&to=2025-12-31` })
      ).json();
      // Every expense of this book was the project's, so the ledger's total expenses equal its actual.
      expect(statement.totalExpensesMinor).toBe(result.totalActualMinor);
      const early = (
        await manager.request({ url: `/api/v1/projects/${projectId}/budget?asOf=2025-04-01` })
      ).json();
      expect(early.totalActualMinor).toBe("3000000");
    });
  });

  describe("indicators", () => {
    it("counts the project's people, services and grants against its targets", async () => {
      const response = await officer.request({ url: `/api/v1/projects/${projectId}/indicators` });
      expect(response.statusCode, response.body).toBe(200);
      const indicators = response.json();
      expect(indicators.beneficiaries).toMatchObject({
        total: 2,
        bySex: { female: 2, male: 0 },
        byAgeBand: { "30-44": 1, "60+": 1 },
        byRegion: { "KZ-19-TALGAR": 1, unknown: 1 },
      });
      // A consultation, two trainings, two grants.
      expect(indicators.services).toBe(5);
      expect(indicators.servicesByKind.training).toEqual({ count: 2, quantity: 2, valueMinor: "300000" });
      expect(indicators.assistanceValueMinor).toBe("9000000");
      expect(indicators.targets).toEqual([
        { indicator: "assistance_value_minor", target: "10000000", actual: "9000000", progressBps: 9000 },
        { indicator: "beneficiaries", target: "4", actual: "2", progressBps: 5000 },
      ]);
    });

    it("counts a woman in two projects once for the organization", async () => {
      const second = await manager.request({
        method: "POST",
        url: "/api/v1/projects",
        payload: projectBody({ code: "EU-2025", eligibility: {}, budgetLines: [], targets: [] }),
      });
      expect(second.statusCode, second.body).toBe(201);
      expect((await enrol(person.aigul, "2025-06-01", second.json().id)).statusCode).toBe(201);
      expect((await enrol(person.bolat, "2025-06-01", second.json().id)).statusCode).toBe(201);
      const all = (
        await officer.request({ url: "/api/v1/project-indicators?from=2025-01-01&to=2025-12-31" })
      ).json();
      // aigul (in both), saule, bolat: three people, four enrolments.
      expect(all.beneficiaries.total).toBe(3);
      expect(all.newEnrolments).toBe(4);
      expect(all.beneficiaries.bySex).toEqual({ female: 2, male: 1 });
    });

    it("refuses a period that ends before it starts", async () => {
      const refused = await officer.request({
        url: "/api/v1/project-indicators?from=2025-02-01&to=2025-01-01",
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe("indicator_period_must_be_ordered");
    });
  });

  describe("stories and the donor report", () => {
    const storyText = "Грантпен тігін машинасын сатып алдым, енді үш тапсырыс аламын.";
    let sharingConsentId: string;

    it("refuses a story whose teller has not agreed to share it", async () => {
      const refused = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${projectId}/stories`,
        payload: { personId: person.aigul, toldOn: "2025-05-01", story: storyText },
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe("story_consent_must_allow_sharing");
      const stories = (await manager.request({ url: `/api/v1/projects/${projectId}/stories` })).json().items;
      expect(stories).toEqual([]);
    });

    it("records a story once she agrees to share it, and prints it in the report with her given name", async () => {
      const consent = await admin.request({
        method: "POST",
        url: `/api/v1/persons/${person.aigul}/consents`,
        payload: {
          purpose: "project",
          givenOn: "2025-04-01",
          allowsThirdParties: true,
          allowsCrossBorder: false,
        },
      });
      expect(consent.statusCode, consent.body).toBe(201);
      sharingConsentId = consent.json().id;
      const story = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${projectId}/stories`,
        payload: { personId: person.aigul, toldOn: "2025-05-01", story: storyText },
      });
      expect(story.statusCode, story.body).toBe(201);
      expect(story.json()).toMatchObject({ givenName: "aigul", isShareable: true });

      const xlsx = await officer.request({
        url: `/api/v1/projects/${projectId}/donor-report?from=2025-01-01&to=2025-12-31&format=xlsx&locale=en`,
      });
      expect(xlsx.statusCode, xlsx.body).toBe(200);
      expect(xlsx.headers["content-disposition"]).toContain("donor-report-UN-2025.xlsx");
      const { rows } = await xlsxRows(xlsx.rawPayload);
      const text = rows.map((r) => r.join("|")).join("\n");
      expect(text).toContain("Donor report");
      expect(text).toContain("UN-2025 — Women's economic empowerment");
      expect(rows.find((r) => r[0] === "Unique beneficiaries")?.slice(1, 3)).toEqual(["2", "4"]);
      expect(rows.find((r) => r[0] === "Financial assistance paid")?.[4]).toBe(90_000);
      // The report's total spent is the ledger's: 90,000 ₸ of grants and 2,500 ₸ of rent.
      expect(rows.find((r) => r[0] === "Total")?.slice(3, 5)).toEqual([5_742_000, 92_500]);
      expect(text).toContain(storyText);

      const pdf = await officer.request({
        url: `/api/v1/projects/${projectId}/donor-report?format=pdf&locale=kk`,
      });
      expect(pdf.statusCode).toBe(200);
      const pages = (await pdfText(pdf.rawPayload)).join(" ");
      expect(pages).toContain("Донорға есеп");
      expect(pages).toContain("Бірегей алушылар");
    });

    it("leaves the story out of the next report once her consent is withdrawn", async () => {
      const withdrawn = await admin.request({
        method: "POST",
        url: `/api/v1/consents/${sharingConsentId}/withdraw`,
        payload: { withdrawnOn: "2025-06-01" },
      });
      expect(withdrawn.statusCode, withdrawn.body).toBe(200);
      const csv = await officer.request({
        url: `/api/v1/projects/${projectId}/donor-report?format=csv&locale=ru`,
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain("Отчёт для донора");
      expect(csv.body).not.toContain(storyText);
    });
  });

  describe("exits", () => {
    let beneficiaryId: string;
    beforeAll(async () => {
      const list = (await manager.request({ url: `/api/v1/projects/${projectId}/beneficiaries` })).json()
        .items;
      beneficiaryId = list.find((b: { person: { id: string } }) => b.person.id === person.saule).id;
    });

    it("refuses an exit dated before the enrolment", async () => {
      const refused = await manager.request({
        method: "POST",
        url: `/api/v1/beneficiaries/${beneficiaryId}/exit`,
        payload: { exitedOn: "2025-01-15", reason: "Moved away" },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe("exit_must_follow_enrolment");
    });

    it("records an exit, after which no service is recorded for her", async () => {
      const exited = await manager.request({
        method: "POST",
        url: `/api/v1/beneficiaries/${beneficiaryId}/exit`,
        payload: { exitedOn: "2025-06-30", reason: "Moved away" },
      });
      expect(exited.statusCode, exited.body).toBe(200);
      expect(exited.json()).toMatchObject({ exitedOn: "2025-06-30", exitReason: "Moved away", services: 2 });
      const refused = await serve({
        personId: person.saule,
        kind: "food_package",
        deliveredOn: "2025-07-01",
      });
      expect(refused.json().error.code).toBe("beneficiary_must_be_enrolled");
      const again = await manager.request({
        method: "POST",
        url: `/api/v1/beneficiaries/${beneficiaryId}/exit`,
        payload: { exitedOn: "2025-07-30", reason: "Again" },
      });
      expect(again.statusCode).toBe(422);
      // She may be enrolled again after leaving.
      expect((await enrol(person.saule, "2025-08-01")).statusCode).toBe(201);
    });
  });

  describe("a project planned before the books are opened", () => {
    it("records services but refuses grants until it has a book", async () => {
      const created = await manager.request({
        method: "POST",
        url: "/api/v1/projects",
        payload: projectBody({ code: "PLAN-2025", bookId: null, budgetLines: [], eligibility: {} }),
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().bookId).toBeNull();
      const id = created.json().id;
      expect((await enrol(person.bolat, "2025-03-01", id)).statusCode).toBe(201);
      const consultation = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${id}/services`,
        payload: { personId: person.bolat, kind: "consultation", deliveredOn: "2025-03-02" },
      });
      expect(consultation.statusCode, consultation.body).toBe(201);
      const grant = await manager.request({
        method: "POST",
        url: `/api/v1/projects/${id}/services`,
        payload: { personId: person.bolat, kind: "grant", deliveredOn: "2025-03-02", valueMinor: "1000" },
      });
      expect(grant.statusCode).toBe(422);
      expect(grant.json().error).toMatchObject({ code: "grant_accounts_must_exist" });
    });
  });
});
