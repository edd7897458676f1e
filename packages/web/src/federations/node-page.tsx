import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { parseMoney } from "@moldir/domain";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { groupCurrency, moneyCell, useMoney } from "../groups/group-parts";
import type { Group as GroupDetail, GroupSummary } from "../groups/groups-api";
import { groupPaths } from "../groups/groups-api";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { hasPermission, useSignedInSession } from "../session/session-context";
import {
  type FederationNode,
  type FederationRollup,
  type FundApplication,
  federationApi,
  federationPaths,
} from "./federations-api";
import { TrendChart } from "./trend-chart";

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

/** One node: the roll-up of the groups below it, its groups, its funds (applications and loans), its office bearers. */
export default function NodePage() {
  const { nodeId = "" } = useParams<{ nodeId: string }>();
  const { t } = useTranslation();
  const node = useApiResource<FederationNode>(federationApi.node(nodeId));
  const session = useSignedInSession();
  const mayManage = hasPermission(session, "federations.manage", { anyScope: true });
  return (
    <ResourceView resource={node.resource} onRetry={node.reload}>
      {(data) => (
        <Stack gap="lg">
          <PageHeader
            title={data.name}
            description={`${t(`federations.levels.${data.level}`)} · ${t("federations.formedOn")} ${data.formedOn}`}
            actions={
              data.parentId === null ? undefined : (
                <Anchor component={Link} href={federationPaths.node(data.parentId)}>
                  {t("federations.parent")}
                </Anchor>
              )
            }
          />
          <RollupSection nodeId={nodeId} />
          <GroupsSection node={data} mayManage={mayManage} onChange={node.reload} />
          <FundsSection node={data} mayManage={mayManage} onChange={node.reload} />
          <Section title={t("federations.officeBearers")}>
            {data.officeBearers.length === 0 ? (
              <Text c="dimmed">{t("federations.officeBearersEmpty")}</Text>
            ) : (
              <Stack gap={4}>
                {data.officeBearers.map((b) => (
                  <Text key={b.id}>
                    {b.name} — {b.role}, {b.fromOn}
                    {b.untilOn === null ? "" : ` – ${b.untilOn}`}
                  </Text>
                ))}
              </Stack>
            )}
          </Section>
        </Stack>
      )}
    </ResourceView>
  );
}

function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </div>
  );
}

function RollupSection({ nodeId }: { readonly nodeId: string }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [asOf, setAsOf] = useState(todayPlainDate());
  const rollup = useApiResource<FederationRollup>(
    /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? federationApi.rollup(nodeId, asOf) : null,
  );
  return (
    <Section title={t("federations.rollup")}>
      <TextInput
        type="date"
        label={t("federations.asOf")}
        value={asOf}
        onChange={(e) => setAsOf(e.currentTarget.value)}
        maw={200}
      />
      <ResourceView resource={rollup.resource} onRetry={rollup.reload}>
        {({ total, groups, trend, metrics }) => (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
              <Figure label={t("federations.groupCount")} value={String(total.groups)} />
              <Figure label={t("federations.members")} value={String(total.members)} />
              <Figure label={t("federations.savings")} value={money(total.savingsMinor)} />
              <Figure label={t("federations.loansOutstanding")} value={money(total.loansOutstandingMinor)} />
              <Figure
                label={t("federations.fundLoansOutstanding")}
                value={money(total.fundLoansOutstandingMinor)}
              />
              <Figure label={t("federations.par")} value={percent(total.portfolioAtRisk)} />
              <Figure label={t("federations.attendance")} value={percent(total.attendanceRate)} />
              <Figure
                label={t("federations.grades")}
                value={`${total.grades.A} / ${total.grades.B} / ${total.grades.C}`}
              />
            </SimpleGrid>
            <Title order={3} size="h5">
              {t("federations.metrics.title")}
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
              <Figure
                label={t("federations.metrics.savingsPerMember")}
                value={money(metrics.savingsPerMemberMinor)}
              />
              <Figure
                label={t("federations.metrics.loanFundUtilization")}
                value={percent(metrics.loanFundUtilization)}
              />
              <Figure
                label={t("federations.metrics.membersWithLoan")}
                value={percent(metrics.membersWithLoanShare)}
              />
              <Figure
                label={t("federations.metrics.averageLoanSize")}
                value={money(metrics.averageLoanSizeMinor)}
              />
              <Figure label={t("federations.metrics.writeOffRatio")} value={percent(metrics.writeOffRatio)} />
              <Figure label={t("federations.metrics.dropOutRate")} value={percent(metrics.dropOutRate)} />
              <Figure
                label={t("federations.metrics.returnOnSavings")}
                value={percent(metrics.annualizedReturnOnSavings)}
              />
              <Figure
                label={t("federations.metrics.returnOnAssets")}
                value={percent(metrics.annualizedReturnOnAssets)}
              />
              <Figure
                label={t("federations.metrics.valuePerShare")}
                value={money(metrics.shareOutValuePerShareMinor)}
              />
            </SimpleGrid>
            <Title order={3} size="h5">
              {t("federations.trend")}
            </Title>
            <TrendChart trend={trend} />
            <Table.ScrollContainer minWidth={640}>
              <Table striped aria-label={t("federations.rollup")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("federations.group")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("federations.members")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("federations.savings")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("federations.fundLoansOutstanding")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("federations.arrears")}</Table.Th>
                    <Table.Th>{t("federations.grades")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {groups.map((g) => (
                    <Table.Tr key={g.groupId}>
                      <Table.Td>
                        <Anchor component={Link} href={groupPaths.group(g.groupId)}>
                          {g.groupName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={moneyCell}>{g.members}</Table.Td>
                      <Table.Td style={moneyCell}>{money(g.savingsMinor)}</Table.Td>
                      <Table.Td style={moneyCell}>{money(g.fundLoansOutstandingMinor)}</Table.Td>
                      <Table.Td style={moneyCell}>{money(g.fundArrearsMinor)}</Table.Td>
                      <Table.Td>{g.grade ?? "—"}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </ResourceView>
    </Section>
  );
}

function useAction(onDone: () => void) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isPending, setIsPending] = useState(false);
  const run = async (path: string, body: unknown) => {
    setIsBusy(true);
    setError(null);
    setIsPending(false);
    try {
      const answer = await request<{ status?: string }>(path, { method: "POST", body });
      // With four eyes, the action waits in the approvals inbox for a second person.
      setIsPending(answer?.status === "pending_approval");
      onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsBusy(false);
    }
  };
  const alert =
    error !== null ? (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    ) : isPending ? (
      <Alert color="blue" role="status">
        {t("federations.sentForApproval")}
      </Alert>
    ) : null;
  return { run, isBusy, alert };
}

function GroupsSection({
  node,
  mayManage,
  onChange,
}: {
  readonly node: FederationNode;
  readonly mayManage: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const all = useApiResource<{ items: GroupSummary[] }>(mayManage ? federationApi.allGroups : null);
  const [groupId, setGroupId] = useState("");
  const [on, setOn] = useState(todayPlainDate());
  const action = useAction(onChange);
  return (
    <Section title={t("federations.groups")}>
      {node.groups.length === 0 ? (
        <Text c="dimmed">{t("federations.groupsEmpty")}</Text>
      ) : (
        <Table striped aria-label={t("federations.groups")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("federations.group")}</Table.Th>
              <Table.Th>{t("federations.joinedOn")}</Table.Th>
              <Table.Th>{t("federations.leftOn")}</Table.Th>
              {mayManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {node.groups.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  <Anchor component={Link} href={groupPaths.group(g.groupId)}>
                    {g.groupName}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatPlainDate(g.joinedOn, locale)}</Table.Td>
                <Table.Td>
                  {g.leftOn === null ? t("federations.current") : formatPlainDate(g.leftOn, locale)}
                </Table.Td>
                {mayManage && (
                  <Table.Td>
                    {g.leftOn === null && (
                      <GradeReview nodeId={node.id} groupId={g.groupId} onDone={onChange} />
                    )}
                    {g.leftOn === null && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={action.isBusy}
                        onClick={() =>
                          void action.run(federationApi.leave(node.id, g.groupId), { leftOn: on })
                        }
                      >
                        {t("federations.leave")}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayManage && all.resource.status === "loaded" && (
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label={t("federations.group")}
            data={[
              { value: "", label: "—" },
              ...all.resource.data.items.map((g) => ({ value: g.id, label: g.name })),
            ]}
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("federations.joinedOn")}
            value={on}
            onChange={(e) => setOn(e.currentTarget.value)}
          />
          <Button
            disabled={groupId === ""}
            loading={action.isBusy}
            onClick={() => void action.run(federationApi.groups(node.id), { groupId, joinedOn: on })}
          >
            {t("federations.join")}
          </Button>
        </Group>
      )}
      {action.alert}
    </Section>
  );
}

function FundsSection({
  node,
  mayManage,
  onChange,
}: {
  readonly node: FederationNode;
  readonly mayManage: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [isApplying, setIsApplying] = useState(false);
  return (
    <>
      <Section
        title={`${t("federations.fundApplications")} · ${t("federations.cash")} ${money(node.cashMinor)}`}
      >
        {node.applications.length === 0 ? (
          <Text c="dimmed">{t("federations.applicationsEmpty")}</Text>
        ) : (
          <Stack gap="sm">
            {node.applications.map((a) => (
              <ApplicationRow key={a.id} application={a} mayManage={mayManage} onChange={onChange} />
            ))}
          </Stack>
        )}
        {mayManage &&
          (isApplying ? (
            <ApplyForm
              node={node}
              onDone={() => {
                setIsApplying(false);
                onChange();
              }}
              onCancel={() => setIsApplying(false)}
            />
          ) : (
            <Button variant="light" onClick={() => setIsApplying(true)} w="fit-content">
              {t("federations.apply")}
            </Button>
          ))}
      </Section>
      <Section title={t("federations.loans")}>
        {node.loans.length === 0 ? (
          <Text c="dimmed">{t("federations.loansEmpty")}</Text>
        ) : (
          <Table striped aria-label={t("federations.loans")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("federations.group")}</Table.Th>
                <Table.Th>{t("federations.fund")}</Table.Th>
                <Table.Th>{t("federations.disbursedOn")}</Table.Th>
                <Table.Th style={moneyCell}>{t("federations.amount")}</Table.Th>
                <Table.Th style={moneyCell}>{t("federations.outstanding")}</Table.Th>
                <Table.Th style={moneyCell}>{t("federations.arrears")}</Table.Th>
                <Table.Th style={moneyCell}>{t("federations.daysPastDue")}</Table.Th>
                {mayManage && <Table.Th>{t("federations.repay")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {node.loans.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.groupName}</Table.Td>
                  <Table.Td>{t(`federations.funds.${l.fund}`)}</Table.Td>
                  <Table.Td>{l.disbursedOn}</Table.Td>
                  <Table.Td style={moneyCell}>{money(l.principalMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(l.outstandingMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{money(l.arrearsMinor)}</Table.Td>
                  <Table.Td style={moneyCell}>{l.daysPastDue}</Table.Td>
                  {mayManage && (
                    <Table.Td>
                      <RepayForm loanId={l.id} onDone={onChange} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </>
  );
}

function ApplicationRow({
  application: a,
  mayManage,
  onChange,
}: {
  readonly application: FundApplication;
  readonly mayManage: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const [appraisal, setAppraisal] = useState("");
  const [disbursedOn, setDisbursedOn] = useState(todayPlainDate());
  const action = useAction(onChange);
  return (
    <Paper withBorder p="sm">
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={600}>{a.groupName}</Text>
          <Badge variant="light" tt="none">
            {t(`federations.funds.${a.fund}`)}
          </Badge>
          <Text>{money(a.amountMinor)}</Text>
          <Text c="dimmed">
            {a.termMonths} · {a.appliedOn}
          </Text>
          <Badge
            tt="none"
            color={a.status === "refused" ? "red" : a.status === "submitted" ? "yellow" : "teal"}
          >
            {t(`federations.statuses.${a.status}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t("federations.eligibility", {
            grade: a.eligibility.grade,
            months: a.eligibility.regularMonths,
            required: a.eligibility.regularMonthsMin,
          })}
        </Text>
        <Text size="sm">
          {a.plan.map((line) => `${money(line.amountMinor)} — ${line.purpose}`).join("; ")}
        </Text>
        {a.appraisal !== null && (
          <Text size="sm">
            {t("federations.appraisal")}: {a.appraisal}
          </Text>
        )}
        {mayManage && a.status === "submitted" && (
          <Group align="flex-end" gap="sm">
            <TextInput
              label={t("federations.appraisal")}
              value={appraisal}
              onChange={(e) => setAppraisal(e.currentTarget.value)}
              w={360}
            />
            <Button
              disabled={appraisal.trim() === ""}
              loading={action.isBusy}
              onClick={() => void action.run(federationApi.decide(a.id, "approve"), { appraisal })}
            >
              {t("federations.approve")}
            </Button>
            <Button
              color="red"
              variant="light"
              disabled={appraisal.trim() === ""}
              loading={action.isBusy}
              onClick={() => void action.run(federationApi.decide(a.id, "refuse"), { appraisal })}
            >
              {t("federations.refuse")}
            </Button>
          </Group>
        )}
        {mayManage && a.status === "approved" && (
          <Group align="flex-end" gap="sm">
            <TextInput
              type="date"
              label={t("federations.disbursedOn")}
              value={disbursedOn}
              onChange={(e) => setDisbursedOn(e.currentTarget.value)}
            />
            <Button
              loading={action.isBusy}
              onClick={() => void action.run(federationApi.decide(a.id, "disburse"), { disbursedOn })}
            >
              {t("federations.disburse")}
            </Button>
          </Group>
        )}
        {action.alert}
      </Stack>
    </Paper>
  );
}

interface PlanLineDraft {
  readonly memberId: string;
  readonly amountText: string;
  readonly purpose: string;
}

function ApplyForm({
  node,
  onDone,
  onCancel,
}: {
  readonly node: FederationNode;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const current = node.groups.filter((g) => g.leftOn === null);
  const [groupId, setGroupId] = useState(current[0]?.groupId ?? "");
  const group = useApiResource<GroupDetail>(groupId === "" ? null : federationApi.group(groupId));
  const [fund, setFund] = useState<"cif" | "rf">("cif");
  const [termText, setTermText] = useState("12");
  const [appliedOn, setAppliedOn] = useState(todayPlainDate());
  const [lines, setLines] = useState<PlanLineDraft[]>([{ memberId: "", amountText: "", purpose: "" }]);
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction(onDone);
  const members =
    group.resource.status === "loaded" ? group.resource.data.members.filter((m) => m.leftOn === null) : [];
  const parsed = lines.map((l) => parseMoney(l.amountText, groupCurrency, locale));
  const total = parsed.reduce((s, p) => s + (p.ok ? p.value : 0n), 0n);
  const submit = () => {
    if (parsed.some((p) => !p.ok) || lines.some((l) => l.memberId === "" || l.purpose.trim() === "")) {
      setProblem(t("federations.amountInvalid"));
      return;
    }
    setProblem(null);
    void action.run(federationApi.applications(node.id), {
      groupId,
      fund,
      appliedOn,
      amountMinor: total.toString(),
      termMonths: Number(termText),
      plan: lines.map((l, i) => {
        const p = parsed[i];
        return {
          memberId: l.memberId,
          amountMinor: p?.ok ? p.value.toString() : "0",
          purpose: l.purpose.trim(),
        };
      }),
    });
  };
  const update = (index: number, change: Partial<PlanLineDraft>) =>
    setLines((all) => all.map((l, i) => (i === index ? { ...l, ...change } : l)));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("federations.applyTitle")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
          <NativeSelect
            label={t("federations.group")}
            data={current.map((g) => ({ value: g.groupId, label: g.groupName }))}
            value={groupId}
            onChange={(e) => setGroupId(e.currentTarget.value)}
          />
          <NativeSelect
            label={t("federations.fund")}
            data={(["cif", "rf"] as const).map((value) => ({
              value,
              label: t(`federations.funds.${value}`),
            }))}
            value={fund}
            onChange={(e) => setFund(e.currentTarget.value === "rf" ? "rf" : "cif")}
          />
          <TextInput
            label={t("federations.termMonths")}
            value={termText}
            onChange={(e) => setTermText(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("federations.appliedOn")}
            value={appliedOn}
            onChange={(e) => setAppliedOn(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Text size="sm" fw={500}>
          {t("federations.planLine")}
        </Text>
        {lines.map((line, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the lines have no identity of their own but their place.
          <Group key={index} gap="sm" align="flex-end">
            <NativeSelect
              aria-label={t("federations.member")}
              data={[
                { value: "", label: "—" },
                ...members.map((m) => ({ value: m.id, label: `${m.person.surname} ${m.person.givenName}` })),
              ]}
              value={line.memberId}
              onChange={(e) => update(index, { memberId: e.currentTarget.value })}
            />
            <TextInput
              aria-label={t("federations.amount")}
              inputMode="decimal"
              value={line.amountText}
              onChange={(e) => update(index, { amountText: e.currentTarget.value })}
            />
            <TextInput
              aria-label={t("federations.purpose")}
              placeholder={t("federations.purpose")}
              value={line.purpose}
              onChange={(e) => update(index, { purpose: e.currentTarget.value })}
            />
          </Group>
        ))}
        <Group gap="sm">
          <Button
            variant="default"
            onClick={() => setLines((all) => [...all, { memberId: "", amountText: "", purpose: "" }])}
          >
            {t("federations.addLine")}
          </Button>
          <Text>
            {t("federations.amount")}: {money(total)}
          </Text>
        </Group>
        {problem !== null && (
          <Alert color="yellow" role="alert">
            {problem}
          </Alert>
        )}
        {action.alert}
        <Group gap="xs">
          <Button onClick={submit} loading={action.isBusy} disabled={groupId === ""}>
            {t("federations.save")}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t("federations.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RepayForm({ loanId, onDone }: { readonly loanId: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [principalText, setPrincipalText] = useState("");
  const [interestText, setInterestText] = useState("0");
  const [paidOn, setPaidOn] = useState(todayPlainDate());
  const action = useAction(() => {
    setPrincipalText("");
    onDone();
  });
  const principal = parseMoney(principalText, groupCurrency, locale);
  const interest = parseMoney(interestText, groupCurrency, locale);
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <TextInput
          size="xs"
          type="date"
          aria-label={t("federations.paidOn")}
          value={paidOn}
          onChange={(e) => setPaidOn(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          w={110}
          inputMode="decimal"
          aria-label={t("federations.principal")}
          placeholder={t("federations.principal")}
          value={principalText}
          onChange={(e) => setPrincipalText(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          w={90}
          inputMode="decimal"
          aria-label={t("federations.interest")}
          placeholder={t("federations.interest")}
          value={interestText}
          onChange={(e) => setInterestText(e.currentTarget.value)}
        />
        <Button
          size="xs"
          disabled={!principal.ok || !interest.ok}
          loading={action.isBusy}
          onClick={() =>
            principal.ok &&
            interest.ok &&
            void action.run(`/api/v1/fund-loans/${encodeURIComponent(loanId)}/repayments`, {
              paidOn,
              principalMinor: principal.value.toString(),
              interestMinor: interest.value.toString(),
            })
          }
        >
          {t("federations.repay")}
        </Button>
      </Group>
      {action.alert}
    </Stack>
  );
}

const gradeLetters = ["A", "B", "C"] as const;

/** The node reviews the grade computed from the group's records, sets the grade it holds, and signs off. */
function GradeReview({
  nodeId,
  groupId,
  onDone,
}: {
  readonly nodeId: string;
  readonly groupId: string;
  readonly onDone: () => void;
}) {
  const { t } = useTranslation();
  const [isOpen, setIsOpen] = useState(false);
  const [grade, setGrade] = useState<(typeof gradeLetters)[number]>("B");
  const [observations, setObservations] = useState("");
  const action = useAction(() => {
    setIsOpen(false);
    onDone();
  });
  if (!isOpen)
    return (
      <Button size="xs" variant="subtle" onClick={() => setIsOpen(true)}>
        {t("federations.signOff")}
      </Button>
    );
  return (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <NativeSelect
          size="xs"
          aria-label={t("federations.agreedGrade")}
          data={[...gradeLetters]}
          value={grade}
          onChange={(e) => setGrade(gradeLetters.find((g) => g === e.currentTarget.value) ?? "B")}
        />
        <TextInput
          size="xs"
          aria-label={t("federations.observations")}
          placeholder={t("federations.observations")}
          value={observations}
          onChange={(e) => setObservations(e.currentTarget.value)}
        />
        <Button
          size="xs"
          loading={action.isBusy}
          onClick={() =>
            void action.run(`/api/v1/federation-nodes/${encodeURIComponent(nodeId)}/grade-reviews`, {
              groupId,
              asOf: todayPlainDate(),
              agreedGrade: grade,
              observations: observations.trim() === "" ? null : observations.trim(),
            })
          }
        >
          {t("federations.signOff")}
        </Button>
      </Group>
      {action.alert}
    </Stack>
  );
}
