/**
 * The demo: the Ishenim Regional Partnership Network with two members, the Moldir Women's Association (an
 * NGO that forms self-help groups and federations) and the Moldir Micro-Credit Organization, their offices,
 * and one user for every role, all with the same demo-only password, and the association's year of history made
 * by the generator (seed-history.ts), with its projects and children's center. A new user starts Moldir and can
 * log in at once as any role and see groups at work. Loading is idempotent: a database that has the demo already
 * is left alone.
 */
import { asSystem, type Database, type Tx } from "@moldir/db";
import { addDays, plainDateAt, type Role } from "@moldir/domain";
import { seedFederationsDemo } from "../federations/demo";
import { bulkLoad, bulkSizes } from "../generator/bulk";
import { bulkLoadProjects } from "../generator/bulk-projects";
import { loanPortfolioSizes } from "../generator/loans";
import { generatorSizes } from "../generator/plan";
import { projectsSizes } from "../generator/projects";
import { hashPassword, newId } from "../identity/secrets";
import { demoSeed, seedDemoHistory } from "./seed-history";

/** Demo only: printed at start and written in the README. Never use it for real data. */
export const demoPassword = "moldir-demo-2026";

export interface DemoLogin {
  readonly email: string;
  readonly role: Role;
  readonly organization: string;
}

interface DemoOrganization {
  readonly key: "network" | "ngo" | "mco";
  readonly kind: "network" | "ngo" | "mco";
  readonly names: { kk: string; ru: string; en: string };
  readonly bin: string;
  readonly regionId: string;
}

const organizations: readonly DemoOrganization[] = [
  {
    key: "network",
    kind: "network",
    names: {
      kk: "«Сенім» өңірлік серіктестік желісі",
      ru: "Региональная партнёрская сеть «Ишеним»",
      en: "Ishenim Regional Partnership Network",
    },
    bin: "010140000014",
    regionId: "KZ-19",
  },
  {
    key: "ngo",
    kind: "ngo",
    names: {
      kk: "«Мөлдір» әйелдер қауымдастығы",
      ru: "Женская ассоциация «Молдир»",
      en: "Moldir Women's Association",
    },
    bin: "930240000014",
    regionId: "KZ-75",
  },
  {
    key: "mco",
    kind: "mco",
    names: {
      kk: "«Мөлдір» микроқаржы ұйымы",
      ru: "Микрофинансовая организация «Молдир»",
      en: "Moldir Micro-Credit Organization",
    },
    bin: "050340000019",
    regionId: "KZ-75",
  },
];

interface DemoUser {
  readonly email: string;
  readonly names: string;
  readonly memberships: readonly { readonly org: DemoOrganization["key"]; readonly roles: readonly Role[] }[];
}

const users: readonly DemoUser[] = [
  {
    email: "administrator@moldir.demo",
    names: "Ләззат Ишмұхамедова",
    memberships: [
      { org: "ngo", roles: ["administrator"] },
      { org: "mco", roles: ["administrator"] },
    ],
  },
  {
    email: "director@moldir.demo",
    names: "Гүлнар Сейітова",
    memberships: [{ org: "ngo", roles: ["administrator"] }],
  },
  {
    email: "accountant@moldir.demo",
    names: "Бағила Жұмабаева",
    memberships: [
      { org: "ngo", roles: ["accountant"] },
      { org: "mco", roles: ["accountant"] },
    ],
  },
  {
    email: "loan-officer@moldir.demo",
    names: "Айнұр Қасымова",
    memberships: [{ org: "mco", roles: ["loan_officer"] }],
  },
  {
    email: "credit-committee@moldir.demo",
    names: "Роза Әбдірахманова",
    memberships: [{ org: "mco", roles: ["credit_committee_member"] }],
  },
  {
    email: "facilitator@moldir.demo",
    names: "Сәуле Нұрланова",
    memberships: [{ org: "ngo", roles: ["facilitator"] }],
  },
  {
    email: "bookkeeper@moldir.demo",
    names: "Мәдина Оспанова",
    memberships: [{ org: "ngo", roles: ["group_bookkeeper"] }],
  },
  {
    email: "program-manager@moldir.demo",
    names: "Елена Ким",
    memberships: [{ org: "ngo", roles: ["program_manager"] }],
  },
  {
    email: "me-officer@moldir.demo",
    names: "Динара Төлегенова",
    memberships: [{ org: "ngo", roles: ["me_officer"] }],
  },
  {
    email: "trainer@moldir.demo",
    names: "Жанар Байжанова",
    memberships: [{ org: "ngo", roles: ["trainer"] }],
  },
  {
    email: "auditor@moldir.demo",
    names: "Ольга Петренко",
    memberships: [
      { org: "ngo", roles: ["auditor"] },
      { org: "mco", roles: ["auditor"] },
    ],
  },
  {
    email: "network-coordinator@moldir.demo",
    names: "Асель Мұқанова",
    memberships: [{ org: "network", roles: ["network_coordinator"] }],
  },
  {
    email: "case-worker@moldir.demo",
    names: "Жанар Бекмұратова",
    memberships: [{ org: "ngo", roles: ["case_worker"] }],
  },
];

const offices = [
  {
    org: "ngo",
    key: "almaty",
    parent: null,
    names: { kk: "Алматы бас кеңсесі", ru: "Головной офис, Алматы", en: "Head office, Almaty" },
    regionId: "KZ-75",
  },
  {
    org: "ngo",
    key: "talgar",
    parent: "almaty",
    names: { kk: "Талғар филиалы", ru: "Талгарский филиал", en: "Talgar branch" },
    regionId: "KZ-19-TALGAR",
  },
  {
    org: "ngo",
    key: "karasai",
    parent: "almaty",
    names: { kk: "Қарасай филиалы", ru: "Карасайский филиал", en: "Karasai branch" },
    regionId: "KZ-19-KARASAI",
  },
  {
    org: "mco",
    key: "mco-almaty",
    parent: null,
    names: { kk: "Алматы кеңсесі", ru: "Офис в Алматы", en: "Almaty office" },
    regionId: "KZ-75",
  },
  {
    org: "mco",
    key: "mco-esik",
    parent: "mco-almaty",
    names: { kk: "Есік бөлімшесі", ru: "Отделение в Есике", en: "Esik branch" },
    regionId: "KZ-19-ENBEKSHIKAZAKH-ESIK",
  },
] as const;

/**
 * `tiny` for tests (two groups), `small` for a new user (a couple of dozen groups, a year of meetings), `large`
 * adds 100,000 women in 5,000 groups with two years of plain meetings through the bulk path, and a livelihoods
 * project for half of them (bulk-projects.ts).
 */
export type DemoSize = "tiny" | "small" | "large";

export interface DemoResult {
  readonly loaded: boolean;
  readonly logins: readonly DemoLogin[];
}

export function demoLogins(): DemoLogin[] {
  return users.flatMap((user) =>
    user.memberships
      .slice(0, 1)
      .flatMap((m) => m.roles.map((role) => ({ email: user.email, role, organization: m.org }))),
  );
}

export async function isDemoLoaded(database: Database): Promise<boolean> {
  const found = await database.db
    .selectFrom("users")
    .select("id")
    .where("email", "=", users[0]?.email ?? "")
    .executeTakeFirst();
  return found !== undefined;
}

export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const any = await database.db.selectFrom("organizations").select("org_id").limit(1).executeTakeFirst();
  return any === undefined;
}

/**
 * Loads the demo into the database, unless it is there already: the organizations, offices and users in one
 * transaction, then the history through the API. Tests load the tiny history by default; `npm start` and the
 * CLI say which size.
 */
export async function seedDemo(database: Database, size: DemoSize = "tiny"): Promise<DemoResult> {
  if (await isDemoLoaded(database)) return { loaded: false, logins: demoLogins() };
  const passwordHash = await hashPassword(demoPassword);
  const ids = await asSystem(database, async (trx) => {
    const orgIds = await insertOrganizations(trx);
    await insertOffices(trx, orgIds);
    await insertUsers(trx, orgIds, passwordHash);
    // Four eyes in the association: role changes need a second administrator.
    await trx
      .insertInto("approval_policies")
      .values({ org_id: orgIds.ngo, action: "user.roles.change", requires_approval: true })
      .execute();
    await seedFederationsDemo(trx, orgIds);
    return orgIds;
  });
  // The history, with the micro-credit organization's book, products and portfolio in every state.
  const historySize = size === "tiny" ? "tiny" : "small";
  await seedDemoHistory(
    database,
    { ngoId: ids.ngo, mcoId: ids.mco },
    generatorSizes[historySize],
    loanPortfolioSizes[historySize],
    {
      email: "administrator@moldir.demo",
      password: demoPassword,
      facilitatorEmail: "facilitator@moldir.demo",
      officerEmail: "loan-officer@moldir.demo",
      committeeEmail: "credit-committee@moldir.demo",
      accountantEmail: "accountant@moldir.demo",
      programManagerEmail: "program-manager@moldir.demo",
      trainerEmail: "trainer@moldir.demo",
      caseWorkerEmail: "case-worker@moldir.demo",
    },
    projectsSizes[size],
  );
  const ngoId = ids.ngo;
  if (size === "large") {
    const lastDay = addDays(plainDateAt(Date.now(), "Asia/Almaty"), -1);
    await bulkLoad(database, ngoId, { seed: demoSeed, size: bulkSizes.large, lastDay });
    // A livelihoods project for half the bulk groups' women, with a service at each of their meetings.
    await bulkLoadProjects(database, ngoId, { lastDay, months: 12 });
  }
  return { loaded: true, logins: demoLogins() };
}

async function insertOrganizations(trx: Tx): Promise<Record<DemoOrganization["key"], string>> {
  const ids = { network: newId(), ngo: newId(), mco: newId() };
  for (const org of organizations) {
    await trx
      .insertInto("organizations")
      .values({
        org_id: ids[org.key],
        kind: org.kind,
        name_kk: org.names.kk,
        name_ru: org.names.ru,
        name_en: org.names.en,
        bin: org.bin,
        region_id: org.regionId,
        phone: "+77270000000",
        email: `info@${org.key}.moldir.demo`,
        address: org.key === "network" ? "Талғар қ." : "Алматы қ.",
      })
      .execute();
  }
  for (const member of ["ngo", "mco"] as const) {
    await trx
      .insertInto("network_memberships")
      .values({
        org_id: ids[member],
        network_org_id: ids.network,
        joined_on: "2010-03-01",
        shares_aggregates: true,
      })
      .execute();
  }
  return ids;
}

async function insertOffices(trx: Tx, orgIds: Record<DemoOrganization["key"], string>): Promise<void> {
  const officeIds = new Map<string, string>();
  for (const office of offices) {
    const id = newId();
    officeIds.set(office.key, id);
    await trx
      .insertInto("offices")
      .values({
        org_id: orgIds[office.org],
        id,
        parent_id: office.parent === null ? null : (officeIds.get(office.parent) ?? null),
        name_kk: office.names.kk,
        name_ru: office.names.ru,
        name_en: office.names.en,
        region_id: office.regionId,
      })
      .execute();
  }
}

async function insertUsers(
  trx: Tx,
  orgIds: Record<DemoOrganization["key"], string>,
  passwordHash: string,
): Promise<void> {
  for (const user of users) {
    const userId = newId();
    await trx
      .insertInto("users")
      .values({ id: userId, email: user.email, phone: null, display_name: user.names })
      .execute();
    await trx
      .insertInto("user_credentials")
      .values({ user_id: userId, password_hash: passwordHash })
      .execute();
    for (const [index, membership] of user.memberships.entries()) {
      const orgId = orgIds[membership.org];
      // The first membership is where a login lands; later ones are a switch away.
      const joinedAt = new Date(Date.UTC(2020, 0, 1 + index));
      await trx
        .insertInto("memberships")
        .values({ org_id: orgId, user_id: userId, created_at: joinedAt })
        .execute();
      for (const role of membership.roles) {
        await trx
          .insertInto("role_assignments")
          .values({
            org_id: orgId,
            id: newId(),
            user_id: userId,
            role,
            scope_kind: "organization",
            scope_id: null,
          })
          .execute();
      }
    }
  }
}

/** The lines printed after loading, for a person to log in. */
export function describeDemoLogins(logins: readonly DemoLogin[]): string {
  const width = Math.max(...logins.map((l) => l.email.length));
  return [
    `Demo logins (password for all: ${demoPassword} — demo only):`,
    ...logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role}`),
  ].join("\n");
}
