/**
 * The demo's history: a year of the association's life, made by the generator and written through the
 * application's own API as the demo's administrator — a few hundred women in their households, a few dozen
 * self-help groups and VSLAs with their meetings (so grades, passbooks and the groups' books are those of
 * real records), the groups of the federation's villages in their village organizations, trainings, and the
 * association's projects and children's center (generator/projects.ts) written by its programme manager, trainer
 * and case worker.
 */
import type { Database } from "@moldir/db";
import { addDays, plainDate, plainDateAt } from "@moldir/domain";
import { buildApp } from "../app";
import { type Api, signedInApi } from "../generator/api";
import { type AppliedCounts, applyPlan } from "../generator/apply";
import { type AppliedLoanCounts, applyLoanPortfolio } from "../generator/apply-loans";
import { type AppliedProjectCounts, applyProjects } from "../generator/apply-projects";
import { generateLoanPortfolio, type LoanPortfolioSize } from "../generator/loans";
import { type GeneratorSize, generatePlan } from "../generator/plan";
import { generateProjectsPlan, type ProjectsSize } from "../generator/projects";
import { sqlRegistry } from "../generator/registry";

/** The demo's seed: every demo has the same people and groups, its dates ending yesterday. */
export const demoSeed = 2026;

export interface HistoryLogin {
  readonly email: string;
  readonly password: string;
  readonly facilitatorEmail: string;
  /** The micro-credit organization's staff: its loan officer, a member of its credit committee, its accountant. */
  readonly officerEmail: string;
  readonly committeeEmail: string;
  readonly accountantEmail: string;
  /** The association's programme manager, trainer and the children's center's case worker. */
  readonly programManagerEmail: string;
  readonly trainerEmail: string;
  readonly caseWorkerEmail: string;
}

/** The organizations of the history: the association's groups, and the micro-credit organization's loans. */
export interface HistoryOrganizations {
  readonly ngoId: string;
  readonly mcoId: string;
}

export interface HistoryCounts extends AppliedCounts {
  readonly loans: AppliedLoanCounts;
  readonly projects: AppliedProjectCounts;
}

/** Moves a signed-in user's session to the organization `orgId` (she is a member of it). */
async function switchedTo(api: Api, orgId: string): Promise<Api> {
  await api("POST", "/api/v1/session/organization", { orgId });
  return api;
}

/**
 * People and memberships are registered with set-based SQL (hundreds of requests would slow the first start);
 * groups, meetings, federation membership and trainings go through the API, signed in to the association as
 * `login`; then the micro-credit organization's portfolio (some of the same women and groups as its clients)
 * through the loans API, signed in as its staff.
 */
export async function seedDemoHistory(
  database: Database,
  orgIds: HistoryOrganizations,
  size: GeneratorSize,
  loanSize: LoanPortfolioSize,
  login: HistoryLogin,
  projectsSize: ProjectsSize,
): Promise<HistoryCounts> {
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
    const personIds = new Map<string, string>();
    const applied = await applyPlan(api, plan, {
      facilitatorUserId: users.items.find((u) => u.email === login.facilitatorEmail)?.id ?? null,
      nodesByVillage,
      registry: sqlRegistry(database, orgIds.ngoId),
      personIds,
    });
    const signIn = (email: string) => signedInApi(app, email, login.password);
    const projects = await applyProjects(
      {
        manager: await signIn(login.programManagerEmail),
        trainer: await signIn(login.trainerEmail),
        caseWorker: await signIn(login.caseWorkerEmail),
      },
      generateProjectsPlan(demoSeed, plan, projectsSize, plainDate(yesterday)),
      personIds,
    );
    const staff = {
      manager: await switchedTo(await signIn(login.email), orgIds.mcoId),
      officer: await switchedTo(await signIn(login.officerEmail), orgIds.mcoId),
      committee: await switchedTo(await signIn(login.committeeEmail), orgIds.mcoId),
      accountant: await switchedTo(await signIn(login.accountantEmail), orgIds.mcoId),
    };
    // A year of lending, whatever the length of the groups' history.
    const portfolio = generateLoanPortfolio(demoSeed, plan, loanSize, plainDate(yesterday), 12);
    const loans = await applyLoanPortfolio(staff, portfolio, plan, sqlRegistry(database, orgIds.mcoId));
    return { ...applied, loans, projects: projects.counts };
  } finally {
    await app.close();
  }
}
