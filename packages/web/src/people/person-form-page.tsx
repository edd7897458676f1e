import "@mantine/core/styles/Checkbox.css";
import "@mantine/core/styles/SegmentedControl.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import type { Person, PersonSummary, Region } from "@moldir/contract";
import { vulnerabilityFlags } from "@moldir/domain";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { RegionSelect } from "../regions/region-select";
import { fullName, peoplePaths, personApi } from "./people-api";

/** Pause after typing before likely duplicates are looked for, in milliseconds. */
const duplicateCheckDelayMs = 400;

interface Draft {
  surname: string;
  givenName: string;
  patronymic: string;
  sex: "female" | "male";
  birthDate: string;
  iin: string;
  phone: string;
  address: string;
  regionId: string | null;
  vulnerabilities: string[];
  dependants: number | null;
}

const emptyDraft: Draft = {
  surname: "",
  givenName: "",
  patronymic: "",
  sex: "female",
  birthDate: "",
  iin: "",
  phone: "",
  address: "",
  regionId: null,
  vulnerabilities: [],
  dependants: null,
};

/** The body of `POST /api/v1/persons` (and of the duplicate check, which takes the same). */
function requestBody(draft: Draft, confirmNotDuplicateOf: readonly string[]) {
  return {
    surname: draft.surname.trim(),
    givenName: draft.givenName.trim(),
    patronymic: draft.patronymic.trim() || null,
    sex: draft.sex,
    birthDate: draft.birthDate || null,
    iin: draft.iin.replace(/\s/g, "") || null,
    phones: draft.phone.trim() === "" ? [] : [draft.phone.trim()],
    address: draft.address.trim() || null,
    regionId: draft.regionId,
    vulnerabilities: draft.vulnerabilities,
    dependants: draft.dependants,
    ...(confirmNotDuplicateOf.length > 0 ? { confirmNotDuplicateOf: [...confirmNotDuplicateOf] } : {}),
  };
}

/** The draft of a person on record: her IIN is not shown (it stays as it is unless a new one is typed). */
function draftOf(person: Person): Draft {
  return {
    surname: person.surname,
    givenName: person.givenName,
    patronymic: person.patronymic ?? "",
    sex: person.sex,
    birthDate: person.birthDate ?? "",
    iin: "",
    phone: person.phones[0] ?? "",
    address: person.address ?? "",
    regionId: person.regionId,
    vulnerabilities: person.vulnerabilities,
    dependants: person.dependants,
  };
}

/** The body of `PATCH /api/v1/persons/:id`: every field of the form, the IIN only when a new one was typed. */
function updateBody(draft: Draft, person: Person) {
  const { confirmNotDuplicateOf: _none, iin, phones, ...fields } = requestBody(draft, []);
  return {
    version: person.version,
    ...fields,
    ...(iin === null ? {} : { iin }),
    phones: [...phones, ...person.phones.slice(1)],
  };
}

/** Whether there is enough to look for duplicates: a name and one of birth date, phone or IIN. */
function isCheckable(draft: Draft): boolean {
  return (
    draft.surname.trim() !== "" &&
    draft.givenName.trim() !== "" &&
    (draft.birthDate !== "" || draft.phone.trim().length >= 7 || /^\d{12}$/.test(draft.iin.trim()))
  );
}

/**
 * A new person. As soon as her name and a birth date, phone or IIN are typed, the server is asked who she
 * might already be; the likely records are shown before saving, and each must be judged "a different
 * person" for the save to go through. Given a person on record, the same form corrects her record: the save
 * sends the version it was read at, so that a change made meanwhile by someone else is not overwritten.
 */
export default function PersonFormPage({ person }: { readonly person?: Person }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<Draft>(person === undefined ? emptyDraft : draftOf(person));
  const [candidates, setCandidates] = useState<PersonSummary[]>([]);
  const [sameIin, setSameIin] = useState<PersonSummary | null>(null);
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const regionsResource = useApiResource<{ items: Region[] }>("/api/v1/regions");
  const regions = regionsResource.resource.status === "loaded" ? regionsResource.resource.data.items : [];
  const checkBody = useMemo(
    () => (person === undefined && isCheckable(draft) ? JSON.stringify(requestBody(draft, [])) : null),
    [draft, person],
  );
  const [debouncedCheck] = useDebouncedValue(checkBody, duplicateCheckDelayMs);

  useEffect(() => {
    if (debouncedCheck === null) return;
    const controller = new AbortController();
    request<{ sameIin: PersonSummary | null; similar: PersonSummary[] }>("/api/v1/persons/duplicates", {
      method: "POST",
      body: JSON.parse(debouncedCheck),
      signal: controller.signal,
    }).then(
      (found) => {
        setSameIin(found.sameIin);
        setCandidates(found.similar);
      },
      // A half-typed IIN or date is refused here; the save will say what is wrong.
      () => undefined,
    );
    return () => controller.abort();
  }, [debouncedCheck, request]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setFieldErrors((current) => {
      const { [key]: _removed, ...rest } = current;
      return rest;
    });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const missing: Record<string, string> = {};
    if (draft.surname.trim() === "") missing["surname"] = t("people.form.required");
    if (draft.givenName.trim() === "") missing["givenName"] = t("people.form.required");
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      return;
    }
    setIsSaving(true);
    try {
      const saved = await request<Person>(person === undefined ? "/api/v1/persons" : personApi(person.id), {
        method: person === undefined ? "POST" : "PATCH",
        body: person === undefined ? requestBody(draft, [...confirmed]) : updateBody(draft, person),
      });
      navigate(peoplePaths.person(saved.id));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === "person_may_be_duplicate") {
        const offered = caught.details["candidates"];
        if (Array.isArray(offered)) setCandidates(offered as PersonSummary[]);
        setFormError(caught.message);
      } else if (caught instanceof ApiError && caught.field !== null) {
        const field = caught.field.startsWith("phones") ? "phone" : caught.field;
        setFieldErrors({ [field]: errorMessage(caught) });
      } else setFormError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Stack gap={0} maw={880}>
      {person === undefined ? (
        <PageHeader title={t("people.form.title")} description={t("people.form.description")} />
      ) : (
        <PageHeader
          title={t("people.edit.title", { name: fullName(person) })}
          description={t("people.edit.description")}
        />
      )}
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("people.surname")}
              required
              value={draft.surname}
              onChange={(event) => set("surname", event.currentTarget.value)}
              autoComplete="off"
              {...problem(fieldErrors["surname"])}
            />
            <TextInput
              label={t("people.givenName")}
              required
              value={draft.givenName}
              onChange={(event) => set("givenName", event.currentTarget.value)}
              autoComplete="off"
              {...problem(fieldErrors["givenName"])}
            />
            <TextInput
              label={t("people.patronymic")}
              description={t("common.optional")}
              value={draft.patronymic}
              onChange={(event) => set("patronymic", event.currentTarget.value)}
              autoComplete="off"
              {...problem(fieldErrors["patronymic"])}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="person-sex-label">
              {t("people.sex")}
            </Text>
            <SegmentedControl
              aria-labelledby="person-sex-label"
              value={draft.sex}
              onChange={(value) => set("sex", value === "male" ? "male" : "female")}
              data={[
                { value: "female", label: t("people.sexes.female") },
                { value: "male", label: t("people.sexes.male") },
              ]}
              w="fit-content"
            />
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label={t("people.birthDate")}
              value={draft.birthDate}
              onChange={(event) => set("birthDate", event.currentTarget.value)}
              {...problem(fieldErrors["birthDate"])}
            />
            <TextInput
              label={t("people.iin")}
              description={
                person === undefined
                  ? t("people.form.iinHint")
                  : t("people.edit.iinHint", { masked: person.iinMasked ?? "—" })
              }
              value={draft.iin}
              onChange={(event) => set("iin", event.currentTarget.value)}
              inputMode="numeric"
              maxLength={14}
              autoComplete="off"
              {...problem(fieldErrors["iin"])}
            />
            <TextInput
              type="tel"
              label={t("people.phone")}
              placeholder="+7 701 234 56 78"
              value={draft.phone}
              onChange={(event) => set("phone", event.currentTarget.value)}
              autoComplete="off"
              {...problem(fieldErrors["phone"])}
            />
          </SimpleGrid>
          {sameIin !== null && (
            <Alert color="red" role="alert" title={t("people.form.sameIinTitle")}>
              <Anchor component={Link} href={peoplePaths.person(sameIin.id)}>
                {fullName(sameIin)}
              </Anchor>
            </Alert>
          )}
          {candidates.length > 0 && (
            <DuplicateCandidates
              candidates={candidates}
              confirmed={confirmed}
              onToggle={(id, isDifferent) =>
                setConfirmed((current) => {
                  const next = new Set(current);
                  if (isDifferent) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t("people.address")}
              description={t("common.optional")}
              value={draft.address}
              onChange={(event) => set("address", event.currentTarget.value)}
              {...problem(fieldErrors["address"])}
            />
            <RegionSelect
              regions={regions}
              value={draft.regionId}
              onChange={(regionId) => set("regionId", regionId)}
            />
          </SimpleGrid>
          <Checkbox.Group
            label={t("people.vulnerability")}
            value={draft.vulnerabilities}
            onChange={(value) => set("vulnerabilities", value)}
          >
            <Group mt={4} gap="md">
              {vulnerabilityFlags.map((flag) => (
                <Checkbox key={flag} value={flag} label={t(`people.vulnerabilities.${flag}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <NumberInput
            label={t("people.dependants")}
            description={t("common.optional")}
            value={draft.dependants ?? ""}
            onChange={(value) => set("dependants", typeof value === "number" ? value : null)}
            min={0}
            max={30}
            allowDecimal={false}
            w={200}
          />
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={isSaving} disabled={sameIin !== null}>
              {t("people.form.save")}
            </Button>
            <Button
              component={Link}
              href={person === undefined ? peoplePaths.list : peoplePaths.person(person.id)}
              variant="default"
            >
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

interface DuplicateCandidatesProps {
  readonly candidates: readonly PersonSummary[];
  readonly confirmed: ReadonlySet<string>;
  readonly onToggle: (id: string, isDifferent: boolean) => void;
}

/** The records she may already have; each is opened in a new tab, or judged a different person. */
function DuplicateCandidates({ candidates, confirmed, onToggle }: DuplicateCandidatesProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Paper withBorder p="md" role="region" aria-label={t("people.form.duplicatesTitle")}>
      <Text fw={600} mb={4}>
        {t("people.form.duplicatesTitle")}
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t("people.form.duplicatesText")}
      </Text>
      <Stack gap="sm">
        {candidates.map((candidate) => (
          <Group key={candidate.id} justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Anchor href={peoplePaths.person(candidate.id)} target="_blank" rel="noopener" fw={500}>
                {fullName(candidate)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[
                  candidate.nameLatin,
                  candidate.birthDate === null ? null : formatPlainDate(candidate.birthDate, locale),
                  candidate.iinMasked,
                  candidate.phones.join(", ") || null,
                ]
                  .filter((part) => part !== null)
                  .join(" · ")}
              </Text>
            </div>
            <Checkbox
              label={t("people.form.differentPerson")}
              aria-label={t("people.form.differentPersonFrom", { name: fullName(candidate) })}
              checked={confirmed.has(candidate.id)}
              onChange={(event) => onToggle(candidate.id, event.currentTarget.checked)}
            />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
