/**
 * Principal against interest for each installment, as stacked bars drawn in plain SVG.
 *
 * Why not `@mantine/charts`: it draws with recharts, which measured 132 KB gzipped in this build. With the
 * shell and the calculator that put the route at about 290 KB of JavaScript, over the 250 KB that
 * `PERFORMANCE.md` allows on any route. This chart is a few kilobytes and loads on demand all the same.
 * The schedule table below it carries the exact numbers for screen readers; the chart is a picture of them.
 */
import { useElementSize } from "@mantine/hooks";
import { getCurrency, type Locale } from "@moldir/domain";
import { useTranslation } from "react-i18next";
import { formatMinor, formatPlainDate } from "../format";
import type { CalculatedInstallment, CalculatorCurrency } from "./loan-calculator-contract";

export interface ScheduleChartProps {
  readonly installments: readonly CalculatedInstallment[];
  readonly currency: CalculatorCurrency;
  readonly locale: Locale;
}

const height = 240;
const margin = { top: 12, right: 8, bottom: 28, left: 72 };
/** Width used before the container has been measured (and in jsdom, which measures nothing). */
const fallbackWidth = 640;
const ticksTarget = 4;
const xLabelsMax = 12;
const colors = {
  principal: "var(--mantine-color-teal-6)",
  interest: "var(--mantine-color-orange-6)",
  grid: "var(--mantine-color-default-border)",
  text: "var(--mantine-color-dimmed)",
};

export default function ScheduleChart({ installments, currency, locale }: ScheduleChartProps) {
  const { t } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const width = measured > 0 ? measured : fallbackWidth;
  // Pixels are computed with numbers: heights need no exactness, and every amount shown as text is
  // formatted from the exact strings.
  const rows = installments.map((row) => ({
    row,
    principal: Number(row.principalMinor),
    interest: Number(row.interestMinor),
  }));
  const largest = Math.max(1, ...rows.map((bar) => bar.principal + bar.interest));
  const step = niceStep(largest / ticksTarget);
  const top = Math.ceil(largest / step) * step;
  const plotWidth = Math.max(1, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const band = plotWidth / Math.max(1, rows.length);
  const barWidth = Math.max(1, band * 0.7);
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.ceil(rows.length / xLabelsMax);
  const perMajor = 10 ** getCurrency(currency).minorDigits;
  const axisNumber = new Intl.NumberFormat(locale === "kk" ? "kk-KZ" : locale, { maximumFractionDigits: 2 });
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, index) => index * step);

  return (
    <div ref={ref}>
      <svg width={width} height={height} role="img" aria-label={t("calculator.chart.title")}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke={colors.grid} />
            <text
              x={margin.left - 6}
              y={y(tick)}
              dy="0.32em"
              textAnchor="end"
              fontSize={11}
              fill={colors.text}
            >
              {axisNumber.format(tick / perMajor)}
            </text>
          </g>
        ))}
        {rows.map((bar, index) => {
          const x = margin.left + index * band + (band - barWidth) / 2;
          const principalTop = y(bar.principal);
          const interestTop = y(bar.principal + bar.interest);
          return (
            <g key={bar.row.number}>
              <title>
                {`${t("calculator.table.number")} ${bar.row.number}, ${formatPlainDate(bar.row.dueDate, locale)}\n` +
                  `${t("calculator.chart.principal")}: ${formatMinor(bar.row.principalMinor, currency, locale)}\n` +
                  `${t("calculator.chart.interest")}: ${formatMinor(bar.row.interestMinor, currency, locale)}`}
              </title>
              <rect
                x={x}
                y={principalTop}
                width={barWidth}
                height={y(0) - principalTop}
                fill={colors.principal}
              />
              <rect
                x={x}
                y={interestTop}
                width={barWidth}
                height={principalTop - interestTop}
                fill={colors.interest}
              />
              {index % labelEvery === 0 && (
                <text
                  x={x + barWidth / 2}
                  y={height - margin.bottom + 16}
                  textAnchor="middle"
                  fontSize={11}
                  fill={colors.text}
                >
                  {bar.row.number}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <div style={{ display: "flex", gap: "1rem", justifyContent: "center", fontSize: "0.875rem" }}>
        <LegendItem color={colors.principal} label={t("calculator.chart.principal")} />
        <LegendItem color={colors.interest} label={t("calculator.chart.interest")} />
      </div>
    </div>
  );
}

function LegendItem({ color, label }: { readonly color: string; readonly label: string }) {
  return (
    <span style={{ display: "inline-flex", alignItems: "center", gap: "0.375rem" }}>
      <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: color }} />
      {label}
    </span>
  );
}

/** A round step (1, 2 or 5 times a power of ten) at least as large as `rough`, for readable axis ticks. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return Math.max(1, nice * power);
}
