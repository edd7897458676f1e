import "@mantine/charts/styles.css";
import { BarChart } from "@mantine/charts";
import { Paper, Text } from "@mantine/core";
import { getCurrency, type Locale } from "@moldir/domain";
import { useTranslation } from "react-i18next";
import { formatMinor } from "../format";
import type { CalculatedInstallment, CalculatorCurrency } from "./loan-calculator-contract";

export interface ScheduleChartProps {
  readonly installments: readonly CalculatedInstallment[];
  readonly currency: CalculatorCurrency;
  readonly locale: Locale;
}

/**
 * Principal against interest for each installment, stacked. Loaded on demand: the charting library is the
 * largest piece of the calculator and nobody needs it before the first calculation.
 */
export default function ScheduleChart({ installments, currency, locale }: ScheduleChartProps) {
  const { t } = useTranslation();
  const perMajor = 10 ** getCurrency(currency).minorDigits;
  // The chart needs numbers to draw bar heights; a float is fine for pixels, and the tooltip shows the
  // exact amounts formatted from the strings.
  const data = installments.map((row) => ({
    number: String(row.number),
    principal: Number(row.principalMinor) / perMajor,
    interest: Number(row.interestMinor) / perMajor,
  }));
  const exact = new Map(installments.map((row) => [String(row.number), row]));
  return (
    <BarChart
      h={260}
      data={data}
      dataKey="number"
      type="stacked"
      withLegend
      legendProps={{ verticalAlign: "bottom" }}
      series={[
        { name: "principal", label: t("calculator.chart.principal"), color: "teal.6" },
        { name: "interest", label: t("calculator.chart.interest"), color: "orange.6" },
      ]}
      valueFormatter={(value) => new Intl.NumberFormat(locale === "kk" ? "kk-KZ" : locale).format(value)}
      tooltipProps={{
        content: ({ label, payload }) => {
          const row = exact.get(String(label));
          if (row === undefined || payload === undefined || payload.length === 0) return null;
          return (
            <Paper withBorder shadow="md" p="xs">
              <Text fw={700} size="sm">
                {t("calculator.table.number")} {row.number}
              </Text>
              <Text size="sm">
                {t("calculator.chart.principal")}: {formatMinor(row.principalMinor, currency, locale)}
              </Text>
              <Text size="sm">
                {t("calculator.chart.interest")}: {formatMinor(row.interestMinor, currency, locale)}
              </Text>
            </Paper>
          );
        },
      }}
    />
  );
}
