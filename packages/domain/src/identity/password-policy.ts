/**
 * What a password must be. Length matters most (NIST SP 800-63B §5.1.1.2): at least 10 characters, at most
 * 128, and not one of the passwords that attackers try first. Character-class rules are deliberately absent.
 */
import { err, ok, type Result } from "../result";

export const passwordMinLength = 10;
export const passwordMaxLength = 128;

// The most common passwords of public breach corpora, and local ones in Kazakh and Russian, as typed on a
// Latin or Cyrillic keyboard. Checked in lower case, ignoring trailing digits and punctuation people add.
const commonPasswords = new Set([
  "password",
  "password1",
  "passw0rd",
  "qwerty",
  "qwertyuiop",
  "qwerty123",
  "1q2w3e4r",
  "1q2w3e4r5t",
  "1qaz2wsx",
  "123456",
  "1234567",
  "12345678",
  "123456789",
  "1234567890",
  "0987654321",
  "111111",
  "000000",
  "123123",
  "abc123",
  "iloveyou",
  "admin",
  "administrator",
  "welcome",
  "letmein",
  "monkey",
  "dragon",
  "football",
  "baseball",
  "sunshine",
  "princess",
  "master",
  "shadow",
  "superman",
  "trustno1",
  "starwars",
  "whatever",
  "zaq12wsx",
  "asdfghjkl",
  "zxcvbnm",
  "zxcvbnm123",
  "aa123456",
  "qazwsx",
  "michael",
  "jordan23",
  "freedom",
  "changeme",
  "secret",
  "login",
  "default",
  "test",
  "testtest",
  "guest",
  "root",
  "user",
  "demo",
  "moldir",
  "kazakhstan",
  "almaty",
  "astana",
  "nursultan",
  "shymkent",
  "qazaqstan",
  "ytrewq",
  "йцукен",
  "йцукенгшщз",
  "пароль",
  "пароль123",
  "любовь",
  "привет",
  "солнышко",
  "наташа",
  "алматы",
  "астана",
  "казахстан",
  "қазақстан",
  "мөлдір",
  "молдир",
  "password123",
  "qwerty1234",
  "admin123",
  "welcome1",
  "p@ssw0rd",
]);

export type PasswordError =
  | "password_must_be_long_enough"
  | "password_must_not_be_too_long"
  | "password_must_not_be_common";

export function checkPassword(
  password: string,
  context: readonly string[] = [],
): Result<void, PasswordError> {
  const length = [...password].length;
  if (length < passwordMinLength)
    return err("password_must_be_long_enough", { minLength: passwordMinLength });
  if (length > passwordMaxLength)
    return err("password_must_not_be_too_long", { maxLength: passwordMaxLength });
  const normalized = password.toLowerCase();
  const stem = normalized.replace(/[\d\s!@#$%^&*()_+=.,?-]+$/u, "");
  const isRepeated = /^(.)\1+$/u.test(normalized) || /^(.{1,3})\1+$/u.test(normalized);
  const isContext = context.some((word) => word.length >= 4 && normalized.includes(word.toLowerCase()));
  if (commonPasswords.has(normalized) || commonPasswords.has(stem) || isRepeated || isContext) {
    return err("password_must_not_be_common");
  }
  return ok(undefined);
}
