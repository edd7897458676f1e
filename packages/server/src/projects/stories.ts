/**
 * Beneficiaries' stories for donor reports. A story is recorded only for a person enrolled in the project whose
 * consent to the project, on the day she told it, allows sharing with third parties (the donor is one); a report
 * prints it only while such a consent is still in force, so a withdrawn consent takes the story out of the next
 * report. Only her given name is shown with it.
 */
import type { Tx } from "@moldir/db";
import { isConsentActive, type PlainDate } from "@moldir/domain";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { newId } from "../identity/secrets";
import { type ConsentRow, toConsentRecord } from "../people/persons";
import { type ProjectRow, requireInPeriod } from "./projects";
import { requireEnrolled } from "./services";

async function shareableOn(trx: Tx, orgId: string, personIds: readonly string[], on: PlainDate) {
  if (personIds.length === 0) return new Set<string>();
  const rows = (await trx
    .selectFrom("consents")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("person_id", "in", [...personIds])
    .where("purpose", "=", "project")
    .where("allows_third_parties", "=", true)
    .execute()) as ConsentRow[];
  return new Set(rows.filter((row) => isConsentActive(toConsentRecord(row), on)).map((row) => row.person_id));
}

export async function recordStory(
  trx: Tx,
  actor: { orgId: string; userId: string },
  project: ProjectRow,
  body: { personId: string; toldOn: string; story: string },
): Promise<string> {
  const toldOn = dateOrRefuse(body.toldOn, "toldOn");
  requireInPeriod(project, toldOn, "toldOn");
  await requireEnrolled(trx, actor.orgId, project, [{ personId: body.personId, deliveredOn: toldOn }]);
  if (!(await shareableOn(trx, actor.orgId, [body.personId], toldOn)).has(body.personId))
    throw new AppError("story_consent_must_allow_sharing", { field: "personId" });
  const id = newId();
  await trx
    .insertInto("beneficiary_stories")
    .values({
      org_id: actor.orgId,
      id,
      project_id: project.id,
      person_id: body.personId,
      told_on: toldOn,
      story: body.story,
      recorded_by: actor.userId,
    })
    .execute();
  return id;
}

export async function loadStories(trx: Tx, orgId: string, projectId: string, today: PlainDate) {
  const rows = await trx
    .selectFrom("beneficiary_stories as s")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "s.org_id").onRef("p.id", "=", "s.person_id"),
    )
    .select(["s.id", "s.project_id", "s.person_id", "s.told_on", "s.story", "p.given_name"])
    .where("s.org_id", "=", orgId)
    .where("s.project_id", "=", projectId)
    .orderBy("s.told_on")
    .limit(500)
    .execute();
  const shareable = await shareableOn(trx, orgId, [...new Set(rows.map((r) => r.person_id))], today);
  return rows.map((r) => ({
    id: r.id,
    projectId: r.project_id,
    personId: r.person_id,
    givenName: r.given_name,
    toldOn: r.told_on,
    story: r.story,
    isShareable: shareable.has(r.person_id),
  }));
}
