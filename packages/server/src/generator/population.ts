/**
 * The generated population: households in the villages of Almaty region, each with a woman who will join a group
 * (her IIN, phone and languages), and some of them with children registered too.
 */
import { addDays, fromCivil, type PlainDate } from "@moldir/domain";
import { makeIin } from "./iin";
import { type Family, nameOfChild, nameOfWoman, type PersonName, pickFamily, type Sex } from "./names";
import type { Random } from "./random";

export interface Village {
  readonly name: string;
  readonly regionId: string;
}

/** Villages of the association's districts; the first two are those of the demo's federation. */
export const villages: readonly Village[] = [
  { name: "Бесағаш", regionId: "KZ-19-TALGAR" },
  { name: "Тұздыбастау", regionId: "KZ-19-TALGAR" },
  { name: "Қаскелең", regionId: "KZ-19-KARASAI-KASKELEN" },
  { name: "Шамалған", regionId: "KZ-19-KARASAI" },
  { name: "Есік", regionId: "KZ-19-ENBEKSHIKAZAKH" },
  { name: "Түрген", regionId: "KZ-19-ENBEKSHIKAZAKH" },
  { name: "Өтеген батыр", regionId: "KZ-19-ILE" },
  { name: "Байсерке", regionId: "KZ-19-ILE" },
];

export interface GeneratedPerson extends PersonName {
  readonly key: string;
  readonly sex: Sex;
  readonly birthDate: PlainDate;
  readonly iin: string;
  readonly phones: readonly string[];
  readonly languages: readonly ("kk" | "ru")[];
  readonly regionId: string;
  readonly address: string;
}

export interface GeneratedHousehold {
  readonly key: string;
  readonly name: string;
  readonly village: Village;
  readonly woman: GeneratedPerson;
  readonly children: readonly GeneratedPerson[];
}

function birthDateBetween(random: Random, fromYear: number, toYear: number): PlainDate {
  const start = fromCivil(fromYear, 1, 1);
  const days = (toYear - fromYear + 1) * 365;
  return addDays(start, random.int(0, days - 1));
}

/** Makes people; every IIN and every phone is distinct within one population. */
class PersonMaker {
  private readonly iins = new Set<string>();
  private count = 0;
  constructor(
    private readonly random: Random,
    private readonly asOfYear: number,
  ) {}

  make(name: PersonName, sex: Sex, birthDate: PlainDate, family: Family, home: Home, adult: boolean) {
    this.count += 1;
    let iin = makeIin(birthDate, sex, this.random.int(0, 9_000));
    while (this.iins.has(iin)) iin = makeIin(birthDate, sex, Number(iin.slice(7, 11)) + 1);
    this.iins.add(iin);
    const kazakh = family.origin === "kazakh";
    const person: GeneratedPerson = {
      key: `p${this.count}`,
      ...name,
      sex,
      birthDate,
      iin,
      phones: adult ? [`+7701${String(1_000_000 + this.count).slice(-7)}`] : [],
      languages: kazakh ? (this.random.chance(0.7) ? ["kk", "ru"] : ["kk"]) : ["ru"],
      regionId: home.village.regionId,
      address: home.address,
    };
    return person;
  }

  child(family: Family, home: Home, mother: GeneratedPerson): GeneratedPerson {
    const sex: Sex = this.random.chance(0.5) ? "female" : "male";
    const motherBorn = Number(mother.birthDate.slice(0, 4));
    const birthDate = birthDateBetween(
      this.random,
      Math.min(motherBorn + 19, this.asOfYear - 1),
      Math.min(motherBorn + 40, this.asOfYear - 1),
    );
    return this.make(nameOfChild(this.random, family, sex), sex, birthDate, family, home, false);
  }

  woman(family: Family, home: Home): GeneratedPerson {
    const birthDate = birthDateBetween(this.random, this.asOfYear - 62, this.asOfYear - 20);
    return this.make(nameOfWoman(this.random, family), "female", birthDate, family, home, true);
  }
}

const streets = ["Абай", "Жамбыл", "Төле би", "Бейбітшілік", "Орталық", "Мектеп", "Достық", "Жастар"];

interface Home {
  readonly village: Village;
  readonly address: string;
}

/** A household in each of the given villages; `childShare` of them with children. */
export function generateHouseholds(
  random: Random,
  villagesOfHouseholds: readonly Village[],
  options: { asOfYear: number; childShare: number },
): GeneratedHousehold[] {
  const maker = new PersonMaker(random, options.asOfYear);
  return villagesOfHouseholds.map((village, index) => {
    const home = { village, address: `${village.name}, ${random.pick(streets)} к-сі, ${random.int(1, 120)}` };
    const family = pickFamily(random);
    const woman = maker.woman(family, home);
    const childCount = random.chance(options.childShare) ? random.int(1, 3) : 0;
    const children = Array.from({ length: childCount }, () => maker.child(family, home, woman)).filter(
      (child) => child.birthDate > woman.birthDate,
    );
    return {
      key: `h${index + 1}`,
      name: family.origin === "kazakh" ? `${family.surname.male} отбасы` : `Семья ${family.surname.male}`,
      village,
      woman,
      children,
    };
  });
}
