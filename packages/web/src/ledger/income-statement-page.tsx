import { Stack, Text } from "@mantine/core";
import type { Book, IncomeStatementResponse } from "@moldir/contract";
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
import { DatesForm, ExportLinks, StatementTable, StatementTotals, TotalRow } from "./statement-parts";

/** Income and expenses over a period (this year by default), and what is left: the net result. */
export default function IncomeStatementPage() {
  const { bookId = "" } = useParams<{ bookId: string }>();
  return <BookScreen bookId={bookId}>{(book) => <IncomeStatement book={book} />}</BookScreen>;
}

function IncomeStatement({ book }: { readonly book: Book }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [, navigate] = useLocation();
  const search = useSearch();
  const today = todayPlainDate();
  const to = dateParam(search, "to", today);
  const from = dateParam(search, "from", startOfYear(to));
  const path = `/api/v1/books/${encodeURIComponent(book.id)}/income-statement`;
  const query = { from, to };
  const statement = useApiResource<IncomeStatementResponse>(`${path}?${new URLSearchParams(query)}`);
  const currency = currencyOf(book);
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
        ledgerHref={(accountId) => ledgerPaths.accountLedger(book.id, accountId, query)}
        footer={<TotalRow label={totalLabel} amounts={[total]} currency={currency} />}
      />
    </Stack>
  );
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("ledger.incomeStatement.title")}
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
            `${ledgerPaths.incomeStatement(book.id)}?${new URLSearchParams({
              from: values["from"] ?? from,
              to: values["to"] ?? to,
            })}`,
          )
        }
      />
      <ResourceView resource={statement.resource} onRetry={statement.reload}>
        {(data) => (
          <>
            {section(
              t("ledger.incomeStatement.income"),
              data.income,
              t("ledger.incomeStatement.totalIncome"),
              data.totalIncomeMinor,
            )}
            {section(
              t("ledger.incomeStatement.expenses"),
              data.expenses,
              t("ledger.incomeStatement.totalExpenses"),
              data.totalExpensesMinor,
            )}
            <StatementTotals
              currency={currency}
              rows={[[t("ledger.incomeStatement.netIncome"), data.netIncomeMinor]]}
            />
          </>
        )}
      </ResourceView>
    </Stack>
  );
}
