import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Badge.css";
import {
  Alert,
  Anchor,
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
import type { PersonSummary } from "@moldir/contract";
import { type FormEvent, Fragment, lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { ApiError } from "../api/client";
import { useApiRequest, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { ResourceView } from "../layout/resource-view";
import { ledgerPaths, todayPlainDate } from "../ledger/ledger-api";
import { GroupTrainingsPanel } from "../projects/group-trainings-panel";
import { hasPermission, useSignedInSession } from "../session/session-context";
import { BylawsEditor, OpeningBalancesForm } from "./group-admin";
import { HealthBadge, memberName, moneyCell, ratePercent, useMoney } from "./group-parts";
import {
  activeMembers,
  type Group,
  groupApi,
  groupPaths,
  healthOf,
  type Meeting,
  useGroup,
  useMeetings,
} from "./groups-api";

// The officers' and internal loans' panels load after the page itself, keeping the page's JS within budget.
const OfficersPanel = lazy(() => import("./officers-panel").then((m) => ({ default: m.OfficersPanel })));
const InternalLoansPanel = lazy(() =>
  import("./internal-loans-panel").then((m) => ({ default: m.InternalLoansPanel })),
);

/** One group: its money, its bylaws in force, its members and its meetings. */
export default function GroupPage() {
  const { groupId = "" } = useParams<{ groupId: string }>();
  const group = useGroup(groupId);
  return (
    <ResourceView resource={group.resource} onRetry={group.reload}>
      {(loaded) => <GroupView group={loaded} onChanged={group.reload} />}
    </ResourceView>
  );
}

function GroupView({ group, onChanged }: { readonly group: Group; readonly onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const session = useSignedInSession();
  const mayRecord = hasPermission(session, "meetings.record", { anyScope: true });
  const mayManage = hasPermission(session, "groups.manage", { anyScope: true });
  const mayReadBooks = hasPermission(session, "ledger.read");
  const members = activeMembers(group);
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} href={groupPaths.groups} size="sm">
          {t("groups.title")}
        </Anchor>
        <PageHeader
          title={group.name}
          description={
            [group.village, group.meetingPlace].filter((part) => part !== null).join(" · ") || undefined
          }
          actions={
            <>
              {mayRecord && members.length > 0 && (
                <Button component={Link} href={groupPaths.newMeeting(group.id)}>
                  {t("groups.recordMeeting")}
                </Button>
              )}
              {group.methodology === "vsla" && (
                <Button component={Link} href={groupPaths.shareOut(group.id)} variant="light">
                  {t("groups.shareOut.title")}
                </Button>
              )}
              <Button component={Link} href={groupPaths.grading(group.id)} variant="light">
                {t("groups.grading.title")}
              </Button>
              {mayReadBooks && (
                <Button component={Link} href={ledgerPaths.accounts(group.bookId)} variant="subtle">
                  {t("groups.books")}
                </Button>
              )}
            </>
          }
        />
      </div>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Figure label={t("groups.cash")} value={money(group.cashMinor)} testId="group-cash" />
        <Figure label={t("groups.socialFund")} value={money(group.socialFundMinor)} />
        <Figure label={t("groups.loansOutstanding")} value={money(group.loansOutstandingMinor)} />
        <Paper withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t("groups.lastMeeting")}
          </Text>
          <Row gap="xs">
            <Text fw={600}>
              {group.lastMeetingOn === null ? "—" : formatPlainDate(group.lastMeetingOn, locale)}
            </Text>
            <HealthBadge health={healthOf(group, todayPlainDate())} />
          </Row>
        </Paper>
      </SimpleGrid>
      <BylawsInForce group={group} />
      {mayManage && (
        <Row gap="sm">
          <BylawsEditor group={group} onSaved={onChanged} />
          {group.lastMeetingOn === null && members.length > 0 && (
            <OpeningBalancesForm group={group} onSaved={onChanged} />
          )}
        </Row>
      )}
      <Stack gap="xs">
        <Title order={2} size="h3">
          {t("groups.members")}
        </Title>
        {members.length === 0 ? (
          <Text c="dimmed">{t("groups.noMembers")}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped aria-label={t("groups.members")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("groups.member")}</Table.Th>
                  <Table.Th>{t("groups.joinedOn")}</Table.Th>
                  <Table.Th style={moneyCell}>{t("groups.savings")}</Table.Th>
                  {group.methodology === "vsla" && (
                    <Table.Th style={moneyCell}>{t("groups.shares")}</Table.Th>
                  )}
                  <Table.Th style={moneyCell}>{t("groups.loansOutstanding")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.map((member) => (
                  <Table.Tr key={member.id}>
                    <Table.Td>
                      <Anchor component={Link} href={groupPaths.passbook(group.id, member.id)}>
                        {memberName(member.person)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatPlainDate(member.joinedOn, locale)}</Table.Td>
                    <Table.Td style={moneyCell}>{money(member.savingsMinor)}</Table.Td>
                    {group.methodology === "vsla" && <Table.Td style={moneyCell}>{member.shares}</Table.Td>}
                    <Table.Td style={moneyCell}>{money(member.loansOutstandingMinor)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {mayManage && <AddMember group={group} onAdded={onChanged} />}
      </Stack>
      <Suspense fallback={null}>
        <OfficersPanel group={group} mayManage={mayManage} />
        <InternalLoansPanel group={group} />
      </Suspense>
      <Meetings group={group} mayRecord={mayRecord} onChanged={onChanged} />
      <GroupTrainingsPanel groupId={group.id} />
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
      <Text fw={600} style={moneyCell} ta="left" data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

function BylawsInForce({ group }: { readonly group: Group }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const bylaws = group.bylaws;
  const frequencyLabel = (frequency: string) =>
    frequency === "monthly"
      ? t("groups.frequencies.monthly")
      : frequency === "fortnightly"
        ? t("groups.frequencies.fortnightly")
        : t("groups.frequencies.weekly");
  const rows: [string, string][] = [
    [t("groups.methodology"), t(`groups.methodologies.${bylaws.methodology}`)],
    [t("groups.frequency"), frequencyLabel(group.frequency)],
    ...(bylaws.methodology === "vsla"
      ? ([
          [t("groups.bylaws.sharePrice"), money(bylaws.sharePriceMinor)],
          [t("groups.bylaws.maxShares"), String(bylaws.maxSharesPerMeeting)],
        ] as [string, string][])
      : ([[t("groups.bylaws.savingsPerMeeting"), money(bylaws.savingsPerMeetingMinor)]] as [
          string,
          string,
        ][])),
    [t("groups.bylaws.socialFundPerMeeting"), money(bylaws.socialFundPerMeetingMinor)],
    [t("groups.bylaws.ratePercent"), ratePercent(bylaws.loanRateBpsPerMonth, locale)],
    [t("groups.bylaws.termMonthsMax"), String(bylaws.loanTermMonthsMax)],
    [t("groups.bylaws.maxMultiple"), `× ${bylaws.loanMaxMultipleOfSavings}`],
    [t("groups.bylaws.fineLate"), money(bylaws.fines.late)],
    [t("groups.bylaws.fineAbsent"), money(bylaws.fines.absent)],
    [t("groups.bylaws.fineMissedRepayment"), money(bylaws.fines.missed_repayment)],
  ];
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t("groups.bylaws.inForce", { date: formatPlainDate(bylaws.effectiveFrom, locale) })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={4} component="dl" m={0}>
        {rows.map(([label, value]) => (
          <Row key={label} gap="xs" wrap="nowrap">
            <Text component="dt" size="sm" c="dimmed">
              {label}:
            </Text>
            <Text component="dd" size="sm" fw={500} m={0}>
              {value}
            </Text>
          </Row>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** Finds a person by name, phone or IIN and adds her; a missing membership consent is said plainly. */
function AddMember({ group, onAdded }: { readonly group: Group; readonly onAdded: () => void }) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [query, setQuery] = useState("");
  const [joinedOn, setJoinedOn] = useState(todayPlainDate());
  const [found, setFound] = useState<PersonSummary[] | null>(null);
  const [error, setError] = useState<{ message: string; personId: string | null; isConsent: boolean } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const memberPersonIds = new Set(activeMembers(group).map((member) => member.person.id));

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === "") return;
    setBusy(true);
    setError(null);
    try {
      const answer = await request<{ items: PersonSummary[] }>(groupApi.personSearch, {
        method: "POST",
        body: { q: query.trim(), limit: 10 },
      });
      setFound(answer.items);
    } catch (caught) {
      setError({ message: errorMessage(caught), personId: null, isConsent: false });
    } finally {
      setBusy(false);
    }
  };
  const add = async (person: PersonSummary) => {
    setBusy(true);
    setError(null);
    try {
      await request<Group>(groupApi.members(group.id), {
        method: "POST",
        body: { personId: person.id, joinedOn },
      });
      setFound(null);
      setQuery("");
      onAdded();
    } catch (caught) {
      setError({
        message: errorMessage(caught),
        personId: person.id,
        isConsent: caught instanceof ApiError && caught.code === "consent_must_be_given",
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t("groups.addMember.title")}
        </Title>
        <Row gap="sm" align="flex-end" component="form" onSubmit={(event) => void search(event)}>
          <TextInput
            style={{ flex: 1 }}
            label={t("groups.addMember.search")}
            description={t("groups.addMember.searchHint")}
            value={query}
            onChange={(event) => setQuery(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t("groups.joinedOn")}
            value={joinedOn}
            onChange={(event) => setJoinedOn(event.currentTarget.value)}
          />
          <Button type="submit" variant="light" loading={busy}>
            {t("groups.addMember.find")}
          </Button>
        </Row>
        {error !== null && (
          <Alert
            color="red"
            role="alert"
            title={error.isConsent ? t("groups.addMember.consentTitle") : undefined}
          >
            <Stack gap={4}>
              <span>{error.message}</span>
              {error.isConsent && error.personId !== null && (
                <Anchor component={Link} href={`/people/${error.personId}`} size="sm">
                  {t("groups.addMember.consentLink")}
                </Anchor>
              )}
            </Stack>
          </Alert>
        )}
        {found !== null && found.length === 0 && <Text c="dimmed">{t("groups.addMember.nobody")}</Text>}
        {found !== null && found.length > 0 && (
          <Table aria-label={t("groups.addMember.results")}>
            <Table.Tbody>
              {found.map((person) => (
                <Table.Tr key={person.id}>
                  <Table.Td>
                    {memberName(person)} {person.patronymic ?? ""}
                  </Table.Td>
                  <Table.Td>{person.iinMasked ?? ""}</Table.Td>
                  <Table.Td>
                    {memberPersonIds.has(person.id) ? (
                      <Text size="sm" c="dimmed">
                        {t("groups.addMember.already")}
                      </Text>
                    ) : (
                      <Button
                        size="compact-sm"
                        onClick={() => void add(person)}
                        disabled={busy}
                        aria-label={t("groups.addMember.addNamed", { name: memberName(person) })}
                      >
                        {t("groups.addMember.add")}
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

function Meetings({
  group,
  mayRecord,
  onChanged,
}: {
  readonly group: Group;
  readonly mayRecord: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const meetings = useMeetings(group.id);
  const [reversing, setReversing] = useState<string | null>(null);
  const changed = () => {
    setReversing(null);
    meetings.reload();
    onChanged();
  };
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t("groups.meetings")}
      </Title>
      <ResourceView resource={meetings.resource} onRetry={meetings.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Text c="dimmed">{t("groups.noMeetings")}</Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped aria-label={t("groups.meetings")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("groups.meeting.heldOn")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("groups.present")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("groups.meeting.cashComputed")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("groups.meeting.cashCounted")}</Table.Th>
                    <Table.Th style={moneyCell}>{t("groups.meeting.cashDifference")}</Table.Th>
                    <Table.Th>{t("groups.meetingActions")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((meeting: Meeting) => (
                    <Fragment key={meeting.id}>
                      <Table.Tr>
                        <Table.Td>
                          {formatPlainDate(meeting.heldOn, locale)}{" "}
                          {meeting.kind !== "meeting" && (
                            <Badge color="grape" variant="light" tt="none">
                              {t(`groups.meetingKinds.${meeting.kind}`)}
                            </Badge>
                          )}{" "}
                          {meeting.reversedAt !== null && (
                            <Badge
                              color="gray"
                              variant="light"
                              tt="none"
                              title={meeting.reversalReason ?? undefined}
                            >
                              {t("groups.reversed")}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td style={moneyCell}>
                          {meeting.attendance.filter((line) => line.status !== "absent").length} /{" "}
                          {meeting.attendance.length}
                        </Table.Td>
                        <Table.Td style={moneyCell}>{money(meeting.cashComputedMinor)}</Table.Td>
                        <Table.Td style={moneyCell}>{money(meeting.cashCountedMinor)}</Table.Td>
                        <Table.Td style={moneyCell} title={meeting.cashDifferenceExplanation ?? undefined}>
                          {meeting.cashDifferenceMinor === "0" ? "—" : money(meeting.cashDifferenceMinor)}
                        </Table.Td>
                        <Table.Td>
                          <Row gap="xs" wrap="nowrap">
                            <Anchor
                              size="sm"
                              href={
                                meeting.kind === "share_out"
                                  ? groupApi.shareOutSheet(meeting.id, locale)
                                  : groupApi.meetingSheet(meeting.id, locale)
                              }
                              target="_blank"
                            >
                              {t("groups.sheet")}
                            </Anchor>
                            {mayRecord && meeting.reversedAt === null && meeting.kind !== "share_out" && (
                              <Button
                                size="compact-sm"
                                variant="subtle"
                                color="red"
                                onClick={() => setReversing(meeting.id)}
                                aria-label={t("groups.reversal.askNamed", {
                                  date: formatPlainDate(meeting.heldOn, locale),
                                })}
                              >
                                {t("groups.reversal.ask")}
                              </Button>
                            )}
                          </Row>
                        </Table.Td>
                      </Table.Tr>
                      {reversing === meeting.id && (
                        <Table.Tr>
                          <Table.Td colSpan={6}>
                            <ReverseMeeting
                              meeting={meeting}
                              onDone={changed}
                              onCancel={() => setReversing(null)}
                            />
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </ResourceView>
    </Stack>
  );
}

/**
 * Asks to reverse a meeting with a reason. The last meeting is reversed at once (to be recorded again); an
 * older one waits for a second person's approval, and the screen says so.
 */
function ReverseMeeting({
  meeting,
  onDone,
  onCancel,
}: {
  readonly meeting: Meeting;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await request<{ status?: string }>(groupApi.reverseMeeting(meeting.id), {
        method: "POST",
        body: { reason: reason.trim() },
      });
      if (answer.status === "pending_approval") setPending(true);
      else onDone();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  if (pending)
    return (
      <Alert color="blue" role="status">
        {t("groups.reversal.pending")}
      </Alert>
    );
  return (
    <Stack gap="xs" component="form" onSubmit={(event: FormEvent) => void submit(event)}>
      <TextInput
        label={t("groups.reversal.reason")}
        description={t("groups.reversal.help")}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        required
        data-autofocus
      />
      {error !== null && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Row gap="sm">
        <Button type="submit" color="red" loading={busy} disabled={reason.trim() === ""}>
          {t("groups.reversal.confirm")}
        </Button>
        <Button variant="default" onClick={onCancel}>
          {t("groups.reversal.cancel")}
        </Button>
      </Row>
    </Stack>
  );
}
