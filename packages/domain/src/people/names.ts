/**
 * Names are kept as written (Cyrillic or Latin), and matched through a search key: the name transliterated to
 * Latin letters and reduced so that the usual spellings of one name meet. Ишмухамедова, Ishmukhamedova and
 * Ishmuhamedova share the key `ishmuhamedova`. The Kazakh letters (Ә Ғ Қ Ң Ө Ұ Ү Һ І) map to their nearest
 * Latin sounds, since passports, bank records and people themselves write them in many ways.
 */

const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: "a",
  ә: "a",
  б: "b",
  в: "v",
  г: "g",
  ғ: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "i",
  к: "k",
  қ: "k",
  л: "l",
  м: "m",
  н: "n",
  ң: "n",
  о: "o",
  ө: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ұ: "u",
  ү: "u",
  ф: "f",
  х: "kh",
  һ: "h",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sh",
  ъ: "",
  ы: "y",
  і: "i",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

/** Latin letters for a name written in Cyrillic (a readable transliteration, used for display and search). */
export function transliterate(text: string): string {
  let result = "";
  for (const char of text.toLowerCase()) result += cyrillicToLatin[char] ?? char;
  return result;
}

/**
 * The search key of a name: Latin, lower case, letters only, with spellings that differ only in convention
 * made equal (kh/h, ck/k, ph/f, w/v, y/i, j/zh, doubled letters, diacritics).
 */
export function nameKey(text: string): string {
  const latin = transliterate(text.normalize("NFKD").replace(/\p{M}/gu, ""));
  return latin
    .replace(/[^a-z\s]/g, "")
    .replace(/kh/g, "h")
    .replace(/zh|dj|dzh/g, "j")
    .replace(/ck|q/g, "k")
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/x/g, "ks")
    .replace(/yu/g, "u")
    .replace(/ya/g, "a")
    .replace(/y/g, "i")
    .replace(/([a-z])\1+/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** The key of a whole person's name, surname first. */
export function personNameKey(surname: string, givenName: string, patronymic: string | null): string {
  return [surname, givenName, patronymic ?? ""]
    .map(nameKey)
    .filter((part) => part !== "")
    .join(" ");
}

/** Levenshtein distance, bounded: stops counting past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * Whether two names are likely the same person's: the surname keys match within one edit per seven letters, and
 * the given-name keys match within one edit (patronymics are often left out and are not compared).
 */
export function isSimilarName(
  a: { surname: string; givenName: string },
  b: { surname: string; givenName: string },
): boolean {
  const surnameA = nameKey(a.surname);
  const surnameB = nameKey(b.surname);
  const givenA = nameKey(a.givenName);
  const givenB = nameKey(b.givenName);
  const surnameAllowance = Math.max(1, Math.floor(Math.max(surnameA.length, surnameB.length) / 7));
  return (
    editDistance(surnameA, surnameB, surnameAllowance) <= surnameAllowance &&
    editDistance(givenA, givenB, 1) <= 1
  );
}
