import { sql } from "@moldir/db";
import { plainDate } from "@moldir/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOrganization, buildUser, testPassword } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { signedInApi } from "./api";
import { type AppliedCounts, applyPlan } from "./apply";
import { generatePlan, generatorSizes } from "./plan";

describe("a plan written through the API", () => {
  const testApp = useTestApp();
  const plan = generatePlan(11, generatorSizes.tiny, plainDate("2026-03-31"));
  let orgId: string;
  let counts: AppliedCounts;
  beforeAll(async () => {
    orgId = (await buildOrganization(testApp().database)).orgId;
    const { email } = await buildUser(testApp().database, orgId, ["administrator"]);
    counts = await applyPlan(await signedInApi(testApp().app, email, testPassword), plan);
  }, 120_000);

  it("registers every person, household, group, member and meeting of the plan", () => {
    const children = plan.households.reduce((n, h) => n + h.children.length, 0);
    expect(counts).toEqual({
      persons: plan.households.length + children,
      households: plan.households.length,
      groups: 2,
      members: plan.households.length,
      meetings: plan.groups.reduce((n, g) => n + g.meetings.length, 0),
      federationGroups: 0,
      fundLoans: 0,
      fundRepayments: 0,
      trainingParticipants: plan.groups[0]?.householdKeys.length,
    });
  });

  it("leaves the groups' books balanced, with the loans and fines of the plan", async () => {
    const db = testApp().database.db;
    const { rows } = await sql<{ debit: string; credit: string }>`
      SELECT sum(debit_minor)::text AS debit, sum(credit_minor)::text AS credit
      FROM journal_lines WHERE org_id = ${orgId} GROUP BY book_id`.execute(db);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.debit).toBe(row.credit);
    const loans = plan.groups.flatMap((g) => g.meetings.flatMap((m) => m.loansDisbursed));
    expect(
      await db.selectFrom("group_loans").select("id").where("org_id", "=", orgId).execute(),
    ).toHaveLength(loans.length);
  });
});
