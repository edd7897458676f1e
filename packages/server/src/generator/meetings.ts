/**
 * A group's history, simulated meeting by meeting: attendance with some absent or represented, savings (SHG)
 * or shares and the social fund (VSLA), internal loans given to members with savings and repaid monthly with a
 * flat service charge, some repayments late and caught up with a fine, fines for absence and lateness, a rare
 * expense and a rare small cash shortage explained. Each meeting is checked by the domain's `decideMeeting`
 * against the state the previous ones left, so every command is one the server accepts.
 */
import type { RecordMeetingRequest } from "@moldir/contract";
import {
  addDays,
  addMonths,
  type Bylaws,
  daysBetween,
  decideMeeting,
  type GroupState,
  type MemberState,
  type PlainDate,
  type RecordMeeting,
} from "@moldir/domain";
import type { Random } from "./random";

export type MeetingBody = RecordMeetingRequest;

interface OpenLoan {
  readonly loanId: string;
  readonly memberId: string;
  readonly disbursedOn: PlainDate;
  readonly principalMinor: bigint;
  readonly instalments: number;
  readonly principalPerInstalmentMinor: bigint;
  readonly interestPerInstalmentMinor: bigint;
  paidInstalments: number;
}

type Line<K extends keyof RecordMeeting> = RecordMeeting[K] extends readonly (infer L)[] | undefined
  ? L
  : never;

/** Meeting dates from `from` to `to`: every month on the same day, or every 14 days. */
export function meetingDates(
  from: PlainDate,
  to: PlainDate,
  frequency: "monthly" | "fortnightly",
): PlainDate[] {
  const dates: PlainDate[] = [];
  for (let index = 0; ; index++) {
    const date = frequency === "monthly" ? addMonths(from, index) : addDays(from, 14 * index);
    if (date > to) return dates;
    dates.push(date);
  }
}

const kzt = (tenge: number): bigint => BigInt(tenge) * 100n;

export function simulateMeetings(
  random: Random,
  bylaws: Bylaws,
  memberIds: readonly string[],
  dates: readonly PlainDate[],
): MeetingBody[] {
  let state: GroupState = {
    cashMinor: 0n,
    socialFundMinor: 0n,
    members: new Map<string, MemberState>(
      memberIds.map((memberId) => [memberId, { memberId, isActive: true, savingsMinor: 0n, shares: 0 }]),
    ),
    loans: new Map(),
  };
  const open = new Map<string, OpenLoan>();
  const finesOwed = new Map<string, bigint>();
  return dates.map((heldOn, index) => {
    const attendance = memberIds.map((memberId) => {
      const roll = random.next();
      return { memberId, status: roll < 0.07 ? "absent" : roll < 0.12 ? "represented" : "present" } as const;
    });
    const attending = attendance.filter((a) => a.status !== "absent").map((a) => a.memberId);
    for (const a of attendance)
      if (a.status === "absent")
        finesOwed.set(a.memberId, (finesOwed.get(a.memberId) ?? 0n) + bylaws.fines.absent);
    const savings: Line<"savings">[] =
      bylaws.methodology === "shg"
        ? attending.map((memberId) =>
            random.chance(0.04)
              ? { memberId, amountMinor: bylaws.savingsPerMeetingMinor / 2n, note: "Жартылай / частично" }
              : { memberId, amountMinor: bylaws.savingsPerMeetingMinor, note: null },
          )
        : [];
    const shares: Line<"shares">[] =
      bylaws.methodology === "vsla"
        ? attending.map((memberId) => ({ memberId, shares: random.int(1, bylaws.maxSharesPerMeeting) }))
        : [];
    const socialFund: Line<"socialFund">[] =
      bylaws.socialFundPerMeetingMinor > 0n
        ? attending.map((memberId) => ({ memberId, amountMinor: bylaws.socialFundPerMeetingMinor }))
        : [];
    const fines: Line<"fines">[] = [];
    for (const memberId of attending) {
      const owed = finesOwed.get(memberId) ?? 0n;
      if (owed > 0n) fines.push({ memberId, kind: "absent", amountMinor: owed });
      finesOwed.delete(memberId);
      if (random.chance(0.05) && bylaws.fines.late > 0n)
        fines.push({ memberId, kind: "late", amountMinor: bylaws.fines.late });
    }
    const repayments = repaymentsDue(random, open, attending, heldOn, bylaws, fines);
    const command: RecordMeeting = {
      meetingId: random.uuid(),
      heldOn,
      attendance,
      savings,
      shares,
      socialFund,
      loansDisbursed: [],
      repayments,
      fines: mergeFines(fines),
      otherIncome: [],
      expenses:
        index % 6 === 5 ? [{ description: "Кеңсе тауарлары / канцтовары", amountMinor: kzt(1_500) }] : [],
      exits: [],
      cashCountedMinor: 0n,
      cashDifferenceExplanation: "—",
    };
    const loansDisbursed = index < 2 ? [] : newLoans(random, state, command, bylaws, open, attending, heldOn);
    const withLoans = { ...command, loansDisbursed };
    const trial = decideOrThrow(state, bylaws, withLoans);
    const short = random.chance(0.02) ? kzt(100) : 0n;
    const final: RecordMeeting = {
      ...withLoans,
      cashCountedMinor: trial.cashComputedMinor - short,
      cashDifferenceExplanation:
        short > 0n ? "Санағанда 100 теңге кем / недостача 100 тенге при пересчёте" : null,
    };
    state = decideOrThrow(state, bylaws, final).newState;
    return toWire(final);
  });
}

function decideOrThrow(state: GroupState, bylaws: Bylaws, command: RecordMeeting) {
  const decision = decideMeeting(state, bylaws, command);
  if (!decision.ok)
    throw new Error(`generated meeting refused: ${decision.code} ${JSON.stringify(decision.details)}`);
  return decision.value;
}

/** One fine line per member and kind, as a bookkeeper writes them. */
function mergeFines(fines: readonly Line<"fines">[]): Line<"fines">[] {
  const merged = new Map<string, Line<"fines">>();
  for (const fine of fines) {
    const key = `${fine.memberId}:${fine.kind}`;
    const before = merged.get(key);
    merged.set(key, { ...fine, amountMinor: (before?.amountMinor ?? 0n) + fine.amountMinor });
  }
  return [...merged.values()];
}

/** Monthly instalments due by `heldOn`; a member who is absent or short this time pays later, with a fine. */
function repaymentsDue(
  random: Random,
  open: Map<string, OpenLoan>,
  attending: readonly string[],
  heldOn: PlainDate,
  bylaws: Bylaws,
  fines: Line<"fines">[],
): Line<"repayments">[] {
  const repayments: Line<"repayments">[] = [];
  for (const loan of open.values()) {
    const due = Math.min(loan.instalments, Math.floor(daysBetween(loan.disbursedOn, heldOn) / 28));
    const behind = due - loan.paidInstalments;
    if (behind <= 0 || !attending.includes(loan.memberId) || random.chance(0.08)) continue;
    if (behind > 1 && bylaws.fines.missed_repayment > 0n)
      fines.push({
        memberId: loan.memberId,
        kind: "missed_repayment",
        amountMinor: bylaws.fines.missed_repayment,
      });
    const last = due === loan.instalments;
    const principal = last
      ? loan.principalMinor - loan.principalPerInstalmentMinor * BigInt(loan.paidInstalments)
      : loan.principalPerInstalmentMinor * BigInt(behind);
    repayments.push({
      loanId: loan.loanId,
      principalMinor: principal,
      interestMinor: loan.interestPerInstalmentMinor * BigInt(behind),
    });
    loan.paidInstalments = due;
    if (last) open.delete(loan.loanId);
  }
  return repayments;
}

/** Loans to a few members who have saved and owe nothing, within the bylaws' multiple and the loan fund. */
function newLoans(
  random: Random,
  state: GroupState,
  command: RecordMeeting,
  bylaws: Bylaws,
  open: Map<string, OpenLoan>,
  attending: readonly string[],
  heldOn: PlainDate,
): Line<"loansDisbursed">[] {
  const before = decideOrThrow(state, bylaws, command);
  let available = before.cashComputedMinor - before.newState.socialFundMinor;
  const borrowing = new Set([...open.values()].map((l) => l.memberId));
  const loans: Line<"loansDisbursed">[] = [];
  for (const memberId of attending) {
    if (borrowing.has(memberId) || !random.chance(0.15)) continue;
    const savings = before.newState.members.get(memberId)?.savingsMinor ?? 0n;
    const ceiling = savings * BigInt(bylaws.loanMaxMultipleOfSavings);
    const wanted = kzt(random.int(5, 60) * 1_000);
    const principal = [wanted, ceiling, available].reduce((a, b) => (a < b ? a : b));
    const rounded = (principal / kzt(1_000)) * kzt(1_000);
    if (rounded <= 0n) continue;
    const instalments = random.int(Math.min(3, bylaws.loanTermMonthsMax), bylaws.loanTermMonthsMax);
    const loanId = random.uuid();
    loans.push({ loanId, memberId, principalMinor: rounded, termMonths: instalments });
    open.set(loanId, {
      loanId,
      memberId,
      disbursedOn: heldOn,
      principalMinor: rounded,
      instalments,
      principalPerInstalmentMinor: rounded / BigInt(instalments),
      interestPerInstalmentMinor: (rounded * BigInt(bylaws.loanRateBpsPerMonth)) / 10_000n,
      paidInstalments: 0,
    });
    available -= rounded;
  }
  return loans;
}

/** The command as the API takes it: amounts as strings of minor units. */
function toWire(command: RecordMeeting): MeetingBody {
  const amount = (value: bigint) => value.toString();
  return {
    id: command.meetingId,
    heldOn: command.heldOn,
    fundRepayments: [],
    attendance: command.attendance.map((a) => ({ memberId: a.memberId, status: a.status })),
    savings: command.savings.map((l) => ({
      memberId: l.memberId,
      amountMinor: amount(l.amountMinor),
      note: l.note ?? null,
    })),
    shares: command.shares.map((l) => ({ memberId: l.memberId, shares: l.shares })),
    socialFund: command.socialFund.map((l) => ({ memberId: l.memberId, amountMinor: amount(l.amountMinor) })),
    loansDisbursed: command.loansDisbursed.map((l) => ({ ...l, principalMinor: amount(l.principalMinor) })),
    repayments: command.repayments.map((l) => ({
      loanId: l.loanId,
      principalMinor: amount(l.principalMinor),
      interestMinor: amount(l.interestMinor),
    })),
    fines: command.fines.map((l) => ({ ...l, amountMinor: amount(l.amountMinor) })),
    otherIncome: [],
    expenses: command.expenses.map((l) => ({ ...l, amountMinor: amount(l.amountMinor) })),
    exits: [],
    cashCountedMinor: amount(command.cashCountedMinor),
    cashDifferenceExplanation: command.cashDifferenceExplanation,
  };
}
