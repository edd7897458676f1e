import { Stack } from "@mantine/core";
import type { Book, ConsolidatedTrialBalanceResponse, TrialBalanceResponse } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { useLocation, useParams, useSearch } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { BookScreen } from "./book-screen";
import { currencyOf, dateParam, ledgerPaths, startOfYear, todayPlainDate } from "./ledger-api";
import {
  ConsolidationSwitches,
  consolidationOf,
  DatesForm,
  EliminationsTable,
  EmptyStatement,
  ExportLinks,
  StatementTable,
  statementSearch,
  statementSource,
  TotalRow,
} from "./statement-parts";

/**
 * Balances of every account as of a date, debits beside credits; the two totals are equal. The book of an
 * organization or a federation node can be shown with the books below it, movements between them eliminated.
 */
export default function TrialBalancePage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <TrialBalance book={book} />}</BookScreen>;
}

function TrialBalance({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const search = useSearch();
  const asOf = dateParam(search, "asOf", todayPlainDate());
  const consolidation = consolidationOf(search);
  const { path, query } = statementSource(book, "trial-balance", consolidation, asOf);
  const statement = useApiResource<TrialBalanceResponse & Partial<ConsolidatedTrialBalanceResponse>>(
    `${path}?${new URLSearchParams(query)}`,
  );
  const show = (date: string, choice = consolidation) =>
    navigate(`${ledgerPaths.trialBalance(book.id)}?${statementSearch(date, choice)}`);
  const currency = currencyOf(book);
  const period = { from: startOfYear(asOf), to: asOf };
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("ledger.trialBalance.title")}
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
        {(data) =>
          data.rows.length === 0 ? (
            <EmptyStatement />
          ) : (
            <>
              <StatementTable
                rows={data.rows}
                columns="debit-credit"
                currency={currency}
                label={t("ledger.trialBalance.title")}
                ledgerHref={(accountId) => ledgerPaths.accountLedger(book.id, accountId, period)}
                footer={
                  <TotalRow
                    label={t("ledger.total")}
                    amounts={[data.totalDebitMinor, data.totalCreditMinor]}
                    currency={currency}
                  />
                }
              />
              {data.eliminations !== undefined && (
                <EliminationsTable
                  data={{ books: data.books ?? 0, eliminations: data.eliminations }}
                  currency={currency}
                />
              )}
            </>
          )
        }
      </ResourceView>
    </Stack>
  );
}
