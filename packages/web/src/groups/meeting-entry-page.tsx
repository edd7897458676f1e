import "@mantine/core/styles/Table.css";
import "@mantine/core/styles/SimpleGrid.css";
import "@mantine/core/styles/Checkbox.css";
import "./groups.css";
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  NativeSelect,
  Paper,
  Group as Row,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import {
  type AttendanceStatus,
  attendanceStatuses,
  type Bylaws,
  formatMoney,
  type InternalLoanState,
  type MeetingError,
  parseMoney,
  uuidV7,
} from "@moldir/domain";
import {
  type ChangeEvent,
  type KeyboardEvent,
  memo,
  type ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "wouter";
import { ApiError } from "../api/client";
import { type Resource, useApiRequest, useApiResource, useErrorMessage } from "../api/use-api";
import { formatPlainDate } from "../format";
import { useLocale } from "../i18n/use-locale";
import { PageHeader } from "../layout/page-header";
import { problem } from "../layout/problem";
import { ResourceView } from "../layout/resource-view";
import { todayPlainDate } from "../ledger/ledger-api";
import { GroupTrail, groupCurrency, memberName, moneyCell, useMoney } from "./group-parts";
import {
  activeMembers,
  bylawsOf,
  type Group,
  type GroupFundLoans,
  type GroupMember,
  groupApi,
  groupPaths,
  groupStateOf,
  type Meeting,
  openLoansFrom,
  type Passbook,
  useGroup,
  useMeetings,
} from "./groups-api";
import {
  type CashLineDraft,
  type DraftContext,
  type FundRepaymentDraft,
  fieldOf,
  fineNeedsNote,
  freshDraft,
  type InputProblem,
  type LoanLineDraft,
  loanOfMemberFrom,
  type MeetingDraft,
  type MemberLineDraft,
  placeOfRefusal,
  prefilledLine,
  previewMeeting,
  type RefusalPlace,
  readDraft,
  toRequest,
} from "./meeting-draft";

/** Recording a whole meeting of a group on one screen; the shell and the group routes checked the rights. */
export default function MeetingEntryPage() {
  const { groupId = "" } = useParams<{ groupId: string }>();
  const group = useGroup(groupId);
  const meetings = useMeetings(groupId);
  const openLoans = useOpenLoans(group.resource, meetings.resource);
  // The federation's loans are offered for repayment when they can be read; a failure to read them leaves the
  // section out and the rest of the meeting as it was.
  const fundLoans = useApiResource<GroupFundLoans>(groupApi.fundLoans(groupId));
  const ready = fundLoans.resource.status === "loading" ? fundLoans.resource : openLoans;
  const fundItems = fundLoans.resource.status === "loaded" ? fundLoans.resource.data.items : [];
  const reload = () => {
    group.reload();
    meetings.reload();
    fundLoans.reload();
  };
  return (
    <ResourceView resource={ready} onRetry={reload}>
      {({ group: loaded, loans }) => <MeetingEntry group={loaded} openLoans={loans} fundLoans={fundItems} />}
    </ResourceView>
  );
}

/**
 * The group and its open loans. The latest meetings name most loans; a member who still owes more than they
 * show (a loan from long ago) has her passbook read for the rest.
 */
function useOpenLoans(
  group: Resource<Group>,
  meetings: Resource<{ items: Meeting[] }>,
): Resource<{ group: Group; loans: InternalLoanState[] }> {
  const request = useApiRequest();
  const [resource, setResource] = useState<Resource<{ group: Group; loans: InternalLoanState[] }>>({
    status: "loading",
  });
  useEffect(() => {
    if (group.status === "failed") return setResource(group);
    if (meetings.status === "failed") return setResource(meetings);
    if (group.status !== "loaded" || meetings.status !== "loaded") return setResource({ status: "loading" });
    const controller = new AbortController();
    // A reversed meeting no longer counts: what it lent or repaid is undone.
    const oldestFirst = meetings.data.items
      .filter((meeting) => meeting.reversedAt === null)
      .sort((a, b) => a.heldOn.localeCompare(b.heldOn));
    const known = openLoansFrom(oldestFirst.flatMap((meeting) => meeting.movements));
    const missing = activeMembers(group.data).filter((member) => {
      const found = known
        .filter((loan) => loan.memberId === member.id)
        .reduce((total, loan) => total + loan.outstandingPrincipalMinor, 0n);
      return found !== BigInt(member.loansOutstandingMinor);
    });
    const read = async () => {
      const loans = known.filter((loan) => !missing.some((member) => member.id === loan.memberId));
      for (const member of missing) {
        const passbook = await request<Passbook>(groupApi.passbook(group.data.id, member.id), {
          signal: controller.signal,
        });
        loans.push(...openLoansFrom(passbook.lines.map((line) => ({ ...line, memberId: member.id }))));
      }
      return loans;
    };
    read().then(
      (loans) => setResource({ status: "loaded", data: { group: group.data, loans } }),
      (error: unknown) => {
        if (!controller.signal.aborted) setResource({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [group, meetings, request]);
  return resource;
}

function newMeetingId(): string {
  return uuidV7(Date.now(), crypto.getRandomValues(new Uint8Array(10)));
}

type Outcome = { readonly kind: "recorded"; readonly meeting: Meeting } | null;

interface ServerRefusal {
  readonly draft: MeetingDraft;
  readonly place: RefusalPlace;
  readonly message: string;
}

interface MeetingEntryProps {
  readonly group: Group;
  readonly openLoans: readonly InternalLoanState[];
  /** The group's open community fund loans, repayable from the meeting's cash. */
  readonly fundLoans?: GroupFundLoans["items"];
}

const noFundLoans: GroupFundLoans["items"] = [];

export function MeetingEntry({ group, openLoans, fundLoans = noFundLoans }: MeetingEntryProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const request = useApiRequest();
  const errorMessage = useErrorMessage();
  const bylaws = useMemo(() => bylawsOf(group.bylaws), [group.bylaws]);
  const members = useMemo(() => activeMembers(group), [group]);
  const state = useMemo(() => groupStateOf(group, openLoans), [group, openLoans]);
  const loanOfMember = useMemo(() => loanOfMemberFrom(openLoans), [openLoans]);
  const fundLoanOutstanding = useMemo(
    () => new Map(fundLoans.map((loan) => [loan.id, BigInt(loan.outstandingMinor)])),
    [fundLoans],
  );
  const context: DraftContext = useMemo(
    () => ({
      bylaws,
      currency: groupCurrency,
      locale,
      loanOfMember,
      lastMeetingOn: group.lastMeetingOn,
      fundLoanOutstanding,
    }),
    [bylaws, locale, loanOfMember, group.lastMeetingOn, fundLoanOutstanding],
  );
  // The id is made once, when the screen opens: every send of this meeting carries it.
  const [draft, setDraft] = useState<MeetingDraft>(() => ({
    ...freshDraft(
      newMeetingId(),
      todayPlainDate(),
      members.map((member) => member.id),
      context,
    ),
    fundRepayments: fundLoans.map((loan) => ({ fundLoanId: loan.id, principalText: "", interestText: "" })),
  }));
  const [isSending, setIsSending] = useState(false);
  const isSendingRef = useRef(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [serverRefusal, setServerRefusal] = useState<ServerRefusal | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const nextKey = useRef(1);

  const read = useMemo(() => readDraft(draft, context), [draft, context]);
  const preview = useMemo(
    () => (read.command === null ? null : previewMeeting(state, bylaws, read.command)),
    [read.command, state, bylaws],
  );
  const cashCountedMinor = useMemo(() => {
    const parsed = parseMoney(draft.cashCountedText, groupCurrency, locale);
    return draft.cashCountedText.trim() !== "" && parsed.ok ? parsed.value : null;
  }, [draft.cashCountedText, locale]);
  const differenceMinor =
    preview?.cashComputedMinor != null && cashCountedMinor !== null
      ? cashCountedMinor - preview.cashComputedMinor
      : null;

  const refusal = useMemo(() => {
    if (preview === null || preview.decision.ok) return null;
    // Before the cash is counted there is no difference to explain yet.
    if (preview.decision.code === "cash_difference_must_be_explained" && cashCountedMinor === null)
      return null;
    return {
      code: preview.decision.code,
      details: preview.decision.details,
      place: placeOfRefusal(preview.decision.details, draft, loanOfMember),
    };
  }, [preview, draft, loanOfMember, cashCountedMinor]);
  const refusalText = (code: MeetingError, details: Readonly<Record<string, unknown>>) =>
    t(`groups.refusals.${code}`, {
      max: typeof details["maxMinor"] === "string" ? money(details["maxMinor"]) : "",
      available: typeof details["availableMinor"] === "string" ? money(details["availableMinor"]) : "",
      outstanding: typeof details["outstandingMinor"] === "string" ? money(details["outstandingMinor"]) : "",
      maxShares: String(details["maxShares"] ?? bylaws.maxSharesPerMeeting),
      maxTerm: String(details["maxTermMonths"] ?? bylaws.loanTermMonthsMax),
    });
  const activeServerRefusal = serverRefusal?.draft === draft ? serverRefusal : null;
  const messageAt = (matches: (place: RefusalPlace) => boolean): string | undefined => {
    if (activeServerRefusal !== null && matches(activeServerRefusal.place))
      return activeServerRefusal.message;
    if (refusal !== null && matches(refusal.place)) return refusalText(refusal.code, refusal.details);
    return undefined;
  };
  const problemText = (field: string): string | undefined => {
    const code: InputProblem | undefined = read.problems.get(field);
    return code === undefined ? undefined : t(`groups.meeting.problems.${code}`);
  };

  const changeMember = useCallback(
    (memberId: string, patch: Partial<MemberLineDraft>) =>
      setDraft((current) => ({
        ...current,
        members: current.members.map((line) => (line.memberId === memberId ? { ...line, ...patch } : line)),
      })),
    [],
  );
  const changeStatus = useCallback(
    (memberId: string, status: AttendanceStatus) =>
      setDraft((current) => ({
        ...current,
        members: current.members.map((line) =>
          line.memberId === memberId
            ? {
                ...prefilledLine(memberId, status, bylaws, groupCurrency, locale),
                principalText: line.principalText,
                interestText: line.interestText,
              }
            : line,
        ),
      })),
    [bylaws, locale],
  );
  const change = (patch: Partial<MeetingDraft>) => setDraft((current) => ({ ...current, ...patch }));

  const send = async () => {
    if (read.command === null || read.problems.size > 0 || isSendingRef.current) return;
    isSendingRef.current = true;
    setIsSending(true);
    setSendError(null);
    const sentDraft = draft;
    try {
      const meeting = await request<Meeting>(groupApi.meetings(group.id), {
        method: "POST",
        body: toRequest(read.command, draft),
      });
      setOutcome({ kind: "recorded", meeting });
    } catch (caught) {
      const message = errorMessage(caught);
      const place =
        caught instanceof ApiError && caught.status === 422
          ? placeOfRefusal(caught.details, sentDraft, loanOfMember)
          : ({ kind: "form" } as const);
      if (place.kind === "form") setSendError(message);
      else setServerRefusal({ draft: sentDraft, place, message });
    } finally {
      isSendingRef.current = false;
      setIsSending(false);
    }
  };

  if (outcome !== null) {
    return (
      <Stack gap="md">
        <GroupTrail groupId={group.id} groupName={group.name} />
        <PageHeader title={t("groups.meeting.title")} />
        <Alert color="green" role="status" title={t("groups.meeting.recorded")}>
          {t("groups.meeting.recordedText", {
            date: outcome.meeting.heldOn,
            cash: money(outcome.meeting.cashCountedMinor),
          })}
        </Alert>
        <Row>
          <Button component={Link} href={groupPaths.group(group.id)}>
            {t("groups.meeting.backToGroup")}
          </Button>
        </Row>
      </Stack>
    );
  }

  const blockers = [
    ...new Set([
      ...[...read.problems.values()].map((code) => t(`groups.meeting.problems.${code}`)),
      ...(refusal === null ? [] : [refusalText(refusal.code, refusal.details)]),
    ]),
  ];
  const canSend = read.command !== null && read.problems.size === 0 && refusal === null && !isSending;
  const memberById = new Map(members.map((member) => [member.id, member]));

  return (
    <Stack gap="md">
      <GroupTrail groupId={group.id} groupName={group.name} />
      <PageHeader title={t("groups.meeting.title")} description={t("groups.meeting.description")} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <TextInput
          type="date"
          label={t("groups.meeting.heldOn")}
          required
          value={draft.heldOn}
          onChange={(event) => change({ heldOn: event.currentTarget.value })}
          {...problem(problemText("heldOn"))}
        />
        <Stat label={t("groups.cash")} value={money(group.cashMinor)} />
        <Stat label={t("groups.socialFund")} value={money(group.socialFundMinor)} />
      </SimpleGrid>

      <MemberTable
        members={members}
        lines={draft.members}
        bylaws={bylaws}
        loanOfMember={loanOfMember}
        onChange={changeMember}
        onStatus={changeStatus}
        problemText={problemText}
        messageFor={(memberId) =>
          messageAt((place) => place.kind === "member" && place.memberId === memberId)
        }
      />

      <LoanLines
        lines={draft.loans}
        members={members}
        maxTermMonths={bylaws.loanTermMonthsMax}
        problemText={problemText}
        messageFor={(key) => messageAt((place) => place.kind === "loan" && place.key === key)}
        onChange={(loans) => change({ loans })}
        onAdd={() => {
          nextKey.current += 1;
          change({
            loans: [
              ...draft.loans,
              {
                key: nextKey.current,
                loanId: newMeetingId(),
                memberId: null,
                amountText: "",
                termText: String(bylaws.loanTermMonthsMax),
              },
            ],
          });
        }}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CashLines
          kind="income"
          lines={draft.otherIncome}
          problemText={problemText}
          onChange={(otherIncome) => change({ otherIncome })}
          onAdd={() => {
            nextKey.current += 1;
            change({
              otherIncome: [...draft.otherIncome, { key: nextKey.current, description: "", amountText: "" }],
            });
          }}
        />
        <CashLines
          kind="expense"
          lines={draft.expenses}
          problemText={problemText}
          onChange={(expenses) => change({ expenses })}
          onAdd={() => {
            nextKey.current += 1;
            change({
              expenses: [...draft.expenses, { key: nextKey.current, description: "", amountText: "" }],
            });
          }}
        />
      </SimpleGrid>
      {fundLoans.length > 0 && (
        <FundRepaymentLines
          loans={fundLoans}
          lines={draft.fundRepayments}
          problemText={problemText}
          onChange={(fundRepayments) => change({ fundRepayments })}
        />
      )}

      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("groups.meeting.cashTitle")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Stat
              label={t("groups.meeting.cashComputed")}
              value={preview?.cashComputedMinor == null ? "—" : money(preview.cashComputedMinor)}
              testId="cash-computed"
            />
            <TextInput
              label={t("groups.meeting.cashCounted")}
              required
              inputMode="decimal"
              value={draft.cashCountedText}
              onChange={(event) => change({ cashCountedText: event.currentTarget.value })}
              {...problem(
                // Not counted yet is said once, in the list before the button; a typing error, here.
                (draft.cashCountedText.trim() === "" ? undefined : problemText("cashCounted")) ??
                  messageAt((place) => place.kind === "cash"),
              )}
            />
            <Stat
              label={t("groups.meeting.cashDifference")}
              value={differenceMinor === null ? "—" : money(differenceMinor)}
              testId="cash-difference"
              color={differenceMinor !== null && differenceMinor !== 0n ? "red" : undefined}
            />
          </SimpleGrid>
          {differenceMinor !== null && differenceMinor !== 0n && (
            <Textarea
              label={t("groups.meeting.differenceExplanation")}
              description={t("groups.meeting.differenceExplanationHint")}
              required
              autosize
              minRows={2}
              maxLength={1000}
              value={draft.cashDifferenceExplanation}
              onChange={(event) => change({ cashDifferenceExplanation: event.currentTarget.value })}
            />
          )}
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={2} size="h5">
            {t("groups.meeting.leavingTitle")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("groups.meeting.leavingHelp")}
          </Text>
          <Row gap="md">
            {members.map((member) => (
              <Checkbox
                key={member.id}
                label={memberName(member.person)}
                aria-label={t("groups.meeting.leavesNamed", { name: memberName(member.person) })}
                checked={draft.leaving.includes(member.id)}
                onChange={(event) => {
                  const leaves = event.currentTarget.checked;
                  setDraft((current) => ({
                    ...current,
                    leaving: leaves
                      ? [...current.leaving, member.id]
                      : current.leaving.filter((id) => id !== member.id),
                  }));
                }}
              />
            ))}
          </Row>
        </Stack>
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Textarea
          label={t("groups.meeting.decisions")}
          autosize
          minRows={2}
          maxLength={5000}
          value={draft.decisions}
          onChange={(event) => change({ decisions: event.currentTarget.value })}
        />
        <Textarea
          label={t("groups.meeting.minutes")}
          autosize
          minRows={2}
          maxLength={10000}
          value={draft.minutes}
          onChange={(event) => change({ minutes: event.currentTarget.value })}
        />
      </SimpleGrid>

      {blockers.length > 0 && (
        <Alert color="yellow" title={t("groups.meeting.blockersTitle")}>
          <Stack gap={2} component="ul" m={0} pl="md">
            {blockers.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </Stack>
        </Alert>
      )}
      {activeServerRefusal !== null && (
        <Alert color="red" role="alert">
          {activeServerRefusal.place.kind === "member"
            ? `${memberName(
                memberById.get(activeServerRefusal.place.memberId)?.person ?? { surname: "", givenName: "" },
              )}: ${activeServerRefusal.message}`
            : activeServerRefusal.message}
        </Alert>
      )}
      {sendError !== null && (
        <Alert color="red" role="alert">
          {sendError}
        </Alert>
      )}
      <Row>
        <Button onClick={() => void send()} disabled={!canSend} loading={isSending}>
          {t("groups.meeting.send")}
        </Button>
      </Row>
    </Stack>
  );
}

function Stat({
  label,
  value,
  testId,
  color,
}: {
  readonly label: string;
  readonly value: string;
  readonly testId?: string;
  readonly color?: string;
}) {
  return (
    <div>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text fz="lg" fw={600} style={moneyCell} ta="left" data-testid={testId} c={color}>
        {value}
      </Text>
    </div>
  );
}

/**
 * Enter moves to the next field, as Tab does; the arrows up and down move to the same column of the row
 * above or below. Radio buttons of a row count once (the chosen one), as Tab treats them.
 */
function moveFocus(event: KeyboardEvent<HTMLElement>) {
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  const container = event.currentTarget;
  if (event.key === "Enter") {
    const fields = [...container.querySelectorAll<HTMLInputElement>("input")].filter(
      (input) => !input.disabled && (input.type !== "radio" || input.checked),
    );
    const next = fields[fields.indexOf(target) + 1];
    event.preventDefault();
    next?.focus();
    return;
  }
  if ((event.key === "ArrowDown" || event.key === "ArrowUp") && target.type !== "radio") {
    const column = target.dataset["col"];
    const row = target.closest("tr");
    const sibling = event.key === "ArrowDown" ? row?.nextElementSibling : row?.previousElementSibling;
    const input = sibling?.querySelector<HTMLInputElement>(`input[data-col="${column ?? ""}"]`);
    if (column === undefined || input == null) return;
    event.preventDefault();
    input.focus();
  }
}

/** Typing over a prefilled amount replaces it. */
const selectOnFocus = (event: { currentTarget: HTMLInputElement }) => event.currentTarget.select();

interface MemberTableProps {
  readonly members: readonly GroupMember[];
  readonly lines: readonly MemberLineDraft[];
  readonly bylaws: Bylaws;
  readonly loanOfMember: ReadonlyMap<string, InternalLoanState>;
  readonly onChange: (memberId: string, patch: Partial<MemberLineDraft>) => void;
  readonly onStatus: (memberId: string, status: AttendanceStatus) => void;
  readonly problemText: (field: string) => string | undefined;
  readonly messageFor: (memberId: string) => string | undefined;
}

function MemberTable({
  members,
  lines,
  bylaws,
  loanOfMember,
  onChange,
  onStatus,
  problemText,
  messageFor,
}: MemberTableProps) {
  const { t } = useTranslation();
  const isVsla = bylaws.methodology === "vsla";
  const memberById = useMemo(() => new Map(members.map((member) => [member.id, member])), [members]);
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing={4} aria-label={t("groups.meeting.membersTable")} onKeyDown={moveFocus}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("groups.member")}</Table.Th>
            <Table.Th>{t("groups.meeting.attendance")}</Table.Th>
            <Table.Th style={moneyCell}>
              {isVsla ? t("groups.meeting.shares") : t("groups.meeting.savings")}
            </Table.Th>
            <Table.Th style={moneyCell}>{t("groups.meeting.social")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.meeting.fine")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.meeting.principal")}</Table.Th>
            <Table.Th style={moneyCell}>{t("groups.meeting.interest")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => {
            const member = memberById.get(line.memberId);
            if (member === undefined) return null;
            const field = (column: string) => problemText(fieldOf.member(line.memberId, column));
            return (
              <MemberRow
                key={line.memberId}
                member={member}
                line={line}
                bylaws={bylaws}
                loan={loanOfMember.get(line.memberId)}
                onChange={onChange}
                onStatus={onStatus}
                message={messageFor(line.memberId)}
                savingsProblem={field("savings")}
                sharesProblem={field("shares")}
                socialProblem={field("social")}
                fineProblem={field("fine")}
                principalProblem={field("principal")}
                interestProblem={field("interest")}
              />
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

interface MemberRowProps {
  readonly member: GroupMember;
  readonly line: MemberLineDraft;
  readonly bylaws: Bylaws;
  readonly loan: InternalLoanState | undefined;
  readonly onChange: (memberId: string, patch: Partial<MemberLineDraft>) => void;
  readonly onStatus: (memberId: string, status: AttendanceStatus) => void;
  readonly message: string | undefined;
  readonly savingsProblem: string | undefined;
  readonly sharesProblem: string | undefined;
  readonly socialProblem: string | undefined;
  readonly fineProblem: string | undefined;
  readonly principalProblem: string | undefined;
  readonly interestProblem: string | undefined;
}

/**
 * One member's line. Memoized on plain props: a keystroke re-renders the row typed in, not the other 24.
 */
const MemberRow = memo(function MemberRow({
  member,
  line,
  bylaws,
  loan,
  onChange,
  onStatus,
  message,
  savingsProblem,
  sharesProblem,
  socialProblem,
  fineProblem,
  principalProblem,
  interestProblem,
}: MemberRowProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const name = memberName(member.person);
  const id = line.memberId;
  const text = (column: keyof MemberLineDraft) => (event: ChangeEvent<HTMLInputElement>) =>
    onChange(id, { [column]: event.currentTarget.value });
  const saved = parseMoney(line.savingsText, groupCurrency, locale);
  const needsNote =
    bylaws.methodology === "shg" &&
    line.savingsText.trim() !== "" &&
    saved.ok &&
    saved.value > 0n &&
    saved.value !== bylaws.savingsPerMeetingMinor;
  const social = parseMoney(line.socialText, groupCurrency, locale);
  const needsSocialNote = social.ok && social.value > 0n && social.value !== bylaws.socialFundPerMeetingMinor;
  const fined = parseMoney(line.fineText, groupCurrency, locale);
  const needsFineNote =
    fined.ok && fineNeedsNote(bylaws, line.status === "absent" ? "absent" : "late", fined.value);
  const input = (
    column: "savingsText" | "sharesText" | "socialText" | "fineText" | "principalText" | "interestText",
    label: string,
    error: string | undefined,
    extra: ReactNode = null,
  ) => (
    <Table.Td>
      <TextInput
        size="xs"
        w={110}
        ml="auto"
        inputMode={column === "sharesText" ? "numeric" : "decimal"}
        aria-label={`${label}, ${name}`}
        data-col={column}
        styles={{ input: { textAlign: "right" } }}
        value={line[column]}
        onChange={text(column)}
        onFocus={selectOnFocus}
        disabled={(column === "principalText" || column === "interestText") && loan === undefined}
        {...problem(error)}
      />
      {extra}
    </Table.Td>
  );
  return (
    <Table.Tr data-member={id} aria-invalid={message !== undefined ? true : undefined}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {name}
        </Text>
        {loan !== undefined && (
          <Text size="xs" c="dimmed">
            {t("groups.meeting.owes", { amount: money(loan.outstandingPrincipalMinor) })}
          </Text>
        )}
        {message !== undefined && (
          <Text size="xs" c="red" data-testid="row-refusal">
            {message}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Row
          gap={4}
          wrap="nowrap"
          role="radiogroup"
          aria-label={`${t("groups.meeting.attendance")}, ${name}`}
        >
          {attendanceStatuses.map((status) => (
            <label key={status} className="moldir-attendance" title={t(`groups.attendance.${status}`)}>
              <input
                type="radio"
                name={`attendance-${id}`}
                value={status}
                checked={line.status === status}
                onChange={() => onStatus(id, status)}
                aria-label={t(`groups.attendance.${status}`)}
              />
              <span aria-hidden>{t(`groups.attendanceShort.${status}`)}</span>
            </label>
          ))}
        </Row>
      </Table.Td>
      {bylaws.methodology === "vsla"
        ? input("sharesText", t("groups.meeting.shares"), sharesProblem)
        : input(
            "savingsText",
            t("groups.meeting.savings"),
            savingsProblem,
            needsNote ? (
              <TextInput
                size="xs"
                mt={4}
                w={160}
                ml="auto"
                placeholder={t("groups.meeting.savingsNote")}
                aria-label={`${t("groups.meeting.savingsNote")}, ${name}`}
                value={line.savingsNote}
                onChange={text("savingsNote")}
              />
            ) : null,
          )}
      {input(
        "socialText",
        t("groups.meeting.social"),
        socialProblem,
        needsSocialNote ? (
          <TextInput
            size="xs"
            mt={4}
            w={160}
            ml="auto"
            placeholder={t("groups.meeting.socialNote")}
            aria-label={`${t("groups.meeting.socialNote")}, ${name}`}
            value={line.socialNote}
            onChange={text("socialNote")}
          />
        ) : null,
      )}
      {input(
        "fineText",
        t("groups.meeting.fine"),
        fineProblem,
        needsFineNote ? (
          <TextInput
            size="xs"
            mt={4}
            w={160}
            ml="auto"
            placeholder={t("groups.meeting.fineNote")}
            aria-label={`${t("groups.meeting.fineNote")}, ${name}`}
            value={line.fineNote}
            onChange={text("fineNote")}
          />
        ) : null,
      )}
      {input("principalText", t("groups.meeting.principal"), principalProblem)}
      {input("interestText", t("groups.meeting.interest"), interestProblem)}
    </Table.Tr>
  );
});

interface LoanLinesProps {
  readonly lines: readonly LoanLineDraft[];
  readonly members: readonly GroupMember[];
  readonly maxTermMonths: number;
  readonly problemText: (field: string) => string | undefined;
  readonly messageFor: (key: number) => string | undefined;
  readonly onChange: (lines: LoanLineDraft[]) => void;
  readonly onAdd: () => void;
}

function LoanLines({
  lines,
  members,
  maxTermMonths,
  problemText,
  messageFor,
  onChange,
  onAdd,
}: LoanLinesProps) {
  const { t } = useTranslation();
  const update = (key: number, patch: Partial<LoanLineDraft>) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" onKeyDown={moveFocus}>
        <Title order={2} size="h4">
          {t("groups.meeting.newLoans")}
        </Title>
        {lines.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("groups.meeting.noNewLoans", { months: maxTermMonths })}
          </Text>
        )}
        {lines.map((line, index) => {
          const message = messageFor(line.key);
          return (
            <Stack key={line.key} gap={2}>
              <Row gap="sm" align="flex-end" wrap="wrap">
                <NativeSelect
                  label={t("groups.meeting.loanMember", { line: index + 1 })}
                  data={[
                    { value: "", label: "—" },
                    ...members.map((member) => ({ value: member.id, label: memberName(member.person) })),
                  ]}
                  value={line.memberId ?? ""}
                  onChange={(event) => update(line.key, { memberId: event.currentTarget.value || null })}
                  {...problem(problemText(fieldOf.loan(line.key, "member")))}
                />
                <TextInput
                  label={t("groups.meeting.loanAmount", { line: index + 1 })}
                  inputMode="decimal"
                  w={140}
                  value={line.amountText}
                  onChange={(event) => update(line.key, { amountText: event.currentTarget.value })}
                  {...problem(problemText(fieldOf.loan(line.key, "amount")) ?? message)}
                />
                <TextInput
                  label={t("groups.meeting.loanTerm", { line: index + 1 })}
                  inputMode="numeric"
                  w={110}
                  value={line.termText}
                  onChange={(event) => update(line.key, { termText: event.currentTarget.value })}
                  {...problem(problemText(fieldOf.loan(line.key, "term")))}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  aria-label={t("groups.meeting.removeLoan", { line: index + 1 })}
                  onClick={() => onChange(lines.filter((candidate) => candidate.key !== line.key))}
                >
                  ×
                </ActionIcon>
              </Row>
            </Stack>
          );
        })}
        <Row>
          <Button variant="light" size="xs" onClick={onAdd}>
            {t("groups.meeting.addLoan")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}

interface CashLinesProps {
  readonly kind: "income" | "expense";
  readonly lines: readonly CashLineDraft[];
  readonly problemText: (field: string) => string | undefined;
  readonly onChange: (lines: CashLineDraft[]) => void;
  readonly onAdd: () => void;
}

function CashLines({ kind, lines, problemText, onChange, onAdd }: CashLinesProps) {
  const { t } = useTranslation();
  const fieldFor = kind === "income" ? fieldOf.income : fieldOf.expense;
  const update = (key: number, patch: Partial<CashLineDraft>) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" onKeyDown={moveFocus}>
        <Title order={2} size="h4">
          {kind === "income" ? t("groups.meeting.otherIncome") : t("groups.meeting.expenses")}
        </Title>
        {lines.map((line, index) => (
          <Row key={line.key} gap="sm" align="flex-end" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              label={t("groups.meeting.lineDescription", { line: index + 1 })}
              maxLength={200}
              value={line.description}
              onChange={(event) => update(line.key, { description: event.currentTarget.value })}
              {...problem(problemText(fieldFor(line.key, "description")))}
            />
            <TextInput
              w={130}
              label={t("groups.meeting.lineAmount", { line: index + 1 })}
              inputMode="decimal"
              value={line.amountText}
              onChange={(event) => update(line.key, { amountText: event.currentTarget.value })}
              {...problem(problemText(fieldFor(line.key, "amount")))}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={4}
              aria-label={t("groups.meeting.removeLine", { line: index + 1 })}
              onClick={() => onChange(lines.filter((candidate) => candidate.key !== line.key))}
            >
              ×
            </ActionIcon>
          </Row>
        ))}
        <Row>
          <Button variant="light" size="xs" onClick={onAdd}>
            {kind === "income" ? t("groups.meeting.addIncome") : t("groups.meeting.addExpense")}
          </Button>
        </Row>
      </Stack>
    </Paper>
  );
}

interface FundRepaymentLinesProps {
  readonly loans: GroupFundLoans["items"];
  readonly lines: readonly FundRepaymentDraft[];
  readonly problemText: (field: string) => string | undefined;
  readonly onChange: (lines: FundRepaymentDraft[]) => void;
}

/**
 * The group repays its federation from the box: one line per open fund loan, with what it owes, what is late and
 * the next installment, and a button that fills in what is due (the arrears, or else the next installment).
 */
function FundRepaymentLines({ loans, lines, problemText, onChange }: FundRepaymentLinesProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const money = useMoney();
  const plain = (amount: bigint) =>
    amount === 0n ? "" : formatMoney(amount, groupCurrency, locale, { symbol: false });
  const update = (fundLoanId: string, patch: Partial<FundRepaymentDraft>) =>
    onChange(lines.map((line) => (line.fundLoanId === fundLoanId ? { ...line, ...patch } : line)));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm" onKeyDown={moveFocus}>
        <Title order={2} size="h4">
          {t("groups.fundRepayments.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("groups.fundRepayments.help")}
        </Text>
        {loans.map((loan) => {
          const line = lines.find((candidate) => candidate.fundLoanId === loan.id);
          if (line === undefined) return null;
          const date = formatPlainDate(loan.disbursedOn, locale);
          const isLate = loan.arrearsMinor !== "0" || loan.interestArrearsMinor !== "0";
          const duePrincipal = isLate
            ? BigInt(loan.arrearsMinor)
            : BigInt(loan.nextDue?.principalMinor ?? "0");
          const dueInterest = isLate
            ? BigInt(loan.interestArrearsMinor)
            : BigInt(loan.nextDue?.interestMinor ?? "0");
          return (
            <Stack key={loan.id} gap={4} data-testid="fund-loan">
              <Text fw={500}>
                {t("groups.fundRepayments.loan", {
                  fund: t(`groups.fundRepayments.funds.${loan.fund}`),
                  node: loan.nodeName,
                  date,
                })}
              </Text>
              <Text size="sm">
                {t("groups.fundRepayments.outstanding", { amount: money(loan.outstandingMinor) })}
                {isLate &&
                  ` · ${t("groups.fundRepayments.arrears", {
                    amount: money(BigInt(loan.arrearsMinor) + BigInt(loan.interestArrearsMinor)),
                    days: loan.daysPastDue,
                  })}`}
                {loan.nextDue !== null &&
                  ` · ${t("groups.fundRepayments.nextDue", {
                    amount: money(BigInt(loan.nextDue.principalMinor) + BigInt(loan.nextDue.interestMinor)),
                    date: formatPlainDate(loan.nextDue.dueOn, locale),
                  })}`}
              </Text>
              <Row gap="sm" align="flex-end" wrap="wrap">
                <TextInput
                  w={170}
                  label={t("groups.fundRepayments.principal", { date })}
                  inputMode="decimal"
                  value={line.principalText}
                  onChange={(event) => update(loan.id, { principalText: event.currentTarget.value })}
                  {...problem(problemText(fieldOf.fund(loan.id, "principal")))}
                />
                <TextInput
                  w={170}
                  label={t("groups.fundRepayments.interest", { date })}
                  inputMode="decimal"
                  value={line.interestText}
                  onChange={(event) => update(loan.id, { interestText: event.currentTarget.value })}
                  {...problem(problemText(fieldOf.fund(loan.id, "interest")))}
                />
                <Button
                  variant="light"
                  size="xs"
                  mb={4}
                  disabled={duePrincipal + dueInterest === 0n}
                  onClick={() =>
                    update(loan.id, { principalText: plain(duePrincipal), interestText: plain(dueInterest) })
                  }
                >
                  {t("groups.fundRepayments.fillDue")}
                </Button>
              </Row>
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}
