import { describe, expect, it } from "vitest";
import { identificationCheckDigit, isValidBin, maskIin, parseIin } from "./iin";

describe("parseIin", () => {
  it("accepts the example from DOMAIN.md and reads its birth date and sex", () => {
    expect(parseIin("061211600012")).toEqual({ ok: true, value: { birthDate: "2006-12-11", sex: "female" } });
  });

  it("reads the century and sex from the seventh digit", () => {
    const make = (prefix: string) => {
      const digits = Array.from(prefix, Number);
      const check = identificationCheckDigit(digits);
      return check === null ? null : prefix + check;
    };
    const male1900s = make("85031530012") ?? make("85031530013");
    expect(male1900s).not.toBeNull();
    expect(parseIin(male1900s as string)).toMatchObject({
      ok: true,
      value: { birthDate: "1985-03-15", sex: "male" },
    });
  });

  it.each([
    ["06121160001", "iin_must_have_12_digits"],
    ["0612116000123", "iin_must_have_12_digits"],
    ["06121160001a", "iin_must_have_12_digits"],
    ["061211600013", "iin_must_have_valid_check_digit"],
  ])("refuses %s with %s", (text, code) => {
    expect(parseIin(text)).toMatchObject({ ok: false, code });
  });

  it("refuses a valid check digit on an impossible birth date", () => {
    const prefix = "06131160001"; // month 13
    const check = identificationCheckDigit(Array.from(prefix, Number));
    expect(check).not.toBeNull();
    expect(parseIin(prefix + check)).toMatchObject({ ok: false, code: "iin_must_encode_valid_birth_date" });
  });

  it("masks all but the first two and last three digits", () => {
    expect(maskIin("061211600012")).toBe("06•••••••012");
  });

  it("checks a BIN with the same check digit", () => {
    expect(isValidBin("061211600012")).toBe(true);
    expect(isValidBin("061211600013")).toBe(false);
  });
});
