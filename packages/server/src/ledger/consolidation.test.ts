import { withTenant } from "@moldir/db";
import {
  fundLoanPostings,
  fundRepaymentPostings,
  membershipFeePostings,
  type PlainDate,
} from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { xlsxRows } from "../exports/testing";
import { postInBothBooks } from "../federations/two-books";
import { newId } from "../identity/secrets";
import { buildOrganization, buildUser, type Client, signIn, testShgBylaws } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";

type Row = { code: string; balanceMinor: string; debitMinor: string; creditMinor: string };
type Account = { id: string; code: string; purpose: string | null };

/**
 * A federation node lends to a group from its community investment fund, is repaid with interest, and
 * collects a membership fee. Consolidated, the loan, the interest and the fee are inside one whole and vanish;
 * only the donor's capital and the cash remain.
 */
describe("consolidated statements with eliminations, and ledger scopes", () => {
  const testApp = useTestApp();
  let admin: Client;
  let orgId: string;
  let userId: string;
  let node: { id: string; bookId: string };
  let group: { id: string; bookId: string };
  let lateGroup: { id: string; bookId: string };
  let nodeAccounts: Account[];
  let groupAccounts: Account[];

  const codeOf = (accounts: Account[], purpose: string) => {
    const found = accounts.find((a) => a.purpose === purpose);
    if (found === undefined) throw new Error(`no account for ${purpose}`);
    return found.code;
  };

  async function createGroup(name: string, joinedOn: string) {
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/groups",
      payload: {
        name,
        methodology: "shg",
        frequency: "monthly",
        formedOn: "2025-01-01",
        bylaws: testShgBylaws,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const joined = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${node.id}/groups`,
      payload: { groupId: created.json().id, joinedOn },
    });
    expect(joined.statusCode, joined.body).toBe(200);
    return { id: created.json().id as string, bookId: created.json().bookId as string };
  }

  async function betweenBooks(
    postings: Parameters<typeof postInBothBooks>[3],
    valueDate: PlainDate,
    type: string,
  ) {
    await withTenant(testApp().database, { orgId, userId }, (trx) =>
      postInBothBooks(
        trx,
        { orgId, userId },
        { nodeBookId: node.bookId, groupBookId: group.bookId },
        postings,
        valueDate,
        { type, id: newId() },
        type,
      ),
    );
  }

  const consolidated = async (what: string, asOf: string, extra = "") => {
    const response = await admin.request({
      url: `/api/v1/books/${node.bookId}/consolidated-${what}?asOf=${asOf}${extra}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const balanceOf = (rows: Row[], code: string) => rows.find((r) => r.code === code)?.balanceMinor;

  beforeAll(async () => {
    ({ orgId } = await buildOrganization(testApp().database, { kind: "federation" }));
    const user = await buildUser(testApp().database, orgId, ["administrator"]);
    userId = user.userId;
    admin = await signIn(testApp().app, user.email);
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/federation-nodes",
      payload: { name: "Village", level: "village", parentId: null, formedOn: "2024-12-01" },
    });
    expect(created.statusCode, created.body).toBe(201);
    node = { id: created.json().id, bookId: created.json().bookId };
    group = await createGroup("Alpha", "2025-01-01");
    lateGroup = await createGroup("Late", "2026-01-01");
    nodeAccounts = (await admin.request({ url: `/api/v1/books/${node.bookId}/accounts` })).json().items;
    groupAccounts = (await admin.request({ url: `/api/v1/books/${group.bookId}/accounts` })).json().items;
    const id = (purpose: string) => nodeAccounts.find((a) => a.purpose === purpose)?.id;
    const capital = await admin.request({
      method: "POST",
      url: `/api/v1/books/${node.bookId}/journal-entries`,
      payload: {
        valueDate: "2025-01-05",
        narration: "CIF capital from the donor",
        lines: [
          { accountId: id("cash"), side: "debit", amountMinor: "5000000" },
          { accountId: id("cif_capital"), side: "credit", amountMinor: "5000000" },
        ],
      },
    });
    expect(capital.statusCode, capital.body).toBe(201);
    await betweenBooks(fundLoanPostings("cif", 1_000_000n), "2025-03-01" as PlainDate, "fund_loan");
    await betweenBooks(
      fundRepaymentPostings("cif", 250_000n, 10_000n),
      "2025-04-01" as PlainDate,
      "fund_repayment",
    );
    await betweenBooks(membershipFeePostings(5_000n), "2025-04-10" as PlainDate, "federation_fee");
  });

  it("takes the node's book with the books of the groups that belonged to it on the date", async () => {
    expect((await consolidated("trial-balance", "2025-12-31")).books).toBe(3 - 1);
    const later = await consolidated("trial-balance", "2026-01-31");
    expect(later.books).toBe(3);
    expect(later.bookIds).toContain(lateGroup.bookId);
  });

  it("eliminates the loan, its interest and the fee between the node and its group; cash and capital stay", async () => {
    const tb = await consolidated("trial-balance", "2025-12-31");
    const loans = codeOf(nodeAccounts, "cif_loans_to_groups");
    const owed = codeOf(groupAccounts, "federation_loan");
    expect(balanceOf(tb.rows, loans)).toBe("0");
    expect(balanceOf(tb.rows, owed)).toBe("0");
    expect(balanceOf(tb.rows, codeOf(nodeAccounts, "interest_income"))).toBe("0");
    expect(balanceOf(tb.rows, codeOf(groupAccounts, "interest_expense"))).toBe("0");
    expect(balanceOf(tb.rows, codeOf(nodeAccounts, "member_fee_income"))).toBe("0");
    expect(balanceOf(tb.rows, codeOf(nodeAccounts, "cash"))).toBe("5000000");
    expect(balanceOf(tb.rows, codeOf(nodeAccounts, "cif_capital"))).toBe("5000000");
    expect(tb.totalDebitMinor).toBe("5000000");
    expect(tb.totalCreditMinor).toBe("5000000");
    const eliminated = new Map(
      (tb.eliminations as { code: string; debitMinor: string; creditMinor: string }[]).map((e) => [
        e.code,
        [e.debitMinor, e.creditMinor],
      ]),
    );
    expect(eliminated.get(loans)).toEqual(["1000000", "250000"]);
    expect(eliminated.get(owed)).toEqual(["250000", "1000000"]);
    let debit = 0n;
    let credit = 0n;
    for (const [d, c] of eliminated.values()) {
      debit += BigInt(d ?? "0");
      credit += BigInt(c ?? "0");
    }
    expect(debit).toBe(credit);
  });

  it("shows each side where it stands when asked not to eliminate", async () => {
    const tb = await consolidated("trial-balance", "2025-12-31", "&eliminate=false");
    expect(tb.eliminations).toEqual([]);
    expect(balanceOf(tb.rows, codeOf(nodeAccounts, "cif_loans_to_groups"))).toBe("750000");
    expect(balanceOf(tb.rows, codeOf(groupAccounts, "federation_loan"))).toBe("750000");
  });

  it("gives a consolidated balance sheet that balances, with and without eliminations", async () => {
    const sheet = await consolidated("balance-sheet", "2025-12-31");
    expect(sheet).toMatchObject({ totalAssetsMinor: "5000000", totalLiabilitiesMinor: "0" });
    expect(BigInt(sheet.totalEquityMinor) + BigInt(sheet.currentEarningsMinor)).toBe(5_000_000n);
    const gross = await consolidated("balance-sheet", "2025-12-31", "&eliminate=false");
    expect(gross).toMatchObject({ totalAssetsMinor: "5750000", totalLiabilitiesMinor: "750000" });
  });

  it("never changes a consolidation as of an earlier date: before the loan there is nothing to eliminate", async () => {
    const before = await consolidated("trial-balance", "2025-02-28");
    expect(before.eliminations).toEqual([]);
    expect(balanceOf(before.rows, codeOf(nodeAccounts, "cash"))).toBe("5000000");
  });

  it("exports the consolidated statements and the general journal", async () => {
    const xlsx = await admin.request({
      url: `/api/v1/books/${node.bookId}/consolidated-trial-balance/export?asOf=2025-12-31&format=xlsx&locale=ru`,
    });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const { rows } = await xlsxRows(xlsx.rawPayload);
    const text = JSON.stringify(rows);
    expect(text).toContain("Консолидированный пробный баланс");
    expect(text).toContain("Исключены операции между книгами");
    const pdf = await admin.request({
      url: `/api/v1/books/${node.bookId}/consolidated-balance-sheet/export?asOf=2025-12-31&format=pdf&locale=kk`,
    });
    expect([pdf.statusCode, pdf.headers["content-type"]]).toEqual([200, "application/pdf"]);
    const journal = await admin.request({
      url: `/api/v1/books/${group.bookId}/journal/export?from=2025-01-01&to=2025-12-31&format=csv&locale=en`,
    });
    expect(journal.statusCode, journal.body).toBe(200);
    const lines = journal.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines.some((l) => l.startsWith("2025-03-01") && l.includes("10000.00"))).toBe(true);
    expect(lines.find((l) => l.includes("Turnover"))).toContain("12650.00");
  });

  it("lets a ledger role scoped to a group reach that group's book alone", async () => {
    const scoped = await signIn(
      testApp().app,
      (
        await buildUser(testApp().database, orgId, [
          { role: "accountant", scopeKind: "group", scopeId: group.id },
        ])
      ).email,
    );
    const books = (await scoped.request({ url: "/api/v1/books" })).json().items as { id: string }[];
    expect(books.map((b) => b.id)).toEqual([group.bookId]);
    const own = await scoped.request({ url: `/api/v1/books/${group.bookId}/trial-balance?asOf=2025-12-31` });
    expect(own.statusCode).toBe(200);
    for (const url of [
      `/api/v1/books/${node.bookId}/trial-balance?asOf=2025-12-31`,
      `/api/v1/books/${node.bookId}/accounts`,
      `/api/v1/books/${lateGroup.bookId}/journal-entries`,
      `/api/v1/books/${node.bookId}/consolidated-trial-balance?asOf=2025-12-31`,
      `/api/v1/accounts/${nodeAccounts[0]?.id}/ledger?from=2025-01-01&to=2025-12-31`,
      `/api/v1/books/${node.bookId}/journal/export?from=2025-01-01&to=2025-12-31&format=csv`,
    ]) {
      const refused = await scoped.request({ url });
      expect([url, refused.statusCode]).toEqual([url, 404]);
    }
    const entries = (await scoped.request({ url: `/api/v1/books/${group.bookId}/journal-entries` })).json();
    const nodeEntry = (
      await admin.request({ url: `/api/v1/books/${node.bookId}/journal-entries?limit=1` })
    ).json().items[0];
    expect(entries.items.length).toBeGreaterThan(0);
    expect((await scoped.request({ url: `/api/v1/journal-entries/${nodeEntry.id}` })).statusCode).toBe(404);
    const post = await scoped.request({
      method: "POST",
      url: `/api/v1/books/${node.bookId}/journal-entries`,
      payload: {
        valueDate: "2025-05-01",
        narration: "Not hers",
        lines: [
          { accountId: nodeAccounts[0]?.id, side: "debit", amountMinor: "1" },
          { accountId: nodeAccounts[1]?.id, side: "credit", amountMinor: "1" },
        ],
      },
    });
    expect(post.statusCode).toBe(404);
    const newBook = await scoped.request({
      method: "POST",
      url: "/api/v1/books",
      payload: { template: "ngo" },
    });
    expect(newBook.statusCode).toBe(403);
  });

  it("lets a ledger role scoped to the node reach the node's book, and consolidate only what it may read", async () => {
    const scoped = await signIn(
      testApp().app,
      (
        await buildUser(testApp().database, orgId, [
          { role: "accountant", scopeKind: "federation", scopeId: node.id },
        ])
      ).email,
    );
    const books = (await scoped.request({ url: "/api/v1/books" })).json().items as { id: string }[];
    expect(books.map((b) => b.id)).toEqual([node.bookId]);
    const tb = (
      await scoped.request({ url: `/api/v1/books/${node.bookId}/consolidated-trial-balance?asOf=2025-12-31` })
    ).json();
    expect(tb.bookIds).toEqual([node.bookId]);
    expect(
      (await scoped.request({ url: `/api/v1/books/${group.bookId}/trial-balance?asOf=2025-12-31` }))
        .statusCode,
    ).toBe(404);
  });
});
