import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Progress.css";
import { NativeSelect, Paper, Progress, Group as Row, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { ArrearsTable } from "./arrears-page";
import { LoansTrail, useMoney } from "./loan-parts";
import { loanApi, type OfficerDashboard, parPercent } from "./loans-api";
import { ParTrendChart, parLineColor } from "./par-trend-chart";

/** A loan officer's day: her portfolio and its PAR, the PAR of the closed days, today's collections, visits. */
export default function DashboardPage() {
  const { t } = useTranslation();
  // A manager picks whose day to see; the server refuses another officer's to an officer.
  const [officerId, setOfficerId] = useState<string | null>(null);
  const dashboard = useApiResource<OfficerDashboard>(
    officerId === null
      ? loanApi.officerDashboard
      : `${loanApi.officerDashboard}?officerId=${encodeURIComponent(officerId)}`,
  );
  // The last dashboard read stays on screen while the next officer's loads (the resource keeps it), and the
  // picker shows the pick at once, so neither the figures nor the picker jump back and forth meanwhile.
  const loaded = dashboard.resource.status === "loaded" ? dashboard.resource.data : null;
  const isSwitching = loaded !== null && officerId !== null && loaded.officerId !== officerId;
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.dashboard.title")} description={t("loans.dashboard.description")} />
      {loaded !== null && loaded.officers.length > 1 && (
        <NativeSelect
          label={t("loans.dashboard.officer")}
          data={loaded.officers.map((o) => ({ value: o.id, label: o.name }))}
          value={officerId ?? loaded.officerId}
          onChange={(event) => setOfficerId(event.currentTarget.value)}
          w="fit-content"
          mb="md"
        />
      )}
      <ResourceView resource={dashboard.resource} onRetry={dashboard.reload}>
        {(data) => (
          <div aria-busy={isSwitching} style={isSwitching ? { opacity: 0.6 } : undefined}>
            <DashboardView data={data} />
          </div>
        )}
      </ResourceView>
    </Stack>
  );
}

function Figure({
  label,
  value,
  testId,
}: {
  readonly label: string;
  readonly value: string;
  readonly testId?: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function DashboardView({ data }: { readonly data: OfficerDashboard }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const par = (index: number) => `${parPercent(data.atRiskMinor[index] ?? "0", data.outstandingMinor)} %`;
  const scheduled = BigInt(data.today.scheduledMinor);
  const collectedShare =
    scheduled === 0n ? 0 : Number((BigInt(data.today.collectedMinor) * 1000n) / scheduled) / 10;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 5 }} spacing="sm">
        <Figure label={t("loans.dashboard.loans")} value={String(data.loans)} />
        <Figure label={t("loans.portfolio.outstanding")} value={money(data.outstandingMinor)} />
        <Figure label={t("loans.loan.overdue")} value={money(data.overdueMinor)} />
        {[0, 1].map((index) => (
          <Figure
            key={index}
            label={`PAR${data.parDays[index] ?? ""}`}
            value={par(index)}
            testId={`par-${index}`}
          />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">
            {t("loans.dashboard.parTrend")}
          </Title>
          {data.parTrend.length === 0 ? (
            <Text c="dimmed">{t("loans.dashboard.noTrend")}</Text>
          ) : (
            <Stack gap="xs">
              <ParTrendChart dashboard={data} />
              <Row gap="md">
                {[0, 1].map((index) => (
                  <Text key={index} size="sm" style={{ color: parLineColor(index) }}>
                    {`— PAR${data.parDays[index] ?? ""}`}
                  </Text>
                ))}
              </Row>
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md" component="section" aria-label={t("loans.dashboard.today")}>
          <Title order={2} size="h4" mb="sm">
            {t("loans.dashboard.today")}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t("loans.dashboard.todayHint", {
              date: formatPlainDate(data.asOf, locale),
              n: data.today.loansDue,
            })}
          </Text>
          <Stack gap="xs">
            <Row justify="space-between">
              <Text>{t("loans.dashboard.expected")}</Text>
              <Text fw={500} data-testid="today-expected">
                {money(data.today.scheduledMinor)}
              </Text>
            </Row>
            <Row justify="space-between">
              <Text>{t("loans.dashboard.collected")}</Text>
              <Text fw={500} data-testid="today-collected">
                {money(data.today.collectedMinor)}
              </Text>
            </Row>
            <Progress
              size="xl"
              value={Math.min(100, collectedShare)}
              color="teal"
              aria-label={t("loans.dashboard.collectedShare", { percent: collectedShare })}
            />
            <Row justify="space-between">
              <Text>{t("loans.dashboard.open")}</Text>
              <Text fw={500}>{money(data.today.openMinor)}</Text>
            </Row>
          </Stack>
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {t("loans.dashboard.visits")}
        </Title>
        {data.arrears.length === 0 ? (
          <Text c="dimmed">{t("loans.dashboard.noVisits")}</Text>
        ) : (
          <ArrearsTable label={t("loans.dashboard.visits")} items={data.arrears} />
        )}
      </Paper>
    </Stack>
  );
}
