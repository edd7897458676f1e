import { sql } from "@moldir/db";
import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { bulkLoad, bulkSizes } from "./bulk";

describe("the bulk path", () => {
  const testApp = useTestApp();
  let orgId: string;
  beforeAll(async () => {
    orgId = (await buildOrganization(testApp().database)).orgId;
    const counts = await bulkLoad(testApp().database, orgId, {
      seed: 3,
      size: bulkSizes.tiny,
      lastDay: plainDate("2026-06-30"),
    });
    expect(counts).toEqual({ persons: 12, groups: 3, meetings: 12 });
  });

  it("leaves every book balanced: each trial balance sums to zero", async () => {
    const { rows } = await sql<{ book_id: string; debit: string; credit: string }>`
      SELECT book_id, sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
      FROM journal_lines WHERE org_id = ${orgId} GROUP BY book_id`.execute(testApp().database.db);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.debit, row.book_id).toBe(row.credit);
  });

  it("writes what the application reads: each group's cash is its members' savings and its last count", async () => {
    const { email } = await buildUser(testApp().database, orgId, ["administrator"]);
    const client = await signIn(testApp().app, email);
    const groups = (await client.request({ url: "/api/v1/groups" })).json().items;
    expect(groups).toHaveLength(3);
    for (const summary of groups) {
      const group = (await client.request({ url: `/api/v1/groups/${summary.id}` })).json();
      const savings = group.members.reduce(
        (s: bigint, m: { savingsMinor: string }) => s + BigInt(m.savingsMinor),
        0n,
      );
      expect(group.members).toHaveLength(4);
      expect(group.cashMinor).toBe(savings.toString());
      expect(group.cashMinor).toBe((4n * 4n * 100_000n).toString());
      const meetings = (await client.request({ url: `/api/v1/groups/${summary.id}/meetings` })).json().items;
      expect(meetings[0].cashCountedMinor).toBe(group.cashMinor);
      expect(meetings[0].attendance).toHaveLength(4);
    }
  });
});
