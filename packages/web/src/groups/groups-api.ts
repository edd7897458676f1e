/**
 * What the group screens share: the server's types and paths, the app's paths, the bylaws in the domain's
 * shape (amounts as bigint), and a group's health at a glance. Amounts stay decimal strings of minor units
 * until they are shown, summed or handed to the domain.
 */
import type {
  Group,
  GroupFundLoans,
  GroupGrades,
  GroupSummary,
  InternalLoan,
  InternalLoansResponse,
  Meeting,
  Passbook,
} from "@moldir/contract";
import {
  type Bylaws,
  type FineKind,
  fineKinds,
  type GroupState,
  type InternalLoanState,
} from "@moldir/domain";
import { useApiResource } from "../api/use-api";

export type {
  Group,
  GroupFundLoans,
  GroupGrades,
  GroupSummary,
  InternalLoan,
  InternalLoansResponse,
  Meeting,
  Passbook,
};
export type GroupMember = Group["members"][number];
export type ContractBylaws = Group["bylaws"];

/** Server paths. */
export const groupApi = {
  groups: "/api/v1/groups",
  group: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}`,
  members: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/members`,
  meetings: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/meetings`,
  passbook: (groupId: string, memberId: string) =>
    `/api/v1/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(memberId)}/passbook`,
  personSearch: "/api/v1/persons/search",
  cycles: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/cycles`,
  shareOutPreview: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/share-outs/preview`,
  shareOuts: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/share-outs`,
  shareOutSheet: (shareOutId: string, locale: string) =>
    `/api/v1/meetings/${encodeURIComponent(shareOutId)}/share-out-sheet?locale=${locale}`,
  meetingSheet: (meetingId: string, locale: string) =>
    `/api/v1/meetings/${encodeURIComponent(meetingId)}/sheet?locale=${locale}`,
  reverseMeeting: (meetingId: string) => `/api/v1/meetings/${encodeURIComponent(meetingId)}/reverse`,
  gradingRubrics: "/api/v1/grading-rubrics",
  grade: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/grade`,
  grades: "/api/v1/groups/grades",
  officers: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/officers`,
  bylaws: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/bylaws`,
  openingBalances: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/opening-balances`,
  fundLoans: (groupId: string) => `/api/v1/groups/${encodeURIComponent(groupId)}/fund-loans`,
  internalLoans: (groupId: string, asOf: string) =>
    `/api/v1/groups/${encodeURIComponent(groupId)}/internal-loans?asOf=${encodeURIComponent(asOf)}`,
} as const;

/** App paths of the group screens, in one place so links and routes agree. */
export const groupPaths = {
  groups: "/groups",
  group: (groupId: string) => `/groups/${groupId}`,
  newMeeting: (groupId: string) => `/groups/${groupId}/meetings/new`,
  passbook: (groupId: string, memberId: string) => `/groups/${groupId}/members/${memberId}/passbook`,
  shareOut: (groupId: string) => `/groups/${groupId}/share-out`,
  grading: (groupId: string) => `/groups/${groupId}/grading`,
} as const;

export function useGroup(groupId: string) {
  return useApiResource<Group>(groupApi.group(groupId));
}

export function useMeetings(groupId: string) {
  return useApiResource<{ items: Meeting[] }>(groupApi.meetings(groupId));
}

/** The bylaws as the domain reads them. */
export function bylawsOf(bylaws: ContractBylaws): Bylaws {
  const fines = Object.fromEntries(fineKinds.map((kind) => [kind, BigInt(bylaws.fines[kind])])) as Record<
    FineKind,
    bigint
  >;
  return {
    methodology: bylaws.methodology,
    savingsPerMeetingMinor: BigInt(bylaws.savingsPerMeetingMinor),
    sharePriceMinor: BigInt(bylaws.sharePriceMinor),
    maxSharesPerMeeting: bylaws.maxSharesPerMeeting,
    socialFundPerMeetingMinor: BigInt(bylaws.socialFundPerMeetingMinor),
    loanRateBpsPerMonth: bylaws.loanRateBpsPerMonth,
    loanTermMonthsMax: bylaws.loanTermMonthsMax,
    loanMaxMultipleOfSavings: bylaws.loanMaxMultipleOfSavings,
    fines,
  };
}

/** Members who have not left, in the order the server lists them (by surname). */
export function activeMembers(group: Group): GroupMember[] {
  return group.members.filter((member) => member.leftOn === null);
}

/** The group's state as `decideMeeting` needs it, with the open loans found for its members. */
export function groupStateOf(group: Group, openLoans: readonly InternalLoanState[]): GroupState {
  return {
    cashMinor: BigInt(group.cashMinor),
    socialFundMinor: BigInt(group.socialFundMinor),
    members: new Map(
      group.members.map((member) => [
        member.id,
        {
          memberId: member.id,
          isActive: member.leftOn === null,
          savingsMinor: BigInt(member.savingsMinor),
          shares: member.shares,
        },
      ]),
    ),
    loans: new Map(openLoans.map((loan) => [loan.loanId, loan])),
  };
}

/**
 * Open internal loans from what moved at meetings, oldest first: what was lent less the principal repaid,
 * per loan. The group's detail names each member's total owed but not her loans, and a repayment must name
 * the loan it pays; the meetings and passbooks carry the loan ids.
 */
export function openLoansFrom(
  lines: readonly {
    readonly memberId: string;
    readonly kind: string;
    readonly amountMinor: string;
    readonly loanId: string | null;
  }[],
): InternalLoanState[] {
  const loans = new Map<string, { loanId: string; memberId: string; outstandingPrincipalMinor: bigint }>();
  for (const line of lines) {
    if (line.loanId === null) continue;
    const loan = loans.get(line.loanId) ?? {
      loanId: line.loanId,
      memberId: line.memberId,
      outstandingPrincipalMinor: 0n,
    };
    if (line.kind === "loan_disbursed") loan.outstandingPrincipalMinor += BigInt(line.amountMinor);
    if (line.kind === "loan_principal_repaid" || line.kind === "loan_written_off")
      loan.outstandingPrincipalMinor -= BigInt(line.amountMinor);
    loans.set(line.loanId, loan);
  }
  return [...loans.values()].filter((loan) => loan.outstandingPrincipalMinor > 0n);
}

/** Days between meetings by the group's frequency. */
const frequencyDays: Readonly<Record<string, number>> = { weekly: 7, fortnightly: 14, monthly: 31 };

/** Whole days from one plain date to another (UTC, so time zones stay out of it). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type GroupHealth = "on_time" | "meeting_overdue" | "no_meeting_yet";

/**
 * A group at a glance: a meeting is overdue when the last one (or the formation, before any meeting) is older
 * than twice the group's frequency; a group that has met recently is on time.
 */
export function healthOf(
  group: Pick<GroupSummary, "frequency" | "lastMeetingOn" | "formedOn">,
  today: string,
): GroupHealth {
  const period = frequencyDays[group.frequency] ?? 31;
  const since = group.lastMeetingOn ?? group.formedOn;
  if (daysBetween(since, today) > 2 * period) return "meeting_overdue";
  return group.lastMeetingOn === null ? "no_meeting_yet" : "on_time";
}
