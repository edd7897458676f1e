import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Badge.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Badge,
  Button,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { Grade, GradingRubricVersions } from "@moldir/contract";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
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
  const mayManage = hasPermission(useSignedInSession(), "organization.manage");
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
                {mayManage && <RubricEditor onSaved={grade.reload} />}
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

type Rubric = Omit<GradingRubricVersions["current"], "effectiveFrom">;
const principles = [
  "regularMeetings",
  "regularSavings",
  "regularLending",
  "timelyRepayment",
  "upToDateBooks",
] as const;

/**
 * The organization's rubric, adopted from a date: the weight of each principle, the months looked at, the loan
 * fund use that earns full lending points and the grade bounds. Grades as of that date and later use it.
 */
function RubricEditor({ onSaved }: { readonly onSaved: () => void }) {
  const { t } = useTranslation();
  const versions = useApiResource<GradingRubricVersions>(groupApi.gradingRubrics);
  return (
    <ResourceView resource={versions.resource} onRetry={versions.reload}>
      {(loaded) => (
        <RubricForm
          current={loaded.current}
          onSaved={() => {
            versions.reload();
            onSaved();
          }}
          title={t("groups.rubric.title")}
        />
      )}
    </ResourceView>
  );
}

function RubricForm({
  current,
  onSaved,
  title,
}: {
  readonly current: GradingRubricVersions["current"];
  readonly onSaved: () => void;
  readonly title: string;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [texts, setTexts] = useState<Record<string, string>>(() => ({
    ...Object.fromEntries(principles.map((p) => [p, String(current.weights[p])])),
    windowMonths: String(current.windowMonths),
    targetPercent: String(Math.round(current.lendingUtilizationTarget * 100)),
    gradeA: String(current.gradeA),
    gradeB: String(current.gradeB),
  }));
  const [effectiveFrom, setEffectiveFrom] = useState(todayPlainDate);
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const number = (key: string) => Number((texts[key] ?? "").replace(",", "."));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const rubric: Rubric = {
      windowMonths: number("windowMonths"),
      weights: Object.fromEntries(principles.map((p) => [p, number(p)])) as Rubric["weights"],
      lendingUtilizationTarget: number("targetPercent") / 100,
      gradeA: number("gradeA"),
      gradeB: number("gradeB"),
    };
    setIsSaving(true);
    setError(null);
    try {
      await request(groupApi.gradingRubrics, { method: "PUT", body: { effectiveFrom, rubric } });
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };
  const field = (key: string, label: string) => (
    <TextInput
      key={key}
      label={label}
      inputMode="decimal"
      value={texts[key] ?? ""}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setTexts((all) => ({ ...all, [key]: value }));
      }}
    />
  );
  return (
    <Paper withBorder p="md" component="form" onSubmit={(event: FormEvent) => void save(event)}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t("groups.rubric.help")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {principles.map((p) => field(p, t(`groups.grading.principleNames.${p}`)))}
          {field("windowMonths", t("groups.rubric.windowMonths"))}
          {field("targetPercent", t("groups.rubric.targetPercent"))}
          {field("gradeA", t("groups.rubric.gradeA"))}
          {field("gradeB", t("groups.rubric.gradeB"))}
          <TextInput
            type="date"
            label={t("groups.rubric.effectiveFrom")}
            value={effectiveFrom}
            onChange={(event) => setEffectiveFrom(event.currentTarget.value)}
            required
          />
        </SimpleGrid>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Row>
          <Button type="submit" loading={isSaving}>
            {t("groups.rubric.save")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}
