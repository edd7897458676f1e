import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { Household } from "@moldir/contract";
import { relationships } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { fullName, peoplePaths, usePersonSearch } from "./people-api";

/** The people who live together: each member's relationship and her roles elsewhere in Moldir. */
export default function HouseholdPage() {
  const { householdId = "" } = useParams<{ householdId: string }>();
  const path = `/api/v1/households/${encodeURIComponent(householdId)}`;
  const { resource, reload } = useApiResource<Household>(path);
  return (
    <ResourceView resource={resource} onRetry={reload}>
      {(household) => <HouseholdView household={household} path={path} onChanged={reload} />}
    </ResourceView>
  );
}

function HouseholdView({
  household,
  path,
  onChanged,
}: {
  readonly household: Household;
  readonly path: string;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "people.manage", { anyScope: true });
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const remove = (personId: string) => {
    setError(null);
    request(`${path}/members/${encodeURIComponent(personId)}`, { method: "DELETE" }).then(
      onChanged,
      (caught: unknown) => setError(errorMessage(caught)),
    );
  };
  return (
    <Stack gap="md">
      <PageHeader
        title={household.name}
        {...(household.address === null ? {} : { description: household.address })}
      />
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {household.members.length === 0 ? (
        <Text c="dimmed">{t("people.households.noMembers")}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("people.name")}</Table.Th>
                <Table.Th>{t("people.households.relationship")}</Table.Th>
                <Table.Th>{t("people.birthDate")}</Table.Th>
                <Table.Th>{t("people.households.roles")}</Table.Th>
                {mayManage && <Table.Th>{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {household.members.map((member) => (
                <Table.Tr key={member.person.id}>
                  <Table.Td>
                    <Anchor component={Link} href={peoplePaths.person(member.person.id)}>
                      {fullName(member.person)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t(`people.relationships.${member.relationship}`)}</Table.Td>
                  <Table.Td>
                    {member.person.birthDate === null
                      ? "—"
                      : formatPlainDate(member.person.birthDate, locale)}
                  </Table.Td>
                  <Table.Td>
                    {member.roles.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        {t("people.households.noRoles")}
                      </Text>
                    ) : (
                      <Group gap={4}>
                        {member.roles.map((role) => (
                          <Badge key={`${role.kind}:${role.label}`} variant="light" tt="none">
                            {`${t(`people.roles.kinds.${role.kind}`, { defaultValue: role.kind })}: ${role.label || "—"}`}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  {mayManage && (
                    <Table.Td>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        onClick={() => remove(member.person.id)}
                        aria-label={t("people.households.removeMember", { name: fullName(member.person) })}
                      >
                        {t("people.households.remove")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mayManage && <AddMember path={path} household={household} onAdded={onChanged} />}
    </Stack>
  );
}

function AddMember({
  path,
  household,
  onAdded,
}: {
  readonly path: string;
  readonly household: Household;
  readonly onAdded: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [debouncedQuery] = useDebouncedValue(query.trim(), 300);
  const { state } = usePersonSearch(debouncedQuery, {}, 20);
  const [personId, setPersonId] = useState<string | null>(null);
  const [relationship, setRelationship] = useState<string | null>("child");
  const [error, setError] = useState<string | null>(null);
  const members = new Set(household.members.map((member) => member.person.id));
  const options =
    state.status === "loaded"
      ? state.items
          .filter((person) => !members.has(person.id))
          .map((person) => ({ value: person.id, label: `${fullName(person)} (${person.nameLatin})` }))
      : [];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (personId === null) return;
    setError(null);
    request(`${path}/members`, { method: "POST", body: { personId, relationship } }).then(
      () => {
        setPersonId(null);
        onAdded();
      },
      (caught: unknown) => setError(errorMessage(caught)),
    );
  };
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit}>
      <Title order={2} size="h4" mb="xs">
        {t("people.households.addMember")}
      </Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label={t("people.search")}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          autoComplete="off"
        />
        <Select
          label={t("people.households.person")}
          data={options}
          value={personId}
          onChange={setPersonId}
          nothingFoundMessage={t("people.noMatchTitle")}
          w={320}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label={t("people.households.relationship")}
          data={relationships.map((value) => ({ value, label: t(`people.relationships.${value}`) }))}
          value={relationship}
          onChange={setRelationship}
          allowDeselect={false}
          w={200}
          comboboxProps={{ withinPortal: true }}
        />
        <Button type="submit" disabled={personId === null}>
          {t("people.households.add")}
        </Button>
      </Group>
      {error !== null && (
        <Alert color="red" role="alert" mt="sm">
          {error}
        </Alert>
      )}
    </Paper>
  );
}
