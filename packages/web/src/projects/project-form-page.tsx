import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { Account, Book, CreateProjectRequest, UpdateProjectRequest } from "@moldir/contract";
import { isCurrencyCode, parseMoney } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { type Project, projectApi, projectPaths } from "./projects-api";

interface LineDraft {
  readonly name: string;
  readonly accountId: string | null;
  readonly amount: string;
}

interface Draft {
  readonly code: string;
  readonly name: string;
  readonly donor: string;
  readonly donorCurrency: string;
  readonly rate: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly targetGroups: string;
  readonly activities: string;
  readonly bookId: string | null;
  readonly lines: readonly LineDraft[];
}

const emptyDraft: Draft = {
  code: "",
  name: "",
  donor: "",
  donorCurrency: "KZT",
  rate: "1",
  startsOn: "",
  endsOn: "",
  targetGroups: "",
  activities: "",
  bookId: null,
  lines: [],
};

/** "478.5" tenge per unit of the donor's currency as millionths of a tenge ("478500000"); null if unreadable. */
export function ratePpmOf(text: string): string | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,6}))?$/.exec(text.trim());
  if (match === null) return null;
  const ppm = BigInt(match[1] ?? "0") * 1_000_000n + BigInt((match[2] ?? "").padEnd(6, "0"));
  return ppm > 0n ? ppm.toString() : null;
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

/** A new project. */
export function NewProjectPage() {
  return <ProjectForm project={undefined} />;
}

/** Corrects a project: its name, donor, period, target groups and activities (code, rate and budget stay). */
export function EditProjectPage() {
  const { projectId = "" } = useParams<{ projectId: string }>();
  const { resource, reload } = useApiResource<Project>(projectApi.project(projectId));
  return (
    <ResourceView resource={resource} onRetry={reload}>
      {(project) => <ProjectForm key={project.version} project={project} />}
    </ResourceView>
  );
}

function draftOf(project: Project): Draft {
  return {
    ...emptyDraft,
    code: project.code,
    name: project.name,
    donor: project.donor,
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    targetGroups: project.targetGroups.join("\n"),
    activities: project.activities.join("\n"),
  };
}

function ProjectForm({ project }: { readonly project: Project | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [draft, setDraft] = useState<Draft>(project === undefined ? emptyDraft : draftOf(project));
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const books = useApiResource<{ items: Book[] }>("/api/v1/books");
  const organizationBooks =
    books.resource.status === "loaded"
      ? books.resource.data.items.filter((book) => book.ownerKind === "organization")
      : [];
  const accounts = useApiResource<{ items: Account[] }>(
    draft.bookId === null ? null : `/api/v1/books/${encodeURIComponent(draft.bookId)}/accounts`,
  );
  const expenseAccounts =
    accounts.resource.status === "loaded"
      ? accounts.resource.data.items.filter((a) => a.type === "expense" && !a.isHeader && a.isActive)
      : [];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const setLine = (index: number, change: Partial<LineDraft>) =>
    set(
      "lines",
      draft.lines.map((line, i) => (i === index ? { ...line, ...change } : line)),
    );

  /** The request body, or the fields a person must put right first. */
  const body = ():
    | { readonly ok: true; readonly payload: CreateProjectRequest | UpdateProjectRequest }
    | { readonly ok: false; readonly missing: Record<string, string> } => {
    const missing: Record<string, string> = {};
    for (const key of ["code", "name", "donor", "startsOn", "endsOn"] as const)
      if (draft[key].trim() === "") missing[key] = t("projects.form.required");
    if (project !== undefined) {
      if (Object.keys(missing).length > 0) return { ok: false, missing };
      return {
        ok: true,
        payload: {
          version: project.version,
          name: draft.name.trim(),
          donor: draft.donor.trim(),
          startsOn: draft.startsOn,
          endsOn: draft.endsOn,
          targetGroups: lines(draft.targetGroups),
          activities: lines(draft.activities),
        },
      };
    }
    const ratePpm = ratePpmOf(draft.rate);
    if (ratePpm === null) missing["rate"] = t("projects.form.rateInvalid");
    const currency = draft.donorCurrency.trim().toUpperCase();
    const budgetLines = draft.lines.map((line, index) => {
      const amount = isCurrencyCode(currency) ? parseMoney(line.amount, currency, locale) : null;
      if (line.name.trim() === "") missing[`budgetLines.${index}.name`] = t("projects.form.required");
      if (line.accountId === null) missing[`budgetLines.${index}.accountId`] = t("projects.form.required");
      if (amount === null || !amount.ok || amount.value <= 0n)
        missing[`budgetLines.${index}.donorAmountMinor`] = t("projects.form.amountInvalid");
      return {
        name: line.name.trim(),
        accountId: line.accountId ?? "",
        donorAmountMinor: amount?.ok === true ? amount.value.toString() : "0",
      };
    });
    if (Object.keys(missing).length > 0) return { ok: false, missing };
    return {
      ok: true,
      payload: {
        code: draft.code.trim(),
        name: draft.name.trim(),
        donor: draft.donor.trim(),
        donorCurrency: currency,
        ratePpm: ratePpm ?? "",
        startsOn: draft.startsOn,
        endsOn: draft.endsOn,
        targetGroups: lines(draft.targetGroups),
        activities: lines(draft.activities),
        bookId: draft.bookId,
        budgetLines,
      },
    };
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = body();
    if (!checked.ok) {
      setFieldErrors(checked.missing);
      return;
    }
    setFieldErrors({});
    setIsSaving(true);
    try {
      const saved = await request<Project>(
        project === undefined ? projectApi.projects : projectApi.project(project.id),
        { method: project === undefined ? "POST" : "PATCH", body: checked.payload },
      );
      navigate(projectPaths.project(saved.id));
    } catch (caught) {
      if (caught instanceof ApiError && caught.field !== null)
        setFieldErrors({ [caught.field]: errorMessage(caught) });
      else setFormError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  const isNew = project === undefined;
  return (
    <Stack gap={0} maw={960}>
      <PageHeader
        title={isNew ? t("projects.form.newTitle") : t("projects.form.editTitle", { code: project.code })}
        description={isNew ? t("projects.form.newDescription") : t("projects.form.editDescription")}
      />
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("projects.code")}
              required
              disabled={!isNew}
              value={draft.code}
              onChange={(event) => set("code", event.currentTarget.value)}
              {...problem(fieldErrors["code"])}
            />
            <TextInput
              label={t("projects.name")}
              required
              value={draft.name}
              onChange={(event) => set("name", event.currentTarget.value)}
              {...problem(fieldErrors["name"])}
            />
            <TextInput
              label={t("projects.donor")}
              required
              value={draft.donor}
              onChange={(event) => set("donor", event.currentTarget.value)}
              {...problem(fieldErrors["donor"])}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 4 }}>
            <TextInput
              type="date"
              label={t("projects.form.startsOn")}
              required
              value={draft.startsOn}
              onChange={(event) => set("startsOn", event.currentTarget.value)}
              {...problem(fieldErrors["startsOn"])}
            />
            <TextInput
              type="date"
              label={t("projects.form.endsOn")}
              required
              value={draft.endsOn}
              onChange={(event) => set("endsOn", event.currentTarget.value)}
              {...problem(fieldErrors["endsOn"])}
            />
            {isNew && (
              <>
                <TextInput
                  label={t("projects.form.currency")}
                  maxLength={3}
                  value={draft.donorCurrency}
                  onChange={(event) => set("donorCurrency", event.currentTarget.value.toUpperCase())}
                  {...problem(fieldErrors["donorCurrency"])}
                />
                <TextInput
                  label={t("projects.form.rate")}
                  description={t("projects.form.rateHint")}
                  inputMode="decimal"
                  value={draft.rate}
                  onChange={(event) => set("rate", event.currentTarget.value)}
                  {...problem(fieldErrors["rate"] ?? fieldErrors["ratePpm"])}
                />
              </>
            )}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t("projects.form.targetGroups")}
              description={t("projects.form.onePerLine")}
              autosize
              minRows={2}
              value={draft.targetGroups}
              onChange={(event) => set("targetGroups", event.currentTarget.value)}
            />
            <Textarea
              label={t("projects.form.activities")}
              description={t("projects.form.onePerLine")}
              autosize
              minRows={2}
              value={draft.activities}
              onChange={(event) => set("activities", event.currentTarget.value)}
            />
          </SimpleGrid>
          {isNew && (
            <Paper withBorder p="md">
              <Stack gap="sm">
                <Select
                  label={t("projects.form.book")}
                  description={t("projects.form.bookHint")}
                  data={organizationBooks.map((book) => ({
                    value: book.id,
                    label: nameIn(book.names, locale),
                  }))}
                  value={draft.bookId}
                  onChange={(bookId) => setDraft((current) => ({ ...current, bookId, lines: [] }))}
                  clearable
                  w={{ base: "100%", sm: 420 }}
                  {...problem(fieldErrors["bookId"])}
                />
                {draft.bookId !== null && (
                  <>
                    <Text fw={500}>{t("projects.form.budgetLines")}</Text>
                    {draft.lines.length === 0 && (
                      <Text size="sm" c="dimmed">
                        {t("projects.form.noLines")}
                      </Text>
                    )}
                    {draft.lines.map((line, index) => (
                      // Lines have no identity before they are saved; their place is their key.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                      <Group key={index} align="flex-end" gap="sm" wrap="wrap">
                        <TextInput
                          label={t("projects.form.lineName", { line: index + 1 })}
                          value={line.name}
                          onChange={(event) => setLine(index, { name: event.currentTarget.value })}
                          w={240}
                          {...problem(fieldErrors[`budgetLines.${index}.name`])}
                        />
                        <Select
                          label={t("projects.form.lineAccount", { line: index + 1 })}
                          data={expenseAccounts.map((a) => ({
                            value: a.id,
                            label: `${a.code} ${nameIn(a.names, locale)}`,
                          }))}
                          value={line.accountId}
                          onChange={(accountId) => setLine(index, { accountId })}
                          searchable
                          w={280}
                          {...problem(fieldErrors[`budgetLines.${index}.accountId`])}
                        />
                        <TextInput
                          label={t("projects.form.lineAmount", {
                            line: index + 1,
                            currency: draft.donorCurrency,
                          })}
                          inputMode="decimal"
                          value={line.amount}
                          onChange={(event) => setLine(index, { amount: event.currentTarget.value })}
                          w={180}
                          {...problem(fieldErrors[`budgetLines.${index}.donorAmountMinor`])}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t("projects.form.removeLine", { line: index + 1 })}
                          onClick={() =>
                            set(
                              "lines",
                              draft.lines.filter((_, i) => i !== index),
                            )
                          }
                          mb={4}
                        >
                          ×
                        </ActionIcon>
                      </Group>
                    ))}
                    <Group>
                      <Button
                        variant="light"
                        size="xs"
                        onClick={() =>
                          set("lines", [...draft.lines, { name: "", accountId: null, amount: "" }])
                        }
                      >
                        {t("projects.form.addLine")}
                      </Button>
                    </Group>
                  </>
                )}
              </Stack>
            </Paper>
          )}
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={isSaving}>
              {t("projects.form.save")}
            </Button>
            <Button
              component={Link}
              href={isNew ? projectPaths.projects : projectPaths.project(project.id)}
              variant="default"
            >
              {t("projects.form.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
