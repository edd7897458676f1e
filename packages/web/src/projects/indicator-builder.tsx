/**
 * The indicator builder (ADR 0017): a program officer chooses what to count (events from services, enrolments,
 * trainings, loans, group savings or membership, days at the children's center), of whom, under which condition
 * (another event within months after or before, or at any time, or its absence), and how (people, events, a
 * sum); previews the result with its breakdowns before saving; saved indicators show with progress to target.
 * The screen builds the same structured definition the server validates; it never sends SQL.
 */
import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/Checkbox.css";
import {
  Alert,
  Button,
  Checkbox,
  NativeSelect,
  Paper,
  Progress,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { BuiltIndicator, IndicatorDefinitionInput, IndicatorResultWire } from "@moldir/contract";
import {
  ageBands,
  conditionWindows,
  indicatorMeasures,
  indicatorSources,
  parseMoney,
  serviceKinds,
} from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { useMoney } from "../groups/group-parts";
import { useLocale } from "../i18n/use-locale";
import { ResourceView } from "../layout/resource-view";
import { projectApi } from "./projects-api";

type Source = (typeof indicatorSources)[number];
type Events = IndicatorDefinitionInput["events"];

const trainingTopics = [
  "self_help_concept",
  "group_bookkeeping",
  "financial_literacy",
  "federation_management",
  "other",
] as const;

/** The choices of one set of events, as the form holds them ("" means any). */
interface EventsChoice {
  readonly source: Source;
  readonly kind: string;
  readonly scope: "this" | "any";
  readonly topic: string;
}

const defaultEvents: EventsChoice = { source: "enrolment", kind: "", scope: "this", topic: "" };

function eventsOf(choice: EventsChoice): Events {
  switch (choice.source) {
    case "service":
      return {
        source: "service",
        project: choice.scope,
        ...(choice.kind === "" ? {} : { kinds: [choice.kind as (typeof serviceKinds)[number]] }),
      };
    case "enrolment":
      return { source: "enrolment", project: choice.scope };
    case "training":
      return {
        source: "training",
        ...(choice.topic === "" ? {} : { topics: [choice.topic as (typeof trainingTopics)[number]] }),
      };
    case "loan":
    case "group_savings":
    case "group_membership":
    case "center_attendance":
      return { source: choice.source };
  }
}

/** A project's built indicators with progress, and (for those who may) the builder. */
export function BuiltIndicatorsSection(props: { readonly projectId: string; readonly mayManage: boolean }) {
  const { t } = useTranslation();
  const built = useApiResource<{ items: BuiltIndicator[] }>(projectApi.builtIndicators(props.projectId));
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("projects.builder.savedTitle")}
      </Title>
      <ResourceView resource={built.resource} onRetry={built.reload}>
        {({ items }) => <BuiltIndicatorCards items={items} />}
      </ResourceView>
      <IndicatorBuilder projectId={props.projectId} mayManage={props.mayManage} onSaved={built.reload} />
    </Stack>
  );
}

function BuiltIndicatorCards({ items }: { readonly items: readonly BuiltIndicator[] }) {
  const { t } = useTranslation();
  const money = useMoney();
  if (items.length === 0) return <Text c="dimmed">{t("projects.builder.none")}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      {items.map((item) => {
        const shown = (value: string) => (item.definition.measure === "sum_value" ? money(value) : value);
        return (
          <Paper key={item.id} withBorder p="md" data-testid={`built-indicator-${item.name}`}>
            <Text size="sm" c="dimmed">
              {item.name}
            </Text>
            <Title order={3}>{shown(item.result.value)}</Title>
            {item.target === null || item.progressBps === null ? (
              <Text size="xs" c="dimmed">
                {t("projects.indicators.noTarget")}
              </Text>
            ) : (
              <>
                <Progress value={Math.min(100, item.progressBps / 100)} mt="xs" />
                <Text size="xs">
                  {t("projects.indicators.ofTarget", {
                    actual: shown(item.result.value),
                    target: shown(item.target),
                  })}
                </Text>
              </>
            )}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}

function EventsFields(props: {
  readonly label: string;
  readonly value: EventsChoice;
  readonly onChange: (value: EventsChoice) => void;
}) {
  const { t } = useTranslation();
  const { value } = props;
  const set = (change: Partial<EventsChoice>) => props.onChange({ ...value, ...change });
  return (
    <Row align="end" wrap="wrap">
      <NativeSelect
        label={props.label}
        value={value.source}
        onChange={(e) => set({ source: e.currentTarget.value as Source })}
        data={indicatorSources.map((s) => ({ value: s, label: t(`projects.builder.sources.${s}`) }))}
      />
      {(value.source === "service" || value.source === "enrolment") && (
        <NativeSelect
          label={`${props.label}: ${t("projects.builder.scope")}`}
          value={value.scope}
          onChange={(e) => set({ scope: e.currentTarget.value as "this" | "any" })}
          data={[
            { value: "this", label: t("projects.builder.thisProject") },
            { value: "any", label: t("projects.builder.anyProject") },
          ]}
        />
      )}
      {value.source === "service" && (
        <NativeSelect
          label={`${props.label}: ${t("projects.services.kind")}`}
          value={value.kind}
          onChange={(e) => set({ kind: e.currentTarget.value })}
          data={[
            { value: "", label: t("projects.builder.anyKind") },
            ...serviceKinds.map((k) => ({ value: k, label: t(`projects.services.kinds.${k}`) })),
          ]}
        />
      )}
      {value.source === "training" && (
        <NativeSelect
          label={`${props.label}: ${t("projects.builder.topic")}`}
          value={value.topic}
          onChange={(e) => set({ topic: e.currentTarget.value })}
          data={[
            { value: "", label: t("projects.builder.anyKind") },
            ...trainingTopics.map((k) => ({ value: k, label: t(`projects.builder.topics.${k}`) })),
          ]}
        />
      )}
    </Row>
  );
}

function IndicatorBuilder(props: {
  readonly projectId: string;
  readonly mayManage: boolean;
  readonly onSaved: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState("");
  const [measure, setMeasure] = useState<(typeof indicatorMeasures)[number]>("unique_persons");
  const [events, setEvents] = useState<EventsChoice>(defaultEvents);
  const [sex, setSex] = useState("");
  const [ageBand, setAgeBand] = useState("");
  const [hasCondition, setHasCondition] = useState(false);
  const [condition, setCondition] = useState<EventsChoice>({ ...defaultEvents, source: "loan" });
  const [windowKind, setWindowKind] = useState<(typeof conditionWindows)[number]>("after");
  const [months, setMonths] = useState("6");
  const [isAbsent, setIsAbsent] = useState(false);
  const [minDays, setMinDays] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [target, setTarget] = useState("");
  const [preview, setPreview] = useState<IndicatorResultWire | null>(null);
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const definition = (): IndicatorDefinitionInput => ({
    measure,
    events: eventsOf(events),
    ...(sex === "" && ageBand === ""
      ? {}
      : {
          persons: {
            ...(sex === "" ? {} : { sexes: [sex as "female" | "male"] }),
            ...(ageBand === "" ? {} : { ageBands: [ageBand as "0-17"] }),
          },
        }),
    ...(hasCondition
      ? {
          conditions: [
            {
              events: eventsOf(condition),
              window: windowKind,
              ...(windowKind === "any_time" ? {} : { months: Number.parseInt(months, 10) || 0 }),
              ...(isAbsent ? { isAbsent: true } : {}),
            },
          ],
        }
      : {}),
    ...(minDays.trim() === "" ? {} : { minEventDaysInAMonth: Number.parseInt(minDays, 10) || 0 }),
  });

  const targetText = (): string | null | undefined => {
    if (target.trim() === "") return null;
    if (measure === "sum_value") {
      const parsed = parseMoney(target, "KZT", locale);
      return parsed.ok ? parsed.value.toString() : undefined;
    }
    return /^\d{1,16}$/.test(target.trim()) ? target.trim() : undefined;
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };

  const onPreview = () =>
    run(async () => {
      setPreview(
        await request<IndicatorResultWire>(projectApi.indicatorPreviews(props.projectId), {
          method: "POST",
          body: { definition: definition(), ...(from === "" ? {} : { from }), ...(to === "" ? {} : { to }) },
        }),
      );
    });

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const targetMinor = targetText();
    if (name.trim() === "" || targetMinor === undefined) {
      setMessage({ text: t("projects.builder.nameOrTargetInvalid"), isError: true });
      return;
    }
    return run(async () => {
      await request<BuiltIndicator>(projectApi.builtIndicators(props.projectId), {
        method: "POST",
        body: { name: name.trim(), definition: definition(), target: targetMinor },
      });
      setMessage({ text: t("projects.builder.saved"), isError: false });
      props.onSaved();
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={onSave} aria-label={t("projects.builder.title")}>
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("projects.builder.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("projects.builder.hint")}
        </Text>
        <Row align="end" wrap="wrap">
          <NativeSelect
            label={t("projects.builder.measure")}
            value={measure}
            onChange={(e) => setMeasure(e.currentTarget.value as typeof measure)}
            data={indicatorMeasures.map((m) => ({ value: m, label: t(`projects.builder.measures.${m}`) }))}
          />
        </Row>
        <EventsFields label={t("projects.builder.events")} value={events} onChange={setEvents} />
        <Row align="end" wrap="wrap">
          <NativeSelect
            label={t("projects.builder.sex")}
            value={sex}
            onChange={(e) => setSex(e.currentTarget.value)}
            data={[
              { value: "", label: t("projects.builder.anyone") },
              { value: "female", label: t("projects.indicators.female") },
              { value: "male", label: t("projects.indicators.male") },
            ]}
          />
          <NativeSelect
            label={t("projects.builder.ageBand")}
            value={ageBand}
            onChange={(e) => setAgeBand(e.currentTarget.value)}
            data={[
              { value: "", label: t("projects.builder.anyone") },
              ...ageBands.filter((b) => b !== "unknown").map((b) => ({ value: b, label: b })),
            ]}
          />
          <TextInput
            label={t("projects.builder.minDays")}
            value={minDays}
            onChange={(e) => setMinDays(e.currentTarget.value)}
            inputMode="numeric"
            w={220}
          />
        </Row>
        <Checkbox
          label={t("projects.builder.withCondition")}
          checked={hasCondition}
          onChange={(e) => setHasCondition(e.currentTarget.checked)}
        />
        {hasCondition && (
          <Stack gap="xs" pl="md">
            <EventsFields
              label={t("projects.builder.conditionEvents")}
              value={condition}
              onChange={setCondition}
            />
            <Row align="end" wrap="wrap">
              <NativeSelect
                label={t("projects.builder.window")}
                value={windowKind}
                onChange={(e) => setWindowKind(e.currentTarget.value as typeof windowKind)}
                data={conditionWindows.map((w) => ({ value: w, label: t(`projects.builder.windows.${w}`) }))}
              />
              {windowKind !== "any_time" && (
                <TextInput
                  label={t("projects.builder.months")}
                  value={months}
                  onChange={(e) => setMonths(e.currentTarget.value)}
                  inputMode="numeric"
                  w={120}
                />
              )}
              <Checkbox
                label={t("projects.builder.isAbsent")}
                checked={isAbsent}
                onChange={(e) => setIsAbsent(e.currentTarget.checked)}
              />
            </Row>
          </Stack>
        )}
        <Row align="end" wrap="wrap">
          <TextInput
            type="date"
            label={t("projects.builder.from")}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("projects.builder.to")}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
          <Button variant="light" onClick={onPreview} loading={busy}>
            {t("projects.builder.preview")}
          </Button>
        </Row>
        {message && (
          <Alert color={message.isError ? "red" : "green"} role={message.isError ? "alert" : "status"}>
            {message.text}
          </Alert>
        )}
        {preview && <PreviewResult result={preview} isMoney={measure === "sum_value"} />}
        {props.mayManage && (
          <Row align="end" wrap="wrap">
            <TextInput
              label={t("projects.builder.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              w={320}
            />
            <TextInput
              label={t("projects.builder.target")}
              value={target}
              onChange={(e) => setTarget(e.currentTarget.value)}
              w={160}
            />
            <Button type="submit" loading={busy}>
              {t("projects.builder.save")}
            </Button>
          </Row>
        )}
      </Stack>
    </Paper>
  );
}

function PreviewResult({
  result,
  isMoney,
}: {
  readonly result: IndicatorResultWire;
  readonly isMoney: boolean;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const shown = (value: string) => (isMoney ? money(value) : value);
  const rows: [string, string][] = [
    [t("projects.indicators.female"), result.bySex.female],
    [t("projects.indicators.male"), result.bySex.male],
    ...Object.entries(result.byAgeBand)
      .filter(([, v]) => v !== "0")
      .map(([band, v]): [string, string] => [
        `${t("projects.builder.ageBand")}: ${band === "unknown" ? t("projects.indicators.unknown") : band}`,
        v,
      ]),
    ...Object.entries(result.byRegion).map(([region, v]): [string, string] => [
      `${t("projects.builder.region")}: ${region === "unknown" ? t("projects.indicators.unknown") : region}`,
      v,
    ]),
    ...Object.entries(result.byVulnerability).map(([flag, v]): [string, string] => [
      `${t("projects.builder.vulnerability")}: ${flag}`,
      v,
    ]),
  ];
  return (
    <Stack gap="xs" data-testid="indicator-preview">
      <Text>
        {t("projects.builder.result")}:{" "}
        <strong data-testid="indicator-preview-value">{shown(result.value)}</strong> ·{" "}
        {t("projects.builder.people", { people: result.people })}
      </Text>
      <Table withTableBorder w="auto" aria-label={t("projects.builder.breakdown")}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td>{label}</Table.Td>
              <Table.Td>{shown(value)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
