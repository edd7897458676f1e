/**
 * Phone numbers of Kazakhstan (and other +7 numbers) are kept in E.164 form, `+77012345678`. People write
 * them in many ways: `8 701 234 56 78`, `+7 (701) 234-56-78`, `7012345678`.
 */
import { err, ok, type Result } from "../result";

export function normalizePhone(text: string): Result<string, "phone_must_be_valid"> {
  if (text.length > 40) return err("phone_must_be_valid");
  const hasPlus = text.trim().startsWith("+");
  const digits = text.replace(/[\s()\-.]/g, "").replace(/^\+/, "");
  if (!/^\d+$/.test(digits)) return err("phone_must_be_valid");
  if (digits.length === 10) return ok(`+7${digits}`);
  if (
    digits.length === 11 &&
    (digits.startsWith("8") || digits.startsWith("7")) &&
    !(hasPlus && digits.startsWith("8"))
  ) {
    return ok(`+7${digits.slice(1)}`);
  }
  if (hasPlus && digits.length >= 8 && digits.length <= 15) return ok(`+${digits}`);
  return err("phone_must_be_valid");
}

/** An email address as stored and compared: trimmed, lower case. Only its shape is checked here. */
export function normalizeEmail(text: string): Result<string, "email_must_be_valid"> {
  const email = text.trim().toLowerCase();
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return err("email_must_be_valid");
  return ok(email);
}
