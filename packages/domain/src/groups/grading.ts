/**
 * Grading a group from its own records, never typed in. The default rubric scores the five Panchasutra
 * principles of the Indian SHG movement, 20 points each, into a 100-point rating: A above 85, B from 75 to 85,
 * C below 75. Each principle's score says why: which meetings were missed, which loans are late. Organizations may
 * change the weights, the window and the grade bounds.
 */
import { addMonths, compareDates, daysBetween, type PlainDate } from "../calendar/plain-date";
import { err, ok, type Result } from "../result";

export interface GradingRubric {
  /** Months of records looked at, ending on the date of grading. */
  readonly windowMonths: number;
  readonly weights: {
    readonly regularMeetings: number;
    readonly regularSavings: number;
    readonly regularLending: number;
    readonly timelyRepayment: number;
    readonly upToDateBooks: number;
  };
  /** Loan fund utilization (loans / (loans + cash)) that earns full lending points. */
  readonly lendingUtilizationTarget: number;
  /** Rating above which a group is A, and at or above which it is B. */
  readonly gradeA: number;
  readonly gradeB: number;
}

export const defaultGradingRubric: GradingRubric = {
  windowMonths: 6,
  weights: {
    regularMeetings: 20,
    regularSavings: 20,
    regularLending: 20,
    timelyRepayment: 20,
    upToDateBooks: 20,
  },
  lendingUtilizationTarget: 0.6,
  gradeA: 85,
  gradeB: 75,
};

export interface GradingInput {
  readonly asOf: PlainDate;
  readonly frequency: "weekly" | "fortnightly" | "monthly";
  readonly formedOn: PlainDate;
  readonly meetings: readonly {
    readonly heldOn: PlainDate;
    readonly membersExpected: number;
    readonly membersSaving: number;
    readonly hasCashDifference: boolean;
  }[];
  readonly loans: readonly {
    readonly loanId: string;
    readonly dueOn: PlainDate;
    readonly outstandingMinor: bigint;
  }[];
  readonly cashMinor: bigint;
}

export type Principle = keyof GradingRubric["weights"];

export interface PrincipleScore {
  readonly principle: Principle;
  readonly points: number;
  readonly maxPoints: number;
  /** Facts behind the score, for the group to read. */
  readonly why: Readonly<Record<string, string | number>>;
}

export interface Grade {
  readonly asOf: PlainDate;
  readonly rating: number;
  readonly grade: "A" | "B" | "C";
  readonly scores: readonly PrincipleScore[];
}

const daysPerMeeting = { weekly: 7, fortnightly: 14, monthly: 30.4375 } as const;

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function points(weight: number, fraction: number): number {
  return Math.round(weight * clamp01(fraction) * 10) / 10;
}

export function gradeGroup(input: GradingInput, rubric: GradingRubric = defaultGradingRubric): Grade {
  const windowStart = addMonths(input.asOf, -rubric.windowMonths);
  // The later of the formation date and the window's start (dates compare as text: YYYY-MM-DD).
  const start = compareDates(input.formedOn, windowStart) > 0 ? input.formedOn : windowStart;
  const inWindow = input.meetings.filter((m) => m.heldOn > start && m.heldOn <= input.asOf);
  const windowDays = Math.max(0, daysBetween(start, input.asOf));
  const expectedMeetings = Math.max(1, Math.floor(windowDays / daysPerMeeting[input.frequency]));

  const memberMeetings = inWindow.reduce((sum, m) => sum + m.membersExpected, 0);
  const savingMeetings = inWindow.reduce((sum, m) => sum + m.membersSaving, 0);
  const loansOutstanding = input.loans.reduce((sum, l) => sum + l.outstandingMinor, 0n);
  const lateLoans = input.loans.filter((l) => l.outstandingMinor > 0n && l.dueOn < input.asOf);
  const lateMinor = lateLoans.reduce((sum, l) => sum + l.outstandingMinor, 0n);
  const fund = loansOutstanding + (input.cashMinor > 0n ? input.cashMinor : 0n);
  const utilization = fund === 0n ? 0 : Number((loansOutstanding * 10_000n) / fund) / 10_000;
  const lastMeeting = inWindow.at(-1)?.heldOn ?? null;
  const daysSinceLast = lastMeeting === null ? null : daysBetween(lastMeeting, input.asOf);
  const isCurrent = daysSinceLast !== null && daysSinceLast <= 2 * daysPerMeeting[input.frequency];
  const cleanMeetings = inWindow.filter((m) => !m.hasCashDifference).length;

  const w = rubric.weights;
  const scores: PrincipleScore[] = [
    {
      principle: "regularMeetings",
      maxPoints: w.regularMeetings,
      points: points(w.regularMeetings, inWindow.length / expectedMeetings),
      why: { meetingsHeld: inWindow.length, meetingsExpected: expectedMeetings },
    },
    {
      principle: "regularSavings",
      maxPoints: w.regularSavings,
      points: points(w.regularSavings, memberMeetings === 0 ? 0 : savingMeetings / memberMeetings),
      why: { savingsMade: savingMeetings, savingsExpected: memberMeetings },
    },
    {
      principle: "regularLending",
      maxPoints: w.regularLending,
      points: points(w.regularLending, utilization / rubric.lendingUtilizationTarget),
      why: {
        loanFundUtilizationPercent: Math.round(utilization * 1000) / 10,
        targetPercent: rubric.lendingUtilizationTarget * 100,
      },
    },
    {
      principle: "timelyRepayment",
      maxPoints: w.timelyRepayment,
      points:
        loansOutstanding === 0n
          ? w.timelyRepayment
          : points(w.timelyRepayment, 1 - Number((lateMinor * 10_000n) / loansOutstanding) / 10_000),
      why: {
        lateLoans: lateLoans.length,
        lateMinor: lateMinor.toString(),
        outstandingMinor: loansOutstanding.toString(),
      },
    },
    {
      principle: "upToDateBooks",
      maxPoints: w.upToDateBooks,
      points: isCurrent
        ? points(w.upToDateBooks, inWindow.length === 0 ? 0 : cleanMeetings / inWindow.length)
        : 0,
      why: { daysSinceLastMeeting: daysSinceLast ?? -1, meetingsWithCleanCash: cleanMeetings },
    },
  ];
  const total = scores.reduce((sum, s) => sum + s.points, 0);
  const maximum = scores.reduce((sum, s) => sum + s.maxPoints, 0);
  const rating = maximum === 0 ? 0 : Math.round((total / maximum) * 1000) / 10;
  return { asOf: input.asOf, rating, grade: gradeOf(rating, rubric), scores };
}

/** A above the A bound, B from the B bound up to it, C below. */
export function gradeOf(rating: number, rubric: GradingRubric = defaultGradingRubric): "A" | "B" | "C" {
  return rating > rubric.gradeA ? "A" : rating >= rubric.gradeB ? "B" : "C";
}

export type GradingRubricError = "grading_rubric_must_be_sensible";

/** An organization's rubric: weights of 0–100 that give some points, a window of 1–24 months, A above B. */
export function checkGradingRubric(rubric: GradingRubric): Result<GradingRubric, GradingRubricError> {
  const weights = Object.values(rubric.weights);
  const total = weights.reduce((s, w) => s + w, 0);
  const problem = (field: string) => err("grading_rubric_must_be_sensible", { field });
  if (weights.some((w) => !Number.isInteger(w) || w < 0 || w > 100) || total === 0) return problem("weights");
  if (!Number.isInteger(rubric.windowMonths) || rubric.windowMonths < 1 || rubric.windowMonths > 24)
    return problem("windowMonths");
  if (!(rubric.lendingUtilizationTarget > 0 && rubric.lendingUtilizationTarget <= 1))
    return problem("lendingUtilizationTarget");
  if (!(rubric.gradeB >= 0 && rubric.gradeB <= rubric.gradeA && rubric.gradeA <= 100))
    return problem("gradeA");
  return ok(rubric);
}
