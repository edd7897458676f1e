/**
 * Names for generated people, as they are written in Kazakhstan: Kazakh and Russian surnames in their female
 * and male forms, given names, and patronymics made from a father's name (Kazakh `-қызы`/`-ұлы` or the Russian
 * `-овна`/`-ович`). Most generated members are women, as in the groups Moldir serves.
 */
import type { Random } from "./random";

interface Surname {
  readonly female: string;
  readonly male: string;
}

const kazakhSurnames: readonly Surname[] = [
  ["Ахметова", "Ахметов"],
  ["Қасымова", "Қасымов"],
  ["Жұмабаева", "Жұмабаев"],
  ["Сейітова", "Сейітов"],
  ["Оспанова", "Оспанов"],
  ["Нұрланова", "Нұрланов"],
  ["Төлеуова", "Төлеуов"],
  ["Бекмұратова", "Бекмұратов"],
  ["Әбдірахманова", "Әбдірахманов"],
  ["Мұқанова", "Мұқанов"],
  ["Байжанова", "Байжанов"],
  ["Жақыпова", "Жақыпов"],
  ["Серікбаева", "Серікбаев"],
  ["Омарова", "Омаров"],
  ["Ержанова", "Ержанов"],
  ["Дәулетова", "Дәулетов"],
  ["Садықова", "Садықов"],
  ["Құдайбергенова", "Құдайбергенов"],
  ["Исмаилова", "Исмаилов"],
  ["Төлегенова", "Төлегенов"],
  ["Смағұлова", "Смағұлов"],
  ["Ибраева", "Ибраев"],
  ["Тұрсынова", "Тұрсынов"],
  ["Шәріпова", "Шәріпов"],
].map(([female, male]) => ({ female: female as string, male: male as string }));

const russianSurnames: readonly Surname[] = [
  ["Иванова", "Иванов"],
  ["Петренко", "Петренко"],
  ["Ким", "Ким"],
  ["Смирнова", "Смирнов"],
  ["Кузнецова", "Кузнецов"],
  ["Попова", "Попов"],
  ["Васильева", "Васильев"],
  ["Морозова", "Морозов"],
  ["Шевченко", "Шевченко"],
  ["Новикова", "Новиков"],
].map(([female, male]) => ({ female: female as string, male: male as string }));

const kazakhWomen = [
  "Гүлнар",
  "Динара",
  "Сәуле",
  "Меруерт",
  "Ботагөз",
  "Айгүл",
  "Жанар",
  "Әсел",
  "Гүлмира",
  "Дана",
  "Ақмарал",
  "Назира",
  "Ләззат",
  "Айнұр",
  "Мәдина",
  "Шолпан",
  "Баян",
  "Раушан",
  "Салтанат",
  "Гауһар",
  "Жібек",
  "Мөлдір",
  "Қарлығаш",
  "Ұлжан",
];

const kazakhMen = [
  "Ерлан",
  "Нұрлан",
  "Бауыржан",
  "Асқар",
  "Серік",
  "Дәулет",
  "Ержан",
  "Марат",
  "Қайрат",
  "Бақыт",
  "Тимур",
  "Әлихан",
  "Нұрсұлтан",
  "Ерасыл",
];

const russianWomen = [
  "Елена",
  "Ольга",
  "Наталья",
  "Татьяна",
  "Ирина",
  "Светлана",
  "Анна",
  "Мария",
  "Людмила",
];
const russianMen = ["Сергей", "Александр", "Андрей", "Виктор", "Дмитрий", "Николай", "Иван", "Михаил"];

export type Sex = "female" | "male";
export type Origin = "kazakh" | "russian";

export interface PersonName {
  readonly surname: string;
  readonly givenName: string;
  readonly patronymic: string | null;
}

/** A family: its origin and its surname, from which each member's form follows. */
export interface Family {
  readonly origin: Origin;
  readonly surname: Surname;
  readonly fatherName: string;
}

export function pickFamily(random: Random): Family {
  const origin: Origin = random.chance(0.8) ? "kazakh" : "russian";
  return {
    origin,
    surname: random.pick(origin === "kazakh" ? kazakhSurnames : russianSurnames),
    fatherName: random.pick(origin === "kazakh" ? kazakhMen : russianMen),
  };
}

function patronymicOf(origin: Origin, fatherName: string, sex: Sex): string {
  if (origin === "kazakh") return `${fatherName}${sex === "female" ? "қызы" : "ұлы"}`;
  const stem = fatherName.endsWith("й") ? fatherName.slice(0, -1) : fatherName;
  const soft = fatherName.endsWith("й");
  if (sex === "female") return `${stem}${soft ? "евна" : "овна"}`;
  return `${stem}${soft ? "евич" : "ович"}`;
}

/** A woman who married into the family (her own patronymic comes from her own father, picked here). */
export function nameOfWoman(random: Random, family: Family): PersonName {
  const pool = family.origin === "kazakh" ? kazakhWomen : russianWomen;
  const father = random.pick(family.origin === "kazakh" ? kazakhMen : russianMen);
  return {
    surname: family.surname.female,
    givenName: random.pick(pool),
    patronymic: random.chance(0.85) ? patronymicOf(family.origin, father, "female") : null,
  };
}

/** A child of the family: the family's surname in her or his form, the father's name as patronymic. */
export function nameOfChild(random: Random, family: Family, sex: Sex): PersonName {
  const kazakh = family.origin === "kazakh";
  const pool = sex === "female" ? (kazakh ? kazakhWomen : russianWomen) : kazakh ? kazakhMen : russianMen;
  return {
    surname: sex === "female" ? family.surname.female : family.surname.male,
    givenName: random.pick(pool),
    patronymic: patronymicOf(family.origin, family.fatherName, sex),
  };
}
