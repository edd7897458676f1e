/**
 * Writes a plan through the application's API, as the association's staff would: each woman registered with her
 * IIN and her consent to membership, her household with her children, each group formed with its bylaws and
 * joined by its members, every meeting recorded with the RecordMeeting command (so the group's books are
 * posted by the posting service and balance by construction), groups of the federation's villages joined to
 * their village organizations, and trainings attended by groups' members.
 */
import { addDays, defaultFundRules, type FundRules, type PlainDate, plainDate } from "@moldir/domain";
import type { Api } from "./api";
import type { MeetingBody } from "./meetings";
import { memberKey, type Plan } from "./plan";
import { apiRegistry, type Registry } from "./registry";

export interface AppliedCounts {
  readonly persons: number;
  readonly households: number;
  readonly groups: number;
  readonly members: number;
  readonly meetings: number;
  readonly federationGroups: number;
  readonly fundLoans: number;
  /** Installments of community fund loans repaid at meetings. */
  readonly fundRepayments: number;
  readonly trainingParticipants: number;
}

/** A group with this many meetings borrows before its last ones, and repays at up to `fundRepaymentMeetingsMax`. */
const fundLoanMeetingsMin = 4;
const fundRepaymentMeetingsMax = 5;

interface FundLoanAnswer {
  readonly id: string;
  readonly principalMinor: string;
  readonly schedule: { dueOn: string; principalMinor: string; interestMinor: string }[];
}

/** The fund loan's installments due by a meeting's day and not paid yet, as one line of the meeting. */
function fundLinesDue(
  loan: FundLoanAnswer,
  on: PlainDate,
): { fundLoanId: string; principalMinor: string; interestMinor: string; dueOn: string }[] {
  const due = loan.schedule.filter((row) => row.dueOn <= on);
  if (due.length === 0) return [];
  const sum = (pick: (row: (typeof due)[number]) => string) =>
    due.reduce((n, row) => n + BigInt(pick(row)), 0n);
  return [
    {
      fundLoanId: loan.id,
      principalMinor: sum((r) => r.principalMinor).toString(),
      interestMinor: sum((r) => r.interestMinor).toString(),
      dueOn: (due.at(-1) as (typeof due)[number]).dueOn,
    },
  ];
}

/** Drops the installments paid (those due by `through`) from the loan's schedule kept here. */
function paidFundInstallments(loan: FundLoanAnswer, through: string): void {
  loan.schedule.splice(0, loan.schedule.filter((row) => row.dueOn <= through).length);
}

export interface ApplyOptions {
  /** How people and memberships are registered: through the API (the default) or with set-based SQL. */
  readonly registry?: Registry;
  /** The facilitator named on every group. */
  readonly facilitatorUserId?: string | null;
  /**
   * Federation nodes by village name: a group of that village joins the node; where the node `lends` from its
   * community investment fund, the group borrows from it after its last meeting (a credit plan for three members).
   */
  readonly nodesByVillage?: ReadonlyMap<string, { id: string; formedOn: string; lends: boolean }>;
  /** Filled with the ids of the people registered, by the plan's person keys (for the projects that follow). */
  readonly personIds?: Map<string, string>;
}

/** The meeting with the plan's member keys replaced by the members' ids. */
function withMemberIds(body: MeetingBody, ids: ReadonlyMap<string, string>): MeetingBody {
  const id = (key: string) => ids.get(key) ?? key;
  return {
    ...body,
    attendance: body.attendance.map((l) => ({ ...l, memberId: id(l.memberId) })),
    savings: body.savings.map((l) => ({ ...l, memberId: id(l.memberId) })),
    shares: body.shares.map((l) => ({ ...l, memberId: id(l.memberId) })),
    socialFund: body.socialFund.map((l) => ({ ...l, memberId: id(l.memberId) })),
    loansDisbursed: body.loansDisbursed.map((l) => ({ ...l, memberId: id(l.memberId) })),
    fines: body.fines.map((l) => ({ ...l, memberId: id(l.memberId) })),
    exits: body.exits.map((l) => ({ memberId: id(l.memberId) })),
  };
}

export async function applyPlan(api: Api, plan: Plan, options: ApplyOptions = {}): Promise<AppliedCounts> {
  const personIds = options.personIds ?? new Map<string, string>();
  const groupIds = new Map<string, string>();
  const counts = {
    persons: 0,
    households: 0,
    groups: 0,
    members: 0,
    meetings: 0,
    federationGroups: 0,
    fundLoans: 0,
    fundRepayments: 0,
    trainingParticipants: 0,
  };
  const householdsByKey = new Map(plan.households.map((h) => [h.key, h]));
  const registry = options.registry ?? apiRegistry(api);
  for (const group of plan.groups) {
    const households = group.householdKeys.flatMap((key) => householdsByKey.get(key) ?? []);
    // Each woman consents to membership a week before the group is formed.
    const ids = await registry.registerHouseholds(households, addDays(group.formedOn, -7));
    for (const [key, id] of ids) personIds.set(key, id);
    counts.persons += ids.size;
    counts.households += households.length;
    const created = await api<{ id: string }>("POST", "/api/v1/groups", {
      name: group.name,
      methodology: group.methodology,
      regionId: group.village.regionId,
      village: group.village.name,
      meetingPlace: `${group.village.name}, ауылдық клуб`,
      frequency: group.frequency,
      meetingDay: Number(group.formedOn.slice(8, 10)),
      facilitatorUserId: options.facilitatorUserId ?? null,
      formedOn: group.formedOn,
      bylaws: group.bylaws,
    });
    groupIds.set(group.key, created.id);
    counts.groups += 1;
    const joined = await registry.joinGroup(
      created.id,
      households.map((h) => personIds.get(h.woman.key) ?? ""),
      group.formedOn,
    );
    const memberIds = new Map(joined.map((id, index) => [memberKey(group.key, index), id]));
    counts.members += joined.length;
    const node = options.nodesByVillage?.get(group.village.name);
    if (node !== undefined) {
      // The later of the two: a group joins once both it and the node exist.
      const [joinedOn] = [group.formedOn, node.formedOn].sort().reverse();
      await api("POST", `/api/v1/federation-nodes/${node.id}/groups`, { groupId: created.id, joinedOn });
      counts.federationGroups += 1;
    }
    // A group of a lending village borrows from its community investment fund after its third meeting or the
    // sixth before its last, whichever is later (after its last, when its history is short), and repays the
    // installments due at its next meetings.
    const borrowsAfter =
      node?.lends === true && group.meetings.length > 0
        ? group.meetings.length >= fundLoanMeetingsMin
          ? Math.max(2, group.meetings.length - fundRepaymentMeetingsMax - 1)
          : group.meetings.length - 1
        : null;
    let fundLoan: FundLoanAnswer | null = null;
    let fundCashMinor = 0n;
    for (const [index, meeting] of group.meetings.entries()) {
      const fundRepayments = fundLoan === null ? [] : fundLinesDue(fundLoan, plainDate(meeting.heldOn));
      for (const line of fundRepayments)
        fundCashMinor -= BigInt(line.principalMinor) + BigInt(line.interestMinor);
      if (fundLoan !== null) {
        for (const line of fundRepayments) paidFundInstallments(fundLoan, line.dueOn);
      }
      const body = withMemberIds(meeting, memberIds);
      await api("POST", `/api/v1/groups/${created.id}/meetings`, {
        ...body,
        // The cash the group counts holds what is left of the fund loan, beside its own money.
        cashCountedMinor: (BigInt(body.cashCountedMinor) + fundCashMinor).toString(),
        fundRepayments: fundRepayments.map(({ dueOn: _dueOn, ...line }) => line),
      });
      counts.meetings += 1;
      counts.fundRepayments += fundRepayments.length;
      if (node !== undefined && index === borrowsAfter) {
        const loanDay = plainDate(meeting.heldOn);
        await openFundFor(api, node.id, loanDay);
        fundLoan = await borrowFromFund(
          api,
          node.id,
          created.id,
          [...memberIds.values()].slice(0, 3),
          loanDay,
        );
        fundCashMinor += BigInt(fundLoan.principalMinor);
        counts.fundLoans += 1;
      }
    }
  }
  counts.trainingParticipants = await applyTrainings(api, plan, groupIds, personIds, householdsByKey);
  return counts;
}

/**
 * The village organization opens its community investment fund to young groups (any grade, two months of
 * regular meetings) for the day of the loan, and lends by its usual rules again from the next day.
 */
async function openFundFor(api: Api, nodeId: string, on: PlainDate): Promise<void> {
  const rulesFrom = (effectiveFrom: PlainDate, rules: FundRules) =>
    api("PUT", `/api/v1/federation-nodes/${nodeId}/fund-rules`, {
      fund: "cif",
      effectiveFrom,
      rules: { ...rules, amountMaxMinor: rules.amountMaxMinor.toString() },
    });
  await rulesFrom(on, { ...defaultFundRules, allowedGrades: ["A", "B", "C"], regularMonthsMin: 2 });
  await rulesFrom(addDays(on, 1), defaultFundRules);
}

/** A credit plan for members' small businesses, applied for, appraised, approved and disbursed on one day. */
async function borrowFromFund(
  api: Api,
  nodeId: string,
  groupId: string,
  memberIds: readonly string[],
  on: PlainDate,
): Promise<FundLoanAnswer> {
  const perMember = 10_000_000n;
  const application = await api<{ id: string }>(
    "POST",
    `/api/v1/federation-nodes/${nodeId}/fund-applications`,
    {
      groupId,
      fund: "cif",
      appliedOn: on,
      amountMinor: (perMember * BigInt(memberIds.length)).toString(),
      termMonths: 10,
      plan: memberIds.map((memberId) => ({
        memberId,
        amountMinor: perMember.toString(),
        purpose: "Сиыр сатып алу / покупка коровы",
      })),
    },
  );
  await api("POST", `/api/v1/fund-applications/${application.id}/approve`, {
    appraisal: "Топ жазбалары тұрақты, жоспар негізді / Записи регулярны, план обоснован",
  });
  const loan = await api<FundLoanAnswer>("POST", `/api/v1/fund-applications/${application.id}/disburse`, {
    disbursedOn: on,
  });
  // A copy of the schedule: its installments are dropped here as the group pays them.
  return { ...loan, schedule: [...loan.schedule] };
}

async function applyTrainings(
  api: Api,
  plan: Plan,
  groupIds: ReadonlyMap<string, string>,
  personIds: ReadonlyMap<string, string>,
  householdsByKey: ReadonlyMap<string, Plan["households"][number]>,
): Promise<number> {
  const courseIds = new Map<string, string>();
  let participants = 0;
  for (const training of plan.trainings) {
    let courseId = courseIds.get(training.course.name);
    if (courseId === undefined) {
      courseId = (await api<{ id: string }>("POST", "/api/v1/training-courses", training.course)).id;
      courseIds.set(training.course.name, courseId);
    }
    const group = plan.groups.find((g) => g.key === training.groupKey);
    const groupId = groupIds.get(training.groupKey);
    if (group === undefined || groupId === undefined) continue;
    const session = await api<{ id: string }>("POST", "/api/v1/training-sessions", {
      courseId,
      place: `${group.village.name}, ауылдық клуб`,
      startsOn: training.startsOn,
      endsOn: addDays(training.startsOn, 1),
    });
    for (const key of group.householdKeys) {
      const personId = personIds.get(householdsByKey.get(key)?.woman.key ?? "");
      if (personId === undefined) continue;
      await api("POST", `/api/v1/training-sessions/${session.id}/participants`, { personId, groupId });
      participants += 1;
    }
  }
  return participants;
}
