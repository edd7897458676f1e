import { describe, expect, it } from "vitest";
import { editDistance, isSimilarName, nameKey, personNameKey, transliterate } from "./names";

describe("nameKey", () => {
  it.each([
    ["Ишмухамедова", "ishmuhamedova"],
    ["Ishmukhamedova", "ishmuhamedova"],
    ["Ishmuhamedova", "ishmuhamedova"],
    ["Жанар", "janar"],
    ["Zhanar", "janar"],
    ["Djanar", "janar"],
    ["Қасымова", "kasimova"],
    ["Kasymova", "kasimova"],
    ["Qasymova", "kasimova"],
    ["Әлия", "alia"],
    ["Aliya", "alia"],
    ["Нұрланова", "nurlanova"],
    ["Nurlanova", "nurlanova"],
    ["Сәуле", "saule"],
    ["Sáule", "saule"],
    ["Юлия", "ulia"],
    ["Yuliya", "ulia"],
    ["Аннаа  Петрова-Ким", "ana petrovakim"],
  ])("%s → %s", (name, key) => {
    expect(nameKey(name)).toBe(key);
  });

  it("keys a whole name surname first", () => {
    expect(personNameKey("Ишмухамедова", "Ләззат", null)).toBe("ishmuhamedova lazat");
  });

  it("transliterates Kazakh Cyrillic for display", () => {
    expect(transliterate("Мөлдір")).toBe("moldir");
  });
});

describe("isSimilarName", () => {
  it.each([
    [
      { surname: "Ишмухамедова", givenName: "Лаззат" },
      { surname: "Ishmukhamedova", givenName: "Lazzat" },
      true,
    ],
    [
      { surname: "Ишмухамедова", givenName: "Лаззат" },
      { surname: "Ishmuhamedova", givenName: "Lazat" },
      true,
    ],
    [{ surname: "Нурланова", givenName: "Сауле" }, { surname: "Нұрланова", givenName: "Сәуле" }, true],
    [{ surname: "Абдрахманова", givenName: "Роза" }, { surname: "Абдурахманова", givenName: "Роза" }, true],
    [{ surname: "Ким", givenName: "Елена" }, { surname: "Ким", givenName: "Ольга" }, false],
    [{ surname: "Сейтова", givenName: "Гульнар" }, { surname: "Оспанова", givenName: "Гульнар" }, false],
  ])("%j ~ %j is %s", (a, b, similar) => {
    expect(isSimilarName(a, b)).toBe(similar);
  });
});

describe("editDistance", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["same", "same", 0],
    ["abcdefgh", "a", 4],
  ])("%s → %s is %i (bounded by 3)", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
