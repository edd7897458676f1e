import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";

/**
 * Built indicators against fixtures counted by hand. Project X and project Y run through 2026.
 *
 * | person | sex, born      | enrolled | training service      | loan disbursed (principal)  |
 * |--------|---------------|----------|-----------------------|-----------------------------|
 * | aigul  | F 1990-05-01  | X and Y  | X 2026-02-10          | 2026-08-10 (100,000 ₸)      |
 * | bibi   | F 1985-01-01  | X        | X 2026-01-10          | 2026-07-11 (100,000 ₸)      |
 * | bolat  | M 1980-01-01  | X        | X 2026-03-01          | 2026-04-01 (200,000 ₸)      |
 * | dana   | F 1992-01-01  | Y        | Y 2026-03-01          | 2026-04-01 (100,000 ₸)      |
 * | gulnar | F 1995-01-01  | X        | X 2026-06-01          | none                        |
 *
 * Children's center: asem attends 8 days in March 2026; erlan 7 in March and 7 in April.
 */
describe("built indicators", () => {
  const testApp = useTestApp();
  let admin: Client;
  let manager: Client;
  let officer: Client;
  let projectX: string;
  let projectY: string;
  const person: Record<string, string> = {};

  const preview = (definition: unknown, project = projectX, period: Record<string, string> = {}) =>
    officer.request({
      method: "POST",
      url: `/api/v1/projects/${project}/indicator-previews`,
      payload: { definition, ...period },
    });

  async function newPerson(key: string, sex: "female" | "male", birthDate: string, regionId?: string) {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/persons",
      payload: { surname: `Built-${key}`, givenName: key, sex, birthDate, ...(regionId ? { regionId } : {}) },
    });
    expect(created.statusCode, created.body).toBe(201);
    person[key] = created.json().id;
    for (const purpose of ["project", "credit"]) {
      const given = await admin.request({
        method: "POST",
        url: `/api/v1/persons/${person[key]}/consents`,
        payload: { purpose, givenOn: "2025-01-01", allowsThirdParties: false, allowsCrossBorder: false },
      });
      expect(given.statusCode, given.body).toBe(201);
    }
  }

  async function newProject(code: string): Promise<string> {
    const created = await manager.request({
      method: "POST",
      url: "/api/v1/projects",
      payload: {
        code,
        name: `Project ${code}`,
        donor: "Donor",
        donorCurrency: "KZT",
        ratePpm: "1000000",
        startsOn: "2026-01-01",
        endsOn: "2026-12-31",
        budgetLines: [],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id;
  }

  async function enrolAndTrain(key: string, project: string, trainedOn: string) {
    const enrolled = await manager.request({
      method: "POST",
      url: `/api/v1/projects/${project}/beneficiaries`,
      payload: { personId: person[key], enrolledOn: "2026-01-05" },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const served = await manager.request({
      method: "POST",
      url: `/api/v1/projects/${project}/services`,
      payload: { personId: person[key], kind: "training", deliveredOn: trainedOn },
    });
    expect(served.statusCode, served.body).toBe(201);
  }

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "mco" });
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    manager = await signIn(app, (await buildUser(database, orgId, ["program_manager"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["me_officer"])).email);
    const loanOfficer = await signIn(app, (await buildUser(database, orgId, ["loan_officer"])).email);
    const committee = await signIn(
      app,
      (await buildUser(database, orgId, ["credit_committee_member"])).email,
    );
    await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } });
    const productId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "B",
          names: { kk: "B", ru: "B", en: "B" },
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: berekeSettings,
        },
      })
    ).json().id;
    projectX = await newProject("X");
    projectY = await newProject("Y");
    await newPerson("aigul", "female", "1990-05-01", "KZ-19-TALGAR");
    await newPerson("bibi", "female", "1985-01-01");
    await newPerson("bolat", "male", "1980-01-01");
    await newPerson("dana", "female", "1992-01-01");
    await newPerson("gulnar", "female", "1995-01-01");
    await enrolAndTrain("aigul", projectX, "2026-02-10");
    await enrolAndTrain("aigul", projectY, "2026-02-11");
    await enrolAndTrain("bibi", projectX, "2026-01-10");
    await enrolAndTrain("bolat", projectX, "2026-03-01");
    await enrolAndTrain("dana", projectY, "2026-03-01");
    await enrolAndTrain("gulnar", projectX, "2026-06-01");
    const clients = { officer: loanOfficer, committee, disburser: admin };
    for (const [key, on, principal] of [
      ["aigul", "2026-08-10", "10000000"],
      ["bibi", "2026-07-11", "10000000"],
      ["bolat", "2026-04-01", "20000000"],
      ["dana", "2026-04-01", "10000000"],
    ] as const)
      await buildActiveLoan(clients, {
        productId,
        personId: person[key],
        expectedDisbursementOn: on,
        principalMinor: principal,
      });
    for (const [key, sex, born] of [
      ["asem", "female", "2016-02-02"],
      ["erlan", "male", "2017-03-03"],
    ] as const) {
      await newPerson(key, sex, born);
      const child = await manager.request({
        method: "POST",
        url: "/api/v1/children-center/children",
        payload: { personId: person[key], enrolledOn: "2026-01-01" },
      });
      expect(child.statusCode, child.body).toBe(201);
      person[`${key}Child`] = child.json().id;
    }
    const days = (month: string, count: number) =>
      Array.from({ length: count }, (_, i) => `2026-${month}-${String(i + 2).padStart(2, "0")}`);
    const sheets = new Map<string, string[]>();
    for (const day of days("03", 8)) sheets.set(day, [person.asemChild as string]);
    for (const day of days("03", 7)) sheets.get(day)?.push(person.erlanChild as string);
    for (const day of days("04", 7)) sheets.set(day, [person.erlanChild as string]);
    for (const [attendedOn, childIds] of sheets) {
      const sheet = await manager.request({
        method: "PUT",
        url: "/api/v1/children-center/attendance",
        payload: { attendedOn, childIds },
      });
      expect(sheet.statusCode, sheet.body).toBe(200);
    }
  });

  const trainedThenLoan = {
    measure: "unique_persons",
    events: { source: "service", project: "this", kinds: ["training"] },
    persons: { sexes: ["female"] },
    conditions: [{ events: { source: "loan" }, window: "after", months: 6 }],
  };

  it("counts women trained in the project who took a loan within 6 months (the last day included)", async () => {
    const result = await preview(trainedThenLoan);
    expect(result.statusCode, result.body).toBe(200);
    // aigul: trained 02-10, loan 08-10 (exactly 6 months). bibi: 01-10 → 07-11, a day late. bolat is a man,
    // dana was trained in project Y, gulnar took no loan.
    expect(result.json()).toMatchObject({
      from: "2026-01-01",
      to: "2026-12-31",
      value: "1",
      people: 1,
      bySex: { female: "1", male: "0" },
      byAgeBand: { "30-44": "1", "45-59": "0" },
      byRegion: { "KZ-19-TALGAR": "1" },
    });
    const overY = await preview(trainedThenLoan, projectY);
    // In project Y: dana (03-01 → 04-01) and aigul (02-11 → 08-10, within 6 months).
    expect(overY.json()).toMatchObject({ value: "2", people: 2 });
  });

  it("counts unique beneficiaries once across projects", async () => {
    const ofX = await preview({
      measure: "unique_persons",
      events: { source: "enrolment", project: "this" },
    });
    expect(ofX.json()).toMatchObject({ value: "4", bySex: { female: "3", male: "1" } });
    const ofAll = await preview({
      measure: "unique_persons",
      events: { source: "enrolment", project: "any" },
    });
    // aigul is enrolled in X and Y and counts once: aigul, bibi, bolat, dana, gulnar.
    expect(ofAll.json()).toMatchObject({ value: "5", people: 5, bySex: { female: "4", male: "1" } });
    const enrolments = await preview({ measure: "events", events: { source: "enrolment", project: "any" } });
    expect(enrolments.json()).toMatchObject({ value: "6", people: 5 });
  });

  it("counts children attending at least 8 days in a month", async () => {
    const result = await preview({
      measure: "unique_persons",
      events: { source: "center_attendance" },
      minEventDaysInAMonth: 8,
    });
    // asem: 8 days in March; erlan: 7 and 7, never 8 in one month.
    expect(result.json()).toMatchObject({
      value: "1",
      bySex: { female: "1", male: "0" },
      byAgeBand: { "0-17": "1" },
    });
    const seven = await preview({
      measure: "events",
      events: { source: "center_attendance" },
      minEventDaysInAMonth: 7,
    });
    expect(seven.json()).toMatchObject({ value: "22", people: 2 });
    const march = await preview(
      { measure: "unique_persons", events: { source: "center_attendance" }, minEventDaysInAMonth: 7 },
      projectX,
      { from: "2026-04-01", to: "2026-04-30" },
    );
    expect(march.json()).toMatchObject({ value: "1", bySex: { male: "1" } });
  });

  it("sums loans of people trained in the project in the 6 months before, split by sex", async () => {
    const result = await preview({
      measure: "sum_value",
      events: { source: "loan" },
      conditions: [
        {
          events: { source: "service", project: "this", kinds: ["training"] },
          window: "before",
          months: 6,
        },
      ],
    });
    // aigul 100,000 ₸ (trained 02-10) and bolat 200,000 ₸ (03-01); bibi's training is 6 months and a day back.
    expect(result.json()).toMatchObject({
      value: "30000000",
      people: 2,
      bySex: { female: "10000000", male: "20000000" },
    });
  });

  it("counts people trained in the project who never took a loan", async () => {
    const result = await preview({
      measure: "unique_persons",
      events: { source: "service", project: "this", kinds: ["training"] },
      conditions: [{ events: { source: "loan" }, window: "any_time", isAbsent: true }],
    });
    expect(result.json()).toMatchObject({ value: "1", people: 1 });
    const period = await preview(
      { measure: "unique_persons", events: { source: "service", project: { projectId: projectY } } },
      projectX,
      { from: "2026-03-01", to: "2026-03-31" },
    );
    expect(period.json()).toMatchObject({ value: "1" });
  });

  it("runs every source as counted events and as a condition (no group here: savings and membership count 0)", async () => {
    const expected: [events: Record<string, unknown>, count: string][] = [
      [{ source: "service", project: "any" }, "6"],
      [{ source: "enrolment", project: "any" }, "6"],
      [{ source: "training" }, "0"],
      [{ source: "loan" }, "4"],
      [{ source: "group_savings" }, "0"],
      [{ source: "group_membership" }, "0"],
      [{ source: "center_attendance" }, "22"],
    ];
    for (const [events, count] of expected) {
      const counted = await preview({ measure: "events", events });
      expect(counted.statusCode, counted.body).toBe(200);
      expect(counted.json().value, JSON.stringify(events)).toBe(count);
      const asCondition = await preview({
        measure: "unique_persons",
        events: { source: "enrolment", project: "any" },
        conditions: [{ events, window: "any_time" }],
      });
      expect(asCondition.statusCode, asCondition.body).toBe(200);
    }
  });

  it("refuses definitions that break a rule or are not of the schema, with a catalogue code", async () => {
    const cases: [unknown, number, string][] = [
      [
        { ...trainedThenLoan, conditions: [{ events: { source: "loan" }, window: "after" }] },
        422,
        "indicator_window_must_name_months",
      ],
      [
        { measure: "sum_value", events: { source: "enrolment", project: "this" } },
        422,
        "indicator_measure_must_fit_events",
      ],
      [
        {
          measure: "unique_persons",
          events: { source: "enrolment", project: { projectId: crypto.randomUUID() } },
        },
        422,
        "indicator_project_must_exist",
      ],
      [
        {
          measure: "unique_persons",
          events: { source: "service", project: "this", kinds: ["x'; DROP TABLE persons; --"] },
        },
        400,
        "request_must_be_valid",
      ],
      [
        { measure: "unique_persons", events: { source: "loan" }, sql: "SELECT 1" },
        400,
        "request_must_be_valid",
      ],
    ];
    for (const [definition, status, code] of cases) {
      const refused = await preview(definition);
      expect(refused.statusCode, refused.body).toBe(status);
      expect(refused.json().error.code).toBe(code);
    }
  });

  it("saves an indicator with a target, lists it with progress, corrects it, and refuses a clash", async () => {
    const url = `/api/v1/projects/${projectX}/built-indicators`;
    const refusedToOfficer = await officer.request({
      method: "POST",
      url,
      payload: { name: "Trained, then a loan", definition: trainedThenLoan, target: "2" },
    });
    expect(refusedToOfficer.statusCode).toBe(403);
    const saved = await manager.request({
      method: "POST",
      url,
      payload: { name: "Trained, then a loan", definition: trainedThenLoan, target: "2" },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({
      target: "2",
      version: 1,
      result: { value: "1" },
      progressBps: 5000,
    });
    const again = await manager.request({
      method: "POST",
      url,
      payload: { name: "Trained, then a loan", definition: trainedThenLoan },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("indicator_name_must_be_unique");
    const id = saved.json().id;
    const stale = await manager.request({
      method: "PATCH",
      url: `${url}/${id}`,
      payload: { version: 2, target: "1" },
    });
    expect(stale.json().error.code).toBe("version_must_match");
    const corrected = await manager.request({
      method: "PATCH",
      url: `${url}/${id}`,
      payload: { version: 1, target: "1" },
    });
    expect(corrected.json()).toMatchObject({ version: 2, target: "1", progressBps: 10000 });
    const list = (await officer.request({ url: `${url}?from=2026-01-01&to=2026-01-31` })).json().items;
    // In January only bibi was trained, and her loan came a day too late.
    expect(list).toMatchObject([
      { id, name: "Trained, then a loan", result: { value: "0" }, progressBps: 0 },
    ]);
  });
});
