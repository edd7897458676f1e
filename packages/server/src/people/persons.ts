/**
 * People: one record per person in an organization, found by name in either script, by phone or by IIN; likely
 * duplicates offered before saving; merge (four eyes) and unmerge from the audit trail; export of everything
 * held about a person; erasure that pseudonymizes personal fields and leaves financial records as they are.
 */
import type { Tx } from "@moldir/db";
import {
  activeConsent,
  type ConsentPurpose,
  type ConsentRecord,
  checkPerson,
  isConsentActive,
  isSimilarName,
  maskIin,
  normalizePhone,
  type PlainDate,
  personNameKey,
  plainDate,
  transliterate,
} from "@moldir/domain";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";

export type PersonRow = {
  id: string;
  surname: string;
  given_name: string;
  patronymic: string | null;
  name_key: string;
  sex: "female" | "male";
  birth_date: string | null;
  iin: string | null;
  phones: string[];
  address: string | null;
  region_id: string | null;
  documents: unknown;
  vulnerabilities: string[];
  income_band: string | null;
  dependants: number | null;
  languages: string[];
  merged_into_id: string | null;
  erased_at: Date | null;
  version: number;
};

export const personColumns = [
  "id",
  "surname",
  "given_name",
  "patronymic",
  "name_key",
  "sex",
  "birth_date",
  "iin",
  "phones",
  "address",
  "region_id",
  "documents",
  "vulnerabilities",
  "income_band",
  "dependants",
  "languages",
  "merged_into_id",
  "erased_at",
  "version",
] as const;

export function toPersonSummary(row: PersonRow) {
  return {
    id: row.id,
    surname: row.surname,
    givenName: row.given_name,
    patronymic: row.patronymic,
    nameLatin: transliterate([row.surname, row.given_name, row.patronymic ?? ""].join(" ").trim()),
    sex: row.sex,
    birthDate: row.birth_date,
    iinMasked: row.iin === null ? null : maskIin(row.iin),
    phones: row.phones,
    regionId: row.region_id,
    vulnerabilities: row.vulnerabilities,
    mergedIntoId: row.merged_into_id,
    isErased: row.erased_at !== null,
  };
}

export type ConsentRow = {
  id: string;
  person_id: string;
  purpose: ConsentPurpose;
  given_on: string;
  valid_until: string | null;
  withdrawn_on: string | null;
  allows_third_parties: boolean;
  allows_cross_border: boolean;
  document: string | null;
};

export function toConsentRecord(row: ConsentRow): ConsentRecord {
  return {
    purpose: row.purpose,
    givenOn: plainDate(row.given_on),
    validUntil: row.valid_until === null ? null : plainDate(row.valid_until),
    withdrawnOn: row.withdrawn_on === null ? null : plainDate(row.withdrawn_on),
    allowsThirdParties: row.allows_third_parties,
    allowsCrossBorder: row.allows_cross_border,
  };
}

export function toConsent(row: ConsentRow, today: PlainDate) {
  return {
    id: row.id,
    personId: row.person_id,
    purpose: row.purpose,
    givenOn: row.given_on,
    validUntil: row.valid_until,
    withdrawnOn: row.withdrawn_on,
    allowsThirdParties: row.allows_third_parties,
    allowsCrossBorder: row.allows_cross_border,
    document: row.document,
    isActive: isConsentActive(toConsentRecord(row), today),
  };
}

export interface PersonInput {
  surname: string;
  givenName: string;
  patronymic?: string | null | undefined;
  sex: "female" | "male";
  birthDate?: string | null | undefined;
  iin?: string | null | undefined;
  phones?: string[] | undefined;
}

/** Checks the facts of a person and returns the normalized values to store. */
export function normalizePerson(input: PersonInput, today: PlainDate) {
  const birthDate = input.birthDate === undefined || input.birthDate === null ? null : input.birthDate;
  const facts = {
    surname: input.surname.trim(),
    givenName: input.givenName.trim(),
    patronymic: input.patronymic?.trim() || null,
    sex: input.sex,
    birthDate: birthDate === null ? null : dateOrRefuse(birthDate, "birthDate"),
    iin: input.iin?.trim() || null,
  };
  const checked = checkPerson(facts, today);
  if (!checked.ok) throw new AppError(checked.code, checked.details);
  const phones = (input.phones ?? []).map((text, index) => {
    const phone = normalizePhone(text);
    if (!phone.ok) throw new AppError("phone_must_be_valid", { field: `phones.${index}` });
    return phone.value;
  });
  return {
    ...facts,
    phones: [...new Set(phones)],
    nameKey: personNameKey(facts.surname, facts.givenName, facts.patronymic),
  };
}

/**
 * Records of the organization that may be this person: the same IIN; or a similar name (across scripts and
 * spellings) with the same birth date or a shared phone. Merged records are left out.
 */
export async function findLikelyDuplicates(
  trx: Tx,
  orgId: string,
  person: {
    surname: string;
    givenName: string;
    birthDate: string | null;
    iin: string | null;
    phones: readonly string[];
  },
  excludeId?: string,
): Promise<{ sameIin: PersonRow | undefined; similar: PersonRow[] }> {
  let query = trx
    .selectFrom("persons")
    .select(personColumns)
    .where("org_id", "=", orgId)
    .where("merged_into_id", "is", null)
    .where((eb) => {
      const alternatives = [];
      if (person.iin !== null) alternatives.push(eb("iin", "=", person.iin));
      if (person.birthDate !== null) alternatives.push(eb("birth_date", "=", person.birthDate));
      if (person.phones.length > 0) alternatives.push(eb("phones", "&&", eb.val([...person.phones])));
      return alternatives.length === 0 ? eb.lit(false) : eb.or(alternatives);
    })
    .limit(200);
  if (excludeId !== undefined) query = query.where("id", "!=", excludeId);
  const rows = (await query.execute()) as PersonRow[];
  const sameIin = person.iin === null ? undefined : rows.find((r) => r.iin === person.iin);
  const similar = rows.filter(
    (r) =>
      r !== sameIin &&
      r.erased_at === null &&
      isSimilarName({ surname: r.surname, givenName: r.given_name }, person),
  );
  return { sameIin, similar };
}

export async function loadPerson(trx: Tx, orgId: string, personId: string): Promise<PersonRow> {
  const row = await trx
    .selectFrom("persons")
    .select(personColumns)
    .where("org_id", "=", orgId)
    .where("id", "=", personId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError("record_must_exist");
  return row as PersonRow;
}

/** Refuses processing that needs the person's consent for a purpose when none is in force. */
export async function requireConsent(
  trx: Tx,
  orgId: string,
  personId: string,
  purpose: ConsentPurpose,
  on: PlainDate,
): Promise<void> {
  const rows = (await trx
    .selectFrom("consents")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("person_id", "=", personId)
    .where("purpose", "=", purpose)
    .execute()) as ConsentRow[];
  if (activeConsent(rows.map(toConsentRecord), purpose, on) === undefined) {
    throw new AppError("consent_must_be_given", { purpose });
  }
}
