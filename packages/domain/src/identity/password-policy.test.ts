import { describe, expect, it } from "vitest";
import { checkPassword } from "./password-policy";

describe("checkPassword", () => {
  it.each(["correct horse battery", "Қызғалдақ-гүлі-2024", "b7#kQ2!xLm9p"])("accepts %j", (password) => {
    expect(checkPassword(password).ok).toBe(true);
  });

  it.each([
    ["short1", "password_must_be_long_enough"],
    ["", "password_must_be_long_enough"],
    ["x".repeat(129), "password_must_not_be_too_long"],
    ["password123", "password_must_not_be_common"],
    ["Password2024!", "password_must_not_be_common"],
    ["qwerty123456", "password_must_not_be_common"],
    ["1234567890", "password_must_not_be_common"],
    ["йцукенгшщз", "password_must_not_be_common"],
    ["abcabcabcabc", "password_must_not_be_common"],
    ["aaaaaaaaaaaa", "password_must_not_be_common"],
    ["Kazakhstan2025", "password_must_not_be_common"],
  ])("refuses %j with %s", (password, code) => {
    expect(checkPassword(password)).toMatchObject({ ok: false, code });
  });

  it("refuses a password built from the user's own email", () => {
    expect(checkPassword("aigerim.nurlanova1", ["aigerim.nurlanova"])).toMatchObject({
      ok: false,
      code: "password_must_not_be_common",
    });
  });
});
