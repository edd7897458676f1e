import "@mantine/core/styles/Badge.css";
import { Badge, Group, Table, Text } from "@mantine/core";
import { isRole } from "@moldir/domain";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * What an action did or would do, as the server summarized it (with personal data masked), for the
 * approvals inbox and the audit log. The summary is free-form per action; values are shown plainly, and
 * lists of roles by the roles' names.
 */
export function ApprovalSummary({ summary }: { readonly summary: Readonly<Record<string, unknown>> }) {
  const { t } = useTranslation();
  const entries = Object.entries(summary).filter(([key]) => !isIdentifierKey(key));
  if (entries.length === 0) return null;
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={false} fz="sm">
      <Table.Tbody>
        {entries.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th w={140}>{summaryKeyLabel(key, t)}</Table.Th>
            <Table.Td>{summaryValue(value, t)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Keys most summaries share are named in the reader's language; others are shown as sent. */
function summaryKeyLabel(key: string, t: TFunction): string {
  switch (key) {
    case "user":
      return t("approvals.summaryKeys.user");
    case "before":
      return t("approvals.summaryKeys.before");
    case "after":
      return t("approvals.summaryKeys.after");
    default:
      return key;
  }
}

/** Identifiers mean nothing to a reader; the names beside them say the same. */
const isIdentifierKey = (key: string) => key === "id" || key.endsWith("Id");

function summaryValue(value: unknown, t: TFunction): ReactNode {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (Array.isArray(value) && value.every(isRoleLike)) {
    if (value.length === 0) return t("users.noRoles");
    return (
      <Group gap={4}>
        {value.map((item) => (
          <Badge
            key={`${item.role}:${String(item.scopeKind)}:${String(item.scopeId)}`}
            variant="light"
            tt="none"
          >
            {isRole(item.role) ? t(`roles.${item.role}`) : item.role}
            {item.scopeKind !== undefined && item.scopeKind !== "organization"
              ? ` · ${String(item.scopeKind)}`
              : ""}
          </Badge>
        ))}
      </Group>
    );
  }
  return (
    <Text component="code" size="xs">
      {JSON.stringify(value)}
    </Text>
  );
}

function isRoleLike(value: unknown): value is { role: string; scopeKind?: unknown; scopeId?: unknown } {
  return typeof value === "object" && value !== null && "role" in value && typeof value.role === "string";
}
