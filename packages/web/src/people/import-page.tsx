import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/Progress.css";
import "@mantine/core/styles/SegmentedControl.css";
import "@mantine/core/styles/Stepper.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Stepper,
  Table,
  Text,
} from "@mantine/core";
import type {
  ImportCounts,
  ImportFileFormat,
  ImportJob,
  ImportRow,
  ImportRowStatus,
} from "@moldir/contract/people-import";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { peoplePaths } from "./people-api";

/**
 * The MIME types the import route takes (the same as `importContentTypes` of the contract, written here so
 * that the screen loads no schema code).
 */
const contentTypes: Readonly<Record<ImportFileFormat, string>> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Rows drawn at once: a file may hold 100,000; the counts above the table speak for all of them. */
const rowsShownMax = 1_000;

const statusColors: Readonly<Record<ImportRowStatus, string>> = {
  ok: "teal",
  error: "red",
  duplicate: "orange",
  already_imported: "gray",
};

/** The format of a chosen file, from its name (browsers report `.csv` under several MIME types). */
export function formatOf(fileName: string): ImportFileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  return null;
}

/** Pause between two readings of a job's progress, in milliseconds. */
export const jobPollMs = 1_000;

type Stage =
  | { readonly kind: "choose" }
  | { readonly kind: "checking"; readonly job: ImportJob | null }
  | { readonly kind: "checked"; readonly job: ImportJob }
  | { readonly kind: "importing"; readonly job: ImportJob }
  | { readonly kind: "imported"; readonly job: ImportJob };

const jobsApi = "/api/v1/persons/import-jobs";

/**
 * Import wizard: the template, the file, a dry run that lists each row's problems, then the import. The
 * server works through the file as a background job, a chunk of rows at a time, so that a file of 100,000
 * rows meets no time limit; the screen reads the job's progress every second and shows how many rows are
 * checked. The import of a checked file reuses the file the server keeps, so it is not sent twice.
 */
export default function ImportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: "choose" });
  const [error, setError] = useState<string | null>(null);
  const isMounted = useRef(true);
  useEffect(
    () => () => {
      isMounted.current = false;
    },
    [],
  );
  const format = file === null ? null : formatOf(file.name);

  /** Reads the job until it is done or failed, showing its progress meanwhile; null once the screen is left. */
  const follow = async (started: ImportJob, show: (job: ImportJob) => void): Promise<ImportJob | null> => {
    let job = started;
    while (job.status === "queued" || job.status === "running") {
      show(job);
      await new Promise((resolve) => setTimeout(resolve, jobPollMs));
      if (!isMounted.current) return null;
      job = await request<ImportJob>(`${jobsApi}/${job.id}`);
    }
    if (job.status === "failed") throw new Error(job.error?.message ?? t("people.import.failed"));
    return job;
  };

  const check = async () => {
    if (file === null || format === null) return;
    setError(null);
    setStage({ kind: "checking", job: null });
    try {
      const started = await request<ImportJob>(`${jobsApi}?mode=dry_run`, {
        method: "POST",
        file: { body: file, contentType: contentTypes[format] },
      });
      const job = await follow(started, (running) => setStage({ kind: "checking", job: running }));
      if (job !== null) setStage({ kind: "checked", job });
    } catch (caught) {
      setError(errorMessage(caught));
      setStage({ kind: "choose" });
    }
  };

  const commit = async (checked: ImportJob) => {
    const counts = checked.counts;
    const hasProblems = counts !== null && counts.error + counts.duplicate > 0;
    setError(null);
    setStage({ kind: "importing", job: checked });
    try {
      const started = await request<ImportJob>(`${jobsApi}/${checked.id}/commit`, {
        method: "POST",
        body: { skipInvalid: hasProblems },
      });
      const job = await follow(started, (running) => setStage({ kind: "importing", job: running }));
      if (job !== null) setStage({ kind: "imported", job });
    } catch (caught) {
      setError(errorMessage(caught));
      setStage({ kind: "checked", job: checked });
    }
  };

  const active =
    stage.kind === "imported" ? 3 : stage.kind === "checked" || stage.kind === "importing" ? 2 : 1;
  const isBusy = stage.kind === "checking" || stage.kind === "importing";
  const running = isBusy ? stage.job : null;
  const percent =
    running === null || running.totalRows === 0
      ? 0
      : Math.round((running.processedRows / running.totalRows) * 100);

  return (
    <Stack gap="md">
      <PageHeader title={t("people.import.title")} description={t("people.import.description")} />
      <Stepper active={active} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t("people.import.stepTemplate")} />
        <Stepper.Step label={t("people.import.stepFile")} />
        <Stepper.Step label={t("people.import.stepCheck")} />
        <Stepper.Step label={t("people.import.stepImport")} />
      </Stepper>

      <Group gap="sm">
        <Text size="sm">{t("people.import.templateText")}</Text>
        {(["xlsx", "csv"] as const).map((kind) => (
          <Anchor
            key={kind}
            href={`/api/v1/persons/import/template?format=${kind}&locale=${locale}`}
            download
          >
            {t(`people.import.template.${kind}`)}
          </Anchor>
        ))}
      </Group>

      <Group align="flex-end" gap="sm">
        <FileInput
          label={t("people.import.file")}
          description={t("people.import.fileHint")}
          placeholder={t("people.import.choose")}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setStage({ kind: "choose" });
            setError(null);
          }}
          clearable
          w={{ base: "100%", sm: 420 }}
          error={file !== null && format === null ? t("people.import.wrongFormat") : undefined}
          disabled={isBusy}
        />
        <Button
          onClick={() => void check()}
          disabled={format === null || isBusy}
          loading={stage.kind === "checking"}
        >
          {t("people.import.check")}
        </Button>
      </Group>

      {isBusy && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">
            {stage.kind === "checking" ? t("people.import.checking") : t("people.import.importing")}
            {running !== null && running.totalRows > 0 && (
              <> {t("people.import.rowsDone", { done: running.processedRows, total: running.totalRows })}</>
            )}
          </Text>
          <Progress
            value={running === null || running.totalRows === 0 ? 100 : percent}
            animated={running === null || running.totalRows === 0}
            striped
            aria-label={t("people.import.progress")}
          />
        </Stack>
      )}
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}

      {stage.kind === "imported" && (
        <Alert color="teal" role="status" title={t("people.import.doneTitle")}>
          {t("people.import.done", {
            created: stage.job.createdCount,
            skipped: (stage.job.counts?.total ?? 0) - stage.job.createdCount,
          })}{" "}
          <Anchor component={Link} href={peoplePaths.list}>
            {t("people.import.toList")}
          </Anchor>
        </Alert>
      )}

      {(stage.kind === "checked" || stage.kind === "importing") && stage.job.counts !== null && (
        <DryRun
          counts={stage.job.counts}
          problemRows={stage.job.problemRows}
          isBusy={isBusy}
          onImport={() => void commit(stage.job)}
        />
      )}
    </Stack>
  );
}

function DryRun({
  counts,
  problemRows,
  isBusy,
  onImport,
}: {
  readonly counts: ImportCounts;
  readonly problemRows: readonly ImportRow[];
  readonly isBusy: boolean;
  readonly onImport: () => void;
}) {
  const { t } = useTranslation();
  const problemCount = counts.error + counts.duplicate;
  const [filter, setFilter] = useState<"problems" | "all">("problems");
  // Rows already registered are no problem: they are skipped quietly, and shown only when asked for.
  const rows = problemRows.filter(
    (row) => filter === "all" || row.status === "error" || row.status === "duplicate",
  );
  return (
    <Stack gap="sm">
      <Group gap="xs" aria-label={t("people.import.counts")} role="group">
        <Badge color="teal" variant="light">
          {t("people.import.countOk", { count: counts.ok })}
        </Badge>
        <Badge color="red" variant="light">
          {t("people.import.countError", { count: counts.error })}
        </Badge>
        <Badge color="orange" variant="light">
          {t("people.import.countDuplicate", { count: counts.duplicate })}
        </Badge>
        <Badge color="gray" variant="light">
          {t("people.import.countAlready", { count: counts.alreadyImported })}
        </Badge>
      </Group>
      {problemCount > 0 ? (
        <Alert color="yellow">{t("people.import.hasProblems", { count: problemCount })}</Alert>
      ) : null}
      <Group>
        <Button onClick={onImport} disabled={counts.ok === 0 || isBusy} loading={isBusy}>
          {problemCount > 0
            ? t("people.import.importValid", { count: counts.ok })
            : t("people.import.importAll", { count: counts.ok })}
        </Button>
        <SegmentedControl
          value={filter}
          onChange={(value) => setFilter(value === "all" ? "all" : "problems")}
          data={[
            { value: "problems", label: t("people.import.showProblems") },
            { value: "all", label: t("people.import.showAll") },
          ]}
          aria-label={t("people.import.show")}
        />
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{t("people.import.noRows")}</Text>
      ) : (
        <RowsTable rows={rows.slice(0, rowsShownMax)} />
      )}
      {rows.length > rowsShownMax && (
        <Text size="sm" c="dimmed">
          {t("people.import.moreRows", { count: rows.length - rowsShownMax })}
        </Text>
      )}
    </Stack>
  );
}

function RowsTable({ rows }: { readonly rows: readonly ImportRow[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" aria-label={t("people.import.rows")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("people.import.row")}</Table.Th>
            <Table.Th>{t("people.name")}</Table.Th>
            <Table.Th>{t("people.import.status")}</Table.Th>
            <Table.Th>{t("people.import.problems")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.rowNumber}>
              <Table.Td>{row.rowNumber}</Table.Td>
              <Table.Td>{row.name || "—"}</Table.Td>
              <Table.Td>
                <Badge color={statusColors[row.status]} variant="light">
                  {t(`people.import.statuses.${row.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {row.problems.map((problem) => (
                    <Text key={`${problem.field}:${problem.code}`} size="sm">
                      {problem.message}
                    </Text>
                  ))}
                  {row.duplicateOf !== undefined && (
                    <Text size="sm" c="dimmed">
                      {row.duplicateOf.personId !== null ? (
                        <Anchor component={Link} href={peoplePaths.person(row.duplicateOf.personId)}>
                          {t("people.import.sameAs", { name: row.duplicateOf.name })}
                        </Anchor>
                      ) : (
                        t("people.import.sameAsRow", { row: row.duplicateOf.rowNumber ?? 0 })
                      )}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
