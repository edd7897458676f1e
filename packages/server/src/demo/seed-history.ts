/**
 * The demo's history: a year of the association's life, made by the generator and written through the
 * application's own API as the demo's administrator — a few hundred women in their households, a few dozen
 * self-help groups and VSLAs with their meetings (so grades, passbooks and the groups' books are those of
 * real records), the groups of the federation's villages in their village organizations, and trainings.
 */
import type { Database } from "@moldir/db";
import { addDays, plainDate, plainDateAt } from "@moldir/domain";
import { buildApp } from "../app";
import { signedInApi } from "../generator/api";
import { type AppliedCounts, applyPlan } from "../generator/apply";
import { type GeneratorSize, generatePlan } from "../generator/plan";
import { sqlRegistry } from "../generator/registry";

/** The demo's seed: every demo has the same people and groups, its dates ending yesterday. */
export const demoSeed = 2026;

export interface HistoryLogin {
  readonly email: string;
  readonly password: string;
  readonly facilitatorEmail: string;
}

/**
 * People and memberships are registered with set-based SQL (hundreds of requests would slow the first start);
 * groups, meetings, federation membership and trainings go through the API, signed in to the organization
 * `orgId` as `login`.
 */
export async function seedDemoHistory(
  database: Database,
  orgId: string,
  size: GeneratorSize,
  login: HistoryLogin,
): Promise<AppliedCounts> {
  const app = await buildApp({
    config: { logLevel: "silent", trustProxy: false, webDistDir: "/nonexistent" },
    database,
  });
  try {
    await app.ready();
    const api = await signedInApi(app, login.email, login.password);
    const users = await api<{ items: { id: string; email: string }[] }>("GET", "/api/v1/users");
    const nodes = await api<{ items: { id: string; name: string; level: string; formedOn: string }[] }>(
      "GET",
      "/api/v1/federation-nodes",
    );
    // A village organization is named after its village: «Бесағаш ауылдық ұйымы».
    const nodesByVillage = new Map(
      nodes.items
        .filter((n) => n.level === "village")
        .map((n) => {
          const village = n.name.split(" ")[0] ?? n.name;
          // The donor capitalized Бесағаш's community investment fund (federations/demo.ts).
          return [village, { id: n.id, formedOn: n.formedOn, lends: village === "Бесағаш" }];
        }),
    );
    const yesterday = addDays(plainDateAt(Date.now(), "Asia/Almaty"), -1);
    const plan = generatePlan(demoSeed, size, plainDate(yesterday));
    return await applyPlan(api, plan, {
      facilitatorUserId: users.items.find((u) => u.email === login.facilitatorEmail)?.id ?? null,
      nodesByVillage,
      registry: sqlRegistry(database, orgId),
    });
  } finally {
    await app.close();
  }
}
