import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/Fieldset.css";
import { Button, CloseButton, Fieldset, Group, Select, Stack, Text } from "@mantine/core";
import type { Office } from "@moldir/contract";
import { isRole, limits, type RoleAssignment, roles } from "@moldir/domain";
import { useTranslation } from "react-i18next";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { scopeLabel, scopeOfValue, scopeValueOf } from "./role-labels";

/** One row of the editor: an assignment with a key that stays while the row is edited. */
export interface RoleRow extends RoleAssignment {
  readonly key: number;
}

let lastRowKey = 0;

export function toRoleRows(assignments: readonly RoleAssignment[]): RoleRow[] {
  return assignments.map((assignment) => ({ ...assignment, key: ++lastRowKey }));
}

export function toAssignments(rows: readonly RoleRow[]): RoleAssignment[] {
  return rows.map(({ role, scopeKind, scopeId }) => ({ role, scopeKind, scopeId }));
}

export interface RoleEditorProps {
  readonly value: readonly RoleRow[];
  readonly onChange: (value: RoleRow[]) => void;
  /** Offices a role can be limited to. */
  readonly offices: readonly Office[];
  readonly error?: string;
}

/**
 * The roles of one person, each with where it applies: the whole organization or one office (and the
 * offices below it). Scopes of federations and groups that a person already holds are kept and shown;
 * they are given on the screens of federations and groups.
 */
export function RoleEditor({ value, onChange, offices, error }: RoleEditorProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const roleOptions = roles.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const officeOptions = offices.map((office) => ({
    value: scopeValueOf({ scopeKind: "office", scopeId: office.id }),
    label: t("scopes.officeNamed", { name: nameIn(office.names, locale) }),
  }));
  const replace = (row: RoleRow) =>
    onChange(value.map((current) => (current.key === row.key ? row : current)));

  return (
    <Fieldset legend={t("users.roles")} variant="unstyled">
      <Stack gap="xs">
        {value.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("users.noRoles")}
          </Text>
        )}
        {value.map((assignment, index) => {
          const number = index + 1;
          const own = scopeValueOf(assignment);
          const scopeOptions = [{ value: "organization", label: t("scopes.organization") }, ...officeOptions];
          if (!scopeOptions.some((option) => option.value === own)) {
            scopeOptions.push({ value: own, label: scopeLabel(assignment, offices, locale, t) });
          }
          return (
            <Group key={assignment.key} gap="xs" align="flex-end" wrap="nowrap">
              <Select
                label={t("users.roleNumber", { number })}
                data={roleOptions}
                value={assignment.role}
                allowDeselect={false}
                onChange={(role) => {
                  if (role !== null && isRole(role)) replace({ ...assignment, role });
                }}
                flex={1}
              />
              <Select
                label={t("users.scopeNumber", { number })}
                data={scopeOptions}
                value={own}
                allowDeselect={false}
                searchable
                onChange={(scope) => {
                  if (scope !== null) replace({ ...assignment, ...scopeOfValue(scope) });
                }}
                flex={1}
              />
              <CloseButton
                aria-label={t("users.removeRole", { number })}
                onClick={() => onChange(value.filter((row) => row.key !== assignment.key))}
                mb={4}
              />
            </Group>
          );
        })}
        {error !== undefined && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            size="xs"
            disabled={value.length >= limits.roleAssignmentsPerUserMax}
            onClick={() =>
              onChange([
                ...value,
                ...toRoleRows([{ role: "facilitator", scopeKind: "organization", scopeId: null }]),
              ])
            }
          >
            {t("users.addRole")}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
