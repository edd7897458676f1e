import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/EmptyState.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  EmptyState,
  NativeSelect,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { methodologies } from "@moldir/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { frequencies, type GroupFormDraft, type GroupFormField, readGroupForm } from "./group-form";
import { groupCurrency, HealthBadge, MethodologyBadge, moneyCell, useMoney } from "./group-parts";
import {
  type Group,
  type GroupGrades,
  type GroupSummary,
  groupApi,
  groupPaths,
  healthOf,
} from "./groups-api";

const gradeColors = { A: "green", B: "yellow", C: "red" } as const;

/** The organization's self-help groups at a glance; a manager forms a new one here. */
export default function GroupsPage() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "groups.manage", { anyScope: true });
  const groups = useApiResource<{ items: GroupSummary[] }>(groupApi.groups);
  const [isForming, setIsForming] = useState(false);
  return (
    <Stack gap={0}>
      <PageHeader
        title={t("groups.title")}
        description={t("groups.description")}
        actions={
          mayManage && !isForming ? (
            <Button onClick={() => setIsForming(true)}>{t("groups.form.open")}</Button>
          ) : undefined
        }
      />
      {isForming && <FormGroup onCancel={() => setIsForming(false)} />}
      <ResourceView resource={groups.resource} onRetry={groups.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Paper withBorder p="md">
              <EmptyState
                title={t("groups.emptyTitle")}
                description={mayManage ? t("groups.emptyDescription") : t("groups.emptyAskManager")}
              />
            </Paper>
          ) : (
            <GroupsTable groups={items} />
          )
        }
      </ResourceView>
    </Stack>
  );
}

function GroupsTable({ groups }: { readonly groups: readonly GroupSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const today = todayPlainDate();
  // Grades come after the list (each is computed from the group's records); until then the column waits.
  const grades = useApiResource<GroupGrades>(groupApi.grades);
  const gradeOf = new Map(
    grades.resource.status === "loaded" ? grades.resource.data.items.map((g) => [g.groupId, g]) : [],
  );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" aria-label={t("groups.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.name")}</Table.Th>
            <Table.Th>{t("groups.methodology")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.members")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.cash")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.loansOutstanding")}</Table.Th>
            <Table.Th>{t("groups.lastMeeting")}</Table.Th>
            <Table.Th>{t("groups.grading.title")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Table.Tr key={group.id}>
              <Table.Td>
                <Anchor component={Link} href={groupPaths.group(group.id)} fw={500}>
                  {group.name}
                </Anchor>
                {group.village !== null && (
                  <Text size="xs" c="dimmed">
                    {group.village}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <MethodologyBadge methodology={group.methodology} />
              </Table.Td>
              <Table.Td style={moneyCell}>{group.memberCount}</Table.Td>
              <Table.Td style={moneyCell}>{money(group.cashMinor)}</Table.Td>
              <Table.Td style={moneyCell}>{money(group.loansOutstandingMinor)}</Table.Td>
              <Table.Td>
                <Row gap="xs" wrap="nowrap">
                  <span>
                    {group.lastMeetingOn === null ? "—" : formatPlainDate(group.lastMeetingOn, locale)}
                  </span>
                  <HealthBadge health={healthOf(group, today)} />
                </Row>
              </Table.Td>
              <Table.Td>
                <GradeCell groupId={group.id} grade={gradeOf.get(group.id)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function GradeCell(props: {
  readonly groupId: string;
  readonly grade: GroupGrades["items"][number] | undefined;
}) {
  const { t } = useTranslation();
  if (props.grade === undefined) return <Text c="dimmed">—</Text>;
  return (
    <Anchor
      component={Link}
      href={groupPaths.grading(props.groupId)}
      aria-label={t("groups.gradeOf", { grade: props.grade.grade, rating: props.grade.rating })}
    >
      <Badge color={gradeColors[props.grade.grade]}>
        {props.grade.grade} · {props.grade.rating}
      </Badge>
    </Anchor>
  );
}

function emptyForm(): GroupFormDraft {
  return {
    name: "",
    methodology: "shg",
    frequency: "weekly",
    meetingDayText: "",
    village: "",
    meetingPlace: "",
    formedOn: todayPlainDate(),
    savingsText: "",
    sharePriceText: "",
    maxSharesText: "5",
    socialText: "",
    ratePercentText: "",
    termMonthsText: "6",
    multipleText: "3",
    fineLateText: "",
    fineAbsentText: "",
    fineMissedText: "",
  };
}

/** Forms a group with its first bylaws; the server opens the group's own book. */
function FormGroup({ onCancel }: { readonly onCancel: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [, navigate] = useLocation();
  const [draft, setDraft] = useState<GroupFormDraft>(emptyForm);
  const [isTried, setIsTried] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const read = readGroupForm(draft, groupCurrency, locale);
  const isVsla = draft.methodology === "vsla";

  const field = (
    name: GroupFormField,
    label: string,
    extra: { description?: string; money?: boolean } = {},
  ) => {
    const code = read.problems.get(name);
    return (
      <TextInput
        label={label}
        description={extra.description}
        inputMode={extra.money === true ? "decimal" : undefined}
        value={String(draft[name])}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setDraft((current) => ({ ...current, [name]: value }));
        }}
        {...problem(isTried && code !== undefined ? t(`groups.form.problems.${code}`) : undefined)}
      />
    );
  };

  const save = async () => {
    setIsTried(true);
    if (read.body === null) return;
    setIsSaving(true);
    setError(null);
    try {
      const group = await request<Group>(groupApi.groups, { method: "POST", body: read.body });
      navigate(groupPaths.group(group.id));
    } catch (caught) {
      setError(errorMessage(caught));
      setIsSaving(false);
    }
  };

  return (
    <Paper
      withBorder
      p="md"
      mb="lg"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("groups.form.title")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {field("name", t("groups.name"))}
          <NativeSelect
            label={t("groups.methodology")}
            data={methodologies.map((value) => ({ value, label: t(`groups.methodologies.${value}`) }))}
            value={draft.methodology}
            onChange={(event) => {
              const value =
                methodologies.find((candidate) => candidate === event.currentTarget.value) ?? "shg";
              setDraft((current) => ({ ...current, methodology: value }));
            }}
          />
          <NativeSelect
            label={t("groups.frequency")}
            data={frequencies.map((value) => ({ value, label: t(`groups.frequencies.${value}`) }))}
            value={draft.frequency}
            onChange={(event) => {
              const value =
                frequencies.find((candidate) => candidate === event.currentTarget.value) ?? "weekly";
              setDraft((current) => ({ ...current, frequency: value }));
            }}
          />
          {field("meetingDayText", t("groups.form.meetingDay"), {
            description: t("groups.form.meetingDayHint"),
          })}
          {field("village", t("groups.form.village"))}
          {field("meetingPlace", t("groups.form.meetingPlace"))}
          <TextInput
            type="date"
            label={t("groups.form.formedOn")}
            value={draft.formedOn}
            onChange={(event) => {
              const formedOn = event.currentTarget.value;
              setDraft((current) => ({ ...current, formedOn }));
            }}
          />
        </SimpleGrid>
        <Title order={3} size="h5">
          {t("groups.bylaws.title")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {isVsla
            ? field("sharePriceText", t("groups.bylaws.sharePrice"), { money: true })
            : field("savingsText", t("groups.bylaws.savingsPerMeeting"), { money: true })}
          {isVsla && field("maxSharesText", t("groups.bylaws.maxShares"))}
          {field("socialText", t("groups.bylaws.socialFundPerMeeting"), { money: true })}
          {field("ratePercentText", t("groups.bylaws.ratePercent"))}
          {field("termMonthsText", t("groups.bylaws.termMonthsMax"))}
          {field("multipleText", t("groups.bylaws.maxMultiple"))}
          {field("fineLateText", t("groups.bylaws.fineLate"), { money: true })}
          {field("fineAbsentText", t("groups.bylaws.fineAbsent"), { money: true })}
          {field("fineMissedText", t("groups.bylaws.fineMissedRepayment"), { money: true })}
        </SimpleGrid>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Row gap="xs">
          <Button type="submit" loading={isSaving}>
            {t("groups.form.save")}
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}
