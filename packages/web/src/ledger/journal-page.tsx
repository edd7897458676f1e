import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import type { Book, JournalEntry } from "@moldir/contract";
import { limits } from "@moldir/domain";
import type { TFunction } from "i18next";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatMinor, formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { BookScreen, moneyCell } from "./book-screen";
import { currencyOf, ledgerPaths, startOfYear, todayPlainDate } from "./ledger-api";
import { ExportLinks } from "./statement-parts";

interface JournalPage {
  readonly items: JournalEntry[];
  readonly nextCursor: string | null;
}

interface Period {
  readonly from: string;
  readonly to: string;
}

const pageSize = limits.pageSizeDefault;

function journalQuery(period: Period, before?: string): string {
  const params = new URLSearchParams();
  if (period.from !== "") params.set("from", period.from);
  if (period.to !== "") params.set("to", period.to);
  if (before !== undefined) params.set("before", before);
  params.set("limit", String(pageSize));
  return params.toString();
}

/** The period of the journal's download: the filter's dates, else this year so far. */
function exportPeriod(period: Period): { from: string; to: string } {
  const today = todayPlainDate();
  return {
    from: period.from === "" ? startOfYear(today) : period.from,
    to: period.to === "" ? today : period.to,
  };
}

/** The general journal of a book, newest first, filtered by value date and read page by page. */
export default function JournalPage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <Journal book={book} />}</BookScreen>;
}

function Journal({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const mayPost = hasPermission(useSignedInSession(), "ledger.post");
  const [draft, setDraft] = useState<Period>({ from: "", to: "" });
  const [period, setPeriod] = useState<Period>({ from: "", to: "" });
  const path = `/api/v1/books/${encodeURIComponent(book.id)}/journal-entries`;
  const query = journalQuery(period);
  const firstPage = useApiResource<JournalPage>(`${path}?${query}`);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setPeriod(draft);
  };
  return (
    <>
      <PageHeader
        title={t("ledger.journal.title")}
        description={t("ledger.journal.description")}
        actions={
          <Group gap="sm">
            <ExportLinks
              path={`/api/v1/books/${encodeURIComponent(book.id)}/journal`}
              query={exportPeriod(period)}
            />
            {mayPost && (
              <Button component={Link} href={ledgerPaths.newEntry(book.id)}>
                {t("ledger.entryForm.nav")}
              </Button>
            )}
          </Group>
        }
      />
      <Paper withBorder p="md" mb="md" component="form" onSubmit={onSubmit} noValidate>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            type="date"
            label={t("ledger.from")}
            value={draft.from}
            onChange={(event) => {
              const from = event.currentTarget.value;
              setDraft((current) => ({ ...current, from }));
            }}
          />
          <TextInput
            type="date"
            label={t("ledger.to")}
            value={draft.to}
            onChange={(event) => {
              const to = event.currentTarget.value;
              setDraft((current) => ({ ...current, to }));
            }}
          />
          <Button type="submit">{t("ledger.show")}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft({ from: "", to: "" });
              setPeriod({ from: "", to: "" });
            }}
          >
            {t("ledger.clear")}
          </Button>
        </Group>
      </Paper>
      <ResourceView resource={firstPage.resource} onRetry={firstPage.reload}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState
              title={t("ledger.journal.emptyTitle")}
              description={t("ledger.journal.emptyDescription")}
            />
          ) : (
            <EntryList key={query} book={book} firstPage={page} period={period} path={path} />
          )
        }
      </ResourceView>
    </>
  );
}

interface EntryListProps {
  readonly book: Book;
  readonly firstPage: JournalPage;
  readonly period: Period;
  readonly path: string;
}

function EntryList({ book, firstPage, period, path }: EntryListProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const currency = currencyOf(book);
  const [items, setItems] = useState(firstPage.items);
  const [cursor, setCursor] = useState(firstPage.nextCursor);
  const [isLoading, setIsLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setItems(firstPage.items);
    setCursor(firstPage.nextCursor);
  }, [firstPage]);

  const loadOlder = async () => {
    if (cursor === null) return;
    setIsLoading(true);
    setError(null);
    try {
      const page = await request<JournalPage>(`${path}?${journalQuery(period, cursor)}`);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsLoading(false);
    }
  };

  return (
    <Stack gap="sm">
      <Table.ScrollContainer minWidth={720}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={t("ledger.journal.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>№</Table.Th>
              <Table.Th>{t("ledger.valueDate")}</Table.Th>
              <Table.Th>{t("ledger.narration")}</Table.Th>
              <Table.Th>{t("ledger.source")}</Table.Th>
              <Table.Th style={moneyCell}>{t("ledger.amount")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>
                  <Anchor component={Link} href={ledgerPaths.entry(book.id, entry.id)}>
                    {entry.seq}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {formatPlainDate(entry.valueDate, locale)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{entry.narration}</Text>
                  {entry.reversesEntryId !== null && (
                    <Badge size="xs" variant="light" color="orange" tt="none">
                      {t("ledger.entry.isReversal")}
                    </Badge>
                  )}
                  {entry.reversedByEntryId !== null && (
                    <Badge size="xs" variant="light" color="gray" tt="none">
                      {t("ledger.entry.isReversed")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{sourceLabel(entry.sourceType, t)}</Text>
                </Table.Td>
                <Table.Td style={moneyCell}>{formatMinor(entry.totalMinor, currency, locale)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        {cursor === null ? (
          <Text size="sm" c="dimmed">
            {t("ledger.journal.end", { number: items.length })}
          </Text>
        ) : (
          <Button variant="light" loading={isLoading} onClick={() => void loadOlder()}>
            {t("ledger.journal.older")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** Where an entry came from, in words: a known source type by its name, any other as sent. */
export function sourceLabel(sourceType: string, t: TFunction): string {
  const known = ["manual", "reversal", "year_end_close", "loan", "repayment", "meeting"] as const;
  const match = known.find((candidate) => candidate === sourceType);
  return match === undefined ? sourceType : t(`ledger.sources.${match}`);
}
