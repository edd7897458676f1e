/**
 * Writes a projects plan (`projects.ts`) through the projects and children's center API, as the association's
 * staff would, each in her role: the programme manager starts the projects, records each woman's (or, for a
 * child, her mother's) consent, flags single mothers at intake, enrols, records consultations and packages,
 * records exits and stories and saves the built indicators; the trainer records her training days; the center's
 * case worker registers nothing but keeps the daily sheets, the month's counts, the center's services and the
 * case notes. The programme manager registers the children at the center (it needs `children.manage`, which
 * both hold).
 */
import { assert } from "@moldir/domain";
import type { Api } from "./api";
import type { ProjectKey, ProjectsPlan, Recorder } from "./projects";

export interface ProjectStaff {
  readonly manager: Api;
  readonly trainer: Api;
  readonly caseWorker: Api;
}

export interface AppliedProjectCounts {
  readonly projects: number;
  readonly consents: number;
  readonly enrolments: number;
  readonly exits: number;
  /** Service records (a sheet of ten is ten). */
  readonly services: number;
  readonly stories: number;
  readonly builtIndicators: number;
  readonly children: number;
  readonly attendanceSheets: number;
  readonly centerServices: number;
  readonly caseNotes: number;
}

export interface AppliedProjects {
  readonly counts: AppliedProjectCounts;
  readonly projectIds: ReadonlyMap<ProjectKey, string>;
  readonly childIds: ReadonlyMap<string, string>;
}

/** `personIds`: the plan's person keys to the ids the generator's registry gave them. */
export async function applyProjects(
  staff: ProjectStaff,
  plan: ProjectsPlan,
  personIds: ReadonlyMap<string, string>,
): Promise<AppliedProjects> {
  const counts = {
    projects: 0,
    consents: 0,
    enrolments: 0,
    exits: 0,
    services: 0,
    stories: 0,
    builtIndicators: 0,
    children: 0,
    attendanceSheets: 0,
    centerServices: 0,
    caseNotes: 0,
  };
  const { manager } = staff;
  const recorder: Record<Recorder, Api> = staff;
  const idOf = (key: string): string => {
    const id = personIds.get(key);
    assert(id !== undefined, `person ${key} of the plan is registered`);
    return id;
  };

  // Intake: single mothers are flagged on their records, and everyone consents before her first enrolment.
  for (const [key, vulnerabilities] of plan.vulnerabilities) {
    const person = await manager<{ version: number }>("GET", `/api/v1/persons/${idOf(key)}`);
    await manager("PATCH", `/api/v1/persons/${idOf(key)}`, { vulnerabilities, version: person.version });
  }
  for (const consent of plan.consents) {
    await manager("POST", `/api/v1/persons/${idOf(consent.personKey)}/consents`, {
      purpose: "project",
      givenOn: consent.givenOn,
      allowsThirdParties: consent.allowsThirdParties,
      allowsCrossBorder: false,
    });
    counts.consents += 1;
  }

  const projectIds = new Map<ProjectKey, string>();
  for (const project of plan.projects) {
    const created = await manager<{ id: string }>("POST", "/api/v1/projects", {
      code: project.code,
      name: project.name,
      donor: project.donor,
      donorCurrency: project.donorCurrency,
      ratePpm: project.ratePpm,
      startsOn: project.startsOn,
      endsOn: project.endsOn,
      regionIds: project.regionIds,
      targetGroups: project.targetGroups,
      activities: project.activities,
      eligibility: project.eligibility,
      // The association's book is opened in the ledger's walkthrough: no budget lines before it.
      budgetLines: [],
      targets: project.targets.map((t) => ({ indicator: t.indicator, target: t.target.toString() })),
    });
    projectIds.set(project.key, created.id);
    counts.projects += 1;
    const beneficiaryIds = new Map<string, string>();
    for (const enrolment of project.enrolments) {
      const enrolled = await manager<{ id: string }>("POST", `/api/v1/projects/${created.id}/beneficiaries`, {
        personId: idOf(enrolment.personKey),
        enrolledOn: enrolment.enrolledOn,
      });
      beneficiaryIds.set(enrolment.personKey, enrolled.id);
      counts.enrolments += 1;
    }
    for (const sheet of project.sheets) {
      const api = recorder[sheet.by];
      const [only, ...more] = sheet.personKeys;
      if (only === undefined) continue;
      if (more.length === 0)
        await api("POST", `/api/v1/projects/${created.id}/services`, {
          personId: idOf(only),
          kind: sheet.kind,
          deliveredOn: sheet.deliveredOn,
          quantity: sheet.quantity,
          valueMinor: sheet.valueMinorEach.toString(),
          note: sheet.note,
        });
      else
        await api("POST", `/api/v1/projects/${created.id}/attendance`, {
          kind: sheet.kind,
          deliveredOn: sheet.deliveredOn,
          quantity: sheet.quantity,
          valueMinorEach: sheet.valueMinorEach.toString(),
          personIds: sheet.personKeys.map(idOf),
        });
      counts.services += sheet.personKeys.length;
    }
    for (const enrolment of project.enrolments) {
      if (enrolment.exit === null) continue;
      await manager("POST", `/api/v1/beneficiaries/${beneficiaryIds.get(enrolment.personKey)}/exit`, {
        exitedOn: enrolment.exit.on,
        reason: enrolment.exit.reason,
      });
      counts.exits += 1;
    }
    for (const story of project.stories) {
      await manager("POST", `/api/v1/projects/${created.id}/stories`, {
        personId: idOf(story.personKey),
        toldOn: story.toldOn,
        story: story.story,
      });
      counts.stories += 1;
    }
    for (const built of project.builtIndicators) {
      await manager("POST", `/api/v1/projects/${created.id}/built-indicators`, {
        name: built.name,
        definition: built.definition,
        target: built.target.toString(),
      });
      counts.builtIndicators += 1;
    }
  }

  // The children's center: each child with her household (her mother's) and mother.
  const childIds = new Map<string, string>();
  const householdOf = new Map<string, string | null>();
  for (const child of plan.center.children) {
    const motherId = idOf(child.motherKey);
    if (!householdOf.has(motherId)) {
      const mother = await manager<{ households: { householdId: string }[] }>(
        "GET",
        `/api/v1/persons/${motherId}`,
      );
      householdOf.set(motherId, mother.households[0]?.householdId ?? null);
    }
    const registered = await manager<{ id: string }>("POST", "/api/v1/children-center/children", {
      personId: idOf(child.personKey),
      householdId: householdOf.get(motherId) ?? null,
      motherPersonId: motherId,
      school: child.school,
      grade: child.grade,
      needs: child.needs,
      enrolledOn: child.enrolledOn,
    });
    childIds.set(child.personKey, registered.id);
    counts.children += 1;
  }
  const childId = (key: string): string => {
    const id = childIds.get(key);
    assert(id !== undefined, `child ${key} of the plan is registered at the center`);
    return id;
  };
  for (const day of plan.center.days) {
    await staff.caseWorker("PUT", "/api/v1/children-center/attendance", {
      attendedOn: day.on,
      childIds: day.childKeys.map(childId),
    });
    counts.attendanceSheets += 1;
  }
  for (const service of plan.center.services) {
    await staff.caseWorker("POST", `/api/v1/children-center/children/${childId(service.childKey)}/services`, {
      kind: service.kind,
      deliveredOn: service.deliveredOn,
      quantity: service.quantity,
      note: service.note,
    });
    counts.centerServices += 1;
  }
  for (const note of plan.center.caseNotes) {
    await staff.caseWorker("POST", `/api/v1/children-center/children/${childId(note.childKey)}/case-notes`, {
      writtenOn: note.writtenOn,
      note: note.note,
    });
    counts.caseNotes += 1;
  }
  return { counts, projectIds, childIds };
}
