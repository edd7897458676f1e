import { Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { Locale } from "@moldir/domain";
import { lazy, type Ref, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { formatMinor, formatPercent, formatPlainDate } from "../format";
import { PageLoader } from "../layout/page-loader";
import type { CalculatorCurrency, LoanCalculatorResponse } from "./loan-calculator-contract";

const ScheduleChart = lazy(() => import("./schedule-chart"));

export interface ScheduleResultsProps {
  readonly result: LoanCalculatorResponse;
  /** The currency of the request that produced the result (the form may have changed since). */
  readonly currency: CalculatorCurrency;
  readonly locale: Locale;
  readonly headingRef?: Ref<HTMLHeadingElement>;
}

const titleId = "calculator-schedule-title";
const chartTitleId = "calculator-chart-title";

/** Totals and GESV first (what a borrower asks), then the chart, then every installment. */
export function ScheduleResults({ result, currency, locale, headingRef }: ScheduleResultsProps) {
  const { t } = useTranslation();
  const money = (minor: string) => formatMinor(minor, currency, locale);
  const { totals } = result;
  return (
    <Stack component="section" aria-labelledby={titleId} gap="lg">
      <Title order={2} id={titleId} ref={headingRef} tabIndex={-1}>
        {t("calculator.results.title")}
      </Title>

      <SimpleGrid
        component="dl"
        role="group"
        m={0}
        cols={{ base: 1, xs: 2, md: 5 }}
        spacing="sm"
        aria-label={t("calculator.results.totalsTitle")}
      >
        <Figure label={t("calculator.results.totalPrincipal")} value={money(totals.principalMinor)} />
        <Figure label={t("calculator.results.totalInterest")} value={money(totals.interestMinor)} />
        <Figure label={t("calculator.results.totalFee")} value={money(totals.feeMinor)} />
        <Figure label={t("calculator.results.totalDue")} value={money(totals.totalDueMinor)} />
        <Figure
          label={t("calculator.results.gesv")}
          value={formatPercent(result.gesvPercent, locale)}
          isHighlighted
        />
      </SimpleGrid>

      <Stack gap="xs" component="figure" m={0} aria-labelledby={chartTitleId}>
        <Title order={3} id={chartTitleId} fz="h4">
          {t("calculator.chart.title")}
        </Title>
        <Suspense fallback={<PageLoader />}>
          <ScheduleChart installments={result.installments} currency={currency} locale={locale} />
        </Suspense>
      </Stack>

      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover stickyHeader aria-labelledby={titleId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("calculator.table.number")}</Table.Th>
              <Table.Th scope="col">{t("calculator.table.dueDate")}</Table.Th>
              <Table.Th scope="col" className="moldir-numeric">
                {t("calculator.table.days")}
              </Table.Th>
              <Table.Th scope="col" className="moldir-numeric">
                {t("calculator.table.principal")}
              </Table.Th>
              <Table.Th scope="col" className="moldir-numeric">
                {t("calculator.table.interest")}
              </Table.Th>
              <Table.Th scope="col" className="moldir-numeric">
                {t("calculator.table.fee")}
              </Table.Th>
              <Table.Th scope="col" className="moldir-numeric">
                {t("calculator.table.total")}
              </Table.Th>
              <Table.Th scope="col" className="moldir-numeric">
                {t("calculator.table.balance")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result.installments.map((row) => (
              <Table.Tr key={row.number}>
                <Table.Th scope="row" fw={400}>
                  {row.number}
                </Table.Th>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatPlainDate(row.dueDate, locale)}</Table.Td>
                <Table.Td className="moldir-numeric">{row.daysInPeriod}</Table.Td>
                <Table.Td className="moldir-numeric">{money(row.principalMinor)}</Table.Td>
                <Table.Td className="moldir-numeric">{money(row.interestMinor)}</Table.Td>
                <Table.Td className="moldir-numeric">{money(row.feeMinor)}</Table.Td>
                <Table.Td className="moldir-numeric">{money(row.totalDueMinor)}</Table.Td>
                <Table.Td className="moldir-numeric">{money(row.principalBalanceAfterMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Th scope="row" colSpan={3}>
                {t("calculator.results.totalsRow")}
              </Table.Th>
              <Table.Td className="moldir-numeric">{money(totals.principalMinor)}</Table.Td>
              <Table.Td className="moldir-numeric">{money(totals.interestMinor)}</Table.Td>
              <Table.Td className="moldir-numeric">{money(totals.feeMinor)}</Table.Td>
              <Table.Td className="moldir-numeric">{money(totals.totalDueMinor)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

interface FigureProps {
  readonly label: string;
  readonly value: string;
  readonly isHighlighted?: boolean;
}

function Figure({ label, value, isHighlighted = false }: FigureProps) {
  return (
    <Paper withBorder p="sm" bg={isHighlighted ? "var(--mantine-primary-color-light)" : undefined}>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text fw={700} fz="lg" component="dd" m={0} className="moldir-numeric" ta="left">
        {value}
      </Text>
    </Paper>
  );
}
