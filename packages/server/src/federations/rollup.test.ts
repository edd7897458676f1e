import { asSystem, type Database, sql, withTenant } from "@moldir/db";
import {
  addDays,
  addMonths,
  endOfMonth,
  type GroupFigures,
  type MetricsInput,
  metricsOfGroups,
  type PlainDate,
  plainDate,
  plainDateAt,
  type Rollup,
  rollUp,
} from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { demoPassword, seedDemo } from "../demo/seed-demo";
import { bulkLoad } from "../generator/bulk";
import { metricsInputOfGroup } from "../groups/health";
import { buildOrganization, buildUser, type Client, signIn } from "../testing/fixtures";
import { useTestApp } from "../testing/test-app";
import { figuresOfGroup, groupsInNodesOn } from "./figures";
import { figuresOfNodes } from "./rollup";
import { nodesBelow } from "./scope";

/** The month ends of a trend of `months` months ending on `asOf`, as the roll-up route takes them. */
function monthEndsOf(asOf: PlainDate, months: number): PlainDate[] {
  const ends: PlainDate[] = [];
  for (let back = months - 1; back >= 1; back--) ends.push(endOfMonth(addMonths(asOf, -back)));
  return ends;
}

interface PerGroup {
  readonly asOf: PlainDate;
  /** By date (the month ends, then asOf): the groups' figures as `figuresOfGroup` gives them one by one. */
  readonly figures: ReadonlyMap<PlainDate, readonly GroupFigures[]>;
  readonly metricsInputs: readonly MetricsInput[];
}

/**
 * Checks the set-based roll-up (`figuresOfNodes`) against the per-group definition (`figuresOfGroup`,
 * `metricsInputOfGroup`) for every group below the node and every date: the same groups, the same figures to
 * the tiyn, the same grades, the same metrics' inputs. Returns the per-group figures.
 */
async function expectSameAsPerGroup(
  database: Database,
  orgId: string,
  nodeId: string,
  asOf: PlainDate,
  months: number,
): Promise<PerGroup> {
  return withTenant(database, { orgId, userId: null }, async (trx) => {
    const nodeIds = await nodesBelow(trx, orgId, [nodeId]);
    const monthEnds = monthEndsOf(asOf, months);
    const rolled = await figuresOfNodes(trx, orgId, nodeIds, asOf, monthEnds);
    const figures = new Map<PlainDate, GroupFigures[]>();
    for (const on of [...monthEnds, asOf]) {
      const groups = await groupsInNodesOn(trx, orgId, nodeIds, on);
      const expected: GroupFigures[] = [];
      for (const group of groups) expected.push(await figuresOfGroup(trx, orgId, group, on, on === asOf));
      figures.set(on, expected);
      const actual =
        on === asOf
          ? rolled.groups.map((g) => g.figures)
          : (rolled.trend.find((t) => t.monthEnd === on)?.figures ?? []);
      const byId = (list: readonly GroupFigures[]) =>
        [...list].sort((a, b) => a.groupId.localeCompare(b.groupId));
      expect(byId(actual), `figures as of ${on}`).toEqual(byId(expected));
    }
    const current = await groupsInNodesOn(trx, orgId, nodeIds, asOf);
    // Listed by name, as the per-group path lists them.
    expect(rolled.groups.map((g) => g.group.name)).toEqual(current.map((g) => g.name));
    const metricsInputs: MetricsInput[] = [];
    for (const group of current) metricsInputs.push(await metricsInputOfGroup(trx, orgId, group, asOf));
    const inputById = new Map(rolled.groups.map((g, i) => [g.group.id, rolled.metricsInputs[i]]));
    for (const [i, group] of current.entries())
      expect(inputById.get(group.id), `metrics' input of ${group.name}`).toEqual(metricsInputs[i]);
    return { asOf, figures, metricsInputs };
  });
}

function wire(r: Rollup) {
  return {
    ...r,
    savingsMinor: r.savingsMinor.toString(),
    loansOutstandingMinor: r.loansOutstandingMinor.toString(),
    loansLateMinor: r.loansLateMinor.toString(),
    fundLoansOutstandingMinor: r.fundLoansOutstandingMinor.toString(),
    fundArrearsMinor: r.fundArrearsMinor.toString(),
  };
}

/** The route's answer holds the sums of the per-group figures: total, trend and metrics. */
async function expectRouteSums(client: Client, nodeId: string, perGroup: PerGroup, months: number) {
  const response = await client.request({
    url: `/api/v1/federation-nodes/${nodeId}/rollup?asOf=${perGroup.asOf}&months=${months}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  const answer = response.json();
  const current = perGroup.figures.get(perGroup.asOf) ?? [];
  expect(answer.total).toEqual(wire(rollUp(current)));
  expect(answer.groups.map((g: { groupId: string }) => g.groupId).sort()).toEqual(
    current.map((f) => f.groupId).sort(),
  );
  const dates = [...perGroup.figures.keys()];
  expect(answer.trend.map((t: { monthEnd: string }) => t.monthEnd)).toEqual(dates);
  for (const [i, on] of dates.entries()) {
    const list = (perGroup.figures.get(on) ?? []).map((f) => ({ ...f, grade: null }));
    expect(answer.trend[i]).toEqual({ monthEnd: on, ...wire(rollUp(list)) });
  }
  const metrics = metricsOfGroups(perGroup.metricsInputs);
  expect(answer.metrics).toEqual({
    asOf: perGroup.asOf,
    ...metrics,
    savingsPerMemberMinor: metrics.savingsPerMemberMinor.toString(),
    averageLoanSizeMinor: metrics.averageLoanSizeMinor.toString(),
    shareOutValuePerShareMinor: metrics.shareOutValuePerShareMinor.toString(),
  });
  return answer;
}

describe("the roll-up of a node, set-based, against the figures of its groups one by one", () => {
  const testApp = useTestApp();

  it("gives every group's figures, grade and metrics as the per-group path does, on the demo's year", async () => {
    const { database, app } = testApp();
    // The demo's own size (18 groups, a year of meetings, loans, VSLA cycles), not the tests' tiny one (2 groups).
    await seedDemo(database, "small");
    const admin = await signIn(app, "administrator@moldir.demo", demoPassword);
    const nodes = (await admin.request({ url: "/api/v1/federation-nodes" })).json().items as {
      id: string;
      level: string;
    }[];
    const cluster = nodes.find((n) => n.level === "cluster");
    expect(cluster).toBeDefined();
    const { rows: org } = await sql<{ org_id: string }>`SELECT org_id FROM federation_nodes WHERE id = ${
      cluster?.id
    }`.execute(database.db);
    const orgId = org[0]?.org_id ?? "";
    // Every group of the association below one regional node: the cluster's villages, and a cluster of the
    // other groups, one of which left it for a month and came back.
    const create = async (payload: Record<string, unknown>) => {
      const response = await admin.request({ method: "POST", url: "/api/v1/federation-nodes", payload });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().id as string;
    };
    const region = await create({ level: "regional", name: "Алматы облысы", formedOn: "2020-01-01" });
    const others = await create({
      level: "cluster",
      parentId: region,
      name: "Басқа топтар",
      formedOn: "2020-01-01",
    });
    const { rows: unaffiliated } = await asSystem(database, async (trx) => {
      await sql`UPDATE federation_nodes SET parent_id = ${region} WHERE org_id = ${orgId} AND id = ${
        cluster?.id
      }`.execute(trx);
      return sql<{ id: string; formed_on: string }>`SELECT g.id, g.formed_on::text AS formed_on FROM groups g
        WHERE g.org_id = ${orgId} AND NOT EXISTS (SELECT 1 FROM federation_node_groups m
          WHERE m.org_id = g.org_id AND m.group_id = g.id)
        ORDER BY g.name`.execute(trx);
    });
    expect(unaffiliated.length).toBeGreaterThanOrEqual(2);
    const [away, ...rest] = unaffiliated;
    await asSystem(database, async (trx) => {
      for (const g of rest)
        await sql`INSERT INTO federation_node_groups (org_id, id, node_id, group_id, joined_on)
          VALUES (${orgId}, gen_random_uuid(), ${others}, ${g.id}, ${g.formed_on})`.execute(trx);
      if (away !== undefined) {
        const formedOn = plainDate(away.formed_on);
        await sql`INSERT INTO federation_node_groups (org_id, id, node_id, group_id, joined_on, left_on)
          VALUES (${orgId}, gen_random_uuid(), ${others}, ${away.id}, ${formedOn}, ${addDays(formedOn, 60)}),
            (${orgId}, gen_random_uuid(), ${others}, ${away.id}, ${addDays(formedOn, 95)}, NULL)`.execute(
          trx,
        );
      }
    });
    const yesterday = addDays(plainDateAt(Date.now(), "Asia/Almaty"), -1);
    // The federation signs off its own grade for one group: the roll-up holds it rather than the computed one.
    const reviewedOn = addDays(yesterday, -20);
    const reviewed = rest.find((g) => g.formed_on <= reviewedOn);
    const review = await admin.request({
      method: "POST",
      url: `/api/v1/federation-nodes/${others}/grade-reviews`,
      payload: { groupId: reviewed?.id, asOf: reviewedOn, agreedGrade: "C", observations: "Тексеру" },
    });
    expect(review.statusCode, review.body).toBe(201);

    const latest = await expectSameAsPerGroup(database, orgId, region, yesterday, 12);
    const current = latest.figures.get(yesterday) ?? [];
    // The data exercises every figure: internal loans (some late), fund loans, attendance, grades, the review.
    expect(current.length).toBeGreaterThan(unaffiliated.length);
    const sum = (pick: (f: GroupFigures) => bigint) => current.reduce((s, f) => s + pick(f), 0n);
    expect(sum((f) => f.savingsMinor)).toBeGreaterThan(0n);
    expect(sum((f) => f.loansOutstandingMinor)).toBeGreaterThan(0n);
    expect(sum((f) => f.fundLoansOutstandingMinor)).toBeGreaterThan(0n);
    expect(current.find((f) => f.groupId === reviewed?.id)?.grade).toBe("C");
    expect(new Set(current.map((f) => f.grade)).size).toBeGreaterThan(1);
    await expectRouteSums(admin, region, latest, 12);
    // And as of earlier dates, in the middle of a month, when the group that left was away.
    for (const asOf of [addDays(yesterday, -100), addDays(plainDate(away?.formed_on ?? yesterday), 75)]) {
      const earlier = await expectSameAsPerGroup(database, orgId, region, asOf, 4);
      await expectRouteSums(admin, region, earlier, 4);
    }
    // A village below the cluster rolls up its own groups only.
    const village = nodes.find((n) => n.level === "village");
    await expectSameAsPerGroup(database, orgId, village?.id ?? "", yesterday, 3);
  }, 300_000);

  it("sums every group of a node of more than 500 groups (the list of groups used to stop at a page)", async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "ngo", name: "Many groups" });
    const lastDay = plainDate("2025-06-30");
    const groups = 520;
    const membersPerGroup = 2;
    await bulkLoad(database, orgId, {
      seed: 2026,
      size: { groups, membersPerGroup, meetings: 3, groupsPerBatch: 260 },
      lastDay,
    });
    const admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    const created = await admin.request({
      method: "POST",
      url: "/api/v1/federation-nodes",
      payload: { level: "village", name: "Үлкен ауыл", formedOn: "2024-01-01" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const village = created.json().id as string;
    await asSystem(database, (trx) =>
      sql`INSERT INTO federation_node_groups (org_id, id, node_id, group_id, joined_on)
        SELECT org_id, gen_random_uuid(), ${village}, id, formed_on FROM groups WHERE org_id = ${orgId}`.execute(
        trx,
      ),
    );
    const perGroup = await expectSameAsPerGroup(database, orgId, village, lastDay, 2);
    const answer = await expectRouteSums(admin, village, perGroup, 2);
    const { rows } = await sql<{
      savings: string;
    }>`SELECT sum(amount_minor)::text AS savings FROM group_movements
      WHERE org_id = ${orgId} AND kind = 'savings'`.execute(database.db);
    expect(answer.groups.length).toBe(groups);
    expect(answer.total).toMatchObject({
      groups,
      members: groups * membersPerGroup,
      savingsMinor: rows[0]?.savings,
    });
    expect(answer.trend.map((t: { groups: number }) => t.groups)).toEqual([groups, groups]);
  }, 180_000);
});
