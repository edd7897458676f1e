import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/Combobox.css";
import "@mantine/core/styles/Popover.css";
import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import type { Book } from "@moldir/contract";
import { type BookTemplate, bookTemplates } from "@moldir/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { ledgerPaths } from "./ledger-api";

/** The organization's book and its groups' books; an organization without one is offered to open it. */
export default function BooksPage() {
  const { t } = useTranslation();
  const books = useApiResource<{ items: Book[] }>("/api/v1/books");
  return (
    <Stack gap={0}>
      <PageHeader title={t("ledger.title")} description={t("ledger.description")} />
      <ResourceView resource={books.resource} onRetry={books.reload}>
        {({ items }) => {
          const own = items.find((book) => book.ownerKind === "organization");
          const groups = items.filter((book) => book.ownerKind === "group");
          return (
            <Stack gap="lg">
              {own === undefined ? <OpenBooks onOpened={books.reload} /> : <BooksTable books={[own]} />}
              {groups.length > 0 && (
                <Stack gap="xs">
                  <Text component="h2" fw={600} fz="lg" m={0}>
                    {t("ledger.groupBooks")}
                  </Text>
                  <BooksTable books={groups} />
                </Stack>
              )}
            </Stack>
          );
        }}
      </ResourceView>
    </Stack>
  );
}

function BooksTable({ books }: { readonly books: readonly Book[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("ledger.book")}</Table.Th>
            <Table.Th>{t("ledger.template")}</Table.Th>
            <Table.Th>{t("ledger.closedThroughLabel")}</Table.Th>
            <Table.Th>{t("common.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {books.map((book) => (
            <Table.Tr key={book.id}>
              <Table.Td>
                <Anchor component={Link} href={ledgerPaths.accounts(book.id)} fw={500}>
                  {nameIn(book.names, locale)}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {book.currency}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none">
                  {t(`ledger.templates.${book.template}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                {book.closedThrough === null ? "—" : formatPlainDate(book.closedThrough, locale)}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button
                    component={Link}
                    href={ledgerPaths.journal(book.id)}
                    size="compact-sm"
                    variant="light"
                  >
                    {t("ledger.journal.nav")}
                  </Button>
                  <Button
                    component={Link}
                    href={ledgerPaths.trialBalance(book.id)}
                    size="compact-sm"
                    variant="subtle"
                  >
                    {t("ledger.trialBalance.nav")}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The empty state: the organization keeps no books yet; a manager opens them from a chart template. */
function OpenBooks({ onOpened }: { readonly onOpened: () => void }) {
  const { t } = useTranslation();
  const mayManage = hasPermission(useSignedInSession(), "ledger.manage");
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [template, setTemplate] = useState<BookTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isOpening, setIsOpening] = useState(false);

  const open = async () => {
    if (template === null) {
      setError(t("ledger.templateRequired"));
      return;
    }
    setIsOpening(true);
    setError(null);
    try {
      await request<Book>("/api/v1/books", { method: "POST", body: { template } });
      onOpened();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsOpening(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <EmptyState
        title={t("ledger.emptyTitle")}
        description={mayManage ? t("ledger.emptyDescription") : t("ledger.emptyAskManager")}
      >
        {mayManage && (
          <EmptyState.Actions>
            <Stack gap="sm" w="100%" maw={420}>
              <Select
                label={t("ledger.template")}
                placeholder={t("ledger.templatePlaceholder")}
                data={bookTemplates.map((value) => ({ value, label: t(`ledger.templates.${value}`) }))}
                value={template}
                onChange={(value) =>
                  setTemplate(bookTemplates.find((candidate) => candidate === value) ?? null)
                }
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              {error !== null && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Button onClick={() => void open()} loading={isOpening}>
                {t("ledger.openBooks")}
              </Button>
            </Stack>
          </EmptyState.Actions>
        )}
      </EmptyState>
    </Paper>
  );
}
