import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/Paper.css";
import {
  Alert,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import type { AuditEvent, User } from "@moldir/contract";
import { limits } from "@moldir/domain";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { ApprovalSummary } from "../approvals/approval-summary";
import { formatInstant } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { type AuditFilters, auditQuery, noAuditFilters } from "./audit-query";

interface AuditPage {
  readonly items: AuditEvent[];
  readonly nextCursor: string | null;
}

const pageSize = limits.pageSizeDefault;

/** Who did what, when, from where: filtered, read page by page, exported to CSV. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(noAuditFilters);
  const [filters, setFilters] = useState<AuditFilters>(noAuditFilters);
  const query = auditQuery(filters, { limit: pageSize });
  const firstPage = useApiResource<AuditPage>(`/api/v1/audit-events?${query}`);
  const exportQuery = auditQuery(filters);
  const exportHref = `/api/v1/audit-events/export.csv${exportQuery === "" ? "" : `?${exportQuery}`}`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFilters(draft);
  };
  const set = (key: keyof AuditFilters) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));

  return (
    <Stack gap={0}>
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description")}
        actions={
          <Button component="a" href={exportHref} download variant="light">
            {t("audit.export")}
          </Button>
        }
      />
      <Paper
        withBorder
        p="md"
        mb="md"
        component="form"
        onSubmit={onSubmit}
        noValidate
        aria-label={t("audit.filters")}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <TextInput
            label={t("audit.action")}
            placeholder={t("audit.actionPlaceholder")}
            value={draft.action}
            onChange={(event) => set("action")(event.currentTarget.value)}
          />
          <ActorSelect value={draft.actorUserId} onChange={set("actorUserId")} />
          <TextInput
            label={t("audit.recordType")}
            placeholder={t("audit.recordTypePlaceholder")}
            value={draft.recordType}
            onChange={(event) => set("recordType")(event.currentTarget.value)}
          />
          <TextInput
            label={t("audit.recordId")}
            value={draft.recordId}
            onChange={(event) => set("recordId")(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("audit.from")}
            value={draft.from}
            onChange={(event) => set("from")(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("audit.to")}
            value={draft.to}
            onChange={(event) => set("to")(event.currentTarget.value)}
          />
        </SimpleGrid>
        <Group mt="sm" gap="xs">
          <Button type="submit">{t("audit.apply")}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(noAuditFilters);
              setFilters(noAuditFilters);
            }}
          >
            {t("audit.clear")}
          </Button>
        </Group>
      </Paper>
      <ResourceView resource={firstPage.resource} onRetry={firstPage.reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={t("audit.emptyTitle")} description={t("audit.emptyDescription")} />
          ) : (
            <EventList key={query} firstPage={page} filters={filters} />
          )
        }
      </ResourceView>
    </Stack>
  );
}

/** People of the organization, when the person may list them; else no actor filter is offered. */
function ActorSelect({
  value,
  onChange,
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const mayListUsers = hasPermission(useSignedInSession(), "users.read");
  const users = useApiResource<{ items: User[] }>(mayListUsers ? "/api/v1/users" : null);
  if (!mayListUsers) return null;
  const data =
    users.resource.status === "loaded"
      ? users.resource.data.items.map((user) => ({ value: user.id, label: user.displayName }))
      : [];
  return (
    <Select
      label={t("audit.actor")}
      placeholder={t("audit.anyone")}
      data={data}
      value={value === "" ? null : value}
      onChange={(selected) => onChange(selected ?? "")}
      searchable
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}

interface EventListProps {
  readonly firstPage: AuditPage;
  readonly filters: AuditFilters;
}

/** The first page and any older pages asked for, following the server's cursor. */
function EventList({ firstPage, filters }: EventListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [items, setItems] = useState(firstPage.items);
  const [cursor, setCursor] = useState(firstPage.nextCursor);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(firstPage.items);
    setCursor(firstPage.nextCursor);
  }, [firstPage]);

  const loadOlder = async () => {
    if (cursor === null) return;
    setIsLoading(true);
    setError(null);
    try {
      const page = await request<AuditPage>(
        `/api/v1/audit-events?${auditQuery(filters, { before: cursor, limit: pageSize })}`,
      );
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsLoading(false);
    }
  };

  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={820}>
        <Table striped verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("audit.at")}</Table.Th>
              <Table.Th>{t("audit.actor")}</Table.Th>
              <Table.Th>{t("audit.action")}</Table.Th>
              <Table.Th>{t("audit.record")}</Table.Th>
              <Table.Th>{t("audit.summary")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((event) => (
              <Table.Tr key={event.id}>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatInstant(event.at, locale)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{event.actorName ?? t("audit.system")}</Text>
                  {event.actorAddress !== null && (
                    <Text size="xs" c="dimmed">
                      {event.actorAddress}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text component="code" size="xs">
                    {event.action}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{event.recordType}</Text>
                  {event.recordId !== null && (
                    <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
                      {event.recordId}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ wordBreak: "break-word" }}>
                  {Object.keys(event.summary).length === 0 ? (
                    "—"
                  ) : (
                    <ApprovalSummary summary={event.summary} />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        {cursor === null ? (
          <Text size="sm" c="dimmed">
            {t("audit.end", { number: items.length })}
          </Text>
        ) : (
          <Button variant="light" loading={isLoading} onClick={() => void loadOlder()}>
            {t("audit.older")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
