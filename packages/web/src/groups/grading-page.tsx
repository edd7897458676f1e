import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import { Badge, Paper, Group as Row, Stack, Table, Text, Title } from "@mantine/core";
import type { Grade } from "@moldir/contract";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { useApiResource } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { GroupTrail, moneyCell, useMoney } from "./group-parts";
import { groupApi, useGroup } from "./groups-api";

const gradeColors = { A: "green", B: "yellow", C: "red" } as const;

/**
 * A group's grade from its own records: the rating out of 100, each principle's points with the facts behind
 * them (which meetings were held, which loans are late), and the grade at the end of each recent month.
 */
export default function GradingPage() {
  const { t } = useTranslation();
  const { groupId = "" } = useParams<{ groupId: string }>();
  const group = useGroup(groupId);
  const grade = useApiResource<{ current: Grade; history: Grade[] }>(groupApi.grade(groupId));
  return (
    <ResourceView resource={group.resource} onRetry={group.reload}>
      {(loaded) => (
        <Stack gap={0}>
          <GroupTrail groupId={loaded.id} groupName={loaded.name} />
          <PageHeader title={t("groups.grading.title")} description={t("groups.grading.description")} />
          <ResourceView resource={grade.resource} onRetry={grade.reload}>
            {({ current, history }) => (
              <Stack gap="lg">
                <CurrentGrade grade={current} />
                <History history={history} />
              </Stack>
            )}
          </ResourceView>
        </Stack>
      )}
    </ResourceView>
  );
}

function CurrentGrade({ grade }: { readonly grade: Grade }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const why = (score: Grade["scores"][number]) => {
    const facts = score.why;
    const amount = (key: string) => (typeof facts[key] === "string" ? money(String(facts[key])) : "");
    return t(`groups.grading.why.${score.principle}`, {
      ...facts,
      late: amount("lateMinor"),
      outstanding: amount("outstandingMinor"),
    });
  };
  return (
    <Paper withBorder p="md">
      <Row gap="md" mb="sm">
        <Title order={2} size="h2" data-testid="group-rating">
          {grade.rating}
        </Title>
        <Badge size="xl" color={gradeColors[grade.grade]}>
          {grade.grade}
        </Badge>
        <Text c="dimmed">{t("groups.grading.asOf", { date: formatPlainDate(grade.asOf, locale) })}</Text>
      </Row>
      <Table aria-label={t("groups.grading.principles")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.grading.principle")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.grading.points")}</Table.Th>
            <Table.Th>{t("groups.grading.whyTitle")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grade.scores.map((score) => (
            <Table.Tr key={score.principle}>
              <Table.Td>{t(`groups.grading.principleNames.${score.principle}`)}</Table.Td>
              <Table.Td style={moneyCell}>
                {score.points} / {score.maxPoints}
              </Table.Td>
              <Table.Td>{why(score)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function History({ history }: { readonly history: readonly Grade[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("groups.grading.history")}
      </Title>
      <Table striped aria-label={t("groups.grading.history")}>
        <Table.Tbody>
          {[...history].reverse().map((grade) => (
            <Table.Tr key={grade.asOf}>
              <Table.Td>{formatPlainDate(grade.asOf, locale)}</Table.Td>
              <Table.Td style={moneyCell}>{grade.rating}</Table.Td>
              <Table.Td>
                <Badge color={gradeColors[grade.grade]}>{grade.grade}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
