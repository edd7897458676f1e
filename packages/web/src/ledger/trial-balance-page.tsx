import { Stack } from "@mantine/core";
import type { Book, TrialBalanceResponse } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { useLocation, useParams, useSearch } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { BookScreen } from "./book-screen";
import { currencyOf, dateParam, ledgerPaths, startOfYear, todayPlainDate } from "./ledger-api";
import { DatesForm, EmptyStatement, ExportLinks, StatementTable, TotalRow } from "./statement-parts";

/** Balances of every account as of a date, debits beside credits; the two totals are equal. */
export default function TrialBalancePage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <TrialBalance book={book} />}</BookScreen>;
}

function TrialBalance({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const asOf = dateParam(useSearch(), "asOf", todayPlainDate());
  const path = `/api/v1/books/${encodeURIComponent(book.id)}/trial-balance`;
  const statement = useApiResource<TrialBalanceResponse>(`${path}?asOf=${asOf}`);
  const currency = currencyOf(book);
  const period = { from: startOfYear(asOf), to: asOf };
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("ledger.trialBalance.title")}
        description={t("ledger.asOfDescription", { date: formatPlainDate(asOf, locale) })}
        actions={<ExportLinks path={path} query={{ asOf }} />}
      />
      <DatesForm
        key={asOf}
        fields={[{ name: "asOf", label: t("ledger.asOf"), value: asOf }]}
        onApply={(values) =>
          navigate(
            `${ledgerPaths.trialBalance(book.id)}?${new URLSearchParams({ asOf: values["asOf"] ?? asOf })}`,
          )
        }
      />
      <ResourceView resource={statement.resource} onRetry={statement.reload}>
        {(data) =>
          data.rows.length === 0 ? (
            <EmptyStatement />
          ) : (
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
          )
        }
      </ResourceView>
    </Stack>
  );
}
