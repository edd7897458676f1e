import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Progress.css";
import {
  Alert,
  Anchor,
  Button,
  Paper,
  Progress,
  Group as Row,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { LoansTrail, moneyCell, useMoney } from "./loan-parts";
import { type CloseOfBusinessOverview, loanApi, type PortfolioReport, parPercent } from "./loans-api";

const groupings = ["office", "officer", "product"] as const;

/** The portfolio at risk today by office, officer or product, and close of business with its progress. */
export default function PortfolioPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<(typeof groupings)[number]>("product");
  const report = useApiResource<PortfolioReport>(loanApi.portfolio(groupBy));
  const locale = useLocale();
  const money = useMoney();
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.portfolio.title")} description={t("loans.portfolio.description")} />
      <Stack gap="md">
        <CloseOfBusiness onClosed={report.reload} />
        <Paper withBorder p="md">
          <Row justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">
              {t("loans.portfolio.par")}
            </Title>
            <SegmentedControl
              aria-label={t("loans.portfolio.groupBy")}
              value={groupBy}
              onChange={(value) => setGroupBy(value as (typeof groupings)[number])}
              data={groupings.map((g) => ({ value: g, label: t(`loans.portfolio.groupings.${g}`) }))}
            />
          </Row>
          <ResourceView resource={report.resource} onRetry={report.reload}>
            {(data) =>
              data.rows.length === 0 ? (
                <Text c="dimmed">{t("loans.portfolio.empty")}</Text>
              ) : (
                <Stack gap="sm">
                  <Text size="sm" c="dimmed">
                    {t("loans.portfolio.asOf", { date: formatPlainDate(data.asOf, locale) })}
                  </Text>
                  <Table aria-label={t("loans.portfolio.par")} striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t(`loans.portfolio.groupings.${groupBy}`)}</Table.Th>
                        <Table.Th style={moneyCell}>{t("loans.portfolio.loans")}</Table.Th>
                        <Table.Th style={moneyCell}>{t("loans.portfolio.outstanding")}</Table.Th>
                        {data.parDays.map((days) => (
                          <Table.Th key={days} style={moneyCell}>
                            PAR{days}
                          </Table.Th>
                        ))}
                        <Table.Th>{t("loans.portfolio.chart")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {[...data.rows, { ...data.total, name: t("loans.portfolio.total") }].map((row) => (
                        <Table.Tr key={row.key ?? row.name}>
                          <Table.Td>{row.name}</Table.Td>
                          <Table.Td style={moneyCell}>{row.loans}</Table.Td>
                          <Table.Td style={moneyCell}>{money(row.outstandingMinor)}</Table.Td>
                          {row.atRiskMinor.map((risk, index) => (
                            <Table.Td key={data.parDays[index]} style={moneyCell}>
                              {parPercent(risk, row.outstandingMinor)} %
                            </Table.Td>
                          ))}
                          <Table.Td miw={140}>
                            <ParBar row={row} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <Row gap="md">
                    {(["xlsx", "pdf", "csv"] as const).map((format) => (
                      <Anchor key={format} href={loanApi.portfolioExport(groupBy, format, locale)} size="sm">
                        {t("loans.portfolio.export", { format: format.toUpperCase() })}
                      </Anchor>
                    ))}
                    <Anchor href={loanApi.arrearsExport("xlsx", locale)} size="sm">
                      {t("loans.portfolio.arrearsExport")}
                    </Anchor>
                  </Row>
                </Stack>
              )
            }
          </ResourceView>
        </Paper>
      </Stack>
    </Stack>
  );
}

/** The outstanding principal split by days past due: on time, then each PAR band. */
function ParBar({ row }: { readonly row: PortfolioReport["total"] }) {
  const { t } = useTranslation();
  const outstanding = Number(row.outstandingMinor);
  if (outstanding === 0) return null;
  const risk = row.atRiskMinor.map(Number);
  const bands = [outstanding - (risk[0] ?? 0), ...risk.map((value, index) => value - (risk[index + 1] ?? 0))];
  const colors = ["teal", "yellow", "orange", "red", "grape"];
  return (
    <Progress.Root size="lg" aria-label={t("loans.portfolio.chart")}>
      {bands.map((value, index) => (
        <Progress.Section
          key={colors[index]}
          value={(value * 100) / outstanding}
          color={colors[index] ?? "gray"}
        />
      ))}
    </Progress.Root>
  );
}

function CloseOfBusiness({ onClosed }: { readonly onClosed: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSignedInSession();
  const mayRun = hasPermission(session, "ledger.manage");
  const overview = useApiResource<CloseOfBusinessOverview>(loanApi.closeOfBusiness);
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [refusal, setRefusal] = useState<string | null>(null);
  const running =
    overview.resource.status === "loaded" &&
    (overview.resource.data.runningHere || overview.resource.data.runs.some((r) => r.status === "running"));
  // While a run is going, its progress is read again every two seconds.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      overview.reload();
      onClosed();
    }, 2_000);
    return () => clearInterval(timer);
  }, [running, overview.reload, onClosed]);
  const start = async () => {
    setRefusal(null);
    try {
      await request(loanApi.closeOfBusiness, { method: "POST", body: {} });
      overview.reload();
    } catch (caught) {
      setRefusal(errorMessage(caught));
    }
  };
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("loans.portfolio.cob.title")}
      </Title>
      <ResourceView resource={overview.resource} onRetry={overview.reload}>
        {(data) => (
          <Stack gap="sm">
            <Text data-testid="cob-last-closed">
              {data.lastClosed === null
                ? t("loans.portfolio.cob.never")
                : t("loans.portfolio.cob.lastClosed", { date: formatPlainDate(data.lastClosed, locale) })}
            </Text>
            {data.runs.slice(0, 5).map((run) => (
              <Stack key={run.businessDate} gap={2}>
                <Text size="sm">
                  {t("loans.portfolio.cob.run", {
                    date: formatPlainDate(run.businessDate, locale),
                    loans: run.loansProcessed,
                    entries: run.entriesPosted,
                  })}
                </Text>
                <Progress
                  aria-label={t("loans.portfolio.cob.progress", {
                    date: formatPlainDate(run.businessDate, locale),
                  })}
                  value={run.chunkCount === 0 ? 100 : (run.chunksDone * 100) / run.chunkCount}
                  color={run.status === "done" ? "teal" : "blue"}
                  animated={run.status === "running"}
                />
              </Stack>
            ))}
            {refusal !== null && (
              <Alert color="red" role="alert">
                {refusal}
              </Alert>
            )}
            {mayRun && (
              <Button w="fit-content" onClick={() => void start()} loading={running} disabled={running}>
                {t("loans.portfolio.cob.start")}
              </Button>
            )}
          </Stack>
        )}
      </ResourceView>
    </Paper>
  );
}
