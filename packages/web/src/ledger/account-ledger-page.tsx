import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import { Anchor, Stack, Table, Text } from "@mantine/core";
import type { AccountLedgerResponse, Book } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearch } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatMinor, formatPlainDate } from "../format";
import { nameIn } from "../i18n/names";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { BookScreen, moneyCell } from "./book-screen";
import { sourceLabel } from "./journal-page";
import { currencyOf, dateParam, ledgerPaths, startOfYear, todayPlainDate, useAccounts } from "./ledger-api";
import { DatesForm, ExportLinks, minorOf } from "./statement-parts";

/** One account's lines over a period with the running balance; each line opens its entry. */
export default function AccountLedgerPage() {
  const { bookId = "", accountId = "" } = useParams<{ bookId: string; accountId: string }>();
  return (
    <BookScreen bookId={bookId}>{(book) => <AccountLedger book={book} accountId={accountId} />}</BookScreen>
  );
}

function AccountLedger({ book, accountId }: { readonly book: Book; readonly accountId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const search = useSearch();
  const to = dateParam(search, "to", todayPlainDate());
  const from = dateParam(search, "from", startOfYear(to));
  const query = { from, to };
  const path = `/api/v1/accounts/${encodeURIComponent(accountId)}/ledger`;
  const ledger = useApiResource<AccountLedgerResponse>(`${path}?${new URLSearchParams(query)}`);
  const accounts = useAccounts(book.id);
  const account =
    accounts.resource.status === "loaded"
      ? accounts.resource.data.items.find((item) => item.id === accountId)
      : undefined;
  const currency = currencyOf(book);
  const title =
    account === undefined
      ? t("ledger.accountLedger.title")
      : t("ledger.accountLedger.titleNamed", { code: account.code, name: nameIn(account.names, locale) });
  const money = (text: string) =>
    minorOf(text) === 0n ? "" : formatMinor(text, currency, locale, { symbol: false });

  return (
    <Stack gap={0}>
      <PageHeader
        title={title}
        description={t("ledger.periodDescription", {
          from: formatPlainDate(from, locale),
          to: formatPlainDate(to, locale),
        })}
        actions={<ExportLinks path={path} query={query} />}
      />
      <DatesForm
        key={`${from}/${to}`}
        fields={[
          { name: "from", label: t("ledger.from"), value: from },
          { name: "to", label: t("ledger.to"), value: to },
        ]}
        onApply={(values) =>
          navigate(
            ledgerPaths.accountLedger(book.id, accountId, {
              from: values["from"] ?? from,
              to: values["to"] ?? to,
            }),
          )
        }
      />
      <ResourceView resource={ledger.resource} onRetry={ledger.reload}>
        {(data) => (
          <Table.ScrollContainer minWidth={720}>
            <Table striped verticalSpacing="xs" aria-label={t("ledger.accountLedger.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("ledger.valueDate")}</Table.Th>
                  <Table.Th>{t("ledger.narration")}</Table.Th>
                  <Table.Th>{t("ledger.source")}</Table.Th>
                  <Table.Th style={moneyCell}>{t("ledger.debit")}</Table.Th>
                  <Table.Th style={moneyCell}>{t("ledger.credit")}</Table.Th>
                  <Table.Th style={moneyCell}>{t("ledger.balance")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text size="sm" fw={600}>
                      {t("ledger.accountLedger.opening")}
                    </Text>
                  </Table.Td>
                  <Table.Td style={moneyCell} fw={600}>
                    {formatMinor(data.openingBalanceMinor, currency, locale)}
                  </Table.Td>
                </Table.Tr>
                {data.lines.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>
                      <Text size="sm" c="dimmed">
                        {t("ledger.accountLedger.noLines")}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {data.lines.map((line) => (
                  <Table.Tr key={`${line.entryId}:${line.lineNo}`}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {formatPlainDate(line.valueDate, locale)}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} href={ledgerPaths.entry(book.id, line.entryId)}>
                        {line.narration}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{sourceLabel(line.sourceType, t)}</Table.Td>
                    <Table.Td style={moneyCell}>{money(line.debitMinor)}</Table.Td>
                    <Table.Td style={moneyCell}>{money(line.creditMinor)}</Table.Td>
                    <Table.Td style={moneyCell}>{formatMinor(line.balanceMinor, currency, locale)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={5}>{t("ledger.accountLedger.closing")}</Table.Th>
                  <Table.Th style={moneyCell}>
                    {formatMinor(data.closingBalanceMinor, currency, locale)}
                  </Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
      </ResourceView>
    </Stack>
  );
}
