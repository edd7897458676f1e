/**
 * The bulk path for projects at large sizes (`moldir seed-demo --size large`): a livelihoods project for the
 * women of every second group written by `bulk.ts`, with set-based SQL, a few statements per batch of groups
 * whatever the number of rows. Each woman consents and is enrolled on her group's first meeting in the project,
 * and receives a training service at each later meeting of her group (the field officer's monthly session):
 * with 2,500 groups of 20 women and a year of meetings, about 50,000 enrolments and 550,000 services. The rows are
 * those the projects API would write (consent, beneficiary, service with its beneficiary), so the dashboard and
 * the indicators read them like any other.
 */
import { asSystem, type Database, sql } from "@moldir/db";
import { addMonths, endOfMonth, fromCivil, type PlainDate, toCivil } from "@moldir/domain";
import { newId } from "../identity/secrets";

export interface BulkProjectCounts {
  readonly enrolments: number;
  readonly services: number;
}

/** A target a quarter above what was reached. */
const above = (n: number): bigint => BigInt(Math.ceil(n * 1.25));

/** Groups written in one transaction. */
const groupsPerBatch = 250;

export async function bulkLoadProjects(
  database: Database,
  orgId: string,
  options: { lastDay: PlainDate; months: number },
): Promise<BulkProjectCounts> {
  const { year, month } = toCivil(addMonths(options.lastDay, -options.months));
  const startsOn = fromCivil(year, month, 1);
  const endsOn = endOfMonth(addMonths(options.lastDay, 6));
  const projectId = newId();
  // The groups of the bulk path (their meetings are marked 'bulk'), every second one by name.
  const groupIds = await asSystem(database, async (trx) => {
    await trx
      .insertInto("projects")
      .values({
        org_id: orgId,
        id: projectId,
        code: `LIV-${year}`,
        name: "Ауыл әйелдерінің табыс көздері / Rural women's livelihoods",
        donor: "Asian Development Bank",
        donor_currency: "USD",
        rate_ppm: 478_500_000n,
        starts_on: startsOn,
        ends_on: endsOn,
        region_ids: [],
        target_groups: ["Жинақ топтарының әйелдері / Женщины групп накоплений"],
        activities: ["Топ жиналысындағы оқыту / Обучение на встречах групп"],
        eligibility: JSON.stringify({ sexes: ["female"], ageMinYears: 18 }),
        book_id: null,
        grant_approval_over_minor: null,
      })
      .execute();
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM (
        SELECT g.id, row_number() OVER (ORDER BY g.name, g.id) AS n
        FROM groups g
        WHERE g.org_id = ${orgId}
          AND EXISTS (SELECT 1 FROM meetings m WHERE m.org_id = g.org_id AND m.group_id = g.id AND m.command_hash = 'bulk')
      ) AS numbered
      WHERE n % 2 = 0
      ORDER BY n`.execute(trx);
    return rows.map((r) => r.id);
  });
  let enrolments = 0;
  let services = 0;
  for (let first = 0; first < groupIds.length; first += groupsPerBatch) {
    const batch = groupIds.slice(first, first + groupsPerBatch);
    const counted = await asSystem(database, async (trx) => {
      await sql`
        CREATE TEMP TABLE bulk_enrolments ON COMMIT DROP AS
        SELECT gm.org_id, gm.group_id, gm.person_id, gen_random_uuid() AS beneficiary_id,
          (SELECT min(m.held_on) FROM meetings m WHERE m.org_id = gm.org_id AND m.group_id = gm.group_id
             AND m.held_on >= ${startsOn}::date AND m.held_on <= ${options.lastDay}::date) AS enrolled_on
        FROM group_members gm
        WHERE gm.org_id = ${orgId} AND gm.group_id = ANY(${batch}::uuid[]) AND gm.left_on IS NULL`.execute(
        trx,
      );
      await sql`DELETE FROM bulk_enrolments WHERE enrolled_on IS NULL`.execute(trx);
      await sql`
        INSERT INTO consents (org_id, id, person_id, purpose, given_on)
        SELECT org_id, gen_random_uuid(), person_id, 'project', enrolled_on FROM bulk_enrolments`.execute(
        trx,
      );
      await sql`
        INSERT INTO beneficiaries (org_id, id, project_id, person_id, enrolled_on)
        SELECT org_id, beneficiary_id, ${projectId}, person_id, enrolled_on FROM bulk_enrolments`.execute(
        trx,
      );
      await sql`
        INSERT INTO project_services (org_id, id, project_id, beneficiary_id, person_id, kind, delivered_on,
          quantity, value_minor)
        SELECT e.org_id, gen_random_uuid(), ${projectId}, e.beneficiary_id, e.person_id, 'training', m.held_on, 1, 0
        FROM bulk_enrolments e
        JOIN meetings m ON m.org_id = e.org_id AND m.group_id = e.group_id
          AND m.held_on > e.enrolled_on AND m.held_on <= ${options.lastDay}::date`.execute(trx);
      const { rows } = await sql<{ enrolments: number; services: number }>`
        SELECT (SELECT count(*)::int FROM bulk_enrolments) AS enrolments,
          (SELECT count(*)::int FROM project_services s JOIN bulk_enrolments e
             ON s.org_id = e.org_id AND s.beneficiary_id = e.beneficiary_id) AS services`.execute(trx);
      return { enrolments: rows[0]?.enrolments ?? 0, services: rows[0]?.services ?? 0 };
    });
    enrolments += counted.enrolments;
    services += counted.services;
  }
  await asSystem(database, (trx) =>
    trx
      .insertInto("project_targets")
      .values([
        { org_id: orgId, project_id: projectId, indicator: "beneficiaries", target: above(enrolments) },
        { org_id: orgId, project_id: projectId, indicator: "services", target: above(services) },
      ])
      .execute(),
  );
  return { enrolments, services };
}
