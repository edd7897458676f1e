import { describe, expect, it } from "vitest";
import {
  formatPercentFigures,
  writeKazakhNumber,
  writePercentInWords,
  writeRussianNumber,
} from "./number-words";

describe("rates in words", () => {
  it.each([
    ["34.7", "тридцать четыре целых семь десятых процента", "отыз төрт бүтін оннан жеті пайыз"],
    ["46", "сорок шесть процентов", "қырық алты пайыз"],
    ["46.0", "сорок шесть процентов", "қырық алты пайыз"],
    ["179", "сто семьдесят девять процентов", "жүз жетпіс тоғыз пайыз"],
    ["1", "один процент", "бір пайыз"],
    ["21", "двадцать один процент", "жиырма бір пайыз"],
    ["2", "два процента", "екі пайыз"],
    ["34", "тридцать четыре процента", "отыз төрт пайыз"],
    ["11", "одиннадцать процентов", "он бір пайыз"],
    ["12", "двенадцать процентов", "он екі пайыз"],
    ["0", "ноль процентов", "нөл пайыз"],
    ["1.1", "одна целая одна десятая процента", "бір бүтін оннан бір пайыз"],
    ["2.2", "две целых две десятых процента", "екі бүтін оннан екі пайыз"],
    ["21.5", "двадцать одна целая пять десятых процента", "жиырма бір бүтін оннан бес пайыз"],
    ["0.5", "ноль целых пять десятых процента", "нөл бүтін оннан бес пайыз"],
    ["0.03", "ноль целых три сотых процента", "нөл бүтін жүзден үш пайыз"],
    ["56.25", "пятьдесят шесть целых двадцать пять сотых процента", "елу алты бүтін жүзден жиырма бес пайыз"],
    ["200", "двести процентов", "екі жүз пайыз"],
    [
      "4560.1",
      "четыре тысячи пятьсот шестьдесят целых одна десятая процента",
      "төрт мың бес жүз алпыс бүтін оннан бір пайыз",
    ],
  ])("%s → «%s» / «%s»", (percent, russian, kazakh) => {
    expect(writePercentInWords(percent, "ru")).toBe(russian);
    expect(writePercentInWords(percent, "kk")).toBe(kazakh);
  });

  it.each([
    ["34.7", "34,7\u00a0%"],
    ["46", "46\u00a0%"],
    ["46.0", "46\u00a0%"],
    ["0.03", "0,03\u00a0%"],
  ])("writes %s in figures as %s", (percent, figures) => {
    expect(formatPercentFigures(percent, "ru")).toBe(figures);
    expect(formatPercentFigures(percent, "kk")).toBe(figures);
  });

  it("writes thousands with Russian agreement and Kazakh «мың»", () => {
    expect(writeRussianNumber(1_001, "masculine")).toBe("одна тысяча один");
    expect(writeRussianNumber(2_000, "masculine")).toBe("две тысячи");
    expect(writeRussianNumber(11_000, "masculine")).toBe("одиннадцать тысяч");
    expect(writeKazakhNumber(1_000)).toBe("мың");
    expect(writeKazakhNumber(100)).toBe("жүз");
  });

  it("refuses text that is not a percentage", () => {
    expect(() => writePercentInWords("34,7", "ru")).toThrow();
  });
});
