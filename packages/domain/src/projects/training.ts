/** Trainings: how many days of a session a certificate needs, from the course's share in basis points. */
import { assert } from "../assert";

/** The fewest days a participant must attend for a certificate: the share of the session's days, rounded up. */
export function daysRequiredForCertificate(sessionDays: number, certificateShareBps: number): number {
  assert(Number.isInteger(sessionDays) && sessionDays >= 1, "a session lasts a whole number of days");
  assert(
    Number.isInteger(certificateShareBps) && certificateShareBps >= 1 && certificateShareBps <= 10_000,
    "a certificate share is between 1 and 10,000 basis points",
  );
  // Integer arithmetic: ceil(days × bps / 10,000) without a float.
  const required = Math.floor((sessionDays * certificateShareBps + 9_999) / 10_000);
  assert(required >= 1 && required <= sessionDays, "a certificate needs at least one day and at most all");
  return required;
}

export const trainingLimits = {
  /** People named in one day's roll call. */
  rollCallPeopleMax: 1_000,
} as const;
