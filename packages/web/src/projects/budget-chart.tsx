/**
 * Budget against spending for each budget line, as pairs of horizontal bars in plain SVG (as the calculator's
 * chart, and for the same reason: a chart library would not fit the route's budget). The table next to it
 * carries the exact amounts; the chart is a picture of them.
 */
import { useElementSize } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import type { BudgetAgainstActual } from "./projects-api";

const rowHeight = 40;
const labelWidth = 160;
const fallbackWidth = 640;
const colors = {
  budget: "var(--mantine-color-gray-4)",
  actual: "var(--mantine-color-teal-6)",
  over: "var(--mantine-color-red-6)",
  text: "var(--mantine-color-dimmed)",
};

export function BudgetChart({
  budget,
  money,
}: {
  readonly budget: BudgetAgainstActual;
  readonly money: (amount: string) => string;
}) {
  const { t } = useTranslation();
  const { ref, width: measured } = useElementSize();
  const width = measured > 0 ? measured : fallbackWidth;
  // Pixels are numbers; every amount shown as text is formatted from the exact strings.
  const largest = Math.max(
    1,
    ...budget.lines.flatMap((line) => [Number(line.budgetMinor), Number(line.actualMinor)]),
  );
  const plotWidth = Math.max(1, width - labelWidth - 8);
  const scale = (value: string) => Math.max(0, (Number(value) / largest) * plotWidth);
  const height = Math.max(1, budget.lines.length) * rowHeight;
  return (
    <div ref={ref}>
      <svg width={width} height={height} role="img" aria-label={t("projects.budgetSection.chart")}>
        {budget.lines.map((line, index) => {
          const y = index * rowHeight;
          const isOver = BigInt(line.actualMinor) > BigInt(line.budgetMinor);
          return (
            <g key={line.lineNo}>
              <title>
                {`${line.name}\n${t("projects.budgetSection.legendBudget")}: ${money(line.budgetMinor)}\n` +
                  `${t("projects.budgetSection.legendActual")}: ${money(line.actualMinor)}`}
              </title>
              <text x={0} y={y + rowHeight / 2} dy="0.32em" fontSize={12} fill={colors.text}>
                {line.name.length > 24 ? `${line.name.slice(0, 23)}…` : line.name}
              </text>
              <rect
                x={labelWidth}
                y={y + 6}
                width={scale(line.budgetMinor)}
                height={12}
                fill={colors.budget}
              />
              <rect
                x={labelWidth}
                y={y + 20}
                width={scale(line.actualMinor)}
                height={12}
                fill={isOver ? colors.over : colors.actual}
              />
            </g>
          );
        })}
      </svg>
      <div style={{ display: "flex", gap: "1rem", fontSize: "0.875rem" }}>
        <LegendItem color={colors.budget} label={t("projects.budgetSection.legendBudget")} />
        <LegendItem color={colors.actual} label={t("projects.budgetSection.legendActual")} />
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
