import "@mantine/core/styles/Table.css";
import { Anchor, Badge, Paper, Group as Row, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { LoansTrail, moneyCell, useMoney } from "./loan-parts";
import {
  type ArrearsItem,
  type ArrearsReport,
  bucketRange,
  type CollectionsDay,
  loanApi,
  loanPaths,
} from "./loans-api";

/** Days of expected collections shown. */
const collectionDays = 14;
const bucketColors = ["yellow", "orange", "red", "grape"];

/** Loans in arrears by bucket with the borrowers' contacts, and what running loans are due to pay each day. */
export default function ArrearsPage() {
  const { t } = useTranslation();
  const arrears = useApiResource<ArrearsReport>(loanApi.arrears);
  const locale = useLocale();
  return (
    <Stack gap={0}>
      <LoansTrail />
      <PageHeader title={t("loans.arrears.title")} description={t("loans.arrears.description")} />
      <Stack gap="md">
        <Paper withBorder p="md">
          <Row justify="space-between" mb="sm" wrap="wrap">
            <Title order={2} size="h4">
              {t("loans.arrears.listTitle")}
            </Title>
            <Row gap="md">
              {(["xlsx", "pdf", "csv"] as const).map((format) => (
                <Anchor key={format} href={loanApi.arrearsExport(format, locale)} size="sm">
                  {t("loans.portfolio.export", { format: format.toUpperCase() })}
                </Anchor>
              ))}
            </Row>
          </Row>
          <ResourceView resource={arrears.resource} onRetry={arrears.reload}>
            {(report) =>
              report.items.length === 0 ? (
                <Text c="dimmed">{t("loans.arrears.none")}</Text>
              ) : (
                <Stack gap="lg">
                  {bucketsOf(report).map(({ bucket, items }) => (
                    <BucketTable
                      key={bucket}
                      bucket={bucket}
                      range={bucketRange(report.bucketStarts, bucket)}
                      items={items}
                    />
                  ))}
                </Stack>
              )
            }
          </ResourceView>
        </Paper>
        <ExpectedCollections />
      </Stack>
    </Stack>
  );
}

/** The loans of each bucket, the longest overdue bucket first (the list comes longest first already). */
function bucketsOf(report: ArrearsReport): { bucket: number; items: ArrearsItem[] }[] {
  const byBucket = new Map<number, ArrearsItem[]>();
  for (const item of report.items) {
    const bucket = Math.max(1, item.arrearsBucket);
    byBucket.set(bucket, [...(byBucket.get(bucket) ?? []), item]);
  }
  return [...byBucket.entries()].sort(([a], [b]) => b - a).map(([bucket, items]) => ({ bucket, items }));
}

/** One bucket's loans with whom to call or visit. */
function BucketTable({
  bucket,
  range,
  items,
}: {
  readonly bucket: number;
  readonly range: string;
  readonly items: readonly ArrearsItem[];
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const title = t("loans.arrears.bucket", { range });
  const overdue = items.reduce((sum, item) => sum + BigInt(item.overdueMinor), 0n);
  return (
    <Stack gap="xs">
      <Row gap="sm">
        <Badge color={bucketColors[bucket - 1] ?? "grape"} variant="light" tt="none">
          {title}
        </Badge>
        <Text size="sm" c="dimmed">
          {t("loans.arrears.bucketTotal", { n: items.length, overdue: money(overdue) })}
        </Text>
      </Row>
      <ArrearsTable label={title} items={items} />
    </Stack>
  );
}

/** Loans in arrears with whom to call or visit: contacts, officer, days and amounts. */
export function ArrearsTable({
  label,
  items,
}: {
  readonly label: string;
  readonly items: readonly ArrearsItem[];
}) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("loans.columns.number")}</Table.Th>
            <Table.Th>{t("loans.columns.borrower")}</Table.Th>
            <Table.Th>{t("loans.arrears.phone")}</Table.Th>
            <Table.Th>{t("loans.arrears.address")}</Table.Th>
            <Table.Th>{t("loans.arrears.officer")}</Table.Th>
            <Table.Th style={moneyCell}>{t("loans.arrears.days")}</Table.Th>
            <Table.Th style={moneyCell}>{t("loans.columns.overdue")}</Table.Th>
            <Table.Th style={moneyCell}>{t("loans.columns.outstanding")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.loanId}>
              <Table.Td>
                <Anchor component={Link} href={loanPaths.loan(item.loanId)}>
                  {item.number}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.borrowerName}</Table.Td>
              <Table.Td>
                {item.phone === null ? "—" : <Anchor href={`tel:${item.phone}`}>{item.phone}</Anchor>}
              </Table.Td>
              <Table.Td>{item.address ?? "—"}</Table.Td>
              <Table.Td>{item.officerName ?? "—"}</Table.Td>
              <Table.Td style={moneyCell}>{item.daysPastDue}</Table.Td>
              <Table.Td style={moneyCell}>{money(item.overdueMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{money(item.outstandingMinor)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** What running loans are due to pay each of the next days (amounts still open today). */
function ExpectedCollections() {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const collections = useApiResource<{ items: CollectionsDay[] }>(loanApi.collections(collectionDays));
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t("loans.arrears.collectionsTitle", { days: collectionDays })}
      </Title>
      <ResourceView resource={collections.resource} onRetry={collections.reload}>
        {(data) =>
          data.items.every((day) => day.loans === 0) ? (
            <Text c="dimmed">{t("loans.arrears.noCollections")}</Text>
          ) : (
            <Table striped aria-label={t("loans.arrears.collectionsTitle", { days: collectionDays })}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("loans.arrears.day")}</Table.Th>
                  <Table.Th style={moneyCell}>{t("loans.portfolio.loans")}</Table.Th>
                  <Table.Th style={moneyCell}>{t("loans.arrears.expected")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items
                  .filter((day) => day.loans > 0)
                  .map((day) => (
                    <Table.Tr key={day.date}>
                      <Table.Td>{formatPlainDate(day.date, locale)}</Table.Td>
                      <Table.Td style={moneyCell}>{day.loans}</Table.Td>
                      <Table.Td style={moneyCell}>{money(day.dueMinor)}</Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          )
        }
      </ResourceView>
    </Paper>
  );
}
