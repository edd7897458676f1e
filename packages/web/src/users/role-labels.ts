/**
 * Names of roles and scopes for people. A role assignment's scope is shown as one choice ("Whole
 * organization", an office by name), which is how a person thinks of it, instead of a kind and an id.
 */
import type { Office } from "@moldir/contract";
import type { Locale, RoleAssignment } from "@moldir/domain";
import type { TFunction } from "i18next";
import { nameIn } from "../i18n/names";

/** `organization`, or `office:<id>` (also `federation:<id>`, `group:<id>`): the value of a scope choice. */
export type ScopeValue = string;

export function scopeValueOf(assignment: Pick<RoleAssignment, "scopeKind" | "scopeId">): ScopeValue {
  return assignment.scopeKind === "organization"
    ? "organization"
    : `${assignment.scopeKind}:${assignment.scopeId}`;
}

const scopeValuePattern = /^(office|federation|group):(.+)$/;

export function scopeOfValue(value: ScopeValue): Pick<RoleAssignment, "scopeKind" | "scopeId"> {
  const [, kind, id] = scopeValuePattern.exec(value) ?? [];
  if ((kind === "office" || kind === "federation" || kind === "group") && id !== undefined) {
    return { scopeKind: kind, scopeId: id };
  }
  return { scopeKind: "organization", scopeId: null };
}

/** "Whole organization", the office's name, or "Federation …" for scopes this screen cannot list yet. */
export function scopeLabel(
  assignment: Pick<RoleAssignment, "scopeKind" | "scopeId">,
  offices: readonly Office[],
  locale: Locale,
  t: TFunction,
): string {
  switch (assignment.scopeKind) {
    case "organization":
      return t("scopes.organization");
    case "office": {
      const office = offices.find((candidate) => candidate.id === assignment.scopeId);
      return office === undefined
        ? t("scopes.office")
        : t("scopes.officeNamed", { name: nameIn(office.names, locale) });
    }
    case "federation":
      return t("scopes.federation");
    case "group":
      return t("scopes.group");
  }
}
