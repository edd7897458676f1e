import { Stack, Text } from "@mantine/core";
import type { BalanceSheetResponse, Book, ConsolidatedBalanceSheetResponse } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { useLocation, useParams, useSearch } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { BookScreen } from "./book-screen";
import {
  type BalanceRow,
  currencyOf,
  dateParam,
  ledgerPaths,
  startOfYear,
  todayPlainDate,
} from "./ledger-api";
import {
  ConsolidationSwitches,
  consolidationOf,
  DatesForm,
  EliminationsTable,
  ExportLinks,
  minorOf,
  StatementTable,
  StatementTotals,
  statementSearch,
  statementSource,
  TotalRow,
} from "./statement-parts";

/** Assets against liabilities and equity as of a date; this year's result so far shown on its own line. */
export default function BalanceSheetPage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <BalanceSheet book={book} />}</BookScreen>;
}

function BalanceSheet({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const search = useSearch();
  const asOf = dateParam(search, "asOf", todayPlainDate());
  const consolidation = consolidationOf(search);
  const { path, query } = statementSource(book, "balance-sheet", consolidation, asOf);
  const statement = useApiResource<BalanceSheetResponse & Partial<ConsolidatedBalanceSheetResponse>>(
    `${path}?${new URLSearchParams(query)}`,
  );
  const show = (date: string, choice = consolidation) =>
    navigate(`${ledgerPaths.balanceSheet(book.id)}?${statementSearch(date, choice)}`);
  const currency = currencyOf(book);
  const period = { from: startOfYear(asOf), to: asOf };
  const section = (title: string, rows: readonly BalanceRow[], totalLabel: string, total: string) => (
    <Stack gap="xs" mb="lg">
      <Text component="h2" fw={600} fz="lg" m={0}>
        {title}
      </Text>
      <StatementTable
        rows={rows}
        columns="balance"
        currency={currency}
        label={title}
        ledgerHref={(accountId) => ledgerPaths.accountLedger(book.id, accountId, period)}
        footer={<TotalRow label={totalLabel} amounts={[total]} currency={currency} />}
      />
    </Stack>
  );
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("ledger.balanceSheet.title")}
        description={t("ledger.asOfDescription", { date: formatPlainDate(asOf, locale) })}
        actions={<ExportLinks path={path} query={query} />}
      />
      <DatesForm
        key={asOf}
        fields={[{ name: "asOf", label: t("ledger.asOf"), value: asOf }]}
        onApply={(values) => show(values["asOf"] ?? asOf)}
      />
      <ConsolidationSwitches book={book} value={consolidation} onChange={(next) => show(asOf, next)} />
      <ResourceView resource={statement.resource} onRetry={statement.reload}>
        {(data) => {
          const liabilitiesAndEquity = (
            minorOf(data.totalLiabilitiesMinor) +
            minorOf(data.totalEquityMinor) +
            minorOf(data.currentEarningsMinor)
          ).toString();
          return (
            <>
              {section(
                t("ledger.balanceSheet.assets"),
                data.assets,
                t("ledger.balanceSheet.totalAssets"),
                data.totalAssetsMinor,
              )}
              {section(
                t("ledger.balanceSheet.liabilities"),
                data.liabilities,
                t("ledger.balanceSheet.totalLiabilities"),
                data.totalLiabilitiesMinor,
              )}
              {section(
                t("ledger.balanceSheet.equity"),
                data.equity,
                t("ledger.balanceSheet.totalEquity"),
                data.totalEquityMinor,
              )}
              <StatementTotals
                currency={currency}
                rows={[
                  [t("ledger.balanceSheet.currentEarnings"), data.currentEarningsMinor],
                  [t("ledger.balanceSheet.totalLiabilitiesAndEquity"), liabilitiesAndEquity],
                ]}
              />
              {data.eliminations !== undefined && (
                <EliminationsTable
                  data={{ books: data.books ?? 0, eliminations: data.eliminations }}
                  currency={currency}
                />
              )}
            </>
          );
        }}
      </ResourceView>
    </Stack>
  );
}
