import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { activeConsent, type ConsentRecord, isConsentActive } from "./consent";
import { identificationCheckDigit } from "./iin";
import { checkPerson, type PersonFacts } from "./person";

const today = plainDate("2026-11-27");
const base: PersonFacts = {
  surname: "Ишмухамедова",
  givenName: "Ләззат",
  patronymic: null,
  sex: "female",
  birthDate: plainDate("2006-12-11"),
  iin: "061211600012",
};

/** An IIN with a valid check digit for a prefix, trying serials until one has a check digit. */
function iinFor(prefix7: string): string {
  for (let serial = 1; serial < 9999; serial++) {
    const eleven = `${prefix7}${String(serial).padStart(4, "0")}`;
    const check = identificationCheckDigit(Array.from(eleven, Number));
    if (check !== null) return `${eleven}${check}`;
  }
  throw new Error("no IIN");
}

/** Eleven digits whose first checksum is 10 and second is not: the "10 twice" rule picks the second. */
function iinNeedingSecondPass(): string {
  for (let serial = 0; serial < 10000; serial++) {
    const eleven = `8503154${String(serial).padStart(4, "0")}`;
    const digits = Array.from(eleven, Number);
    const first = digits.reduce((sum, d, i) => sum + d * (i + 1), 0) % 11;
    if (first === 10) {
      const check = identificationCheckDigit(digits);
      if (check !== null) return `${eleven}${check}`;
    }
  }
  throw new Error("none");
}

describe("checkPerson", () => {
  it("accepts a person whose IIN agrees with her birth date and sex", () => {
    expect(checkPerson(base, today).ok).toBe(true);
    expect(checkPerson({ ...base, iin: null, birthDate: null }, today).ok).toBe(true);
  });

  it("accepts an IIN whose check digit needs the second set of weights", () => {
    const iin = iinNeedingSecondPass();
    expect(checkPerson({ ...base, sex: "female", birthDate: plainDate("1985-03-15"), iin }, today).ok).toBe(
      true,
    );
  });

  it.each([
    [{ surname: " " }, "surname_must_be_given"],
    [{ givenName: "" }, "given_name_must_be_given"],
    [{ surname: "x".repeat(201) }, "name_must_not_be_too_long"],
    [{ birthDate: plainDate("2027-01-01"), iin: null }, "birth_date_must_not_be_in_the_future"],
    [{ iin: "061211600013" }, "iin_must_have_valid_check_digit"],
    [{ iin: "06121160001" }, "iin_must_have_12_digits"],
    [{ birthDate: plainDate("2006-12-12") }, "iin_must_match_birth_date"],
    [{ sex: "male" as const }, "iin_must_match_sex"],
    [{ iin: iinFor("0613116"), birthDate: null }, "iin_must_encode_valid_birth_date"],
  ])("refuses %j with %s", (change, code) => {
    expect(checkPerson({ ...base, ...change }, today)).toMatchObject({ ok: false, code });
  });
});

describe("consent", () => {
  const consent: ConsentRecord = {
    purpose: "credit",
    givenOn: plainDate("2025-01-10"),
    validUntil: plainDate("2026-01-09"),
    withdrawnOn: null,
    allowsThirdParties: true,
    allowsCrossBorder: false,
  };
  it.each([
    ["2025-01-09", false],
    ["2025-01-10", true],
    ["2026-01-09", true],
    ["2026-01-10", false],
  ])("on %s is active: %s", (day, active) => {
    expect(isConsentActive(consent, plainDate(day))).toBe(active);
  });
  it("ends on the day it is withdrawn", () => {
    const withdrawn = { ...consent, withdrawnOn: plainDate("2025-06-01") };
    expect(isConsentActive(withdrawn, plainDate("2025-05-31"))).toBe(true);
    expect(isConsentActive(withdrawn, plainDate("2025-06-01"))).toBe(false);
  });
  it("is looked up per purpose", () => {
    expect(activeConsent([consent], "credit", plainDate("2025-02-01"))).toBe(consent);
    expect(activeConsent([consent], "photo", plainDate("2025-02-01"))).toBeUndefined();
  });
});
