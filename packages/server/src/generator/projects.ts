/**
 * The association's social projects and its children's center, planned from the seed, the generator's plan (its
 * households, groups, meetings and trainings) and the last day of history: the women's economic empowerment
 * project for the women of some groups (trainings at their meetings, business consultations), legal help for
 * single mothers (consultations, cases closed), and the support center for children from poor families (children
 * registered with their mother and household, a sheet every working day with absences and illnesses, meals and
 * lessons counted by the month, school and food packages, the psychologist, case notes). Plain data, like the
 * rest of the plan; `apply-projects.ts` writes it through the projects and children's center API.
 */
import type { IndicatorDefinition, PlainDate, ServiceKind, VulnerabilityFlag } from "@moldir/domain";
import {
  addDays,
  addMonths,
  ageInYears,
  dayOfWeek,
  daysBetween,
  endOfMonth,
  fromCivil,
  plainDate,
  toCivil,
} from "@moldir/domain";
import type { Plan } from "./plan";
import type { GeneratedHousehold } from "./population";
import { createRandom, type Random } from "./random";

export interface ProjectsSize {
  /** Groups whose women the empowerment project enrols (the first groups of the plan). */
  readonly empowermentGroups: number;
  /** Single mothers the legal help project takes on. */
  readonly legalClients: number;
  /** Children registered at the center. */
  readonly centerChildren: number;
  /** Months of the center's daily sheets before the last day (the current one besides). */
  readonly centerMonths: number;
}

export const projectsSizes = {
  /** For tests and the end-to-end suite: a handful of each, the center's last month and this one. */
  tiny: { empowermentGroups: 1, legalClients: 3, centerChildren: 4, centerMonths: 1 },
  /** The demo: a few groups' women, a dozen single mothers, a center of sixteen children over a year. */
  small: { empowermentGroups: 4, legalClients: 12, centerChildren: 16, centerMonths: 11 },
  /** `--size large`: more of everything, over the same year. */
  large: { empowermentGroups: 10, legalClients: 40, centerChildren: 40, centerMonths: 11 },
} as const satisfies Record<string, ProjectsSize>;

export type ProjectKey = "empowerment" | "legal" | "children";
/** Who records a service: the programme manager, the trainer, or the center's case worker. */
export type Recorder = "manager" | "trainer" | "caseWorker";

export interface EnrolmentPlan {
  readonly personKey: string;
  readonly enrolledOn: PlainDate;
  readonly exit: { readonly on: PlainDate; readonly reason: string } | null;
}

/** Services of one kind on one day: one person is a service with a note, more are an attendance sheet. */
export interface ServiceSheet {
  readonly kind: Exclude<ServiceKind, "grant">;
  readonly deliveredOn: PlainDate;
  readonly personKeys: readonly string[];
  readonly quantity: number;
  readonly valueMinorEach: bigint;
  readonly note: string | null;
  readonly by: Recorder;
}

export interface ProjectPlan {
  readonly key: ProjectKey;
  readonly code: string;
  readonly name: string;
  readonly donor: string;
  readonly donorCurrency: string;
  readonly ratePpm: string;
  readonly startsOn: PlainDate;
  readonly endsOn: PlainDate;
  readonly regionIds: readonly string[];
  readonly targetGroups: readonly string[];
  readonly activities: readonly string[];
  readonly eligibility: {
    readonly sexes?: readonly ("female" | "male")[];
    readonly ageMinYears?: number;
    readonly ageMaxYears?: number;
    readonly vulnerabilitiesAny?: readonly VulnerabilityFlag[];
  };
  readonly targets: readonly {
    readonly indicator: "beneficiaries" | "services" | "people_served";
    readonly target: bigint;
  }[];
  readonly enrolments: readonly EnrolmentPlan[];
  readonly sheets: readonly ServiceSheet[];
  readonly stories: readonly {
    readonly personKey: string;
    readonly toldOn: PlainDate;
    readonly story: string;
  }[];
  readonly builtIndicators: readonly {
    readonly name: string;
    readonly definition: IndicatorDefinition;
    /** What the definition counts over the project's period, worked out here from the plan. */
    readonly plannedValue: bigint;
    readonly target: bigint;
  }[];
}

/** A person's consent to take part in projects, given on her first enrolment (a mother gives it for her child). */
export interface ProjectConsentPlan {
  readonly personKey: string;
  readonly givenOn: PlainDate;
  /** She lets her story go to the donor. */
  readonly allowsThirdParties: boolean;
}

export interface CenterChildPlan {
  readonly personKey: string;
  readonly householdKey: string;
  readonly motherKey: string;
  readonly school: string;
  readonly grade: string;
  readonly needs: readonly string[];
  readonly enrolledOn: PlainDate;
}

export interface CenterPlan {
  readonly children: readonly CenterChildPlan[];
  /** Every working day of the center's history, with the children present (possibly none). */
  readonly days: readonly { readonly on: PlainDate; readonly childKeys: readonly string[] }[];
  readonly services: readonly {
    readonly childKey: string;
    readonly kind: "meals" | "tutoring" | "psychologist" | "clothes";
    readonly deliveredOn: PlainDate;
    readonly quantity: number;
    readonly note: string | null;
  }[];
  readonly caseNotes: readonly {
    readonly childKey: string;
    readonly writtenOn: PlainDate;
    readonly note: string;
  }[];
}

export interface ProjectsPlan {
  readonly lastDay: PlainDate;
  /** Women flagged at intake (legal help): person key → vulnerabilities. */
  readonly vulnerabilities: ReadonlyMap<string, readonly VulnerabilityFlag[]>;
  readonly consents: readonly ProjectConsentPlan[];
  readonly projects: readonly ProjectPlan[];
  readonly center: CenterPlan;
}

/** Kazakhstan's public holidays on fixed dates (month-day); the center is closed then. */
const holidays = new Set([
  "01-01",
  "01-02",
  "01-07",
  "03-08",
  "03-21",
  "03-22",
  "03-23",
  "05-01",
  "05-07",
  "05-09",
  "07-06",
  "08-30",
  "10-25",
  "12-16",
]);

export function isCenterOpen(day: PlainDate): boolean {
  return dayOfWeek(day) <= 5 && !holidays.has(day.slice(5));
}

const firstOfMonth = (day: PlainDate): PlainDate => {
  const { year, month } = toCivil(day);
  return fromCivil(year, month, 1);
};

/** A day from `from` to `to` (both included); `from` when the range is empty. */
function dayBetween(random: Random, from: PlainDate, to: PlainDate): PlainDate {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, random.int(0, span));
}

/** A target above what the plan reaches, rounded up to `step`: the dashboard shows progress, not completion. */
function targetAbove(value: number, step: number): bigint {
  return BigInt(Math.max(step, Math.ceil((value * 1.25) / step) * step));
}

const serviceRows = (sheets: readonly ServiceSheet[]) => sheets.reduce((n, s) => n + s.personKeys.length, 0);
const servedPeople = (sheets: readonly ServiceSheet[]) => new Set(sheets.flatMap((s) => s.personKeys)).size;

/** Drops from a sheet the people not enrolled on its day (not yet, or gone); a sheet left empty is dropped. */
function onlyEnrolled(sheets: readonly ServiceSheet[], enrolments: readonly EnrolmentPlan[]): ServiceSheet[] {
  const byPerson = new Map(enrolments.map((e) => [e.personKey, e]));
  return sheets.flatMap((sheet) => {
    const personKeys = sheet.personKeys.filter((key) => {
      const e = byPerson.get(key);
      return (
        e !== undefined &&
        e.enrolledOn <= sheet.deliveredOn &&
        (e.exit === null || e.exit.on >= sheet.deliveredOn)
      );
    });
    return personKeys.length === 0 ? [] : [{ ...sheet, personKeys }];
  });
}

const businessNotes = [
  "Бизнес-жоспар: тігін цехы / Бизнес-план: швейный цех",
  "Бизнес-жоспар: сүт өнімдері / Бизнес-план: молочная продукция",
  "Бизнес-жоспар: жылыжай / Бизнес-план: теплица",
  "Шағын несиеге өтінім / Заявка на микрокредит",
  "Өнімді базарда сату / Сбыт продукции на рынке",
];

const empowermentStories = [
  "Топтағы жинағыммен тігін машинасын сатып алдым, енді көрші ауылға тапсырыспен тігемін. / На сбережения группы купила швейную машинку, теперь шью на заказ для соседнего села.",
  "Тренингтен кейін құрт пен ірімшікті базарда сата бастадым, отбасының табысы өсті. / После тренинга начала продавать курт и сыр на рынке, доход семьи вырос.",
  "Жылыжайда қияр өсіріп, алғашқы табысымды балаларымның оқуына жұмсадым. / Вырастила огурцы в теплице и первый доход потратила на учёбу детей.",
  "Бұрын ақшаны есептемейтінмін, енді отбасы бюджетін жүргіземін. / Раньше не считала деньги, теперь веду бюджет семьи.",
];

const legalNotes = [
  "Алимент өндіру туралы арыз / Заявление о взыскании алиментов",
  "Балаға жәрдемақы құжаттары / Документы на пособие на ребёнка",
  "Тұрғылықты жерге тіркеу / Регистрация по месту жительства",
  "Баланың туу туралы куәлігін қалпына келтіру / Восстановление свидетельства о рождении ребёнка",
  "Атаулы әлеуметтік көмекке өтінім / Заявление на адресную социальную помощь",
];

const legalStories = [
  "Заңгердің көмегімен алимент алдым, енді балаларға мектепке киім аламын. / С помощью юриста получила алименты, теперь покупаю детям одежду к школе.",
  "Құжаттарымды қалпына келтіріп, балаға жәрдемақы ала бастадым. / Восстановила документы и начала получать пособие на ребёнка.",
];

const centerNeeds = [
  "Тамақ / Питание",
  "Сабаққа көмек / Помощь с уроками",
  "Психолог / Психолог",
  "Киім / Одежда",
] as const;

const exitReasons = [
  "Отбасы қалаға көшті / Семья переехала в город",
  "Өз еркімен шықты / Вышла по собственному желанию",
];

/** People of the plan who are children of its households, with their household. */
function childrenOf(households: readonly GeneratedHousehold[]) {
  return households.flatMap((h) => h.children.map((child) => ({ child, household: h })));
}

/** The plan of the association's projects and children's center. */
export function generateProjectsPlan(
  seed: number,
  plan: Plan,
  size: ProjectsSize,
  lastDay: PlainDate,
): ProjectsPlan {
  const random = createRandom(seed * 7 + 3);
  const consents = new Map<string, ProjectConsentPlan>();
  const consent = (personKey: string, givenOn: PlainDate, allowsThirdParties: boolean) => {
    const before = consents.get(personKey);
    consents.set(personKey, {
      personKey,
      givenOn: before === undefined || givenOn < before.givenOn ? givenOn : before.givenOn,
      allowsThirdParties: allowsThirdParties || before?.allowsThirdParties === true,
    });
  };
  const empowerment = empowermentProject(random, plan, size, lastDay, consent);
  const vulnerabilities = new Map<string, VulnerabilityFlag[]>();
  const legal = legalProject(random, plan, size, lastDay, consent, vulnerabilities);
  const { project: children, center } = childrenProject(random, plan, size, lastDay, consent);
  return {
    lastDay,
    vulnerabilities,
    consents: [...consents.values()],
    projects: [empowerment, legal, children],
    center,
  };
}

type Consent = (personKey: string, givenOn: PlainDate, allowsThirdParties: boolean) => void;

function empowermentProject(
  random: Random,
  plan: Plan,
  size: ProjectsSize,
  lastDay: PlainDate,
  consent: Consent,
): ProjectPlan {
  const startsOn = firstOfMonth(addMonths(lastDay, -11));
  const endsOn = endOfMonth(addMonths(lastDay, 6));
  const households = new Map(plan.households.map((h) => [h.key, h]));
  const groups = plan.groups.slice(0, size.empowermentGroups);
  const enrolments: EnrolmentPlan[] = [];
  const sheets: ServiceSheet[] = [];
  const sharing = new Set<string>();
  for (const group of groups) {
    const meetings = group.meetings
      .map((m) => plainDate(m.heldOn))
      .filter((d) => d >= startsOn && d <= lastDay);
    const [first, ...later] = meetings;
    if (first === undefined) continue;
    // The programme manager comes to the group's first meeting in the project and enrols the women who agree.
    const women = group.householdKeys.flatMap((key) => {
      const woman = households.get(key)?.woman;
      return woman !== undefined && random.chance(0.85) ? [woman.key] : [];
    });
    for (const personKey of women) {
      const shares = random.chance(0.3);
      if (shares) sharing.add(personKey);
      consent(personKey, first, shares);
      const leaves = random.chance(0.08) && addDays(first, 45) < lastDay;
      enrolments.push({
        personKey,
        enrolledOn: first,
        exit: leaves
          ? { on: dayBetween(random, addDays(first, 45), lastDay), reason: random.pick(exitReasons) }
          : null,
      });
    }
    // The trainer comes to the next three meetings: a day of business training each, most women there.
    for (const day of later.slice(0, 3))
      sheets.push({
        kind: "training",
        deliveredOn: day,
        personKeys: women.filter(() => random.chance(0.85)),
        quantity: 1,
        valueMinorEach: 0n,
        note: null,
        by: "trainer",
      });
    // The association's course sessions with this group count for the project too.
    for (const training of plan.trainings.filter((t) => t.groupKey === group.key))
      if (training.startsOn > first && training.startsOn <= lastDay)
        sheets.push({
          kind: "training",
          deliveredOn: training.startsOn,
          personKeys: women,
          quantity: 2,
          valueMinorEach: 0n,
          note: null,
          by: "trainer",
        });
    // About half the women come for a consultation on their business plans, some twice.
    for (const personKey of women) {
      if (!random.chance(0.5)) continue;
      const times = random.int(1, 2);
      for (let i = 0; i < times; i++) {
        const on = dayBetween(random, addDays(first, 14), lastDay);
        if (on > lastDay || on <= first) continue;
        sheets.push({
          kind: "consultation",
          deliveredOn: on,
          personKeys: [personKey],
          quantity: 1,
          valueMinorEach: 0n,
          note: random.pick(businessNotes),
          by: "manager",
        });
      }
    }
  }
  const services = onlyEnrolled(sheets, enrolments).sort(bySheetDay);
  const stories = storiesOf(enrolments, services, sharing, empowermentStories, 3);
  const trainedOn = new Map<string, PlainDate[]>();
  for (const s of services.filter((s) => s.kind === "training"))
    for (const key of s.personKeys) trainedOn.set(key, [...(trainedOn.get(key) ?? []), s.deliveredOn]);
  // Women advised on their business after a training (within six months of it).
  const advisedAfterTraining = new Set(
    services
      .filter((s) => s.kind === "consultation")
      .flatMap((s) =>
        s.personKeys.filter((key) =>
          (trainedOn.get(key) ?? []).some((t) => t <= s.deliveredOn && t >= addMonths(s.deliveredOn, -6)),
        ),
      ),
  ).size;
  return {
    key: "empowerment",
    code: `UNW-${startsOn.slice(0, 4)}`,
    name: "Экономические возможности женщин / Women's economic empowerment",
    donor: "UN Women",
    donorCurrency: "USD",
    ratePpm: "478500000",
    startsOn,
    endsOn,
    regionIds: [...new Set(groups.map((g) => g.village.regionId))],
    targetGroups: ["Өзара көмек топтарының әйелдері / Женщины групп самопомощи"],
    activities: [
      "Кәсіпкерлік тренингтері / Тренинги по предпринимательству",
      "Бизнес-жоспар бойынша кеңес / Консультации по бизнес-планам",
    ],
    eligibility: { sexes: ["female"], ageMinYears: 18 },
    targets: [
      {
        indicator: "beneficiaries",
        target: targetAbove(new Set(enrolments.map((e) => e.personKey)).size, 5),
      },
      { indicator: "services", target: targetAbove(serviceRows(services), 10) },
      { indicator: "people_served", target: targetAbove(servedPeople(services), 5) },
    ],
    enrolments,
    sheets: services,
    stories,
    builtIndicators: [
      {
        name: "Тренингтен кейін кеңес алған әйелдер / Women advised within six months of a training",
        definition: {
          measure: "unique_persons",
          events: { source: "service", project: "this", kinds: ["consultation"] },
          conditions: [
            {
              events: { source: "service", project: "this", kinds: ["training"] },
              window: "before",
              months: 6,
            },
          ],
        },
        plannedValue: BigInt(advisedAfterTraining),
        target: targetAbove(advisedAfterTraining, 5),
      },
    ],
  };
}

function legalProject(
  random: Random,
  plan: Plan,
  size: ProjectsSize,
  lastDay: PlainDate,
  consent: Consent,
  vulnerabilities: Map<string, VulnerabilityFlag[]>,
): ProjectPlan {
  const startsOn = firstOfMonth(addMonths(lastDay, -8));
  const endsOn = endOfMonth(addMonths(lastDay, 4));
  // Mothers bringing up children alone: the women of households with children, some of whom the project takes on.
  const mothers = plan.households.filter((h) => h.children.length > 0);
  const clients = mothers.filter(() => random.chance(0.6)).slice(0, size.legalClients);
  const enrolments: EnrolmentPlan[] = [];
  const sheets: ServiceSheet[] = [];
  const sharing = new Set<string>();
  for (const household of clients) {
    const personKey = household.woman.key;
    vulnerabilities.set(
      personKey,
      household.children.length >= 3 ? ["single_mother", "large_family"] : ["single_mother"],
    );
    const enrolledOn = dayBetween(random, startsOn, addDays(lastDay, -20));
    const shares = random.chance(0.3);
    if (shares) sharing.add(personKey);
    consent(personKey, enrolledOn, shares);
    let on = enrolledOn;
    const days: PlainDate[] = [];
    for (let i = random.int(1, 4); i > 0 && on <= lastDay; i--) {
      days.push(on);
      on = addDays(on, random.int(7, 40));
    }
    for (const day of days)
      sheets.push({
        kind: "consultation",
        deliveredOn: day,
        personKeys: [personKey],
        quantity: 1,
        valueMinorEach: 0n,
        note: random.pick(legalNotes),
        by: "manager",
      });
    const last = days.at(-1) ?? enrolledOn;
    const closed = days.length >= 2 && random.chance(0.6) && addDays(last, 7) <= lastDay;
    enrolments.push({
      personKey,
      enrolledOn,
      exit: closed ? { on: addDays(last, 7), reason: "Мәселе шешілді / Вопрос решён" } : null,
    });
  }
  const services = sheets.sort(bySheetDay);
  return {
    key: "legal",
    code: `LAW-${startsOn.slice(0, 4)}`,
    name: "Жалғызбасты аналарға құқықтық көмек / Legal help for single mothers",
    donor: "Әділет қоры / Adilet Foundation",
    donorCurrency: "KZT",
    ratePpm: "1000000",
    startsOn,
    endsOn,
    regionIds: [...new Set(clients.map((h) => h.village.regionId))].sort(),
    targetGroups: ["Жалғызбасты аналар / Одинокие матери"],
    activities: ["Заңгердің тегін кеңесі / Бесплатные консультации юриста"],
    eligibility: { sexes: ["female"], ageMinYears: 18, vulnerabilitiesAny: ["single_mother"] },
    targets: [
      { indicator: "beneficiaries", target: targetAbove(enrolments.length, 5) },
      { indicator: "services", target: targetAbove(serviceRows(services), 5) },
    ],
    enrolments,
    sheets: services,
    stories: storiesOf(enrolments, services, sharing, legalStories, 2),
    builtIndicators: [],
  };
}

function childrenProject(
  random: Random,
  plan: Plan,
  size: ProjectsSize,
  lastDay: PlainDate,
  consent: Consent,
): { project: ProjectPlan; center: CenterPlan } {
  const startsOn = firstOfMonth(addMonths(lastDay, -11));
  const endsOn = endOfMonth(addMonths(lastDay, 12));
  const sheetsFrom = firstOfMonth(addMonths(lastDay, -size.centerMonths));
  // The center is in Бесағаш (Talgar district): children of its villages first, then of the others.
  const talgar = (h: GeneratedHousehold) => h.village.regionId === "KZ-19-TALGAR";
  const everyChild = [
    ...childrenOf(plan.households.filter(talgar)),
    ...childrenOf(plan.households.filter((h) => !talgar(h))),
  ];
  const aged = (from: number, to: number) =>
    everyChild.filter(({ child }) => {
      const age = ageInYears(child.birthDate, sheetsFrom);
      return age >= from && age <= to;
    });
  // Schoolchildren; younger and older ones too when there are not enough of them.
  const schoolAge = aged(6, 15);
  const candidates =
    schoolAge.length >= size.centerChildren
      ? schoolAge
      : [...schoolAge, ...aged(3, 16).filter((c) => !schoolAge.includes(c))];
  const chosen = candidates.filter(() => random.chance(0.85)).slice(0, size.centerChildren);
  const openDays: PlainDate[] = [];
  for (let day = sheetsFrom; day <= lastDay; day = addDays(day, 1)) if (isCenterOpen(day)) openDays.push(day);
  const firstDay = openDays[0] ?? sheetsFrom;
  const children: CenterChildPlan[] = chosen.map(({ child, household }) => {
    const age = ageInYears(child.birthDate, sheetsFrom);
    // Most come when the sheets begin; the others over the next months.
    const enrolledOn =
      random.chance(0.7) || openDays.length < 30
        ? firstDay
        : (openDays[random.int(0, Math.floor(openDays.length * 0.6))] as PlainDate);
    const needs = centerNeeds.filter((_, i) => i === 0 || random.chance(0.4));
    consent(child.key, enrolledOn, false);
    return {
      personKey: child.key,
      householdKey: household.key,
      motherKey: household.woman.key,
      school: `№${random.int(1, 3)} мектеп, ${household.village.name}`,
      // Grade 0 is the pre-school class.
      grade: String(Math.min(11, Math.max(0, age - 5))),
      needs,
      enrolledOn,
    };
  });
  // A family that moves away leaves the project; its child comes no more.
  const enrolments: EnrolmentPlan[] = children.map((c) => {
    const moves = random.chance(0.1) && addDays(c.enrolledOn, 60) < lastDay;
    return {
      personKey: c.personKey,
      enrolledOn: c.enrolledOn,
      exit: moves
        ? { on: dayBetween(random, addDays(c.enrolledOn, 60), lastDay), reason: exitReasons[0] as string }
        : null,
    };
  });
  const exitOf = new Map(enrolments.map((e) => [e.personKey, e.exit?.on ?? null]));
  const attends = (c: CenterChildPlan, day: PlainDate) => {
    const exit = exitOf.get(c.personKey) ?? null;
    return c.enrolledOn <= day && (exit === null || day < exit);
  };

  // The daily sheets: a child is there most days, less in the summer, and away for days when she is ill.
  const illUntil = new Map<string, PlainDate>();
  const caseNotes: { childKey: string; writtenOn: PlainDate; note: string }[] = children.map((c) => ({
    childKey: c.personKey,
    writtenOn: c.enrolledOn,
    note: "Алғашқы әңгіме анасымен: отбасы жағдайы, баланың қажеттіліктері / Первичная беседа с мамой: положение семьи, потребности ребёнка",
  }));
  const absentSince = new Map<string, PlainDate>();
  const days = openDays.map((on) => {
    const month = Number(on.slice(5, 7));
    const summer = month >= 6 && month <= 8;
    const childKeys = children.flatMap((c) => {
      if (!attends(c, on)) return [];
      const ill = illUntil.get(c.personKey);
      if (ill !== undefined && on <= ill) return [];
      if (random.chance(0.02)) {
        illUntil.set(c.personKey, addDays(on, random.int(2, 8)));
        absentSince.set(c.personKey, absentSince.get(c.personKey) ?? on);
        return [];
      }
      if (!random.chance(summer ? 0.6 : 0.9)) return [];
      // Back after an illness of three working days or more: the case worker calls the mother and notes it.
      const since = absentSince.get(c.personKey);
      absentSince.delete(c.personKey);
      if (since !== undefined && addDays(since, 3) <= on)
        caseNotes.push({
          childKey: c.personKey,
          writtenOn: on,
          note: "Бірнеше күн келмеді: анасы хабарласты, бала ауырған, қазір сау / Несколько дней отсутствовал(а): мама сообщила, что ребёнок болел, сейчас здоров(а)",
        });
      return [c.personKey];
    });
    return { on, childKeys };
  });

  // Services of the center: tutoring counted by the month, the psychologist, clothes before school.
  const services: CenterPlan["services"][number][] = [];
  const projectSheets: ServiceSheet[] = [];
  const months = [...new Set(openDays.map((d) => d.slice(0, 7)))];
  const currentMonth = lastDay.slice(0, 7);
  for (const month of months) {
    const monthDays = days.filter((d) => d.on.startsWith(month));
    const lastOfMonth = monthDays.at(-1)?.on;
    // A month is counted on its last working day; the month not over yet is not counted.
    if (lastOfMonth === undefined || month === currentMonth) continue;
    for (const c of children) {
      const present = monthDays.filter((d) => d.childKeys.includes(c.personKey));
      const lastPresent = present.at(-1)?.on;
      if (lastPresent === undefined) continue;
      projectSheets.push({
        kind: "children_center_day",
        deliveredOn: lastPresent,
        personKeys: [c.personKey],
        quantity: present.length,
        valueMinorEach: 0n,
        note: null,
        by: "caseWorker",
      });
      if (c.needs.includes(centerNeeds[1]))
        services.push({
          childKey: c.personKey,
          kind: "tutoring",
          deliveredOn: lastPresent,
          quantity: present.length,
          note: null,
        });
      // The psychologist sees a child who needs her every other month.
      if (c.needs.includes(centerNeeds[2]) && Number(month.slice(5)) % 2 === 0) {
        const session = present[Math.floor(present.length / 2)]?.on ?? lastPresent;
        services.push({
          childKey: c.personKey,
          kind: "psychologist",
          deliveredOn: session,
          quantity: 1,
          note: null,
        });
      }
    }
    // A progress note for every child at the end of each quarter.
    if (["03", "06", "09", "12"].includes(month.slice(5)))
      for (const c of children.filter((c) => attends(c, lastOfMonth)))
        caseNotes.push({
          childKey: c.personKey,
          writtenOn: lastOfMonth,
          note: random.pick([
            "Сабақ үлгерімі жақсарды / Успеваемость улучшилась",
            "Достарымен жақсы араласады / Хорошо общается со сверстниками",
            "Математикадан көмек керек / Нужна помощь по математике",
            "Анасы топта белсенді, отбасы жағдайы тұрақты / Мама активна в группе, положение семьи стабильное",
          ]),
        });
  }
  // Clothes for school, on the first working day the child is there from the 20th of August.
  for (const c of children.filter((c) => c.needs.includes(centerNeeds[3]))) {
    const autumn = days.find(
      (d) => d.on.slice(5) >= "08-20" && d.on.slice(5) <= "09-30" && d.childKeys.includes(c.personKey),
    );
    if (autumn !== undefined)
      services.push({
        childKey: c.personKey,
        kind: "clothes",
        deliveredOn: autumn.on,
        quantity: 1,
        note: "Мектеп формасы / Школьная форма",
      });
  }
  // School packages before the school year, food packages at the end of each quarter, for the children enrolled.
  const packageDay = (monthDay: string) => {
    const found = openDays.filter(
      (d) => d.slice(5, 10) <= monthDay && d.slice(5, 7) === monthDay.slice(0, 2),
    );
    return found.at(-1);
  };
  for (const [kind, monthDay, valueMinorEach] of [
    ["school_package", "08-25", 2_500_000n],
    ["food_package", "03-31", 1_500_000n],
    ["food_package", "06-30", 1_500_000n],
    ["food_package", "09-30", 1_500_000n],
    ["food_package", "12-31", 1_500_000n],
  ] as const) {
    const on = packageDay(monthDay);
    if (on === undefined || on > lastDay) continue;
    projectSheets.push({
      kind,
      deliveredOn: on,
      personKeys: children.filter((c) => attends(c, on)).map((c) => c.personKey),
      quantity: 1,
      valueMinorEach,
      note: null,
      by: "manager",
    });
  }
  const sheets = onlyEnrolled(projectSheets, enrolments).sort(bySheetDay);
  // Children who came to the center on twelve days or more in some month.
  const regular = new Set<string>();
  for (const month of months)
    for (const c of children)
      if (days.filter((d) => d.on.startsWith(month) && d.childKeys.includes(c.personKey)).length >= 12)
        regular.add(c.personKey);
  const project: ProjectPlan = {
    key: "children",
    code: `CSC-${startsOn.slice(0, 4)}`,
    name: "Аз қамтылған отбасылар балаларын қолдау орталығы / Support center for children from poor families",
    donor: "Bota Foundation",
    donorCurrency: "KZT",
    ratePpm: "1000000",
    startsOn,
    endsOn,
    regionIds: ["KZ-19-TALGAR"],
    targetGroups: ["Аз қамтылған отбасылардың балалары / Дети из малообеспеченных семей"],
    activities: [
      "Күндізгі орталық: тамақ, сабаққа көмек / Дневной центр: питание, помощь с уроками",
      "Мектеп және азық-түлік пакеттері / Школьные и продуктовые наборы",
    ],
    eligibility: { ageMaxYears: 17 },
    targets: [
      { indicator: "beneficiaries", target: targetAbove(enrolments.length, 5) },
      { indicator: "services", target: targetAbove(serviceRows(sheets), 10) },
    ],
    enrolments,
    sheets,
    stories: [],
    builtIndicators: [
      {
        name: "Орталыққа айына 12 күннен көп келген балалар / Children at the center 12 days or more in a month",
        definition: {
          measure: "unique_persons",
          events: { source: "center_attendance" },
          minEventDaysInAMonth: 12,
        },
        plannedValue: BigInt(regular.size),
        target: targetAbove(regular.size, 5),
      },
    ],
  };
  return {
    project,
    center: {
      children,
      days,
      services: services.sort((a, b) =>
        a.deliveredOn < b.deliveredOn ? -1 : a.deliveredOn > b.deliveredOn ? 1 : 0,
      ),
      caseNotes,
    },
  };
}

function bySheetDay(a: ServiceSheet, b: ServiceSheet): number {
  return a.deliveredOn < b.deliveredOn ? -1 : a.deliveredOn > b.deliveredOn ? 1 : 0;
}

/** Stories of women who let them be shared, told after their last service while still enrolled. */
function storiesOf(
  enrolments: readonly EnrolmentPlan[],
  sheets: readonly ServiceSheet[],
  sharing: ReadonlySet<string>,
  texts: readonly string[],
  most: number,
): ProjectPlan["stories"] {
  const stories: { personKey: string; toldOn: PlainDate; story: string }[] = [];
  for (const e of enrolments) {
    if (stories.length >= most || !sharing.has(e.personKey)) continue;
    const last = sheets.filter((s) => s.personKeys.includes(e.personKey)).at(-1)?.deliveredOn;
    if (last === undefined) continue;
    const toldOn = e.exit === null || e.exit.on > last ? last : e.exit.on;
    stories.push({ personKey: e.personKey, toldOn, story: texts[stories.length % texts.length] as string });
  }
  return stories;
}
