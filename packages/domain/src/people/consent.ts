/**
 * Consent to process personal data (Law of the Republic of Kazakhstan "On personal data and their protection"):
 * recorded per purpose, with the date it was given, its term, whether transfer to third parties and across
 * borders is allowed, and the document. Processing that needs a consent is refused without an active one; a
 * withdrawal takes effect from its date.
 */
import { compareDates, type PlainDate } from "../calendar/plain-date";

export const consentPurposes = ["membership", "credit", "project", "photo", "network_sharing"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export interface ConsentRecord {
  readonly purpose: ConsentPurpose;
  readonly givenOn: PlainDate;
  readonly validUntil: PlainDate | null;
  readonly withdrawnOn: PlainDate | null;
  readonly allowsThirdParties: boolean;
  readonly allowsCrossBorder: boolean;
}

/** Whether a consent is in force on a day: given by then, not expired, not withdrawn. */
export function isConsentActive(consent: ConsentRecord, on: PlainDate): boolean {
  if (compareDates(consent.givenOn, on) > 0) return false;
  if (consent.validUntil !== null && compareDates(on, consent.validUntil) > 0) return false;
  if (consent.withdrawnOn !== null && compareDates(on, consent.withdrawnOn) >= 0) return false;
  return true;
}

/** The consent in force for a purpose on a day, if any. */
export function activeConsent(
  consents: readonly ConsentRecord[],
  purpose: ConsentPurpose,
  on: PlainDate,
): ConsentRecord | undefined {
  return consents.find((c) => c.purpose === purpose && isConsentActive(c, on));
}
