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
import type { PersonFilters, PersonSummary, Region } from "@moldir/contract";
import { ageBands, consentPurposes, vulnerabilityFlags } from "@moldir/domain";
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

/** Filters the server applies; a choice cleared is left out of the request. */
interface Filters {
  readonly sex: PersonFilters["sex"] | null;
  readonly ageBand: PersonFilters["ageBand"] | null;
  readonly regionId: string | null;
  readonly vulnerability: PersonFilters["vulnerability"] | null;
  readonly consentPurpose: PersonFilters["consentPurpose"] | null;
  readonly membership: "member" | "not_member" | null;
}

const noFilters: Filters = {
  sex: null,
  ageBand: null,
  regionId: null,
  vulnerability: null,
  consentPurpose: null,
  membership: null,
};

function requestFilters(filters: Filters): PersonFilters {
  return {
    ...(filters.sex === null ? {} : { sex: filters.sex }),
    ...(filters.ageBand === null ? {} : { ageBand: filters.ageBand }),
    ...(filters.regionId === null ? {} : { regionId: filters.regionId }),
    ...(filters.vulnerability === null ? {} : { vulnerability: filters.vulnerability }),
    ...(filters.consentPurpose === null ? {} : { consentPurpose: filters.consentPurpose }),
    ...(filters.membership === null ? {} : { isGroupMember: filters.membership === "member" }),
  };
}

/** Everyone the organization knows: found by a name in either script, a phone or an IIN typed in one box. */
export default function PeopleListPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "people.manage", { anyScope: true });
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [debouncedQuery] = useDebouncedValue(query.trim(), searchDelayMs);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const { state, more, reload } = usePersonSearch(debouncedQuery, requestFilters(filters));
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
          onChange={(sex) => setFilters({ ...filters, sex: sex === "male" || sex === "female" ? sex : null })}
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
          onChange={(vulnerability) =>
            setFilters({
              ...filters,
              vulnerability: vulnerabilityFlags.find((flag) => flag === vulnerability) ?? null,
            })
          }
          clearable
          w={220}
        />
        <Select
          label={t("people.filters.ageBand")}
          placeholder={t("people.any")}
          data={ageBands.map((band) => ({
            value: band,
            label: band === "unknown" ? t("people.filters.ageUnknown") : band,
          }))}
          value={filters.ageBand}
          onChange={(value) =>
            setFilters({ ...filters, ageBand: ageBands.find((band) => band === value) ?? null })
          }
          clearable
          w={160}
        />
        <Select
          label={t("people.filters.consent")}
          placeholder={t("people.any")}
          data={consentPurposes.map((purpose) => ({
            value: purpose,
            label: t(`people.purposes.${purpose}`),
          }))}
          value={filters.consentPurpose}
          onChange={(value) =>
            setFilters({
              ...filters,
              consentPurpose: consentPurposes.find((purpose) => purpose === value) ?? null,
            })
          }
          clearable
          w={220}
        />
        <Select
          label={t("people.filters.membership")}
          placeholder={t("people.any")}
          data={[
            { value: "member", label: t("people.filters.member") },
            { value: "not_member", label: t("people.filters.notMember") },
          ]}
          value={filters.membership}
          onChange={(value) =>
            setFilters({
              ...filters,
              membership: value === "member" || value === "not_member" ? value : null,
            })
          }
          clearable
          w={200}
        />
      </Group>
      <ResourceView resource={resource} onRetry={reload}>
        {({ items, nextCursor }) => {
          const isUnfiltered = debouncedQuery === "" && Object.keys(requestFilters(filters)).length === 0;
          return (
            <Stack gap="sm">
              {items.length === 0 ? (
                <EmptyState
                  title={isUnfiltered ? t("people.emptyTitle") : t("people.noMatchTitle")}
                  description={isUnfiltered ? t("people.emptyDescription") : t("people.noMatchDescription")}
                />
              ) : (
                <PeopleTable people={items} regions={regions} />
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
