import { sql } from "@moldir/db";
import { parseIin } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../testing/test-app";
import { seedDemo } from "./seed-demo";

describe("the demo's history (tiny size)", () => {
  const testApp = useTestApp();
  // The association's groups; the micro-credit organization registers a group that borrows as its client too.
  let ngoId: string;
  beforeAll(async () => {
    await seedDemo(testApp().database, "tiny");
    ngoId = (
      await testApp()
        .database.db.selectFrom("organizations")
        .select("org_id")
        .where("kind", "=", "ngo")
        .executeTakeFirstOrThrow()
    ).org_id;
  }, 120_000);

  it("leaves every book balanced: each trial balance sums to zero", async () => {
    const { rows } = await sql<{ book_id: string; debit: string; credit: string }>`
      SELECT book_id, sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
      FROM journal_lines GROUP BY book_id`.execute(testApp().database.db);
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows) expect(row.debit, row.book_id).toBe(row.credit);
  });

  it("keeps each group's cash equal to its cash book: the cash counted at its last meeting and its fund loan", async () => {
    // The count of a meeting holds what is left of a fund loan paid out before it; one paid out on the day of the
    // last meeting (after it) is in the book alone.
    const { rows } = await sql<{ name: string; book_cash: string; counted: string; meetings: number }>`
      SELECT g.name,
        (SELECT coalesce(sum(l.debit_minor - l.credit_minor), 0) FROM journal_lines l JOIN accounts a
           ON a.org_id = l.org_id AND a.id = l.account_id WHERE a.book_id = g.book_id AND a.purpose = 'cash')::text AS book_cash,
        ((SELECT m.cash_counted_minor FROM meetings m WHERE m.org_id = g.org_id AND m.group_id = g.id
           ORDER BY m.held_on DESC LIMIT 1)
         + (SELECT coalesce(sum(f.principal_minor), 0) FROM fund_loans f WHERE f.org_id = g.org_id AND f.group_id = g.id
              AND f.disbursed_on >= (SELECT max(m.held_on) FROM meetings m WHERE m.org_id = g.org_id AND m.group_id = g.id))
        )::text AS counted,
        (SELECT count(*)::int FROM meetings m WHERE m.org_id = g.org_id AND m.group_id = g.id) AS meetings
      FROM groups g WHERE g.org_id = ${ngoId}`.execute(testApp().database.db);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.meetings, row.name).toBeGreaterThanOrEqual(3);
      expect(row.book_cash, row.name).toBe(row.counted);
    }
  });

  it("repays the community fund loan at the meetings after it, in both books", async () => {
    const db = testApp().database.db;
    const loan = await db.selectFrom("fund_loans").selectAll().executeTakeFirstOrThrow();
    const laterMeetings = await db
      .selectFrom("meetings")
      .select("id")
      .where("group_id", "=", loan.group_id)
      .where("held_on", ">", loan.disbursed_on)
      .execute();
    const repayments = await db
      .selectFrom("fund_repayments")
      .selectAll()
      .where("loan_id", "=", loan.id)
      .execute();
    // One line at each later meeting with an installment due by its day (a tiny history may have none).
    expect(repayments.length).toBeLessThanOrEqual(laterMeetings.length);
    const meetingIds = new Set(laterMeetings.map((m) => m.id));
    for (const repayment of repayments) expect(meetingIds.has(repayment.meeting_id ?? "")).toBe(true);
    const principalPaid = repayments.reduce((sum, r) => sum + r.principal_minor, 0n);
    expect(principalPaid).toBeLessThanOrEqual(loan.principal_minor);
    const { rows } = await sql<{ debit: string; credit: string }>`
      SELECT coalesce(sum(l.debit_minor), 0)::text AS debit, coalesce(sum(l.credit_minor), 0)::text AS credit
      FROM journal_lines l JOIN journal_entries e ON e.org_id = l.org_id AND e.id = l.entry_id
      WHERE e.source_type = 'fund_repayment'`.execute(db);
    expect(rows[0]?.debit).toBe(rows[0]?.credit);
  });

  it("registers the members with valid IINs, consent and households, and joins the federation's villages", async () => {
    const db = testApp().database.db;
    const persons = await db.selectFrom("persons").select(["iin"]).where("iin", "is not", null).execute();
    expect(persons.length).toBeGreaterThanOrEqual(10);
    expect(persons.every((p) => parseIin(p.iin ?? "").ok)).toBe(true);
    const members = await db
      .selectFrom("group_members")
      .select("person_id")
      .where("org_id", "=", ngoId)
      .execute();
    const consents = await db
      .selectFrom("consents")
      .select("person_id")
      .where("org_id", "=", ngoId)
      .where("purpose", "=", "membership")
      .execute();
    expect(new Set(consents.map((c) => c.person_id))).toEqual(new Set(members.map((m) => m.person_id)));
    expect(
      (await db.selectFrom("households").select("id").where("org_id", "=", ngoId).execute()).length,
    ).toBe(members.length);
    expect((await db.selectFrom("federation_node_groups").select("group_id").execute()).length).toBe(2);
    // The group of Бесағаш borrowed from its village organization's community investment fund.
    expect((await db.selectFrom("fund_loans").select("id").execute()).length).toBe(1);
    expect(
      (await db.selectFrom("training_participants").select("person_id").execute()).length,
    ).toBeGreaterThan(0);
  });
});
