/**
 * Rates in words and figures as a contract states them in Kazakh and Russian (the GESV must be disclosed
 * "in figures and in words, styled like the nominal rate"):
 *
 *   34,7 % — «отыз төрт бүтін оннан жеті пайыз» / «тридцать четыре целых семь десятых процента»
 *   46 %   — «қырық алты пайыз» / «сорок шесть процентов»
 *
 * Russian agreement: with a fraction the whole part is feminine (одна целая, две целых, пять целых), the
 * fraction is feminine (одна десятая, семь десятых) and the noun is «процента» (genitive singular, governed by
 * the fraction); a whole number takes процент / процента / процентов by its last two digits (1, 21 → процент;
 * 2–4, 22–24 → процента; 0, 5–20, 25–30 → процентов). Kazakh nouns after a numeral stay singular («пайыз»);
 * a decimal fraction reads «бүтін оннан …» (tenths) or «бүтін жүзден …» (hundredths).
 */
import { assert } from "../assert";

/** The languages contracts are issued in. */
export type ContractLocale = "kk" | "ru";

/** A non-negative decimal split into its whole part and its fraction digits (at most two). */
interface DecimalParts {
  readonly whole: number;
  /** Fraction digits without trailing zeros: "" for a whole number, "7" for ,7, "05" for ,05. */
  readonly fraction: string;
}

const decimalPattern = /^(\d{1,6})(?:\.(\d{1,2}))?$/;

function splitDecimal(percentText: string): DecimalParts {
  const match = decimalPattern.exec(percentText);
  assert(match !== null, `not a percentage with at most two decimals: ${percentText}`);
  return { whole: Number(match[1]), fraction: (match[2] ?? "").replace(/0+$/, "") };
}

/** Writes a percentage ("34.7") as figures in the contract's style: "34,7 %" (no-break space before %). */
export function formatPercentFigures(percentText: string, _locale: ContractLocale): string {
  const { whole, fraction } = splitDecimal(percentText);
  return fraction === "" ? `${whole}\u00a0%` : `${whole},${fraction}\u00a0%`;
}

/** Writes a percentage ("34.7", "46", "179") in words, in Kazakh or Russian. */
export function writePercentInWords(percentText: string, locale: ContractLocale): string {
  const parts = splitDecimal(percentText);
  switch (locale) {
    case "ru":
      return writeRussianPercent(parts);
    case "kk":
      return writeKazakhPercent(parts);
  }
}

// Russian ---------------------------------------------------------------------------------------------------

const ruUnitsMasculine = [
  "ноль",
  "один",
  "два",
  "три",
  "четыре",
  "пять",
  "шесть",
  "семь",
  "восемь",
  "девять",
];
const ruUnitsFeminine = ["ноль", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
const ruTeens = [
  "десять",
  "одиннадцать",
  "двенадцать",
  "тринадцать",
  "четырнадцать",
  "пятнадцать",
  "шестнадцать",
  "семнадцать",
  "восемнадцать",
  "девятнадцать",
];
const ruTens = [
  "",
  "",
  "двадцать",
  "тридцать",
  "сорок",
  "пятьдесят",
  "шестьдесят",
  "семьдесят",
  "восемьдесят",
  "девяносто",
];
const ruHundreds = [
  "",
  "сто",
  "двести",
  "триста",
  "четыреста",
  "пятьсот",
  "шестьсот",
  "семьсот",
  "восемьсот",
  "девятьсот",
];

type Gender = "masculine" | "feminine";

/** Picks the Russian noun form for a count: [one, few, many] (1 процент, 2 процента, 5 процентов). */
export function pickRussianForm(count: number, forms: readonly [string, string, string]): string {
  const lastTwo = count % 100;
  const last = count % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return forms[2];
  if (last === 1) return forms[0];
  if (last >= 2 && last <= 4) return forms[1];
  return forms[2];
}

function writeRussianBelowThousand(value: number, gender: Gender): string[] {
  assert(value >= 0 && value < 1000, "below a thousand");
  const words: string[] = [];
  const hundreds = Math.floor(value / 100);
  const rest = value % 100;
  if (hundreds > 0) words.push(ruHundreds[hundreds] as string);
  if (rest >= 10 && rest < 20) words.push(ruTeens[rest - 10] as string);
  else {
    const tens = Math.floor(rest / 10);
    const units = rest % 10;
    if (tens > 0) words.push(ruTens[tens] as string);
    if (units > 0) words.push((gender === "feminine" ? ruUnitsFeminine : ruUnitsMasculine)[units] as string);
  }
  return words;
}

/** Writes a whole number (0 ≤ n < 1,000,000) in Russian words of the given gender. */
export function writeRussianNumber(value: number, gender: Gender): string {
  assert(Number.isInteger(value) && value >= 0 && value < 1_000_000, "a whole number below a million");
  if (value === 0) return "ноль";
  const thousands = Math.floor(value / 1000);
  const rest = value % 1000;
  const words: string[] = [];
  if (thousands > 0) {
    words.push(...writeRussianBelowThousand(thousands, "feminine"));
    words.push(pickRussianForm(thousands, ["тысяча", "тысячи", "тысяч"]));
  }
  words.push(...writeRussianBelowThousand(rest, gender));
  return words.join(" ");
}

function writeRussianPercent({ whole, fraction }: DecimalParts): string {
  if (fraction === "") {
    return `${writeRussianNumber(whole, "masculine")} ${pickRussianForm(whole, ["процент", "процента", "процентов"])}`;
  }
  const numerator = Number(fraction);
  const wholeWords = `${writeRussianNumber(whole, "feminine")} ${pickRussianForm(whole, ["целая", "целых", "целых"])}`;
  const denominatorForms: [string, string, string] =
    fraction.length === 1 ? ["десятая", "десятых", "десятых"] : ["сотая", "сотых", "сотых"];
  const fractionWords = `${writeRussianNumber(numerator, "feminine")} ${pickRussianForm(numerator, denominatorForms)}`;
  return `${wholeWords} ${fractionWords} процента`;
}

// Kazakh ----------------------------------------------------------------------------------------------------

const kkUnits = ["нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз"];
const kkTens = ["", "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан"];

function writeKazakhBelowThousand(value: number): string[] {
  assert(value >= 0 && value < 1000, "below a thousand");
  const words: string[] = [];
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const units = value % 10;
  if (hundreds > 1) words.push(kkUnits[hundreds] as string);
  if (hundreds > 0) words.push("жүз");
  if (tens > 0) words.push(kkTens[tens] as string);
  if (units > 0) words.push(kkUnits[units] as string);
  return words;
}

/** Writes a whole number (0 ≤ n < 1,000,000) in Kazakh words (100 → «жүз», 1000 → «мың»). */
export function writeKazakhNumber(value: number): string {
  assert(Number.isInteger(value) && value >= 0 && value < 1_000_000, "a whole number below a million");
  if (value === 0) return "нөл";
  const thousands = Math.floor(value / 1000);
  const words: string[] = [];
  if (thousands > 1) words.push(...writeKazakhBelowThousand(thousands));
  if (thousands > 0) words.push("мың");
  words.push(...writeKazakhBelowThousand(value % 1000));
  return words.join(" ");
}

function writeKazakhPercent({ whole, fraction }: DecimalParts): string {
  if (fraction === "") return `${writeKazakhNumber(whole)} пайыз`;
  const denominator = fraction.length === 1 ? "оннан" : "жүзден";
  return `${writeKazakhNumber(whole)} бүтін ${denominator} ${writeKazakhNumber(Number(fraction))} пайыз`;
}
