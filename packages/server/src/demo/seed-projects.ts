/**
 * The association's projects in the demo: a donor project for women's economic empowerment and the children's
 * support project, with women from the register enrolled (one in both, so the organization's count of unique
 * beneficiaries is visibly less than the sum of the projects'), and the trainings and consultations they had.
 * The association keeps no books in the demo (the ledger's walkthrough opens them), so the projects have none
 * yet: their budget and grants come once the books are opened.
 */
import type { Tx } from "@moldir/db";
import { personNameKey } from "@moldir/domain";
import { newId } from "../identity/secrets";

const women = [
  { surname: "Оспанова", givenName: "Гүлнар", birthDate: "1985-04-12", region: "KZ-75" },
  { surname: "Қасымова", givenName: "Динара", birthDate: "1992-09-03", region: "KZ-75" },
  { surname: "Ахметова", givenName: "Сәуле", birthDate: "1978-01-25", region: "KZ-19" },
  { surname: "Жақыпова", givenName: "Меруерт", birthDate: "1999-06-30", region: "KZ-19" },
  { surname: "Төлеуова", givenName: "Ботагөз", birthDate: "1963-11-08", region: "KZ-75" },
] as const;

export async function insertDemoProjects(trx: Tx, orgId: string): Promise<void> {
  // The demo's projects run through the year it is loaded in, so that a new user can enrol and serve today.
  const year = new Date().getFullYear();
  const personIds: string[] = [];
  for (const woman of women) {
    const id = newId();
    personIds.push(id);
    await trx
      .insertInto("persons")
      .values({
        org_id: orgId,
        id,
        surname: woman.surname,
        given_name: woman.givenName,
        patronymic: null,
        name_key: personNameKey(woman.surname, woman.givenName, null),
        sex: "female",
        birth_date: woman.birthDate,
        iin: null,
        address: null,
        region_id: woman.region,
        documents: "[]",
        income_band: null,
        dependants: null,
        merged_into_id: null,
      })
      .execute();
    await trx
      .insertInto("consents")
      .values({
        org_id: orgId,
        id: newId(),
        person_id: id,
        purpose: "project",
        given_on: `${year}-01-10`,
        valid_until: null,
        withdrawn_on: null,
        allows_third_parties: false,
        allows_cross_border: false,
        document: null,
        recorded_by: null,
      })
      .execute();
  }
  const empowerment = await insertProject(trx, orgId, year, {
    code: `UNW-${year}`,
    name: "Экономические возможности женщин / Women's economic empowerment",
    donor: "UN Women",
    currency: "USD",
    ratePpm: 478_500_000n,
    eligibility: { sexes: ["female"], ageMinYears: 18 },
    targets: { beneficiaries: 20n, services: 60n, people_served: 15n },
  });
  const children = await insertProject(trx, orgId, year, {
    code: `CSC-${year}`,
    name: "Балаларды қолдау орталығы / Children's support center",
    donor: "Bota Foundation",
    currency: "KZT",
    ratePpm: 1_000_000n,
    eligibility: {},
    targets: { beneficiaries: 10n },
  });
  const enrolments: [string, number, string][] = [
    [empowerment, 0, `${year}-02-01`],
    [empowerment, 1, `${year}-02-01`],
    [empowerment, 2, `${year}-02-15`],
    [empowerment, 3, `${year}-03-01`],
    [children, 4, `${year}-02-01`],
    [children, 0, `${year}-04-01`],
  ];
  for (const [projectId, index, enrolledOn] of enrolments) {
    const personId = personIds[index] as string;
    const beneficiaryId = newId();
    await trx
      .insertInto("beneficiaries")
      .values({
        org_id: orgId,
        id: beneficiaryId,
        project_id: projectId,
        person_id: personId,
        enrolled_on: enrolledOn,
      })
      .execute();
    const services: ["training" | "consultation" | "school_package", string][] =
      projectId === empowerment
        ? [
            ["training", `${year}-03-10`],
            ["training", `${year}-03-11`],
            ["consultation", `${year}-04-20`],
          ]
        : [["school_package", `${year}-08-25`]];
    await trx
      .insertInto("project_services")
      .values(
        services.map(([kind, on]) => ({
          org_id: orgId,
          id: newId(),
          project_id: projectId,
          beneficiary_id: beneficiaryId,
          person_id: personId,
          kind,
          delivered_on: on,
          quantity: 1,
          value_minor: 0n,
        })),
      )
      .execute();
  }
}

async function insertProject(
  trx: Tx,
  orgId: string,
  year: number,
  project: {
    code: string;
    name: string;
    donor: string;
    currency: string;
    ratePpm: bigint;
    eligibility: Record<string, unknown>;
    targets: Record<string, bigint>;
  },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto("projects")
    .values({
      org_id: orgId,
      id,
      code: project.code,
      name: project.name,
      donor: project.donor,
      donor_currency: project.currency,
      rate_ppm: project.ratePpm,
      starts_on: `${year}-01-01`,
      ends_on: `${year}-12-31`,
      region_ids: ["KZ-75", "KZ-19"],
      eligibility: JSON.stringify(project.eligibility),
      book_id: null,
      grant_approval_over_minor: 10_000_000n,
    })
    .execute();
  await trx
    .insertInto("project_targets")
    .values(
      Object.entries(project.targets).map(([indicator, target]) => ({
        org_id: orgId,
        project_id: id,
        indicator,
        target,
      })),
    )
    .execute();
  return id;
}
