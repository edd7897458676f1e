/**
 * Every role a person holds across Moldir, as one timeline: her self-help groups, her loans from the
 * micro-credit organization, the projects she is a beneficiary of, the trainings she attended, and the
 * children's center (as a child there, or as the mother of one). Read-only queries of the other areas'
 * tables; the profile, the JSON export and the PDF export all show this same list.
 */
import type { PersonRoleEvent } from "@moldir/contract";
import type { Tx } from "@moldir/db";

export type { PersonRoleEvent };
export type PersonRoleKind = PersonRoleEvent["kind"];

/** A person's roles, oldest first. */
export async function personTimeline(trx: Tx, orgId: string, personId: string): Promise<PersonRoleEvent[]> {
  const groups = await trx
    .selectFrom("group_members as m")
    .innerJoin("groups as g", (join) =>
      join.onRef("g.org_id", "=", "m.org_id").onRef("g.id", "=", "m.group_id"),
    )
    .select(["g.id", "g.name", "m.joined_on", "m.left_on"])
    .where("m.org_id", "=", orgId)
    .where("m.person_id", "=", personId)
    .execute();
  const loans = await trx
    .selectFrom("loans")
    .select(["id", "number", "status", "expected_disbursement_on", "disbursed_on", "closed_on"])
    .where("org_id", "=", orgId)
    .where("person_id", "=", personId)
    .execute();
  const projects = await trx
    .selectFrom("beneficiaries as b")
    .innerJoin("projects as p", (join) =>
      join.onRef("p.org_id", "=", "b.org_id").onRef("p.id", "=", "b.project_id"),
    )
    .select(["p.id", "p.code", "p.name", "b.enrolled_on", "b.exited_on"])
    .where("b.org_id", "=", orgId)
    .where("b.person_id", "=", personId)
    .execute();
  const trainings = await trx
    .selectFrom("training_participants as t")
    .innerJoin("training_sessions as s", (join) =>
      join.onRef("s.org_id", "=", "t.org_id").onRef("s.id", "=", "t.session_id"),
    )
    .innerJoin("training_courses as c", (join) =>
      join.onRef("c.org_id", "=", "s.org_id").onRef("c.id", "=", "s.course_id"),
    )
    .select(["s.id", "c.name", "s.starts_on", "s.ends_on", "t.pre_score", "t.post_score"])
    .where("t.org_id", "=", orgId)
    .where("t.person_id", "=", personId)
    .execute();
  const children = await trx
    .selectFrom("center_children")
    .select(["id", "person_id", "school", "enrolled_on", "left_on"])
    .where("org_id", "=", orgId)
    .where((eb) => eb.or([eb("person_id", "=", personId), eb("mother_person_id", "=", personId)]))
    .execute();
  const events: PersonRoleEvent[] = [
    ...groups.map((g) => event("group_member", g.name, g.id, g.joined_on, g.left_on, null)),
    ...loans.map((l) =>
      event(
        "borrower",
        `№${l.number}`,
        l.id,
        l.disbursed_on ?? l.expected_disbursement_on,
        l.closed_on,
        l.status,
      ),
    ),
    ...projects.map((p) =>
      event("beneficiary", `${p.code} ${p.name}`, p.id, p.enrolled_on, p.exited_on, null),
    ),
    ...trainings.map((t) =>
      event(
        "training",
        t.name,
        t.id,
        t.starts_on,
        t.ends_on,
        t.pre_score === null && t.post_score === null
          ? null
          : `${t.pre_score ?? "—"} → ${t.post_score ?? "—"}`,
      ),
    ),
    ...children.map((c) =>
      event(
        c.person_id === personId ? "center_child" : "center_mother",
        c.school ?? "",
        c.id,
        c.enrolled_on,
        c.left_on,
        null,
      ),
    ),
  ];
  return events.sort(byStart);
}

function event(
  kind: PersonRoleKind,
  label: string,
  recordId: string,
  from: string | null,
  until: string | null,
  detail: string | null,
): PersonRoleEvent {
  return { kind, label, recordId, from, until, detail };
}

function byStart(a: PersonRoleEvent, b: PersonRoleEvent): number {
  return (a.from ?? "").localeCompare(b.from ?? "") || a.kind.localeCompare(b.kind);
}
