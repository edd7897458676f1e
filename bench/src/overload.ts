/**
 * "Overload (2× capacity): sheds with 429/503, accepted p99 ≤ 200 ms". The repayments of
 * `repayments.ts` against `moldir serve` with its default load shedding (ADR 0022): first its capacity, the
 * rate of repayments 16 clients get answered with no limit on the rate; then twice that rate offered by many
 * more connections. Reported per run: the share of requests shed (503 `service_must_not_be_overloaded`, or 429),
 * the p99 of the accepted ones (2xx; each response's own time, as autocannon's `response` event gives it), and
 * anything else that went wrong (other statuses, socket errors, timeouts), which must stay at none.
 */
import autocannon from "autocannon";
import { type Goal, percentile, summarize } from "./harness";
import { type SpawnedServer, spawnServer } from "./http";
import { buildRepaymentFixture, type RepaymentFixture, repaymentLoad } from "./repayments";
import { bySize, count, type DatabaseBenchmark, engineLabel } from "./suite";

const acceptedGoal: Goal = {
  text: "accepted p99 ≤ 200 ms, sheds with 429/503",
  must: 200,
  stretch: 200,
  unit: "ms",
};

interface LoadRun {
  readonly result: autocannon.Result;
  /** Response times of the accepted (2xx) requests, ms. */
  readonly accepted: number[];
  readonly shed: number;
  /** Neither accepted nor shed: other statuses. */
  readonly otherStatuses: number;
}

/** Runs autocannon, sorting each response by status. */
function runLoad(options: autocannon.Options): Promise<LoadRun> {
  return new Promise((resolve, reject) => {
    const accepted: number[] = [];
    let shed = 0;
    let otherStatuses = 0;
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      if (error) reject(error);
      else resolve({ result, accepted, shed, otherStatuses });
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) accepted.push(responseTime);
      else if (statusCode === 503 || statusCode === 429) shed++;
      else otherStatuses++;
    });
  });
}

async function overloadOn(
  server: SpawnedServer,
  fixture: RepaymentFixture,
  plan: { capacitySeconds: number; overloadSeconds: number; rounds: number; connections: number },
  log: (line: string) => void,
) {
  const capacityRun = await runLoad(
    repaymentLoad(server, fixture, { connections: 16, duration: plan.capacitySeconds }),
  );
  const capacity = capacityRun.accepted.length / (capacityRun.result.duration || plan.capacitySeconds);
  log(
    `overload: capacity ${capacity.toFixed(0)} repayments/s with 16 clients ` +
      `(p99 ${percentile(capacityRun.accepted.length ? capacityRun.accepted : [0], 99).toFixed(0)} ms, ${capacityRun.shed} shed)`,
  );
  const rate = Math.max(2, Math.round(2 * capacity));
  const runs = [];
  for (let round = 1; round <= plan.rounds; round++) {
    const run = await runLoad(
      repaymentLoad(server, fixture, {
        connections: plan.connections,
        duration: plan.overloadSeconds,
        overallRate: rate,
      }),
    );
    const total = run.accepted.length + run.shed + run.otherStatuses;
    const acceptedP99 = run.accepted.length === 0 ? Number.NaN : percentile(run.accepted, 99);
    log(
      `overload: ${rate}/s offered (2 × ${capacity.toFixed(0)}), ${plan.connections} connections: ` +
        `${count(run.accepted.length)} accepted (p99 ${acceptedP99.toFixed(0)} ms), ${count(run.shed)} shed ` +
        `(${total === 0 ? 0 : ((100 * run.shed) / total).toFixed(0)} %), ${run.otherStatuses} other statuses, ` +
        `${run.result.errors} errors, ${run.result.timeouts} timeouts; all responses p99 ${run.result.latency.p99} ms`,
    );
    runs.push({ ...run, total, acceptedP99 });
  }
  return { capacity, rate, runs };
}

export const overloadBenchmark: DatabaseBenchmark = {
  name: "Overload (2× capacity)",
  async run({ size, databases, log }) {
    const { loans, capacitySeconds, overloadSeconds, rounds, connections } = bySize(size, {
      quick: { loans: 4, capacitySeconds: 1, overloadSeconds: 1, rounds: 1, connections: 8 },
      small: { loans: 60, capacitySeconds: 10, overloadSeconds: 15, rounds: 3, connections: 200 },
      full: { loans: 1_000, capacitySeconds: 20, overloadSeconds: 60, rounds: 5, connections: 400 },
    });
    const results = [];
    for (const engine of databases.engines) {
      log(`overload, ${engine}: opening ${count(loans)} loans through the API`);
      const prepared = await databases.forServer(engine, (database) =>
        buildRepaymentFixture(database, loans, log),
      );
      let server: SpawnedServer | undefined;
      try {
        // The server's own defaults for load shedding, unless OVERLOAD_* variables are set for the bench (to try
        // other settings); no daily close in the background.
        const overloadSettings = Object.fromEntries(
          Object.entries(process.env).filter(
            (entry): entry is [string, string] => entry[0].startsWith("OVERLOAD_") && entry[1] !== undefined,
          ),
        );
        server = await spawnServer(prepared.where, {
          CLOSE_OF_BUSINESS_SCHEDULE: "false",
          ...overloadSettings,
        });
        if (Object.keys(overloadSettings).length > 0)
          log(`overload: server settings ${JSON.stringify(overloadSettings)}`);
        await autocannon(repaymentLoad(server, prepared.prepared, { connections: 4, duration: 2 })); // warm-up
        const { capacity, rate, runs } = await overloadOn(
          server,
          prepared.prepared,
          { capacitySeconds, overloadSeconds, rounds, connections },
          log,
        );
        const p99s = runs.map((r) => r.acceptedP99).filter((p) => Number.isFinite(p));
        const shedShares = runs.map((r) => (r.total === 0 ? 0 : (100 * r.shed) / r.total));
        const failures = runs.reduce(
          (sum, r) => sum + r.otherStatuses + r.result.errors + r.result.timeouts,
          0,
        );
        const shedAny = runs.some((r) => r.shed > 0);
        const accepted = summarize(
          `Overload (2× capacity), accepted p99, ${engineLabel(engine)}`,
          acceptedGoal,
          "ms",
          p99s.length > 0 ? p99s : [Number.POSITIVE_INFINITY],
          `${rounds} × ${overloadSeconds} s at ${rate}/s offered (2 × capacity ${capacity.toFixed(0)}/s), ` +
            `${Object.keys(overloadSettings).length > 0 ? `${JSON.stringify(overloadSettings)}, ` : ""}` +
            `${connections} connections; ${failures} other failures; shed in every run: ${runs.every((r) => r.shed > 0) ? "yes" : "no"}`,
        );
        // Without any refusal there was no shedding to judge, and failures of other kinds break the goal.
        results.push(
          !shedAny || failures > 0 ? { ...accepted, verdict: "not met" as const } : accepted,
          summarize(
            `Overload (2× capacity), share shed with 503/429, ${engineLabel(engine)}`,
            null,
            "%",
            shedShares,
            "median share of the offered requests refused at once (ideally about half at 2×)",
          ),
        );
      } finally {
        await server?.stop();
        await prepared.drop();
      }
    }
    return results;
  },
};
