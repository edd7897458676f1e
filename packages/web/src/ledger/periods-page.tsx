import "@mantine/core/styles/SimpleGrid.css";
import { Alert, Button, Paper, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { Book } from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { BookScreen } from "./book-screen";
import { endOfMonth, endOfPreviousMonth, isPendingApproval, isPlainDate, todayPlainDate } from "./ledger-api";

/**
 * Closing months: postings dated in a closed period are refused. Reopening needs a reason (and may wait for a
 * second person); the year-end close moves the year's income and expenses into retained earnings.
 */
export default function PeriodsPage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return (
    <BookScreen bookId={bookId}>
      {(book, reloadBook) => <Periods book={book} onChanged={reloadBook} />}
    </BookScreen>
  );
}

function Periods({ book, onChanged }: { readonly book: Book; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const mayManage = hasPermission(useSignedInSession(), "ledger.manage");
  const today = todayPlainDate();
  const base = `/api/v1/books/${encodeURIComponent(book.id)}`;
  return (
    <Stack gap={0}>
      <PageHeader title={t("ledger.periods.title")} description={t("ledger.periods.description")} />
      <Text mb="md" fw={500}>
        {book.closedThrough === null
          ? t("ledger.noPeriodClosed")
          : t("ledger.closedThrough", { date: formatPlainDate(book.closedThrough, locale) })}
      </Text>
      {!mayManage ? (
        <Text c="dimmed">{t("ledger.periods.readOnly")}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <PeriodAction
            onDone={onChanged}
            title={t("ledger.periods.closeTitle")}
            submitLabel={t("ledger.periods.close")}
            fields={[
              {
                name: "through",
                label: t("ledger.periods.through"),
                type: "date",
                initial: endOfPreviousMonth(today),
              },
            ]}
            validate={(values) =>
              isPlainDate(values["through"] ?? "") &&
              values["through"] === endOfMonth(values["through"] ?? "")
                ? null
                : { through: t("ledger.periods.throughMustBeMonthEnd") }
            }
            run={async (values, request) => {
              await request(`${base}/periods/close`, {
                method: "POST",
                body: { through: values["through"] },
              });
              return t("ledger.periods.closed", { date: formatPlainDate(values["through"] ?? "", locale) });
            }}
          />
          <PeriodAction
            onDone={onChanged}
            title={t("ledger.periods.reopenTitle")}
            submitLabel={t("ledger.periods.reopen")}
            fields={[
              {
                name: "from",
                label: t("ledger.periods.from"),
                type: "date",
                initial: book.closedThrough === null ? "" : `${book.closedThrough.slice(0, 8)}01`,
              },
              { name: "reason", label: t("ledger.periods.reason"), type: "text", initial: "" },
            ]}
            validate={(values) => {
              const errors: Record<string, string> = {};
              if (!isPlainDate(values["from"] ?? "") || !(values["from"] ?? "").endsWith("-01"))
                errors["from"] = t("ledger.periods.fromMustBeMonthStart");
              if ((values["reason"] ?? "").trim() === "")
                errors["reason"] = t("ledger.periods.reasonRequired");
              return Object.keys(errors).length === 0 ? null : errors;
            }}
            run={async (values, request) => {
              const answer = await request<unknown>(`${base}/periods/reopen`, {
                method: "POST",
                body: { from: values["from"], reason: (values["reason"] ?? "").trim() },
              });
              return isPendingApproval(answer)
                ? t("ledger.periods.reopenSentForApproval")
                : t("ledger.periods.reopened");
            }}
          />
          <PeriodAction
            onDone={onChanged}
            title={t("ledger.periods.yearEndTitle")}
            submitLabel={t("ledger.periods.yearEnd")}
            fields={[
              {
                name: "year",
                label: t("ledger.periods.year"),
                type: "number",
                initial: String(Number(today.slice(0, 4)) - 1),
              },
            ]}
            validate={(values) =>
              /^\d{4}$/.test(values["year"] ?? "") ? null : { year: t("ledger.periods.yearInvalid") }
            }
            run={async (values, request) => {
              await request(`${base}/year-end-close`, {
                method: "POST",
                body: { year: Number(values["year"]) },
              });
              return t("ledger.periods.yearEndDone", { year: values["year"] });
            }}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}

interface PeriodField {
  readonly name: string;
  readonly label: string;
  readonly type: "date" | "text" | "number";
  readonly initial: string;
}

interface PeriodActionProps {
  readonly title: string;
  readonly submitLabel: string;
  /** After a change the server accepted: the book's closed-through date is read again. */
  readonly onDone: () => void;
  readonly fields: readonly PeriodField[];
  readonly validate: (values: Record<string, string>) => Record<string, string> | null;
  readonly run: (
    values: Record<string, string>,
    request: ReturnType<typeof useApiRequest>,
  ) => Promise<string>;
}

/** One period action as a small form; the server's refusal (a closed period, a year not closed) shown in it. */
function PeriodAction({ title, submitLabel, onDone, fields, validate, run }: PeriodActionProps) {
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(fields.map((field) => [field.name, field.initial])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [isRunning, setIsRunning] = useState(false);
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = validate(values);
    setErrors(problems ?? {});
    setResult(null);
    if (problems !== null) return;
    setIsRunning(true);
    try {
      setResult({ ok: true, message: await run(values, request) });
      onDone();
    } catch (caught) {
      setResult({ ok: false, message: errorMessage(caught) });
    } finally {
      setIsRunning(false);
    }
  };
  return (
    <Paper withBorder p="md" component="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <Stack gap="sm">
        <Text component="h2" fw={600} fz="md" m={0}>
          {title}
        </Text>
        {fields.map((field) =>
          field.type === "text" ? (
            <Textarea
              key={field.name}
              label={field.label}
              required
              autosize
              minRows={2}
              maxLength={1000}
              value={values[field.name] ?? ""}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((current) => ({ ...current, [field.name]: value }));
              }}
              {...problem(errors[field.name])}
            />
          ) : (
            <TextInput
              key={field.name}
              type={field.type}
              label={field.label}
              required
              value={values[field.name] ?? ""}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setValues((current) => ({ ...current, [field.name]: value }));
              }}
              {...problem(errors[field.name])}
            />
          ),
        )}
        {result !== null && (
          <Alert color={result.ok ? "teal" : "red"} role={result.ok ? "status" : "alert"}>
            {result.message}
          </Alert>
        )}
        <Button type="submit" loading={isRunning} variant="light">
          {submitLabel}
        </Button>
      </Stack>
    </Paper>
  );
}
