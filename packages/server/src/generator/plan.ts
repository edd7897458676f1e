/**
 * The generator's plan: from a seed, a size and the last day of history, the same people, households, groups,
 * bylaws and meetings every time. The plan is plain data; `apply.ts` writes it through the application's API
 * and `bulk.ts` writes large sizes with set-based SQL.
 */
import { createHash } from "node:crypto";
import { addMonths, fromCivil, type PlainDate, toCivil } from "@moldir/domain";
import { type BylawsJson, bylawsFromJson } from "../groups/state";
import { type MeetingBody, meetingDates, simulateMeetings } from "./meetings";
import { type GeneratedHousehold, generateHouseholds, type Village, villages } from "./population";
import { createRandom, type Random } from "./random";

export interface GeneratorSize {
  readonly groups: number;
  readonly membersPerGroup: readonly [number, number];
  /** Months of meetings before the last day. */
  readonly months: number;
  /** The share of households with children registered too. */
  readonly childShare: number;
  /** Training sessions, each with the members of one group. */
  readonly trainings: number;
  /** VSLAs meet every fortnight (else every month, like SHGs). */
  readonly vslaFortnightly: boolean;
}

export const generatorSizes = {
  /** For tests: two groups, a quarter of meetings. */
  tiny: {
    groups: 2,
    membersPerGroup: [5, 6],
    months: 3,
    childShare: 0.5,
    trainings: 1,
    vslaFortnightly: true,
  },
  /** The demo: a couple of dozen groups with a year of monthly meetings (kept so that the first start is quick). */
  small: {
    groups: 18,
    membersPerGroup: [10, 14],
    months: 12,
    childShare: 0.25,
    trainings: 4,
    vslaFortnightly: false,
  },
} as const satisfies Record<string, GeneratorSize>;

export interface GroupPlan {
  readonly key: string;
  readonly name: string;
  readonly methodology: "shg" | "vsla";
  readonly frequency: "monthly" | "fortnightly";
  readonly village: Village;
  readonly formedOn: PlainDate;
  readonly bylaws: BylawsJson;
  /** The women who join at the start, by household key; their member keys are `<group key>:<index>`. */
  readonly householdKeys: readonly string[];
  readonly meetings: readonly MeetingBody[];
}

export interface TrainingPlan {
  readonly course: (typeof courses)[number];
  readonly startsOn: PlainDate;
  /** The group whose members take part. */
  readonly groupKey: string;
}

export interface Plan {
  readonly seed: number;
  readonly households: readonly GeneratedHousehold[];
  readonly groups: readonly GroupPlan[];
  readonly trainings: readonly TrainingPlan[];
}

const shgBylaws = (random: Random): BylawsJson => ({
  methodology: "shg",
  savingsPerMeetingMinor: String(random.pick([500, 1_000, 2_000]) * 100),
  sharePriceMinor: "0",
  maxSharesPerMeeting: 0,
  socialFundPerMeetingMinor: "0",
  loanRateBpsPerMonth: random.pick([100, 150, 200]),
  loanTermMonthsMax: 6,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "10000", absent: "20000", missed_repayment: "30000", other: "0" },
});

const vslaBylaws = (random: Random): BylawsJson => ({
  methodology: "vsla",
  savingsPerMeetingMinor: "0",
  sharePriceMinor: String(random.pick([500, 1_000]) * 100),
  maxSharesPerMeeting: 5,
  socialFundPerMeetingMinor: "20000",
  loanRateBpsPerMonth: random.pick([300, 500]),
  loanTermMonthsMax: 3,
  loanMaxMultipleOfSavings: 3,
  fines: { late: "10000", absent: "20000", missed_repayment: "20000", other: "0" },
});

const groupNames = [
  "Бірлік",
  "Нұр",
  "Береке",
  "Ынтымақ",
  "Шұғыла",
  "Ақбота",
  "Жұлдыз",
  "Құлпынай",
  "Алтын дән",
  "Мейірім",
];

export function memberKey(groupKey: string, index: number): string {
  return `${groupKey}:${index}`;
}

/** The plan for a seed and size, with `lastDay` the last day of history (the demo takes yesterday). */
export function generatePlan(seed: number, size: GeneratorSize, lastDay: PlainDate): Plan {
  const random = createRandom(seed);
  const [fewest, most] = size.membersPerGroup;
  const memberCounts = Array.from({ length: size.groups }, () => random.int(fewest, most));
  const villageOf = (group: number) => villages[group % villages.length] as Village;
  const households = generateHouseholds(
    random,
    memberCounts.flatMap((count, group) => Array.from({ length: count }, () => villageOf(group))),
    { asOfYear: Number(lastDay.slice(0, 4)), childShare: size.childShare },
  );
  const firstDay = addMonths(lastDay, -size.months);
  let next = 0;
  const groups = memberCounts.map((count, index): GroupPlan => {
    const methodology = index % 2 === 0 ? "shg" : "vsla";
    const key = `g${index + 1}`;
    const members = households.slice(next, next + count);
    next += count;
    const village = villageOf(index);
    const bylaws = methodology === "shg" ? shgBylaws(random) : vslaBylaws(random);
    const frequency = size.vslaFortnightly && methodology === "vsla" ? "fortnightly" : "monthly";
    const { year, month } = toCivil(firstDay);
    const formedOn = fromCivil(year, month, random.int(1, 28));
    const dates = meetingDates(formedOn, lastDay, frequency);
    return {
      key,
      name: `«${groupNames[index % groupNames.length]}» ${methodology === "shg" ? "өзара көмек тобы" : "жинақ тобы"} №${index + 1}, ${village.name}`,
      methodology,
      frequency,
      village,
      formedOn,
      bylaws,
      householdKeys: members.map((h) => h.key),
      meetings: simulateMeetings(
        random,
        bylawsFromJson(bylaws),
        members.map((_, i) => memberKey(key, i)),
        dates,
      ),
    };
  });
  const trainings = Array.from({ length: size.trainings }, (_, index): TrainingPlan => {
    const group = groups[index % groups.length] as GroupPlan;
    return {
      course: courses[index % courses.length] as (typeof courses)[number],
      startsOn: addMonths(group.formedOn, 1 + random.int(0, size.months - 2)),
      groupKey: group.key,
    };
  });
  return { seed, households, groups, trainings };
}

const courses = [
  { name: "Өзара көмек тобы деген не / Что такое группа самопомощи", topic: "self_help_concept", hours: 8 },
  { name: "Топ жазбаларын жүргізу / Ведение записей группы", topic: "group_bookkeeping", hours: 16 },
  { name: "Қаржылық сауаттылық / Финансовая грамотность", topic: "financial_literacy", hours: 12 },
] as const;

/** A digest of the whole plan (or of any plan-like data, such as a loan portfolio): equal exactly when the data is. */
export function planDigest(plan: Plan | object): string {
  return createHash("sha256")
    .update(JSON.stringify(plan, (_key, value) => (typeof value === "bigint" ? value.toString() : value)))
    .digest("hex");
}
