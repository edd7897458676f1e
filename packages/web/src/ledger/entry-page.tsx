import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/ModalBase.css";
import "@mantine/core/styles/Modal.css";
import "@mantine/core/styles/Overlay.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { Book, JournalEntry, User } from "@moldir/contract";
import { parseMinor } from "@moldir/domain";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatInstant, formatMinor, formatPlainDate } from "../format";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { BookScreen, moneyCell } from "./book-screen";
import { sourceLabel } from "./journal-page";
import { currencyOf, isPendingApproval, ledgerPaths, type PendingApproval, startOfYear } from "./ledger-api";

/** One journal entry: its lines, where it came from, who posted it, its reversal; and the way to reverse it. */
export default function EntryPage() {
  const { bookId = "", entryId = "" } = useParams<{ bookId: string; entryId: string }>();
  return (
    <BookScreen bookId={bookId}>
      {(book) => <EntryLoader key={entryId} book={book} entryId={entryId} />}
    </BookScreen>
  );
}

function EntryLoader({ book, entryId }: { readonly book: Book; readonly entryId: string }) {
  const entry = useApiResource<JournalEntry>(`/api/v1/journal-entries/${encodeURIComponent(entryId)}`);
  return (
    <ResourceView resource={entry.resource} onRetry={entry.reload}>
      {(data) => <EntryView book={book} entry={data} onChanged={entry.reload} />}
    </ResourceView>
  );
}

function EntryView({
  book,
  entry,
  onChanged,
}: {
  readonly book: Book;
  readonly entry: JournalEntry;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSignedInSession();
  const mayPost = hasPermission(session, "ledger.post");
  const currency = currencyOf(book);
  const [isReversing, setIsReversing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const poster = usePosterName(entry.createdBy);
  // The account's ledger over the year of the entry, so the line is found among its neighbours.
  const period = { from: startOfYear(entry.valueDate), to: `${entry.valueDate.slice(0, 4)}-12-31` };
  const amountOf = (side: "debit" | "credit", line: JournalEntry["lines"][number]) =>
    line.side === side ? formatMinor(line.amountMinor, currency, locale) : "";
  const total = (side: "debit" | "credit") =>
    entry.lines
      .filter((line) => line.side === side)
      .reduce((sum, line) => {
        const parsed = parseMinor(line.amountMinor);
        return parsed.ok ? sum + parsed.value : sum;
      }, 0n)
      .toString();

  return (
    <>
      <PageHeader
        title={t("ledger.entry.title", { seq: entry.seq })}
        description={entry.narration}
        actions={
          mayPost &&
          entry.reversedByEntryId === null && (
            <Button color="red" variant="light" onClick={() => setIsReversing(true)}>
              {t("ledger.entry.reverse")}
            </Button>
          )
        }
      />
      {notice !== null && (
        <Alert color="blue" role="status" mb="md">
          {notice}
        </Alert>
      )}
      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          <Fact label={t("ledger.valueDate")}>{formatPlainDate(entry.valueDate, locale)}</Fact>
          <Fact label={t("ledger.entry.postedAt")}>{formatInstant(entry.postedAt, locale)}</Fact>
          <Fact label={t("ledger.entry.postedBy")}>{poster ?? t("ledger.entry.system")}</Fact>
          <Fact label={t("ledger.source")}>
            {sourceLabel(entry.sourceType, t)}
            {entry.sourceId !== null && entry.sourceType !== "reversal" && (
              <Text span size="xs" c="dimmed" ml={6} style={{ wordBreak: "break-all" }}>
                {entry.sourceId}
              </Text>
            )}
          </Fact>
          {entry.reversesEntryId !== null && (
            <Fact label={t("ledger.entry.reverses")}>
              <Anchor component={Link} href={ledgerPaths.entry(book.id, entry.reversesEntryId)}>
                {t("ledger.entry.openOriginal")}
              </Anchor>
              {entry.reversalReason !== null && (
                <Text size="sm" c="dimmed">
                  {t("ledger.entry.reason")}: {entry.reversalReason}
                </Text>
              )}
            </Fact>
          )}
          {entry.reversedByEntryId !== null && (
            <Fact label={t("ledger.entry.reversedBy")}>
              <Anchor component={Link} href={ledgerPaths.entry(book.id, entry.reversedByEntryId)}>
                {t("ledger.entry.openReversal")}
              </Anchor>
            </Fact>
          )}
        </SimpleGrid>
      </Paper>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs" aria-label={t("ledger.entryForm.lines")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t("ledger.account")}</Table.Th>
              <Table.Th>{t("ledger.memo")}</Table.Th>
              <Table.Th style={moneyCell}>{t("ledger.debit")}</Table.Th>
              <Table.Th style={moneyCell}>{t("ledger.credit")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.lines.map((line) => (
              <Table.Tr key={line.lineNo}>
                <Table.Td>{line.lineNo}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} href={ledgerPaths.accountLedger(book.id, line.accountId, period)}>
                    {line.accountCode} {nameIn(line.accountNames, locale)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{line.memo ?? ""}</Table.Td>
                <Table.Td style={moneyCell}>{amountOf("debit", line)}</Table.Td>
                <Table.Td style={moneyCell}>{amountOf("credit", line)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={3}>{t("ledger.total")}</Table.Th>
              <Table.Th style={moneyCell}>{formatMinor(total("debit"), currency, locale)}</Table.Th>
              <Table.Th style={moneyCell}>{formatMinor(total("credit"), currency, locale)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      {isReversing && (
        <ReverseModal
          book={book}
          entry={entry}
          onClose={() => setIsReversing(false)}
          onPending={() => {
            setIsReversing(false);
            setNotice(t("ledger.entry.reversalSentForApproval"));
          }}
          onReversed={() => {
            setIsReversing(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** The poster's name when the person may list users; else nothing more than "someone" can be said. */
function usePosterName(userId: string | null): string | null {
  const mayListUsers = hasPermission(useSignedInSession(), "users.read");
  const users = useApiResource<{ items: User[] }>(mayListUsers && userId !== null ? "/api/v1/users" : null);
  if (userId === null) return null;
  if (users.resource.status !== "loaded") return userId;
  return users.resource.data.items.find((user) => user.id === userId)?.displayName ?? userId;
}

interface ReverseModalProps {
  readonly book: Book;
  readonly entry: JournalEntry;
  readonly onClose: () => void;
  readonly onPending: () => void;
  readonly onReversed: () => void;
}

/** A posted entry is never changed: it is reversed by a new entry, with a reason, then posted again right. */
function ReverseModal({ book, entry, onClose, onPending, onReversed }: ReverseModalProps) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const [reason, setReason] = useState("");
  const [valueDate, setValueDate] = useState("");
  const [errors, setErrors] = useState<{ reason?: string; valueDate?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === "") {
      setErrors({ reason: t("ledger.entry.reasonRequired") });
      return;
    }
    setErrors({});
    setFormError(null);
    setIsSubmitting(true);
    try {
      const answer = await request<JournalEntry | PendingApproval>(
        `/api/v1/journal-entries/${encodeURIComponent(entry.id)}/reverse`,
        { method: "POST", body: { reason: reason.trim(), ...(valueDate === "" ? {} : { valueDate }) } },
      );
      if (isPendingApproval(answer)) onPending();
      else {
        onReversed();
        navigate(ledgerPaths.entry(book.id, answer.id));
      }
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field : null;
      if (field === "reason" || field === "valueDate") setErrors({ [field]: errorMessage(caught) });
      else setFormError(errorMessage(caught));
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t("ledger.entry.reverseTitle", { seq: entry.seq })}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form noValidate onSubmit={(event) => void onSubmit(event)}>
        <Stack gap="sm">
          <Text size="sm">{t("ledger.entry.reverseExplanation")}</Text>
          {formError !== null && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <Textarea
            label={t("ledger.entry.reason")}
            required
            maxLength={1000}
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
            {...problem(errors.reason)}
          />
          <TextInput
            type="date"
            label={t("ledger.entry.reversalDate")}
            description={t("ledger.entry.reversalDateHint")}
            value={valueDate}
            onChange={(event) => setValueDate(event.currentTarget.value)}
            {...problem(errors.valueDate)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="red" loading={isSubmitting}>
              {t("ledger.entry.reverse")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
