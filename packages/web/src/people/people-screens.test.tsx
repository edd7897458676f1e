import type { Person, PersonSummary } from "@moldir/contract";
import type { ImportPersonsResponse } from "@moldir/contract/people-import";
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
});

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
  it("sends the file as it is, and lists each row's problems from the dry run", async () => {
    const report: ImportPersonsResponse = {
      mode: "dry_run",
      rows: [
        { rowNumber: 2, status: "ok", name: "Сейітова Айгүл", problems: [] },
        {
          rowNumber: 3,
          status: "error",
          name: "Бекова Сая",
          problems: [
            {
              field: "iin",
              code: "iin_must_have_valid_check_digit",
              message: "The IIN check digit is wrong.",
            },
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
      ],
      counts: { total: 3, ok: 1, error: 1, duplicate: 1, alreadyImported: 0 },
      createdCount: 0,
    };
    const requests = fakeApi({ "POST /api/v1/persons/import": json(report) });
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

    const table = await screen.findByRole("table", { name: "Rows of the file" });
    expect(within(table).getByText("The IIN check digit is wrong.")).toBeTruthy();
    expect(within(table).getByText("Same as row 2")).toBeTruthy();
    expect(within(table).queryByText("Сейітова Айгүл")).toBeNull();
    expect(screen.getByText("Errors: 1")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Import the 1 valid rows" })).toBeTruthy();
    const upload = requests.find((request) => request.method === "POST");
    expect(upload?.path).toBe("/api/v1/persons/import?mode=dry_run");
    expect(upload?.headers["content-type"]).toBe("text/csv");

    fireEvent.click(screen.getByRole("radio", { name: "All rows" }));
    expect(await within(table).findByText("Сейітова Айгүл")).toBeTruthy();
  });
});
