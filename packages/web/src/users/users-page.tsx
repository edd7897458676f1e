import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/EmptyState.css";
import { Alert, Badge, Button, EmptyState, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { Office, User } from "@moldir/contract";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiResource } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { scopeLabel } from "./role-labels";
import { CreateUserModal, DeactivateUserModal, EditRolesModal, useUserPatch } from "./user-modals";

/** What the screen is doing with one person, if anything. */
type Dialog =
  | { readonly kind: "none" }
  | { readonly kind: "create" }
  | { readonly kind: "roles"; readonly user: User }
  | { readonly kind: "deactivate"; readonly user: User };

/** A role's name and scope can be long (Kazakh, Russian): the badge wraps rather than cut the words. */
const wrappingBadge = { label: { whiteSpace: "normal", overflow: "visible" } } as const;

/** Pause after typing before the list is asked for again, in milliseconds. */
const searchDelayMs = 300;

/** People of the organization: find them, add them, give and take roles, deactivate them. */
export default function UsersPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "users.manage");
  const mayAssign = hasPermission(session, "roles.assign");
  const [query, setQuery] = useState("");
  const [debouncedQuery] = useDebouncedValue(query.trim(), searchDelayMs);
  const path =
    debouncedQuery === "" ? "/api/v1/users" : `/api/v1/users?q=${encodeURIComponent(debouncedQuery)}`;
  const users = useApiResource<{ items: User[] }>(path);
  const officesResource = useApiResource<{ items: Office[] }>("/api/v1/offices");
  const offices = officesResource.resource.status === "loaded" ? officesResource.resource.data.items : [];
  const [dialog, setDialog] = useState<Dialog>({ kind: "none" });
  const [notice, setNotice] = useState<string | null>(null);
  const close = () => setDialog({ kind: "none" });
  const done = (message: string) => {
    close();
    setNotice(message);
    users.reload();
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title={t("users.title")}
        description={t("users.description")}
        actions={
          mayManage && <Button onClick={() => setDialog({ kind: "create" })}>{t("users.create")}</Button>
        }
      />
      {notice !== null && (
        <Alert
          color="teal"
          role="status"
          mb="md"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t("common.close")}
        >
          {notice}
        </Alert>
      )}
      <TextInput
        type="search"
        label={t("users.search")}
        placeholder={t("users.searchPlaceholder")}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
        maw={420}
        mb="md"
      />
      <ResourceView resource={users.resource} onRetry={users.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState
              title={debouncedQuery === "" ? t("users.emptyTitle") : t("users.noMatchTitle")}
              description={
                debouncedQuery === "" ? t("users.emptyDescription") : t("users.noMatchDescription")
              }
            />
          ) : (
            <UsersTable
              users={items}
              offices={offices}
              mayManage={mayManage}
              mayAssign={mayAssign}
              ownId={session?.user.id ?? null}
              onEditRoles={(user) => setDialog({ kind: "roles", user })}
              onDeactivate={(user) => setDialog({ kind: "deactivate", user })}
              onActivated={() => done(t("users.activated"))}
            />
          )
        }
      </ResourceView>
      <CreateUserModal
        opened={dialog.kind === "create"}
        offices={offices}
        onClose={close}
        onCreated={(user) => done(t("users.created", { name: user.displayName }))}
      />
      {dialog.kind === "roles" && (
        <EditRolesModal
          user={dialog.user}
          offices={offices}
          onClose={close}
          onSaved={(outcome) =>
            done(
              outcome === "pending_approval"
                ? t("users.rolesSentForApproval", { name: dialog.user.displayName })
                : t("users.rolesSaved", { name: dialog.user.displayName }),
            )
          }
        />
      )}
      {dialog.kind === "deactivate" && (
        <DeactivateUserModal
          user={dialog.user}
          onClose={close}
          onDone={() => done(t("users.deactivated", { name: dialog.user.displayName }))}
        />
      )}
    </Stack>
  );
}

interface UsersTableProps {
  readonly users: readonly User[];
  readonly offices: readonly Office[];
  readonly mayManage: boolean;
  readonly mayAssign: boolean;
  readonly ownId: string | null;
  readonly onEditRoles: (user: User) => void;
  readonly onDeactivate: (user: User) => void;
  readonly onActivated: () => void;
}

function UsersTable({
  users,
  offices,
  mayManage,
  mayAssign,
  ownId,
  onEditRoles,
  onDeactivate,
  onActivated,
}: UsersTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.name")}</Table.Th>
            <Table.Th>{t("users.contact")}</Table.Th>
            <Table.Th>{t("users.roles")}</Table.Th>
            <Table.Th>{t("users.status")}</Table.Th>
            {(mayManage || mayAssign) && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>
                <Text fw={500}>{user.displayName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{[user.email, user.phone].filter((value) => value !== null).join(", ")}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {user.roles.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t("users.noRoles")}
                    </Text>
                  ) : (
                    user.roles.map((assignment) => (
                      <Badge
                        key={`${assignment.role}:${assignment.scopeKind}:${assignment.scopeId}`}
                        variant="light"
                        tt="none"
                        h="auto"
                        py={2}
                        styles={wrappingBadge}
                      >
                        {t(`roles.${assignment.role}`)} · {scopeLabel(assignment, offices, locale, t)}
                      </Badge>
                    ))
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={user.isActive ? "teal" : "dimmed"} style={{ whiteSpace: "nowrap" }}>
                  {user.isActive ? t("users.active") : t("users.inactive")}
                </Text>
              </Table.Td>
              {(mayManage || mayAssign) && (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {mayAssign && (
                      <Button
                        size="compact-sm"
                        variant="light"
                        onClick={() => onEditRoles(user)}
                        aria-label={t("users.editRolesOf", { name: user.displayName })}
                      >
                        {t("users.editRoles")}
                      </Button>
                    )}
                    {mayManage && user.id !== ownId && user.isActive && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => onDeactivate(user)}
                        aria-label={t("users.deactivateUser", { name: user.displayName })}
                      >
                        {t("users.deactivate")}
                      </Button>
                    )}
                    {mayManage && !user.isActive && <ActivateButton user={user} onDone={onActivated} />}
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Giving access back needs no confirmation: nothing is lost by it. */
function ActivateButton({ user, onDone }: { readonly user: User; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const { run, isRunning, error } = useUserPatch(user.id);
  return (
    <Stack gap={2}>
      <Button
        size="compact-sm"
        variant="subtle"
        loading={isRunning}
        onClick={() => void run({ isActive: true }).then((ok) => ok && onDone())}
        aria-label={t("users.activateUser", { name: user.displayName })}
      >
        {t("users.activate")}
      </Button>
      {error !== null && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
