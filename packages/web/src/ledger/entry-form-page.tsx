import "@mantine/core/styles/VisuallyHidden.css";
import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from "@mantine/core";
import type { Account, Book, JournalEntry } from "@moldir/contract";
import { type CurrencyCode, formatMoney } from "@moldir/domain";
import type { TFunction } from "i18next";
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { AccountPicker } from "./account-picker";
import { BookScreen, moneyCell } from "./book-screen";
import {
  blankLine,
  type EntryDraft,
  type EntryLineDraft,
  entryLinesMax,
  entryTotals,
  lineIndexOfField,
  readLine,
  type SaveBlocker,
  saveBlockers,
  toPostRequest,
} from "./entry-form";
import { currencyOf, isPendingApproval, ledgerPaths, todayPlainDate, useAccounts } from "./ledger-api";

/** A manual journal entry: date, narration, two or more lines; saved only when debits equal credits. */
export default function EntryFormPage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <EntryFormLoader book={book} />}</BookScreen>;
}

function EntryFormLoader({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const accounts = useAccounts(book.id);
  return (
    <>
      <PageHeader title={t("ledger.entryForm.title")} description={t("ledger.entryForm.description")} />
      <ResourceView resource={accounts.resource} onRetry={accounts.reload}>
        {({ items }) => <EntryForm book={book} accounts={items} />}
      </ResourceView>
    </>
  );
}

type Outcome =
  | { readonly kind: "posted"; readonly entry: JournalEntry }
  | { readonly kind: "pending" }
  | null;

function freshDraft(): EntryDraft {
  return { valueDate: todayPlainDate(), narration: "", lines: [blankLine(1), blankLine(2)] };
}

interface EntryFormProps {
  readonly book: Book;
  readonly accounts: readonly Account[];
}

export function EntryForm({ book, accounts }: EntryFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const currency = currencyOf(book);
  const [draft, setDraft] = useState<EntryDraft>(freshDraft);
  const nextKey = useRef(3);
  /** The server's refusals by line key: on the account picker, or on the amount for any other field. */
  const [lineErrors, setLineErrors] = useState<ReadonlyMap<number, { isAccount: boolean; message: string }>>(
    new Map(),
  );
  const [fieldErrors, setFieldErrors] = useState<{ valueDate?: string; narration?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const accountInputs = useRef(new Map<number, HTMLInputElement>());
  const [focusKey, setFocusKey] = useState<number | null>(null);

  useEffect(() => {
    if (focusKey === null) return;
    accountInputs.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const read = useMemo(
    () => draft.lines.map((line) => readLine(line, currency, locale)),
    [draft.lines, currency, locale],
  );
  const totals = entryTotals(read);
  const blockers = saveBlockers(draft, read);
  const firstBlocker = blockers[0];

  const updateLine = (key: number, change: Partial<EntryLineDraft>) => {
    setDraft((current) => ({
      ...current,
      lines: current.lines.map((line) => (line.key === key ? { ...line, ...change } : line)),
    }));
    setLineErrors((current) => {
      if (!current.has(key)) return current;
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  };
  const addLine = () => {
    if (draft.lines.length >= entryLinesMax) return;
    const key = nextKey.current++;
    setDraft((current) => ({ ...current, lines: [...current.lines, blankLine(key)] }));
    setFocusKey(key);
  };
  const removeLine = (key: number) =>
    setDraft((current) => ({ ...current, lines: current.lines.filter((line) => line.key !== key) }));

  /** Enter in an amount or memo moves to the next line, adding one after the last. */
  const onLineKeyDown = (key: number) => (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter" || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const index = draft.lines.findIndex((line) => line.key === key);
    const next = draft.lines[index + 1];
    if (next === undefined) addLine();
    else setFocusKey(next.key);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (blockers.length > 0) return;
    const { request: body, sentKeys } = toPostRequest(draft, read);
    setIsSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    setLineErrors(new Map());
    setOutcome(null);
    try {
      const answer = await request<JournalEntry | { status: "pending_approval"; approvalId: string }>(
        `/api/v1/books/${encodeURIComponent(book.id)}/journal-entries`,
        { method: "POST", body },
      );
      setOutcome(isPendingApproval(answer) ? { kind: "pending" } : { kind: "posted", entry: answer });
      setDraft(freshDraft());
    } catch (caught) {
      const message = errorMessage(caught);
      const field = caught instanceof ApiError ? caught.field : null;
      const index = lineIndexOfField(field);
      const key = index === null ? undefined : sentKeys[index];
      if (key !== undefined)
        setLineErrors(new Map([[key, { isAccount: field?.endsWith(".accountId") === true, message }]]));
      else if (field === "valueDate" || field === "narration") setFieldErrors({ [field]: message });
      else setFormError(message);
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} aria-label={t("ledger.entryForm.title")}>
      <Stack gap="md">
        {outcome?.kind === "posted" && (
          <Alert
            color="teal"
            role="status"
            withCloseButton
            onClose={() => setOutcome(null)}
            closeButtonLabel={t("common.close")}
          >
            {t("ledger.entryForm.posted", { seq: outcome.entry.seq })}{" "}
            <Anchor component={Link} href={ledgerPaths.entry(book.id, outcome.entry.id)}>
              {t("ledger.entryForm.openEntry")}
            </Anchor>
          </Alert>
        )}
        {outcome?.kind === "pending" && (
          <Alert
            color="blue"
            role="status"
            withCloseButton
            onClose={() => setOutcome(null)}
            closeButtonLabel={t("common.close")}
          >
            {t("ledger.entryForm.sentForApproval")}
          </Alert>
        )}
        {formError !== null && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="date"
            label={t("ledger.valueDate")}
            required
            value={draft.valueDate}
            onChange={(event) => {
              const valueDate = event.currentTarget.value;
              setDraft((current) => ({ ...current, valueDate }));
            }}
            {...problem(fieldErrors.valueDate)}
          />
          <TextInput
            label={t("ledger.narration")}
            required
            maxLength={2000}
            value={draft.narration}
            onChange={(event) => {
              const narration = event.currentTarget.value;
              setDraft((current) => ({ ...current, narration }));
            }}
            {...problem(fieldErrors.narration)}
          />
        </SimpleGrid>
        <Table.ScrollContainer minWidth={820}>
          <Table verticalSpacing="xs" aria-label={t("ledger.entryForm.lines")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>№</Table.Th>
                <Table.Th>{t("ledger.account")}</Table.Th>
                <Table.Th style={moneyCell}>{t("ledger.debit")}</Table.Th>
                <Table.Th style={moneyCell}>{t("ledger.credit")}</Table.Th>
                <Table.Th>{t("ledger.memo")}</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draft.lines.map((line, index) => {
                const number = index + 1;
                const lineRead = read[index];
                const serverError = lineErrors.get(line.key);
                const ownProblem = lineRead?.problem ?? null;
                const problemText =
                  serverError !== undefined
                    ? serverError.isAccount
                      ? undefined
                      : serverError.message
                    : ownProblem === null || ownProblem === "line_must_have_account"
                      ? undefined
                      : t(`ledger.entryForm.problems.${ownProblem}`);
                const accountProblem =
                  serverError !== undefined
                    ? serverError.isAccount
                      ? serverError.message
                      : undefined
                    : ownProblem === "line_must_have_account"
                      ? t("ledger.entryForm.problems.line_must_have_account")
                      : undefined;
                return (
                  <Table.Tr key={line.key} data-line={number}>
                    <Table.Td>{number}</Table.Td>
                    <Table.Td>
                      <AccountPicker
                        accounts={accounts}
                        value={line.accountId}
                        onChange={(accountId) => updateLine(line.key, { accountId })}
                        label={t("ledger.entryForm.accountOfLine", { number })}
                        error={accountProblem}
                        inputRef={(element) => {
                          if (element === null) accountInputs.current.delete(line.key);
                          else accountInputs.current.set(line.key, element);
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("ledger.entryForm.debitOfLine", { number })}
                        inputMode="decimal"
                        value={line.debitText}
                        onChange={(event) =>
                          updateLine(line.key, { debitText: event.currentTarget.value, creditText: "" })
                        }
                        onKeyDown={onLineKeyDown(line.key)}
                        styles={{ input: { textAlign: "right" } }}
                        {...problem(line.debitText === "" ? undefined : problemText)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("ledger.entryForm.creditOfLine", { number })}
                        inputMode="decimal"
                        value={line.creditText}
                        onChange={(event) =>
                          updateLine(line.key, { creditText: event.currentTarget.value, debitText: "" })
                        }
                        onKeyDown={onLineKeyDown(line.key)}
                        styles={{ input: { textAlign: "right" } }}
                        {...problem(line.debitText !== "" ? undefined : problemText)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("ledger.entryForm.memoOfLine", { number })}
                        maxLength={500}
                        value={line.memo}
                        onChange={(event) => updateLine(line.key, { memo: event.currentTarget.value })}
                        onKeyDown={onLineKeyDown(line.key)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => removeLine(line.key)}
                        aria-label={t("ledger.entryForm.removeLine", { number })}
                        disabled={draft.lines.length <= 1}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th colSpan={2}>{t("ledger.total")}</Table.Th>
                <Table.Th style={moneyCell} data-testid="total-debit">
                  {formatMoney(totals.debitMinor, currency, locale)}
                </Table.Th>
                <Table.Th style={moneyCell} data-testid="total-credit">
                  {formatMoney(totals.creditMinor, currency, locale)}
                </Table.Th>
                <Table.Th colSpan={2} />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Button variant="light" onClick={addLine} disabled={draft.lines.length >= entryLinesMax}>
            {t("ledger.entryForm.addLine")}
          </Button>
          <Difference differenceMinor={totals.differenceMinor} currency={currency} />
        </Group>
        <Paper withBorder p="sm">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text
              size="sm"
              id="entry-save-reason"
              c={firstBlocker === undefined ? "teal" : "dimmed"}
              aria-live="polite"
            >
              {firstBlocker === undefined
                ? t("ledger.entryForm.ready")
                : blockerText(firstBlocker, totals.differenceMinor, currency, locale, t)}
            </Text>
            <Button
              type="submit"
              loading={isSubmitting}
              disabled={firstBlocker !== undefined}
              aria-describedby="entry-save-reason"
            >
              {t("ledger.entryForm.save")}
            </Button>
          </Group>
        </Paper>
        <Text size="xs" c="dimmed">
          {t("ledger.entryForm.keyboardHint")}
        </Text>
      </Stack>
    </form>
  );
}

/** The difference, live: what is missing on which side, or that the entry balances. */
function Difference({
  differenceMinor,
  currency,
}: {
  readonly differenceMinor: bigint;
  readonly currency: CurrencyCode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const magnitude = differenceMinor < 0n ? -differenceMinor : differenceMinor;
  return (
    <Text
      aria-live="polite"
      data-testid="entry-difference"
      fw={600}
      c={differenceMinor === 0n ? "teal" : "red"}
      style={{ fontVariantNumeric: "tabular-nums" }}
    >
      {t("ledger.entryForm.difference")}: {formatMoney(magnitude, currency, locale)}
      {differenceMinor > 0n && ` · ${t("ledger.entryForm.creditsShort")}`}
      {differenceMinor < 0n && ` · ${t("ledger.entryForm.debitsShort")}`}
    </Text>
  );
}

function blockerText(
  blocker: SaveBlocker,
  differenceMinor: bigint,
  currency: CurrencyCode,
  locale: ReturnType<typeof useLocale>,
  t: TFunction,
): string {
  switch (blocker) {
    case "date_must_be_given":
      return t("ledger.entryForm.blockers.date_must_be_given");
    case "narration_must_be_given":
      return t("ledger.entryForm.blockers.narration_must_be_given");
    case "lines_must_be_complete":
      return t("ledger.entryForm.blockers.lines_must_be_complete");
    case "lines_must_be_at_least_two":
      return t("ledger.entryForm.blockers.lines_must_be_at_least_two");
    case "entry_must_balance": {
      const magnitude = differenceMinor < 0n ? -differenceMinor : differenceMinor;
      return t("ledger.entryForm.blockers.entry_must_balance", {
        amount: formatMoney(magnitude, currency, locale),
      });
    }
  }
}
