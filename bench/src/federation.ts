/**
 * "Federation report over 1,000 groups": an NGO's federation — a cluster federation over village organizations
 * of 20 groups each, made through the federations API — whose groups (15 women each, a year of monthly
 * meetings, each meeting's savings posted to the group's book) are written by the generator's bulk path
 * (`bulkLoad`: set-based SQL, every book balanced as the database checks at commit), joined to the villages the
 * day they formed. The report is the cluster's roll-up as the web's node page asks for it,
 * `GET /api/v1/federation-nodes/:id/rollup?asOf=…` (every group's figures, the six-month trend and the metrics),
 * answered through the built app (`inject`, no socket). Each run's seconds are a sample. The app's database
 * counts the statements it runs (`countingDatabase`, BEGIN and COMMIT included), so each run also reports the
 * statements of one roll-up request, sign-in checks included: since ADR 0026 a fixed number whatever the
 * number of groups or months.
 */
import { asSystem, sql } from "@moldir/db";
import { addDays, plainDate, plainDateAt } from "@moldir/domain";
import { buildApp } from "@moldir/server/app";
import { signedInApi } from "@moldir/server/generator/api";
import { bulkLoad } from "@moldir/server/generator/bulk";
import { buildOrganization, buildUser, testPassword } from "@moldir/server/testing/fixtures";
import { type Goal, summarize } from "./harness";
import { countingDatabase, type StatementCounter } from "./requests";
import { bySize, count, type DatabaseBenchmark, engineLabel, seconds } from "./suite";

const goal: Goal = { text: "≤ 3 s at 1,000 groups (stretch ≤ 1 s)", must: 3, stretch: 1, unit: "s" };
const groupsPerVillage = 20;

export const federationReport: DatabaseBenchmark = {
  name: "Federation report over 1,000 groups",
  async run({ size, databases, log }) {
    const { groups, meetings, membersPerGroup, rounds } = bySize(size, {
      quick: { groups: 6, meetings: 3, membersPerGroup: 4, rounds: 1 },
      small: { groups: 1_000, meetings: 12, membersPerGroup: 15, rounds: 2 },
      full: { groups: 1_000, meetings: 12, membersPerGroup: 15, rounds: 5 },
    });
    const results = [];
    for (const engine of databases.engines) {
      const database = await databases.open(engine);
      const counter: StatementCounter = { statements: 0, transactions: 0 };
      const app = await buildApp({
        config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
        database: countingDatabase(database, counter),
      });
      try {
        await app.ready();
        const { orgId } = await buildOrganization(database, { kind: "ngo", name: "Bench federation" });
        const lastDay = plainDateAt(Date.now(), "Asia/Almaty");
        const loadStarted = process.hrtime.bigint();
        const loaded = await bulkLoad(database, orgId, {
          seed: 2026,
          size: { groups, membersPerGroup, meetings, groupsPerBatch: 100 },
          lastDay,
        });
        log(
          `federation report, ${engine}: ${count(loaded.groups)} groups, ${count(loaded.meetings)} meetings ` +
            `loaded in ${seconds(loadStarted).toFixed(1)} s`,
        );
        const manager = await signedInApi(
          app,
          (await buildUser(database, orgId, ["administrator"])).email,
          testPassword,
        );
        const { rows: formed } = await sql<{ formed_on: string }>`
          SELECT min(formed_on)::text AS formed_on FROM groups WHERE org_id = ${orgId}`.execute(database.db);
        const formedOn = plainDate(formed[0]?.formed_on ?? lastDay);
        const cluster = await manager<{ id: string }>("POST", "/api/v1/federation-nodes", {
          level: "cluster",
          name: "Бенчмарк кластерлік федерациясы",
          formedOn: addDays(formedOn, -30),
        });
        const villageIds: string[] = [];
        for (let village = 0; village < Math.ceil(groups / groupsPerVillage); village++) {
          const node = await manager<{ id: string }>("POST", "/api/v1/federation-nodes", {
            parentId: cluster.id,
            level: "village",
            name: `Ауылдық ұйым №${village + 1}`,
            formedOn: addDays(formedOn, -30),
          });
          villageIds.push(node.id);
        }
        // Each group joins a village organization the day it formed, 20 to a village, in a single statement.
        await asSystem(database, (trx) =>
          sql`
            INSERT INTO federation_node_groups (org_id, id, node_id, group_id, joined_on, left_on)
            SELECT g.org_id, gen_random_uuid(), (${villageIds}::uuid[])[((g.n - 1) / ${groupsPerVillage} + 1)::int],
              g.id, g.formed_on, NULL
            FROM (SELECT org_id, id, formed_on, row_number() OVER (ORDER BY id) AS n
                  FROM groups WHERE org_id = ${orgId}) AS g`.execute(trx),
        );
        const samples: number[] = [];
        const statementSamples: number[] = [];
        let reported = 0;
        for (let round = 1; round <= rounds; round++) {
          counter.statements = 0;
          counter.transactions = 0;
          const started = process.hrtime.bigint();
          const report = await manager<{ groups: unknown[] }>(
            "GET",
            `/api/v1/federation-nodes/${cluster.id}/rollup?asOf=${lastDay}`,
          );
          samples.push(seconds(started));
          statementSamples.push(counter.statements + 2 * counter.transactions);
          reported = report.groups.length;
          log(
            `federation report, ${engine}: ${samples.at(-1)?.toFixed(2)} s, ${count(statementSamples.at(-1) ?? 0)} ` +
              `statements, ${count(reported)} groups in the answer`,
          );
        }
        results.push(
          summarize(
            `Federation report (roll-up), ${count(groups)} groups, ${engineLabel(engine)}`,
            groups >= 1_000 ? goal : null,
            "s",
            samples,
            `${rounds} runs; ${count(villageIds.length)} villages under a cluster; ${count(loaded.meetings)} meetings; ` +
              `the answer lists ${count(reported)} of ${count(groups)} groups`,
          ),
          summarize(
            `Federation report SQL statements per roll-up, ${count(groups)} groups, ${engineLabel(engine)}`,
            null,
            "statements",
            statementSamples,
            "one request (asOf, six months of trend), BEGIN/COMMIT and the session's checks included",
          ),
        );
      } finally {
        await app.close();
        await database.drop();
      }
    }
    return results;
  },
};
