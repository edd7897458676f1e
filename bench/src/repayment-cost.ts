/**
 * What one repayment costs the server, in figures that depend little on the machine's load: the running loans of
 * the sustained repayments benchmark (opened through the loans API, paid out 45 days ago), then repayments posted
 * one at a time through the built app in process (`inject`, an API token, the loans taken in turn) and, per
 * repayment, the process's CPU (on the embedded database that includes the database's own work), the SQL
 * statements (BEGIN and COMMIT included) and the latency. One at a time, the latency is the work itself, not a
 * queue.
 */
import { buildApp } from "@moldir/server/app";
import { type Goal, percentile, summarize } from "./harness";
import { profiled } from "./profile";
import { buildRepaymentFixture, repaymentMinor } from "./repayments";
import { countingDatabase, type StatementCounter } from "./requests";
import { bySize, count, type DatabaseBenchmark, engineLabel } from "./suite";

/** PERFORMANCE.md's bound on statements per API request. */
const statementsGoal: Goal = { text: "≤ 5 (stretch ≤ 3)", must: 5, stretch: 3, unit: "statements" };

export const repaymentCost: DatabaseBenchmark = {
  name: "Repayment cost in process (CPU, statements)",
  async run({ size, databases, log }) {
    const { loans, rounds, repayments } = bySize(size, {
      quick: { loans: 4, rounds: 1, repayments: 8 },
      small: { loans: 60, rounds: 5, repayments: 200 },
      full: { loans: 1_000, rounds: 5, repayments: 1_000 },
    });
    const results = [];
    for (const engine of databases.engines) {
      const database = await databases.open(engine);
      try {
        log(`repayment cost, ${engine}: opening ${count(loans)} loans through the API`);
        const fixture = await buildRepaymentFixture(database, loans, log);
        const counter: StatementCounter = { statements: 0, transactions: 0 };
        const app = await buildApp({
          config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
          database: countingDatabase(database, counter),
        });
        try {
          await app.ready();
          const payload = { valueDate: fixture.today, amountMinor: repaymentMinor, channel: "cash" };
          const headers = { authorization: `Bearer ${fixture.token}`, "accept-language": "en" };
          let next = 0;
          const cpuMs: number[] = [];
          const statements: number[] = [];
          const p50s: number[] = [];
          const p99s: number[] = [];
          // The first round warms the app up and is not recorded.
          await profiled(`repayment-cost-${engine}`, async () => {
            for (let round = -1; round < rounds; round++) {
              counter.statements = 0;
              counter.transactions = 0;
              const latencies: number[] = [];
              const cpu = process.cpuUsage();
              for (let index = 0; index < repayments; index++) {
                const loanId = fixture.loanIds[next++ % fixture.loanIds.length];
                const started = process.hrtime.bigint();
                const response = await app.inject({
                  method: "POST",
                  url: `/api/v1/loans/${loanId}/repayments`,
                  headers,
                  payload,
                });
                latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
                if (response.statusCode !== 200)
                  throw new Error(`repayment: ${response.statusCode} ${response.body.slice(0, 300)}`);
              }
              const used = process.cpuUsage(cpu);
              if (round < 0) continue;
              cpuMs.push((used.user + used.system) / 1000 / repayments);
              statements.push((counter.statements + 2 * counter.transactions) / repayments);
              p50s.push(percentile(latencies, 50));
              p99s.push(percentile(latencies, 99));
              log(
                `repayment cost, ${engine}: round ${round + 1}, CPU ${cpuMs.at(-1)?.toFixed(2)} ms, ` +
                  `${statements.at(-1)?.toFixed(2)} statements, p50 ${p50s.at(-1)?.toFixed(1)} ms, ` +
                  `p99 ${p99s.at(-1)?.toFixed(1)} ms a repayment`,
              );
            }
          });
          const detail = `${rounds} rounds of ${count(repayments)} repayments one at a time over ${count(loans)} loans`;
          results.push(
            summarize(
              `Repayment, CPU of the process per request, ${engineLabel(engine)}`,
              null,
              "ms",
              cpuMs,
              `${detail}; on PostgreSQL the server's own CPU is not counted`,
            ),
            summarize(
              `Repayment, SQL statements per request, ${engineLabel(engine)}`,
              statementsGoal,
              "statements",
              statements,
              `${detail}; BEGIN/COMMIT included`,
            ),
            summarize(
              `Repayment, latency one at a time, p50, ${engineLabel(engine)}`,
              null,
              "ms",
              p50s,
              detail,
            ),
          );
        } finally {
          await app.close();
        }
      } finally {
        await database.drop();
      }
    }
    return results;
  },
};
