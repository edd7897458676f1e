/**
 * The children's center's forms: registering a child (found among the persons, with one of her households and
 * the mother from it), and case notes, shown and written only for those who hold `case_notes.manage` (case
 * workers); the server refuses them to anyone else as well.
 */
import {
  Button,
  NativeSelect,
  Paper,
  Group as Row,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { CaseNote, ChildSummary, Household, Person, PersonSummary } from "@moldir/contract";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { type FormMessage, FormNotice } from "../layout/form-notice";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { personName } from "./projects-api";

const api = {
  children: "/api/v1/children-center/children",
  personSearch: "/api/v1/persons/search",
  person: (id: string) => `/api/v1/persons/${encodeURIComponent(id)}`,
  household: (id: string) => `/api/v1/households/${encodeURIComponent(id)}`,
  caseNotes: (childId: string) =>
    `/api/v1/children-center/children/${encodeURIComponent(childId)}/case-notes`,
} as const;

/** Registers a child: find her, choose her household and the mother in it, her school and needs. */
export function RegisterChildForm({ onRegistered }: { readonly onRegistered: () => void }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<PersonSummary[] | null>(null);
  const [child, setChild] = useState<PersonSummary | null>(null);
  const [households, setHouseholds] = useState<Person["households"]>([]);
  const [householdId, setHouseholdId] = useState("");
  const [members, setMembers] = useState<Household["members"]>([]);
  const [motherId, setMotherId] = useState("");
  const [school, setSchool] = useState("");
  const [grade, setGrade] = useState("");
  const [needs, setNeeds] = useState("");
  const [enrolledOn, setEnrolledOn] = useState(todayPlainDate());
  const [message, setMessage] = useState<FormMessage>(null);

  useEffect(() => {
    if (child === null) return;
    let isCurrent = true;
    request<Person>(api.person(child.id))
      .then((person) => {
        if (!isCurrent) return;
        setHouseholds(person.households);
        setHouseholdId(person.households[0]?.householdId ?? "");
      })
      .catch((caught: unknown) => isCurrent && setMessage({ text: errorMessage(caught), isError: true }));
    return () => {
      isCurrent = false;
    };
  }, [child, request, errorMessage]);

  useEffect(() => {
    if (householdId === "") {
      setMembers([]);
      setMotherId("");
      return;
    }
    let isCurrent = true;
    request<Household>(api.household(householdId))
      .then((household) => {
        if (!isCurrent) return;
        setMembers(household.members);
        setMotherId(household.members.find((m) => m.relationship === "mother")?.person.id ?? "");
      })
      .catch((caught: unknown) => isCurrent && setMessage({ text: errorMessage(caught), isError: true }));
    return () => {
      isCurrent = false;
    };
  }, [householdId, request, errorMessage]);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === "") return;
    setMessage(null);
    try {
      const answer = await request<{ items: PersonSummary[] }>(api.personSearch, {
        method: "POST",
        body: { q: query.trim(), limit: 10 },
      });
      setFound(answer.items);
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    }
  };

  const register = async () => {
    if (child === null) return;
    setMessage(null);
    try {
      await request<ChildSummary>(api.children, {
        method: "POST",
        body: {
          personId: child.id,
          householdId: householdId === "" ? null : householdId,
          motherPersonId: motherId === "" ? null : motherId,
          school: school.trim() === "" ? null : school.trim(),
          grade: grade.trim() === "" ? null : grade.trim(),
          needs: needs
            .split(",")
            .map((n) => n.trim())
            .filter((n) => n !== ""),
          enrolledOn,
        },
      });
      setMessage({ text: t("projects.center.registered", { name: personName(child) }), isError: false });
      setChild(null);
      setFound(null);
      onRegistered();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("projects.center.register")}
        </Title>
        {child === null ? (
          <form onSubmit={search}>
            <Row align="end">
              <TextInput
                label={t("projects.center.findChild")}
                value={query}
                onChange={(e) => setQuery(e.currentTarget.value)}
              />
              <Button type="submit" variant="light">
                {t("projects.center.find")}
              </Button>
            </Row>
          </form>
        ) : (
          <Text>
            {t("projects.center.child")}: <strong>{personName(child)}</strong>
          </Text>
        )}
        {child === null &&
          found?.map((p) => (
            <Button
              key={p.id}
              variant="subtle"
              justify="start"
              onClick={() => setChild(p)}
              aria-label={t("projects.center.choose", { name: personName(p) })}
            >
              {personName(p)} {p.birthDate ?? ""}
            </Button>
          ))}
        {child !== null && (
          <Stack gap="xs">
            <Row align="end" wrap="wrap">
              <NativeSelect
                label={t("projects.center.household")}
                value={householdId}
                onChange={(e) => setHouseholdId(e.currentTarget.value)}
                data={[
                  { value: "", label: t("projects.center.noHousehold") },
                  ...households.map((h) => ({ value: h.householdId, label: h.name })),
                ]}
              />
              <NativeSelect
                label={t("projects.center.mother")}
                value={motherId}
                onChange={(e) => setMotherId(e.currentTarget.value)}
                data={[
                  { value: "", label: t("projects.center.noMother") },
                  ...members
                    .filter((m) => m.person.id !== child.id)
                    .map((m) => ({ value: m.person.id, label: personName(m.person) })),
                ]}
              />
            </Row>
            <Row align="end" wrap="wrap">
              <TextInput
                label={t("projects.center.school")}
                value={school}
                onChange={(e) => setSchool(e.currentTarget.value)}
              />
              <TextInput
                label={t("projects.center.grade")}
                value={grade}
                onChange={(e) => setGrade(e.currentTarget.value)}
                w={100}
              />
              <TextInput
                label={t("projects.center.needs")}
                value={needs}
                onChange={(e) => setNeeds(e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label={t("projects.center.enrolledOn")}
                value={enrolledOn}
                onChange={(e) => setEnrolledOn(e.currentTarget.value)}
              />
            </Row>
            <Row>
              <Button onClick={() => void register()}>{t("projects.center.registerButton")}</Button>
              <Button variant="subtle" onClick={() => setChild(null)}>
                {t("projects.center.cancel")}
              </Button>
            </Row>
          </Stack>
        )}
        <FormNotice message={message} />
      </Stack>
    </Paper>
  );
}

/** A child's case notes, and a note written; for case workers only. */
export function CaseNotesSection({ items }: { readonly items: readonly ChildSummary[] }) {
  const { t } = useTranslation();
  const [childId, setChildId] = useState(items[0]?.id ?? "");
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("projects.center.caseNotes")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("projects.center.caseNotesHint")}
        </Text>
        <NativeSelect
          w={320}
          label={t("projects.center.child")}
          value={childId}
          onChange={(e) => setChildId(e.currentTarget.value)}
          data={items.map((c) => ({ value: c.id, label: personName(c.person) }))}
        />
        {childId !== "" && <CaseNotes key={childId} childId={childId} />}
      </Stack>
    </Paper>
  );
}

function CaseNotes({ childId }: { readonly childId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const notes = useApiResource<{ items: CaseNote[] }>(api.caseNotes(childId));
  const [note, setNote] = useState("");
  const [writtenOn, setWrittenOn] = useState(todayPlainDate());
  const [message, setMessage] = useState<FormMessage>(null);
  const write = async (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === "") {
      setMessage({ text: t("projects.center.noteRequired"), isError: true });
      return;
    }
    setMessage(null);
    try {
      await request<CaseNote>(api.caseNotes(childId), {
        method: "POST",
        body: { writtenOn, note: note.trim() },
      });
      setNote("");
      setMessage({ text: t("projects.center.noteSaved"), isError: false });
      notes.reload();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    }
  };
  return (
    <Stack gap="xs">
      <ResourceView resource={notes.resource} onRetry={notes.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t("projects.center.noNotes")}</Text>
          ) : (
            <Stack gap={4} aria-label={t("projects.center.caseNotes")} role="list">
              {items.map((n) => (
                <Text key={n.id} role="listitem" size="sm">
                  {formatPlainDate(n.writtenOn, locale)} — {n.note}
                </Text>
              ))}
            </Stack>
          )
        }
      </ResourceView>
      <form onSubmit={write}>
        <Stack gap="xs">
          <Textarea
            label={t("projects.center.note")}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Row align="end">
            <TextInput
              type="date"
              label={t("projects.center.writtenOn")}
              value={writtenOn}
              onChange={(e) => setWrittenOn(e.currentTarget.value)}
            />
            <Button type="submit">{t("projects.center.writeNote")}</Button>
          </Row>
        </Stack>
      </form>
      <FormNotice message={message} />
    </Stack>
  );
}
