/** Dates from requests, and today's date where the organization is. */
import type { Tx } from "@moldir/db";
import { type PlainDate, parsePlainDate, plainDateAt } from "@moldir/domain";
import { AppError } from "./app-error";

/** A `YYYY-MM-DD` date from a request, or a refusal naming the field. */
export function dateOrRefuse(text: string, field: string): PlainDate {
  const parsed = parsePlainDate(text);
  if (!parsed.ok) throw new AppError("date_must_be_valid", { field });
  return parsed.value;
}

/** Today in the organization's time zone (Asia/Almaty unless it says otherwise). */
export async function todayOf(trx: Tx, orgId: string): Promise<PlainDate> {
  const org = await trx
    .selectFrom("organizations")
    .select("time_zone")
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return plainDateAt(Date.now(), org.time_zone);
}
