import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { PersonSummary, Region } from "@moldir/contract";
import { vulnerabilityFlags } from "@moldir/domain";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { type Resource, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { RegionSelect } from "../regions/region-select";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { fullName, peoplePaths, type SearchPage, usePersonSearch } from "./people-api";

/** Pause after typing before the server is asked again, in milliseconds. */
const searchDelayMs = 300;

interface Filters {
  readonly sex: string | null;
  readonly regionId: string | null;
  readonly vulnerability: string | null;
}

/**
 * The filters narrow the pages already read: the search route takes only the text typed. "Show more" reads
 * the next page, so a filter never hides people the server was not asked for without saying so.
 */
function matches(person: PersonSummary, filters: Filters): boolean {
  return (
    (filters.sex === null || person.sex === filters.sex) &&
    (filters.regionId === null || person.regionId === filters.regionId) &&
    (filters.vulnerability === null || person.vulnerabilities.includes(filters.vulnerability))
  );
}

/** Everyone the organization knows: found by a name in either script, a phone or an IIN typed in one box. */
export default function PeopleListPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "people.manage", { anyScope: true });
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [debouncedQuery] = useDebouncedValue(query.trim(), searchDelayMs);
  const { state, more, reload } = usePersonSearch(debouncedQuery);
  const [filters, setFilters] = useState<Filters>({ sex: null, regionId: null, vulnerability: null });
  const regionsResource = useApiResource<{ items: Region[] }>("/api/v1/regions");
  const regions = regionsResource.resource.status === "loaded" ? regionsResource.resource.data.items : [];
  const [moreError, setMoreError] = useState<string | null>(null);
  const resource = useMemo((): Resource<SearchPage> => {
    if (state.status === "loaded") return { status: "loaded", data: state };
    if (state.status === "failed") return { status: "failed", error: state.error };
    return { status: "loading" };
  }, [state]);

  return (
    <Stack gap={0}>
      <PageHeader
        title={t("people.title")}
        description={t("people.description")}
        actions={
          mayManage && (
            <>
              <Button component={Link} href={peoplePaths.create}>
                {t("people.create")}
              </Button>
              <Button component={Link} href={peoplePaths.import} variant="light">
                {t("people.import.open")}
              </Button>
            </>
          )
        }
      />
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <TextInput
          type="search"
          label={t("people.search")}
          placeholder={t("people.searchPlaceholder")}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          w={{ base: "100%", sm: 360 }}
          autoComplete="off"
        />
        <Select
          label={t("people.sex")}
          placeholder={t("people.any")}
          data={[
            { value: "female", label: t("people.sexes.female") },
            { value: "male", label: t("people.sexes.male") },
          ]}
          value={filters.sex}
          onChange={(sex) => setFilters({ ...filters, sex })}
          clearable
          w={160}
        />
        <div style={{ width: 260 }}>
          <RegionSelect
            regions={regions}
            value={filters.regionId}
            onChange={(regionId) => setFilters({ ...filters, regionId })}
          />
        </div>
        <Select
          label={t("people.vulnerability")}
          placeholder={t("people.any")}
          data={vulnerabilityFlags.map((flag) => ({
            value: flag,
            label: t(`people.vulnerabilities.${flag}`),
          }))}
          value={filters.vulnerability}
          onChange={(vulnerability) => setFilters({ ...filters, vulnerability })}
          clearable
          w={220}
        />
      </Group>
      <ResourceView resource={resource} onRetry={reload}>
        {({ items, nextCursor }) => {
          const shown = items.filter((person) => matches(person, filters));
          return (
            <Stack gap="sm">
              {shown.length === 0 ? (
                <EmptyState
                  title={
                    items.length === 0 && debouncedQuery === ""
                      ? t("people.emptyTitle")
                      : t("people.noMatchTitle")
                  }
                  description={
                    items.length === 0 && debouncedQuery === ""
                      ? t("people.emptyDescription")
                      : t("people.noMatchDescription")
                  }
                />
              ) : (
                <PeopleTable people={shown} regions={regions} />
              )}
              {moreError !== null && (
                <Alert color="red" role="alert">
                  {moreError}
                </Alert>
              )}
              {nextCursor !== null && (
                <Group>
                  <Button
                    variant="light"
                    onClick={() => {
                      setMoreError(null);
                      more().catch((error: unknown) => setMoreError(errorMessage(error)));
                    }}
                  >
                    {t("people.more")}
                  </Button>
                </Group>
              )}
            </Stack>
          );
        }}
      </ResourceView>
    </Stack>
  );
}

function PeopleTable({
  people,
  regions,
}: {
  readonly people: readonly PersonSummary[];
  readonly regions: readonly Region[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const regionName = (id: string | null) => {
    const region = regions.find((candidate) => candidate.id === id);
    return region === undefined ? "" : nameIn(region.names, locale);
  };
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.name")}</Table.Th>
            <Table.Th>{t("people.birthDate")}</Table.Th>
            <Table.Th>{t("people.iin")}</Table.Th>
            <Table.Th>{t("people.phones")}</Table.Th>
            <Table.Th>{t("people.region")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => (
            <Table.Tr key={person.id}>
              <Table.Td>
                <Anchor component={Link} href={peoplePaths.person(person.id)} fw={500}>
                  {fullName(person)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {person.nameLatin}
                </Text>
                {person.isErased && (
                  <Badge size="xs" color="gray" variant="light">
                    {t("people.erased")}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {person.birthDate === null ? "—" : formatPlainDate(person.birthDate, locale)}
              </Table.Td>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {person.iinMasked ?? "—"}
                </Text>
              </Table.Td>
              <Table.Td>{person.phones.join(", ") || "—"}</Table.Td>
              <Table.Td>{regionName(person.regionId) || "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
