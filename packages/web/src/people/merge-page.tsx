import "@mantine/core/styles/Table.css";
import { Alert, Anchor, Button, Group, Radio, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { Person } from "@moldir/contract";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { fullName, isPendingApproval, peoplePaths, personApi, usePersonSearch } from "./people-api";

/** Rows offered when the duplicate is looked for. */
const pickLimit = 10;

type Outcome = { readonly kind: "merged" } | { readonly kind: "pending" };

/**
 * Merging two records of one woman: the record this screen was opened from is kept, the duplicate picked here
 * is merged into it with every role and history. It may wait for a second person (four eyes).
 */
export default function MergePage() {
  const { personId = "" } = useParams<{ personId: string }>();
  const { resource, reload } = useApiResource<Person>(personApi(personId));
  return (
    <ResourceView resource={resource} onRetry={reload}>
      {(survivor) => <MergeScreen survivor={survivor} />}
    </ResourceView>
  );
}

function MergeScreen({ survivor }: { readonly survivor: Person }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState(survivor.surname);
  const [debouncedQuery] = useDebouncedValue(query.trim(), 300);
  const { state } = usePersonSearch(debouncedQuery, {}, pickLimit + 1);
  const [duplicateId, setDuplicateId] = useState<string | null>(null);
  const duplicate = useApiResource<Person>(duplicateId === null ? null : personApi(duplicateId));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const options =
    state.status === "loaded"
      ? state.items.filter((person) => person.id !== survivor.id).slice(0, pickLimit)
      : [];

  const merge = async () => {
    if (duplicateId === null) return;
    setIsRunning(true);
    setError(null);
    try {
      const answer = await request<unknown>(`${personApi(survivor.id)}/merge`, {
        method: "POST",
        body: { duplicateId },
      });
      setOutcome(isPendingApproval(answer) ? { kind: "pending" } : { kind: "merged" });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsRunning(false);
    }
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t("people.merge.title", { name: fullName(survivor) })}
        description={t("people.merge.description")}
      />
      {outcome !== null ? (
        <Alert color="teal" role="status">
          {outcome.kind === "pending" ? t("people.merge.sentForApproval") : t("people.merge.merged")}{" "}
          <Anchor component={Link} href={peoplePaths.person(survivor.id)}>
            {t("people.merge.backToPerson")}
          </Anchor>
        </Alert>
      ) : (
        <>
          <TextInput
            type="search"
            label={t("people.merge.find")}
            description={t("people.searchPlaceholder")}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
            maw={420}
            autoComplete="off"
          />
          <Radio.Group
            label={t("people.merge.pick")}
            value={duplicateId}
            onChange={(value) => setDuplicateId(value)}
          >
            <Stack gap="xs" mt="xs">
              {state.status === "loaded" && options.length === 0 && (
                <Text c="dimmed" size="sm">
                  {t("people.noMatchTitle")}
                </Text>
              )}
              {options.map((person) => (
                <Radio
                  key={person.id}
                  value={person.id}
                  label={`${fullName(person)} · ${person.nameLatin}${person.birthDate === null ? "" : ` · ${person.birthDate}`}`}
                />
              ))}
            </Stack>
          </Radio.Group>
          {duplicateId !== null && duplicate.resource.status === "loaded" && (
            <Comparison survivor={survivor} duplicate={duplicate.resource.data} />
          )}
          {error !== null && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button onClick={() => void merge()} disabled={duplicateId === null} loading={isRunning}>
              {t("people.merge.confirm")}
            </Button>
            <Button component={Link} href={peoplePaths.person(survivor.id)} variant="default">
              {t("common.cancel")}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}

/** The two records side by side, with the rows where they differ marked. */
function Comparison({ survivor, duplicate }: { readonly survivor: Person; readonly duplicate: Person }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const date = (text: string | null) => (text === null ? "—" : formatPlainDate(text, locale));
  const rows: [string, (person: Person) => string][] = [
    [t("people.name"), fullName],
    [t("people.nameLatin"), (person) => person.nameLatin],
    [t("people.sex"), (person) => t(`people.sexes.${person.sex}`)],
    [t("people.birthDate"), (person) => date(person.birthDate)],
    [t("people.iin"), (person) => person.iinMasked ?? "—"],
    [t("people.phones"), (person) => person.phones.join(", ") || "—"],
    [t("people.address"), (person) => person.address ?? "—"],
    [t("people.households.title"), (person) => person.households.map((h) => h.name).join(", ") || "—"],
    [t("people.consents.title"), (person) => String(person.consents.length)],
  ];
  return (
    <section aria-labelledby="compare-title">
      <Title order={2} size="h3" id="compare-title" mb="xs">
        {t("people.merge.compare")}
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder withColumnBorders verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t("people.merge.kept")}</Table.Th>
              <Table.Th>{t("people.merge.mergedIn")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([label, value]) => {
              const differs = value(survivor) !== value(duplicate);
              return (
                <Table.Tr key={label} bg={differs ? "var(--mantine-color-yellow-light)" : undefined}>
                  <Table.Th scope="row">{label}</Table.Th>
                  <Table.Td>{value(survivor)}</Table.Td>
                  <Table.Td>{value(duplicate)}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}
