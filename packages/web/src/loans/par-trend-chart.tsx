/**
 * PAR1 and PAR30 of each closed business date as two lines in plain SVG, like the other charts of the web
 * package (recharts would put the route over its JavaScript budget). The figures beside it carry the numbers.
 */
import { useElementSize } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { type OfficerDashboard, parPercent } from "./loans-api";

const height = 180;
const margin = { top: 12, right: 12, bottom: 24, left: 40 };
/** Width used before the container has been measured (and in jsdom, which measures nothing). */
const fallbackWidth = 560;
/** The PAR thresholds drawn (by their index in `parDays`) and their colours. */
const lines = [
  { index: 0, color: "var(--mantine-color-yellow-6)" },
  { index: 1, color: "var(--mantine-color-red-6)" },
] as const;

export function ParTrendChart({ dashboard }: { readonly dashboard: OfficerDashboard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { ref, width: measured } = useElementSize();
  const width = measured > 0 ? measured : fallbackWidth;
  const points = dashboard.parTrend;
  // Percents with one decimal, as numbers for the pixels only.
  const percents = points.map((p) =>
    lines.map((line) => Number(parPercent(p.atRiskMinor[line.index] ?? "0", p.outstandingMinor))),
  );
  const top = Math.max(5, ...percents.flat());
  const inner = { width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
  const x = (i: number) =>
    margin.left + (points.length <= 1 ? inner.width / 2 : (i * inner.width) / (points.length - 1));
  const y = (value: number) => margin.top + inner.height - (value / top) * inner.height;
  const first = points[0];
  const last = points.at(-1);
  return (
    <div ref={ref} style={{ width: "100%" }}>
      <svg width={width} height={height} role="img" aria-label={t("loans.dashboard.parTrend")}>
        {[0, top / 2, top].map((tick) => (
          <g key={tick}>
            <line
              x1={margin.left}
              x2={width - margin.right}
              y1={y(tick)}
              y2={y(tick)}
              stroke="var(--mantine-color-default-border)"
            />
            <text
              x={margin.left - 4}
              y={y(tick) + 4}
              textAnchor="end"
              fontSize={11}
              fill="var(--mantine-color-dimmed)"
            >
              {`${Math.round(tick)}%`}
            </text>
          </g>
        ))}
        {lines.map((line, li) => (
          <polyline
            key={line.index}
            fill="none"
            stroke={line.color}
            strokeWidth={2}
            points={percents.map((p, i) => `${x(i)},${y(p[li] ?? 0)}`).join(" ")}
          >
            <title>{`PAR${dashboard.parDays[line.index] ?? ""}`}</title>
          </polyline>
        ))}
        {first !== undefined && (
          <text x={margin.left} y={height - 6} fontSize={11} fill="var(--mantine-color-dimmed)">
            {formatPlainDate(first.businessDate, locale)}
          </text>
        )}
        {last !== undefined && points.length > 1 && (
          <text
            x={width - margin.right}
            y={height - 6}
            textAnchor="end"
            fontSize={11}
            fill="var(--mantine-color-dimmed)"
          >
            {formatPlainDate(last.businessDate, locale)}
          </text>
        )}
      </svg>
    </div>
  );
}

/** The colour of a PAR line, for the legend beside the chart. */
export function parLineColor(index: number): string {
  return lines.find((line) => line.index === index)?.color ?? "var(--mantine-color-gray-6)";
}
