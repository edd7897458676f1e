/**
 * A node's savings and fund loans at each month end, as paired bars in plain SVG (see calculator/schedule-chart:
 * recharts would put the route over its JavaScript budget). The table beside it carries the exact numbers.
 */
import { useElementSize } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { FederationRollup } from "./federations-api";

const height = 200;
const margin = { top: 12, right: 8, bottom: 28, left: 8 };
const fallbackWidth = 640;
const colors = { savings: "var(--mantine-color-teal-6)", loans: "var(--mantine-color-orange-6)" };

export function TrendChart({ trend }: { readonly trend: FederationRollup["trend"] }) {
  const { t } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const width = measured > 0 ? measured : fallbackWidth;
  // Pixels only: the exact amounts are in the table.
  const rows = trend.map((m) => ({
    monthEnd: m.monthEnd,
    savings: Number(m.savingsMinor),
    loans: Number(m.fundLoansOutstandingMinor) + Number(m.loansOutstandingMinor),
  }));
  const top = Math.max(1, ...rows.flatMap((r) => [r.savings, r.loans]));
  const inner = { width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
  const slot = inner.width / Math.max(1, rows.length);
  const bar = Math.max(2, slot / 3);
  const y = (value: number) => margin.top + inner.height - (value / top) * inner.height;
  return (
    <div ref={ref} style={{ width: "100%" }}>
      <svg width={width} height={height} role="img" aria-label={t("federations.trend")}>
        {rows.map((r, i) => {
          const x = margin.left + i * slot + slot / 2;
          return (
            <g key={r.monthEnd}>
              <rect
                x={x - bar}
                y={y(r.savings)}
                width={bar}
                height={margin.top + inner.height - y(r.savings)}
                fill={colors.savings}
              >
                <title>{`${t("federations.savings")} ${r.monthEnd}`}</title>
              </rect>
              <rect
                x={x}
                y={y(r.loans)}
                width={bar}
                height={margin.top + inner.height - y(r.loans)}
                fill={colors.loans}
              >
                <title>{`${t("federations.loansOutstanding")} ${r.monthEnd}`}</title>
              </rect>
              <text x={x} y={height - 8} textAnchor="middle" fontSize={11} fill="var(--mantine-color-dimmed)">
                {r.monthEnd.slice(0, 7)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
