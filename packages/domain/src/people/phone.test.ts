import { describe, expect, it } from "vitest";
import { normalizeEmail, normalizePhone } from "./phone";

describe("normalizePhone", () => {
  it.each([
    ["+7 701 234 56 78", "+77012345678"],
    ["8 701 234 56 78", "+77012345678"],
    ["+7 (701) 234-56-78", "+77012345678"],
    ["7012345678", "+77012345678"],
    ["77012345678", "+77012345678"],
    ["+996 555 123 456", "+996555123456"],
  ])("reads %s as %s", (text, phone) => {
    expect(normalizePhone(text)).toEqual({ ok: true, value: phone });
  });
  it.each(["", "12345", "phone", "701-234", "+7 701 234 56 78 99 99 99"])("refuses %j", (text) => {
    expect(normalizePhone(text)).toMatchObject({ ok: false, code: "phone_must_be_valid" });
  });
});

describe("normalizeEmail", () => {
  it("trims and lowers", () => {
    expect(normalizeEmail("  Aigul@Moldir.KZ ")).toEqual({ ok: true, value: "aigul@moldir.kz" });
  });
  it.each(["", "aigul", "aigul@", "a b@c.kz"])("refuses %j", (text) => {
    expect(normalizeEmail(text).ok).toBe(false);
  });
});
