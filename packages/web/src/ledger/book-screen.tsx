import "@mantine/core/styles/EmptyState.css";
import { Anchor, Button, EmptyState, Group, ScrollArea, Stack, Text } from "@mantine/core";
import type { Book } from "@moldir/contract";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { formatPlainDate } from "../format";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { ledgerPaths, useBook } from "./ledger-api";

export interface BookScreenProps {
  readonly bookId: string;
  readonly children: (book: Book, reloadBook: () => void) => ReactNode;
}

/** A screen of one book: the book is read first, its name and the ledger's own navigation shown above. */
export function BookScreen({ bookId, children }: BookScreenProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { book, resource, reload } = useBook(bookId);
  return (
    <ResourceView resource={resource} onRetry={reload}>
      {() =>
        book === null ? (
          <EmptyState title={t("ledger.bookMissingTitle")} description={t("ledger.bookMissingDescription")}>
            <EmptyState.Actions>
              <Button component={Link} href={ledgerPaths.books} variant="light">
                {t("ledger.backToBooks")}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <Stack gap={0}>
            <Group gap="xs" mb="xs" wrap="wrap">
              <Anchor component={Link} href={ledgerPaths.books} size="sm">
                {t("ledger.books")}
              </Anchor>
              <Text size="sm" c="dimmed" aria-hidden>
                /
              </Text>
              <Text size="sm" fw={500}>
                {nameIn(book.names, locale)}
              </Text>
              <Text size="sm" c="dimmed">
                {book.closedThrough === null
                  ? t("ledger.noPeriodClosed")
                  : t("ledger.closedThrough", { date: formatPlainDate(book.closedThrough, locale) })}
              </Text>
            </Group>
            <BookNavigation bookId={book.id} />
            {children(book, reload)}
          </Stack>
        )
      }
    </ResourceView>
  );
}

/** The book's screens, as links (open in a new tab works), the current one marked. */
function BookNavigation({ bookId }: { readonly bookId: string }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  const session = useSignedInSession();
  const items = [
    { href: ledgerPaths.accounts(bookId), label: t("ledger.chart.nav") },
    { href: ledgerPaths.journal(bookId), label: t("ledger.journal.nav") },
    ...(hasPermission(session, "ledger.post")
      ? [{ href: ledgerPaths.newEntry(bookId), label: t("ledger.entryForm.nav") }]
      : []),
    { href: ledgerPaths.trialBalance(bookId), label: t("ledger.trialBalance.nav") },
    { href: ledgerPaths.balanceSheet(bookId), label: t("ledger.balanceSheet.nav") },
    { href: ledgerPaths.incomeStatement(bookId), label: t("ledger.incomeStatement.nav") },
    { href: ledgerPaths.periods(bookId), label: t("ledger.periods.nav") },
  ];
  return (
    <ScrollArea type="auto" offsetScrollbars mb="md">
      <Group gap={4} wrap="nowrap" component="nav" aria-label={t("ledger.bookNavigation")}>
        {items.map((item) => {
          const isActive = location === item.href;
          return (
            <Button
              key={item.href}
              component={Link}
              href={item.href}
              size="compact-sm"
              variant={isActive ? "filled" : "subtle"}
              aria-current={isActive ? "page" : undefined}
            >
              {item.label}
            </Button>
          );
        })}
      </Group>
    </ScrollArea>
  );
}

/** A money cell: right-aligned, digits of equal width so columns line up. */
export const moneyCell = {
  textAlign: "right",
  fontVariantNumeric: "tabular-nums",
  whiteSpace: "nowrap",
} as const;
