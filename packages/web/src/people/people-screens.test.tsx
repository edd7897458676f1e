import type { Person, PersonSummary } from "@moldir/contract";
import type { ImportJob } from "@moldir/contract/people-import";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../app";
import { todayPlainDate } from "../ledger/ledger-api";
import { fakeApi, json } from "../test/fake-api";
import { renderWithApp } from "../test/render";
import { buildSession } from "../test/sessions";

afterEach(() => {
  vi.unstubAllGlobals();
});

const personId = "0190a000-0000-7000-8000-0000000000e1";
const consentId = "0190a000-0000-7000-8000-0000000000f1";

const lazzatSummary: PersonSummary = {
  id: personId,
  surname: "Ишмухамедова",
  givenName: "Ләззат",
  patronymic: null,
  nameLatin: "ishmukhamedova lazzat",
  sex: "female",
  birthDate: "2006-12-11",
  iinMasked: "06•••••••012",
  phones: ["+77012345678"],
  regionId: null,
  vulnerabilities: ["single_mother"],
  mergedIntoId: null,
  isErased: false,
};

function buildPerson(overrides: Partial<Person> = {}): Person {
  return {
    ...lazzatSummary,
    address: null,
    documents: [],
    incomeBand: null,
    dependants: null,
    languages: ["kk"],
    version: 1,
    households: [],
    consents: [
      {
        id: consentId,
        personId,
        purpose: "membership",
        givenOn: "2025-01-10",
        validUntil: null,
        withdrawnOn: null,
        allowsThirdParties: false,
        allowsCrossBorder: false,
        document: "No. 12",
        isActive: true,
      },
    ],
    ...overrides,
  };
}

const profileRoutes = (person: () => Person) => ({
  [`GET /api/v1/persons/${personId}`]: () => json(person()),
  "GET /api/v1/audit-events": json({ items: [], nextCursor: null }),
  [`GET /api/v1/persons/${personId}/roles`]: json({
    items: [
      {
        kind: "group_member",
        label: "Бақыт",
        recordId: groupId,
        from: "2025-01-01",
        until: null,
        detail: null,
      },
      { kind: "borrower", label: "№7", recordId: loanId, from: "2025-02-01", until: null, detail: "active" },
    ],
  }),
});
const groupId = "0190a000-0000-7000-8000-0000000000a1";
const loanId = "0190a000-0000-7000-8000-0000000000b1";

describe("a new person", () => {
  it("offers likely duplicates before saving, and saves once she is judged a different person", async () => {
    const requests = fakeApi({
      "GET /api/v1/regions": json({ items: [] }),
      "POST /api/v1/persons/duplicates": json({ sameIin: null, similar: [lazzatSummary] }),
      "POST /api/v1/persons": json(buildPerson({ id: "0190a000-0000-7000-8000-0000000000e2" }), 201),
      "GET /api/v1/persons/0190a000-0000-7000-8000-0000000000e2": json(buildPerson()),
      "GET /api/v1/audit-events": json({ items: [] }),
    });
    renderWithApp(<App />, { locale: "en", path: "/people/new", session: buildSession(["administrator"]) });
    fireEvent.change(await screen.findByRole("textbox", { name: /^Surname/ }, { timeout: 5000 }), {
      target: { value: "Ishmuhamedova" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: /^Given name/ }), { target: { value: "Lazzat" } });
    fireEvent.change(screen.getByLabelText("Birth date"), { target: { value: "2006-12-11" } });

    const offered = await screen.findByRole(
      "region",
      { name: "She may already be registered" },
      { timeout: 3000 },
    );
    expect(within(offered).getByRole("link", { name: "Ишмухамедова Ләззат" })).toBeTruthy();
    const check = requests.find((request) => request.path === "/api/v1/persons/duplicates");
    expect(check?.body).toMatchObject({
      surname: "Ishmuhamedova",
      givenName: "Lazzat",
      birthDate: "2006-12-11",
    });

    fireEvent.click(
      within(offered).getByRole("checkbox", { name: "Ишмухамедова Ләззат is a different person" }),
    );
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((request) => request.path === "/api/v1/persons")).toBe(true));
    const save = requests.find((request) => request.path === "/api/v1/persons");
    expect(save?.body).toMatchObject({ surname: "Ishmuhamedova", confirmNotDuplicateOf: [personId] });
  });
});

describe("a person's profile", () => {
  it("shows the IIN masked, and reveals it when asked", async () => {
    const requests = fakeApi({
      ...profileRoutes(() => buildPerson()),
      [`POST /api/v1/persons/${personId}/reveal-iin`]: json({ iin: "061211600012" }),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/people/${personId}`,
      session: buildSession(["administrator"]),
    });
    expect(await screen.findByText("06•••••••012")).toBeTruthy();
    expect(screen.queryByText("061211600012")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(await screen.findByText("061211600012")).toBeTruthy();
    expect(requests.some((request) => request.path.includes("061211600012"))).toBe(false);
    fireEvent.click(screen.getByRole("button", { name: "Hide" }));
    expect(await screen.findByText("06•••••••012")).toBeTruthy();
  });

  it("offers no reveal to a person without people.reveal_iin", async () => {
    fakeApi(profileRoutes(() => buildPerson()));
    renderWithApp(<App />, {
      locale: "en",
      path: `/people/${personId}`,
      session: buildSession(["facilitator"]),
    });
    expect(await screen.findByText("06•••••••012")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Show" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "History" })).toBeNull();
  });

  it("withdraws a consent on the date given, and shows it withdrawn", async () => {
    let isWithdrawn = false;
    const withdrawn = (person: Person): Person => ({
      ...person,
      consents: person.consents.map((consent) => ({
        ...consent,
        withdrawnOn: todayPlainDate(),
        isActive: false,
      })),
    });
    const requests = fakeApi({
      ...profileRoutes(() => (isWithdrawn ? withdrawn(buildPerson()) : buildPerson())),
      [`POST /api/v1/consents/${consentId}/withdraw`]: () => {
        isWithdrawn = true;
        return json(withdrawn(buildPerson()).consents[0]);
      },
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/people/${personId}`,
      session: buildSession(["administrator"]),
    });
    expect(await screen.findByText("In force")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Withdraw the consent for Group membership" }));
    const dialog = await screen.findByRole("dialog", { name: "Withdraw the consent for Group membership" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Withdraw the consent" }));
    expect(await screen.findByText(/^Withdrawn /)).toBeTruthy();
    const withdraw = requests.find((request) => request.path.endsWith("/withdraw"));
    expect(withdraw?.body).toEqual({ withdrawnOn: todayPlainDate() });
    expect(withdraw?.headers["x-csrf-token"]).toBe("c_test");
  });
});

describe("the import wizard", () => {
  it("sends the file as a job, shows its progress, lists each row's problems, then imports the checked file", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const jobId = "0190a000-0000-7000-8000-0000000000c1";
    const commitId = "0190a000-0000-7000-8000-0000000000c2";
    const problemRows: ImportJob["problemRows"] = [
      {
        rowNumber: 3,
        status: "error",
        name: "Бекова Сая",
        problems: [
          { field: "iin", code: "iin_must_have_valid_check_digit", message: "The IIN check digit is wrong." },
        ],
      },
      {
        rowNumber: 4,
        status: "duplicate",
        name: "Сейитова Айгуль",
        problems: [
          {
            field: "iin",
            code: "iin_must_be_unique",
            message: "A person with this IIN is already registered.",
          },
        ],
        duplicateOf: { personId: null, rowNumber: 2, name: "Сейітова Айгүл" },
      },
      {
        rowNumber: 5,
        status: "already_imported",
        name: "Ишмухамедова Ләззат",
        problems: [],
        duplicateOf: { personId, rowNumber: null, name: "Ишмухамедова Ләззат" },
      },
    ];
    const job = (overrides: Partial<ImportJob>): ImportJob => ({
      id: jobId,
      mode: "dry_run",
      skipInvalid: false,
      status: "running",
      totalRows: 4_000,
      processedRows: 1_000,
      counts: null,
      problemRows: [],
      createdCount: 0,
      error: null,
      createdAt: "2025-06-30T10:00:00.000Z",
      ...overrides,
    });
    let polls = 0;
    const requests = fakeApi({
      "POST /api/v1/persons/import-jobs": json(job({ status: "queued", processedRows: 0 }), 202),
      [`GET /api/v1/persons/import-jobs/${jobId}`]: () => {
        polls += 1;
        return polls === 1
          ? json(job({}))
          : json(
              job({
                status: "done",
                processedRows: 4_000,
                counts: { total: 4_000, ok: 3_997, error: 1, duplicate: 1, alreadyImported: 1 },
                problemRows,
              }),
            );
      },
      [`POST /api/v1/persons/import-jobs/${jobId}/commit`]: json(
        job({ id: commitId, mode: "commit", status: "queued", processedRows: 0 }),
        202,
      ),
      [`GET /api/v1/persons/import-jobs/${commitId}`]: json(
        job({
          id: commitId,
          mode: "commit",
          status: "done",
          processedRows: 4_000,
          counts: { total: 4_000, ok: 3_997, error: 1, duplicate: 1, alreadyImported: 1 },
          createdCount: 3_997,
        }),
      ),
    });
    const { container } = renderWithApp(<App />, {
      locale: "en",
      path: "/people/import",
      session: buildSession(["administrator"]),
    });
    await screen.findByRole("heading", { level: 1, name: "Import people" });
    expect(screen.getByRole("link", { name: "Excel template" }).getAttribute("href")).toBe(
      "/api/v1/persons/import/template?format=xlsx&locale=en",
    );
    const input = container.querySelector('input[type="file"]');
    if (input === null) throw new Error("no file input");
    const file = new File(["Surname,Given name\nA,B\n"], "people.csv", { type: "" });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(screen.getByRole("button", { name: "Check the file" }));

    expect(await screen.findByText(/1000 of 4000 rows/)).toBeTruthy();
    const table = await screen.findByRole("table", { name: "Rows of the file" });
    expect(within(table).getByText("The IIN check digit is wrong.")).toBeTruthy();
    expect(within(table).getByText("Same as row 2")).toBeTruthy();
    expect(within(table).queryByText("Ишмухамедова Ләззат")).toBeNull();
    expect(screen.getByText("Errors: 1")).toBeTruthy();
    const upload = requests.find((request) => request.method === "POST");
    expect(upload?.path).toBe("/api/v1/persons/import-jobs?mode=dry_run");
    expect(upload?.headers["content-type"]).toBe("text/csv");

    fireEvent.click(screen.getByRole("radio", { name: "Also rows already registered" }));
    expect(await within(table).findByText("Ишмухамедова Ләззат")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Import the 3997 valid rows" }));
    expect(await screen.findByText(/People added: 3997/)).toBeTruthy();
    const commit = requests.find((request) => request.path.endsWith("/commit"));
    expect(commit?.body).toEqual({ skipInvalid: true });
    vi.useRealTimers();
  });
});

describe("editing a person", () => {
  it("fills the form with her record and sends the changes with the version read", async () => {
    const requests = fakeApi({
      ...profileRoutes(() => buildPerson()),
      "GET /api/v1/regions": json({ items: [] }),
      [`PATCH /api/v1/persons/${personId}`]: json(buildPerson({ givenName: "Лаззат", version: 2 })),
    });
    renderWithApp(<App />, {
      locale: "en",
      path: `/people/${personId}/edit`,
      session: buildSession(["administrator"]),
    });
    const given = await screen.findByRole("textbox", { name: /^Given name/ });
    expect((given as HTMLInputElement).value).toBe("Ләззат");
    expect(screen.getByText("Now 06•••••••012; leave empty to keep it")).toBeTruthy();
    fireEvent.change(given, { target: { value: "Лаззат" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(requests.some((request) => request.method === "PATCH")).toBe(true));
    const patch = requests.find((request) => request.method === "PATCH");
    expect(patch?.body).toMatchObject({ version: 1, givenName: "Лаззат", phones: ["+77012345678"] });
    expect(patch?.body).not.toHaveProperty("iin");
    expect(requests.some((request) => request.path === "/api/v1/persons/duplicates")).toBe(false);
  });
});

describe("the person list", () => {
  it("asks the server for the filters chosen", async () => {
    const requests = fakeApi({
      "GET /api/v1/regions": json({ items: [] }),
      "POST /api/v1/persons/search": json({ items: [lazzatSummary], nextCursor: null }),
    });
    renderWithApp(<App />, { locale: "en", path: "/people", session: buildSession(["administrator"]) });
    expect(await screen.findByText("ishmukhamedova lazzat")).toBeTruthy();
    fireEvent.click(screen.getByRole("combobox", { name: "Group membership" }));
    fireEvent.click(await screen.findByRole("option", { name: "In no group" }));
    await waitFor(() => expect(requests.at(-1)?.body).toMatchObject({ filters: { isGroupMember: false } }));
  });
});

describe("a person's roles", () => {
  it("shows her groups and loans as a timeline, and offers the PDF in each language", async () => {
    fakeApi(profileRoutes(() => buildPerson()));
    renderWithApp(<App />, {
      locale: "en",
      path: `/people/${personId}`,
      session: buildSession(["administrator"]),
    });
    const roles = await screen.findByRole("region", { name: "Roles" });
    expect(await within(roles).findByText("Self-help group member")).toBeTruthy();
    expect(within(roles).getByText("Бақыт")).toBeTruthy();
    expect(within(roles).getByText("Micro-credit borrower")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Export (PDF)" }));
    const kazakh = await screen.findByRole("menuitem", { name: "PDF in Kazakh" });
    expect(kazakh.getAttribute("href")).toBe(`/api/v1/persons/${personId}/export.pdf?locale=kk`);
  });
});
