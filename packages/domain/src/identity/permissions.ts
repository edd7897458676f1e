/**
 * Who may do what: one list of permissions, declared here and checked on the server for every route. A role
 * grants a set of permissions within a scope: the whole organization, an office and the offices below it,
 * a federation, or one group. Roles are fixed in code; organizations assign them to people.
 */
export const permissions = [
  "organization.read",
  "organization.manage",
  "offices.manage",
  "users.read",
  "users.manage",
  "roles.assign",
  "approvals.read",
  "approvals.decide",
  "audit.read",
  "tokens.manage",
  "ledger.read",
  "ledger.post",
  "ledger.manage",
  "people.read",
  "people.manage",
  "people.reveal_iin",
  "groups.read",
  "groups.manage",
  "meetings.record",
  "federations.read",
  "federations.manage",
  "loans.read",
  "loans.manage",
  "loans.approve",
  "loans.disburse",
  "repayments.record",
  "projects.read",
  "projects.manage",
  "services.record",
  "trainings.manage",
  "reports.read",
  "network.read",
  "children.read",
  "children.manage",
  "case_notes.manage",
] as const;

export type Permission = (typeof permissions)[number];

export const roles = [
  "administrator",
  "accountant",
  "loan_officer",
  "credit_committee_member",
  "facilitator",
  "group_bookkeeper",
  "program_manager",
  "me_officer",
  "trainer",
  "auditor",
  "network_coordinator",
  "case_worker",
] as const;

export type Role = (typeof roles)[number];

export const scopeKinds = ["organization", "office", "federation", "group"] as const;
export type ScopeKind = (typeof scopeKinds)[number];

const readEverything: readonly Permission[] = permissions.filter(
  (p) => p.endsWith(".read") && p !== "network.read",
);

/** The permissions each role grants within its scope. */
export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: permissions.filter((p) => p !== "network.read"),
  accountant: [
    "organization.read",
    "users.read",
    "ledger.read",
    "ledger.post",
    "ledger.manage",
    "loans.read",
    "loans.disburse",
    "repayments.record",
    "groups.read",
    "federations.read",
    "projects.read",
    "reports.read",
    "approvals.read",
    "approvals.decide",
  ],
  loan_officer: [
    "organization.read",
    "people.read",
    "people.manage",
    "loans.read",
    "loans.manage",
    "repayments.record",
    "groups.read",
    "reports.read",
  ],
  credit_committee_member: [
    "organization.read",
    "people.read",
    "loans.read",
    "loans.approve",
    "groups.read",
    "reports.read",
    "approvals.read",
    "approvals.decide",
  ],
  facilitator: [
    "organization.read",
    "people.read",
    "people.manage",
    "groups.read",
    "groups.manage",
    "meetings.record",
  ],
  group_bookkeeper: ["organization.read", "people.read", "groups.read", "meetings.record"],
  program_manager: [
    "organization.read",
    "people.read",
    "people.manage",
    "projects.read",
    "projects.manage",
    "services.record",
    "trainings.manage",
    "reports.read",
    "approvals.read",
    "approvals.decide",
    "children.read",
    "children.manage",
  ],
  me_officer: [
    "organization.read",
    "people.read",
    "projects.read",
    "groups.read",
    "federations.read",
    "reports.read",
    "children.read",
  ],
  trainer: ["organization.read", "people.read", "groups.read", "trainings.manage", "services.record"],
  auditor: readEverything,
  network_coordinator: ["organization.read", "network.read", "reports.read"],
  // Case notes of the children's center are read and written by case workers alone (and administrators, who
  // hold every permission); "manage", not "read", so that the auditor's read-everything does not include them.
  case_worker: [
    "organization.read",
    "people.read",
    "children.read",
    "children.manage",
    "case_notes.manage",
    "services.record",
  ],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

/** One role given to one user in one scope. `scopeId` is null for the organization scope. */
export interface RoleAssignment {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  readonly scopeId: string | null;
}

/** Permissions that a user holds somewhere in the organization (in at least one scope). */
export function permissionsOf(assignments: readonly RoleAssignment[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const assignment of assignments) for (const p of rolePermissions[assignment.role]) granted.add(p);
  return granted;
}

/** Permissions that a user holds over the whole organization. */
export function organizationWidePermissionsOf(assignments: readonly RoleAssignment[]): Set<Permission> {
  return permissionsOf(assignments.filter((a) => a.scopeKind === "organization"));
}
