import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Progress.css";
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
import type { PersonSummary } from "@moldir/contract";
import { parseMoney, type ServiceKind, serviceKinds } from "@moldir/domain";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { moneyCell, useMoney } from "../groups/group-parts";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { BudgetChart } from "./budget-chart";
import { BuiltIndicatorsSection } from "./indicator-builder";
import { ExitBeneficiaryButton, StoriesSection } from "./project-people";
import {
  type Beneficiary,
  type BudgetAgainstActual,
  type Project,
  type ProjectIndicators,
  personName,
  projectApi,
  projectPaths,
  type Service,
} from "./projects-api";

/** A project's dashboard: indicators against targets, budget against spending, its people and their services. */
export default function ProjectPage() {
  const { projectId = "" } = useParams<{ projectId: string }>();
  const project = useApiResource<Project>(projectApi.project(projectId));
  const indicators = useApiResource<ProjectIndicators>(projectApi.indicators(projectId));
  const budget = useApiResource<BudgetAgainstActual>(projectApi.budget(projectId));
  const beneficiaries = useApiResource<{ items: Beneficiary[] }>(projectApi.beneficiaries(projectId));
  const services = useApiResource<{ items: Service[] }>(projectApi.services(projectId));
  const reloadAll = () => {
    project.reload();
    indicators.reload();
    budget.reload();
    beneficiaries.reload();
    services.reload();
  };
  return (
    <ResourceView resource={project.resource} onRetry={project.reload}>
      {(loaded) => (
        <ProjectDashboard
          project={loaded}
          indicators={indicators}
          budget={budget}
          beneficiaries={beneficiaries}
          services={services}
          onChanged={reloadAll}
        />
      )}
    </ResourceView>
  );
}

type Loaded<T> = ReturnType<typeof useApiResource<T>>;

function ProjectDashboard(props: {
  readonly project: Project;
  readonly indicators: Loaded<ProjectIndicators>;
  readonly budget: Loaded<BudgetAgainstActual>;
  readonly beneficiaries: Loaded<{ items: Beneficiary[] }>;
  readonly services: Loaded<{ items: Service[] }>;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "projects.manage");
  const mayRecord = hasPermission(session, "services.record");
  const { project } = props;
  return (
    <Stack gap="lg">
      <PageHeader
        title={project.name}
        description={`${project.code} · ${project.donor} · ${formatPlainDate(project.startsOn, locale)} – ${formatPlainDate(project.endsOn, locale)}`}
        actions={
          <>
            {mayManage && (
              <Button component={Link} href={projectPaths.edit(project.id)} variant="light">
                {t("projects.form.edit")}
              </Button>
            )}
            <ReportLinks projectId={project.id} />
          </>
        }
      />
      <ResourceView resource={props.indicators.resource} onRetry={props.indicators.reload}>
        {(indicators) => <IndicatorCards indicators={indicators} />}
      </ResourceView>
      <BuiltIndicatorsSection projectId={project.id} mayManage={mayManage} />
      <ResourceView resource={props.budget.resource} onRetry={props.budget.reload}>
        {(budget) => <BudgetSection project={project} budget={budget} />}
      </ResourceView>
      <ResourceView resource={props.beneficiaries.resource} onRetry={props.beneficiaries.reload}>
        {({ items }) => (
          <Stack gap="md">
            <BeneficiariesTable beneficiaries={items} mayManage={mayManage} onChanged={props.onChanged} />
            {mayManage && (
              <EnrolPerson project={project} beneficiaries={items} onEnrolled={props.onChanged} />
            )}
            <StoriesSection projectId={project.id} beneficiaries={items} mayManage={mayManage} />
            {mayRecord && (
              <RecordService project={project} beneficiaries={items} onRecorded={props.onChanged} />
            )}
            {mayRecord && (
              <AttendanceSheet project={project} beneficiaries={items} onRecorded={props.onChanged} />
            )}
          </Stack>
        )}
      </ResourceView>
      <ResourceView resource={props.services.resource} onRetry={props.services.reload}>
        {({ items }) => <ServicesTable services={items} />}
      </ResourceView>
    </Stack>
  );
}

/** The donor report for the project's whole period, in the language shown now. */
function ReportLinks({ projectId }: { readonly projectId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const href = (format: "xlsx" | "pdf") =>
    `${projectApi.project(projectId)}/donor-report?format=${format}&locale=${locale}`;
  return (
    <>
      <Button component="a" href={href("xlsx")} variant="light" download>
        {t("projects.report.xlsx")}
      </Button>
      <Button component="a" href={href("pdf")} variant="light" download>
        {t("projects.report.pdf")}
      </Button>
    </>
  );
}

function IndicatorCards({ indicators }: { readonly indicators: ProjectIndicators }) {
  const { t } = useTranslation();
  const money = useMoney();
  const target = (key: string) => indicators.targets.find((x) => x.indicator === key);
  const cards = [
    {
      key: "beneficiaries",
      label: t("projects.indicators.beneficiaries"),
      value: String(indicators.beneficiaries.total),
    },
    {
      key: "people_served",
      label: t("projects.indicators.peopleServed"),
      value: String(indicators.peopleServed.total),
    },
    { key: "services", label: t("projects.indicators.services"), value: String(indicators.services) },
    {
      key: "new_enrolments",
      label: t("projects.indicators.newEnrolments"),
      value: String(indicators.newEnrolments),
    },
    {
      key: "assistance_value_minor",
      label: t("projects.indicators.assistance"),
      value: money(indicators.assistanceValueMinor),
    },
  ];
  const b = indicators.beneficiaries;
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("projects.indicators.title")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }}>
        {cards.map((card) => {
          const goal = target(card.key);
          const percent = goal === undefined ? null : Math.min(100, goal.progressBps / 100);
          return (
            <Paper key={card.key} withBorder p="md" data-testid={`indicator-${card.key}`}>
              <Text size="sm" c="dimmed">
                {card.label}
              </Text>
              <Title order={3} data-testid={`indicator-${card.key}-value`}>
                {card.value}
              </Title>
              {goal === undefined || percent === null ? (
                <Text size="xs" c="dimmed">
                  {t("projects.indicators.noTarget")}
                </Text>
              ) : (
                <Stack gap={4} mt={4}>
                  <Progress value={percent} aria-label={`${card.label}: ${percent.toFixed(0)}%`} />
                  <Text size="xs" c="dimmed">
                    {t("projects.indicators.ofTarget", {
                      actual: card.key === "assistance_value_minor" ? money(goal.actual) : goal.actual,
                      target: card.key === "assistance_value_minor" ? money(goal.target) : goal.target,
                    })}
                  </Text>
                </Stack>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
      <Row gap="xl" align="flex-start">
        <Table withTableBorder w="auto" aria-label={t("projects.indicators.bySex")}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t("projects.indicators.female")}</Table.Td>
              <Table.Td style={moneyCell}>{b.bySex.female}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t("projects.indicators.male")}</Table.Td>
              <Table.Td style={moneyCell}>{b.bySex.male}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Table withTableBorder w="auto" aria-label={t("projects.indicators.byAge")}>
          <Table.Tbody>
            {Object.entries(b.byAgeBand)
              .filter(([, n]) => n > 0)
              .map(([band, n]) => (
                <Table.Tr key={band}>
                  <Table.Td>{band === "unknown" ? t("projects.indicators.unknown") : band}</Table.Td>
                  <Table.Td style={moneyCell}>{n}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </Row>
    </Stack>
  );
}

function BudgetSection({
  project,
  budget,
}: {
  readonly project: Project;
  readonly budget: BudgetAgainstActual;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("projects.budgetSection.title")}
      </Title>
      {project.bookId === null ? (
        <Text c="dimmed">{t("projects.budgetSection.noBook")}</Text>
      ) : (
        <>
          {budget.lines.length > 0 && <BudgetChart budget={budget} money={money} />}
          <Table striped aria-label={t("projects.budgetSection.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("projects.budgetSection.line")}</Table.Th>
                <Table.Th style={moneyCell}>{t("projects.budget")}</Table.Th>
                <Table.Th style={moneyCell}>{t("projects.actual")}</Table.Th>
                <Table.Th style={moneyCell}>{t("projects.budgetSection.remaining")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {budget.lines.map((line) => (
                <Table.Tr key={line.lineNo}>
                  <Table.Td>{line.name}</Table.Td>
                  <Table.Td style={moneyCell}>{money(line.budgetMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(line.actualMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(line.remainingMinor)}</Table.Td>
                </Table.Tr>
              ))}
              {budget.unbudgetedActualMinor !== "0" && (
                <Table.Tr>
                  <Table.Td>{t("projects.budgetSection.unbudgeted")}</Table.Td>
                  <Table.Td />
                  <Table.Td style={moneyCell}>{money(budget.unbudgetedActualMinor)}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              )}
              <Table.Tr fw={600}>
                <Table.Td>{t("projects.budgetSection.total")}</Table.Td>
                <Table.Td style={moneyCell}>{money(budget.totalBudgetMinor)}</Table.Td>
                <Table.Td style={moneyCell}>{money(budget.totalActualMinor)}</Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function BeneficiariesTable({
  beneficiaries,
  mayManage,
  onChanged,
}: {
  readonly beneficiaries: readonly Beneficiary[];
  readonly mayManage: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("projects.beneficiaries.title")}
      </Title>
      {beneficiaries.length === 0 ? (
        <Text c="dimmed">{t("projects.beneficiaries.none")}</Text>
      ) : (
        <Table striped aria-label={t("projects.beneficiaries.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("projects.beneficiaries.person")}</Table.Th>
              <Table.Th>{t("projects.beneficiaries.enrolledOn")}</Table.Th>
              <Table.Th>{t("projects.beneficiaries.exitedOn")}</Table.Th>
              <Table.Th style={moneyCell}>{t("projects.beneficiaries.services")}</Table.Th>
              {mayManage && <Table.Th>{t("projects.exit.column")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {beneficiaries.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td>{personName(b.person)}</Table.Td>
                <Table.Td>{formatPlainDate(b.enrolledOn, locale)}</Table.Td>
                <Table.Td>{b.exitedOn === null ? "—" : formatPlainDate(b.exitedOn, locale)}</Table.Td>
                <Table.Td style={moneyCell}>{b.services}</Table.Td>
                {mayManage && (
                  <Table.Td>
                    {b.exitedOn === null && <ExitBeneficiaryButton beneficiary={b} onDone={onChanged} />}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

function EnrolPerson(props: {
  readonly project: Project;
  readonly beneficiaries: readonly Beneficiary[];
  readonly onEnrolled: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [enrolledOn, setEnrolledOn] = useState(todayPlainDate());
  const [found, setFound] = useState<PersonSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const enrolled = new Set(props.beneficiaries.filter((b) => b.exitedOn === null).map((b) => b.person.id));

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === "") return;
    setBusy(true);
    setError(null);
    try {
      const answer = await request<{ items: PersonSummary[] }>(projectApi.personSearch, {
        method: "POST",
        body: { q: query.trim(), limit: 10 },
      });
      setFound(answer.items);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const enrol = async (person: PersonSummary) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await request<Beneficiary>(projectApi.beneficiaries(props.project.id), {
        method: "POST",
        body: { personId: person.id, enrolledOn },
      });
      setFound(null);
      setQuery("");
      setNotice(t("projects.beneficiaries.enrolled", { name: personName(person) }));
      props.onEnrolled();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("projects.beneficiaries.enrolTitle")}
        </Title>
        <Row gap="sm" align="flex-end" component="form" onSubmit={(event) => void search(event)}>
          <TextInput
            style={{ flex: 1 }}
            label={t("projects.beneficiaries.search")}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("projects.beneficiaries.enrolledOn")}
            value={enrolledOn}
            onChange={(event) => setEnrolledOn(event.currentTarget.value)}
          />
          <Button type="submit" variant="light" loading={busy}>
            {t("projects.beneficiaries.find")}
          </Button>
        </Row>
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {notice !== null && (
          <Text role="status" c="teal">
            {notice}
          </Text>
        )}
        {found !== null && found.length === 0 && <Text c="dimmed">{t("projects.beneficiaries.nobody")}</Text>}
        {found !== null && found.length > 0 && (
          <Table aria-label={t("projects.beneficiaries.results")}>
            <Table.Tbody>
              {found.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>{personName(person)}</Table.Td>
                  <Table.Td>{person.birthDate ?? ""}</Table.Td>
                  <Table.Td>
                    {enrolled.has(person.id) ? (
                      <Text size="sm" c="dimmed">
                        {t("projects.beneficiaries.already")}
                      </Text>
                    ) : (
                      <Button
                        size="compact-sm"
                        onClick={() => void enrol(person)}
                        disabled={busy}
                        aria-label={t("projects.beneficiaries.enrolNamed", { name: personName(person) })}
                      >
                        {t("projects.beneficiaries.enrol")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

function useKindOptions() {
  const { t } = useTranslation();
  return serviceKinds.map((kind) => ({ value: kind, label: t(`projects.services.kinds.${kind}`) }));
}

function RecordService(props: {
  readonly project: Project;
  readonly beneficiaries: readonly Beneficiary[];
  readonly onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const kinds = useKindOptions();
  const active = props.beneficiaries.filter((b) => b.exitedOn === null);
  const [personId, setPersonId] = useState("");
  const [kind, setKind] = useState<ServiceKind>("consultation");
  const [deliveredOn, setDeliveredOn] = useState(todayPlainDate());
  const [quantity, setQuantity] = useState("1");
  const [valueText, setValueText] = useState("");
  const [paidFrom, setPaidFrom] = useState<"bank" | "cash">("bank");
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = personId === "" ? active[0]?.person.id : personId;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen === undefined) return;
    let valueMinor: string | undefined;
    if (valueText.trim() !== "") {
      const parsed = parseMoney(valueText, "KZT", locale);
      if (!parsed.ok) {
        setMessage({ text: t("projects.services.valueInvalid"), isError: true });
        return;
      }
      valueMinor = parsed.value.toString();
    }
    setBusy(true);
    setMessage(null);
    try {
      const answer = await request<Service | { status: "pending_approval" }>(
        projectApi.services(props.project.id),
        {
          method: "POST",
          body: {
            personId: chosen,
            kind,
            deliveredOn,
            quantity: Math.max(1, Number.parseInt(quantity, 10) || 1),
            ...(valueMinor === undefined ? {} : { valueMinor }),
            ...(kind === "grant" ? { paidFrom } : {}),
          },
        },
      );
      setMessage({
        text: "status" in answer ? t("projects.services.pending") : t("projects.services.recorded"),
        isError: false,
      });
      setValueText("");
      props.onRecorded();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };
  if (active.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" component="form" onSubmit={(event) => void submit(event)}>
        <Title order={3} size="h5">
          {t("projects.services.title")}
        </Title>
        <Row gap="sm" align="flex-end">
          <NativeSelect
            label={t("projects.services.person")}
            data={active.map((b) => ({ value: b.person.id, label: personName(b.person) }))}
            value={chosen}
            onChange={(event) => setPersonId(event.currentTarget.value)}
          />
          <NativeSelect
            label={t("projects.services.kind")}
            data={kinds}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as ServiceKind)}
          />
          <TextInput
            type="date"
            label={t("projects.services.deliveredOn")}
            value={deliveredOn}
            onChange={(event) => setDeliveredOn(event.currentTarget.value)}
          />
          <TextInput
            w={100}
            label={t("projects.services.quantity")}
            inputMode="numeric"
            value={quantity}
            onChange={(event) => setQuantity(event.currentTarget.value)}
          />
          <TextInput
            w={160}
            label={t("projects.services.value")}
            inputMode="decimal"
            value={valueText}
            onChange={(event) => setValueText(event.currentTarget.value)}
          />
          {kind === "grant" && (
            <NativeSelect
              label={t("projects.services.paidFrom")}
              data={[
                { value: "bank", label: t("projects.services.bank") },
                { value: "cash", label: t("projects.services.cash") },
              ]}
              value={paidFrom}
              onChange={(event) => setPaidFrom(event.currentTarget.value === "cash" ? "cash" : "bank")}
            />
          )}
          <Button type="submit" loading={busy}>
            {t("projects.services.record")}
          </Button>
        </Row>
        {message !== null &&
          (message.isError ? (
            <Alert color="red" role="alert">
              {message.text}
            </Alert>
          ) : (
            <Text role="status" c="teal">
              {message.text}
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

function AttendanceSheet(props: {
  readonly project: Project;
  readonly beneficiaries: readonly Beneficiary[];
  readonly onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const kinds = useKindOptions().filter((k) => k.value !== "grant");
  const active = props.beneficiaries.filter((b) => b.exitedOn === null);
  const [present, setPresent] = useState<ReadonlySet<string>>(new Set());
  const [kind, setKind] = useState<ServiceKind>("training");
  const [deliveredOn, setDeliveredOn] = useState(todayPlainDate());
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const toggle = (id: string) =>
    setPresent((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const answer = await request<{ items: Service[] }>(projectApi.attendance(props.project.id), {
        method: "POST",
        body: { kind, deliveredOn, personIds: [...present] },
      });
      setMessage({
        text: t("projects.services.attendanceRecorded", { count: answer.items.length }),
        isError: false,
      });
      setPresent(new Set());
      props.onRecorded();
    } catch (caught) {
      setMessage({ text: errorMessage(caught), isError: true });
    } finally {
      setBusy(false);
    }
  };
  if (active.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" component="form" onSubmit={(event) => void submit(event)}>
        <Title order={3} size="h5">
          {t("projects.services.attendanceTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("projects.services.attendanceHint")}
        </Text>
        <Row gap="sm" align="flex-end">
          <NativeSelect
            label={t("projects.services.kind")}
            data={kinds}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as ServiceKind)}
          />
          <TextInput
            type="date"
            label={t("projects.services.deliveredOn")}
            value={deliveredOn}
            onChange={(event) => setDeliveredOn(event.currentTarget.value)}
          />
        </Row>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {active.map((b) => (
            <Checkbox
              key={b.id}
              label={personName(b.person)}
              checked={present.has(b.person.id)}
              onChange={() => toggle(b.person.id)}
            />
          ))}
        </SimpleGrid>
        <Row>
          <Button type="submit" loading={busy} disabled={present.size === 0}>
            {t("projects.services.recordAttendance", { count: present.size })}
          </Button>
        </Row>
        {message !== null &&
          (message.isError ? (
            <Alert color="red" role="alert">
              {message.text}
            </Alert>
          ) : (
            <Text role="status" c="teal">
              {message.text}
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

function ServicesTable({ services }: { readonly services: readonly Service[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t("projects.services.recent")}
      </Title>
      {services.length === 0 ? (
        <Text c="dimmed">{t("projects.services.none")}</Text>
      ) : (
        <Table striped aria-label={t("projects.services.recent")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("projects.services.deliveredOn")}</Table.Th>
              <Table.Th>{t("projects.services.person")}</Table.Th>
              <Table.Th>{t("projects.services.kind")}</Table.Th>
              <Table.Th style={moneyCell}>{t("projects.services.quantity")}</Table.Th>
              <Table.Th style={moneyCell}>{t("projects.services.value")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{formatPlainDate(s.deliveredOn, locale)}</Table.Td>
                <Table.Td>{personName(s.person)}</Table.Td>
                <Table.Td>{t(`projects.services.kinds.${s.kind}`)}</Table.Td>
                <Table.Td style={moneyCell}>{s.quantity}</Table.Td>
                <Table.Td style={moneyCell}>{money(s.valueMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
