/**
 * Registering generated people and their membership of groups, in two ways with the same result: through the
 * API (each person, consent, household and membership a request, checked as a user's would be) for tests and
 * small sizes, or with set-based SQL for the demo and the bulk path, where thousands of requests would make
 * the first start slow. Either way no money moves here: the groups' books are written by their meetings.
 */
import { asSystem, type Database, sql, type Tx } from "@moldir/db";
import { type PlainDate, personNameKey } from "@moldir/domain";
import { newId } from "../identity/secrets";
import { type Api, ApiRefusal } from "./api";
import type { GeneratedHousehold, GeneratedPerson } from "./population";

/** The consents a micro-credit organization's client gives. */
export type ClientConsent = "credit" | "membership";

export interface Registry {
  /** Registers the households (each woman with her consent to membership); returns person ids by key. */
  registerHouseholds(
    households: readonly GeneratedHousehold[],
    consentOn: PlainDate,
  ): Promise<ReadonlyMap<string, string>>;
  /** The women join the group; returns their member ids, in order. */
  joinGroup(groupId: string, personIds: readonly string[], joinedOn: PlainDate): Promise<string[]>;
  /**
   * Registers a micro-credit organization's clients, each with her consents for the purposes (credit checks, and
   * membership for a woman of a group that borrows); ids by key.
   */
  registerClients(
    people: readonly GeneratedPerson[],
    consentOn: PlainDate,
    purposes: readonly ClientConsent[],
  ): Promise<ReadonlyMap<string, string>>;
}

function personPayload(person: GeneratedPerson) {
  return {
    surname: person.surname,
    givenName: person.givenName,
    patronymic: person.patronymic,
    sex: person.sex,
    birthDate: person.birthDate,
    iin: person.iin,
    phones: person.phones,
    regionId: person.regionId,
    address: person.address,
    languages: person.languages,
  };
}

async function registerPerson(api: Api, person: GeneratedPerson): Promise<string> {
  const payload = personPayload(person);
  try {
    return (await api<{ id: string }>("POST", "/api/v1/persons", payload)).id;
  } catch (error) {
    // Two generated people may share a name and a birth date; the user judges them to be two people.
    const candidates = (error instanceof ApiRefusal ? error.body.error?.details : undefined)?.candidates as
      | { id: string }[]
      | undefined;
    if (candidates === undefined) throw error;
    const confirmNotDuplicateOf = candidates.map((c) => c.id);
    return (await api<{ id: string }>("POST", "/api/v1/persons", { ...payload, confirmNotDuplicateOf })).id;
  }
}

export function apiRegistry(api: Api): Registry {
  return {
    async registerHouseholds(households, consentOn) {
      const ids = new Map<string, string>();
      for (const household of households) {
        const womanId = await registerPerson(api, household.woman);
        ids.set(household.woman.key, womanId);
        await api("POST", `/api/v1/persons/${womanId}/consents`, {
          purpose: "membership",
          givenOn: consentOn,
          allowsThirdParties: false,
          allowsCrossBorder: false,
        });
        const childIds: string[] = [];
        for (const child of household.children) {
          const childId = await registerPerson(api, child);
          ids.set(child.key, childId);
          childIds.push(childId);
        }
        await api("POST", "/api/v1/households", {
          name: household.name,
          address: household.woman.address,
          regionId: household.village.regionId,
          members: [
            { personId: womanId, relationship: "head" },
            ...childIds.map((personId) => ({ personId, relationship: "child" })),
          ],
        });
      }
      return ids;
    },
    async joinGroup(groupId, personIds, joinedOn) {
      const memberIds: string[] = [];
      for (const personId of personIds) {
        const detail = await api<{ members: { id: string; person: { id: string } }[] }>(
          "POST",
          `/api/v1/groups/${groupId}/members`,
          { personId, joinedOn },
        );
        memberIds.push(detail.members.find((m) => m.person.id === personId)?.id ?? "");
      }
      return memberIds;
    },
    async registerClients(people, consentOn, purposes) {
      const ids = new Map<string, string>();
      for (const person of people) {
        const id = await registerPerson(api, person);
        ids.set(person.key, id);
        for (const purpose of purposes)
          await api("POST", `/api/v1/persons/${id}/consents`, {
            purpose,
            givenOn: consentOn,
            allowsThirdParties: false,
            allowsCrossBorder: false,
          });
      }
      return ids;
    },
  };
}

export function sqlRegistry(database: Database, orgId: string): Registry {
  return {
    registerHouseholds: (households, consentOn) =>
      asSystem(database, (trx) => insertHouseholds(trx, orgId, households, consentOn)),
    joinGroup: (groupId, personIds, joinedOn) =>
      asSystem(database, (trx) =>
        insertMembers(
          trx,
          orgId,
          personIds.map((personId) => ({ groupId, personId, joinedOn })),
        ),
      ),
    registerClients: (people, consentOn, purposes) =>
      asSystem(database, async (trx) => {
        const ids = await insertPersons(trx, orgId, people);
        for (const purpose of purposes)
          await insertConsents(trx, orgId, [...ids.values()], purpose, consentOn);
        return ids;
      }),
  };
}

async function insertConsents(
  trx: Tx,
  orgId: string,
  personIds: readonly string[],
  purpose: "membership" | "credit",
  givenOn: PlainDate,
): Promise<void> {
  await sql`
    INSERT INTO consents (org_id, id, person_id, purpose, given_on)
    SELECT ${orgId}, c.id, c.person_id, ${purpose}, ${givenOn}
    FROM unnest(${personIds.map(() => newId())}::uuid[], ${personIds}::uuid[]) AS c(id, person_id)`.execute(
    trx,
  );
}

/** People in one statement; one whose IIN the organization has already is left out (no id for her key). */
async function insertPersons(
  trx: Tx,
  orgId: string,
  people: readonly GeneratedPerson[],
): Promise<Map<string, string>> {
  const ids = people.map(() => newId());
  const column = <T>(pick: (p: GeneratedPerson) => T) => people.map(pick);
  const { rows } = await sql<{ id: string }>`
    INSERT INTO persons (org_id, id, surname, given_name, patronymic, name_key, sex, birth_date, iin, phones,
      address, region_id, languages)
    SELECT ${orgId}, p.id, p.surname, p.given_name, p.patronymic, p.name_key, p.sex, p.birth_date, p.iin,
      string_to_array(p.phones, ','), p.address, p.region_id, string_to_array(p.languages, ',')
    FROM unnest(${ids}::uuid[], ${column((p) => p.surname)}::text[], ${column((p) => p.givenName)}::text[],
      ${column((p) => p.patronymic)}::text[],
      ${column((p) => personNameKey(p.surname, p.givenName, p.patronymic))}::text[], ${column((p) => p.sex)}::text[],
      ${column((p) => p.birthDate)}::date[], ${column((p) => p.iin)}::text[], ${column((p) => p.phones.join(","))}::text[],
      ${column((p) => p.address)}::text[], ${column((p) => p.regionId)}::text[],
      ${column((p) => p.languages.join(","))}::text[])
      AS p(id, surname, given_name, patronymic, name_key, sex, birth_date, iin, phones, address, region_id, languages)
    ON CONFLICT DO NOTHING
    RETURNING id`.execute(trx);
  const inserted = new Set(rows.map((r) => r.id));
  return new Map(
    people.flatMap((p, i) => (inserted.has(ids[i] as string) ? [[p.key, ids[i] as string]] : [])),
  );
}

/** Households with their women (who consent to membership) and children, in a few statements. */
export async function insertHouseholds(
  trx: Tx,
  orgId: string,
  households: readonly GeneratedHousehold[],
  consentOn: PlainDate,
): Promise<Map<string, string>> {
  const ids = await insertPersons(
    trx,
    orgId,
    households.flatMap((h) => [h.woman, ...h.children]),
  );
  const women = households.flatMap((h) => (ids.has(h.woman.key) ? [ids.get(h.woman.key) as string] : []));
  await insertConsents(trx, orgId, women, "membership", consentOn);
  const homes = households.map((h) => ({ id: newId(), household: h }));
  await sql`
    INSERT INTO households (org_id, id, name, address, region_id)
    SELECT ${orgId}, h.id, h.name, h.address, h.region_id
    FROM unnest(${homes.map((h) => h.id)}::uuid[], ${homes.map((h) => h.household.name)}::text[],
      ${homes.map((h) => h.household.woman.address)}::text[], ${homes.map((h) => h.household.village.regionId)}::text[])
      AS h(id, name, address, region_id)`.execute(trx);
  const members = homes.flatMap(({ id, household }) =>
    [household.woman, ...household.children].flatMap((person) => {
      const personId = ids.get(person.key);
      if (personId === undefined) return [];
      return [{ id, personId, relationship: person === household.woman ? "head" : "child" }];
    }),
  );
  await sql`
    INSERT INTO household_members (org_id, household_id, person_id, relationship)
    SELECT ${orgId}, m.household_id, m.person_id, m.relationship
    FROM unnest(${members.map((m) => m.id)}::uuid[], ${members.map((m) => m.personId)}::uuid[],
      ${members.map((m) => m.relationship)}::text[]) AS m(household_id, person_id, relationship)`.execute(
    trx,
  );
  return ids;
}

export async function insertMembers(
  trx: Tx,
  orgId: string,
  rows: readonly { groupId: string; personId: string; joinedOn: PlainDate }[],
): Promise<string[]> {
  const ids = rows.map(() => newId());
  await sql`
    INSERT INTO group_members (org_id, id, group_id, person_id, joined_on)
    SELECT ${orgId}, m.id, m.group_id, m.person_id, m.joined_on
    FROM unnest(${ids}::uuid[], ${rows.map((r) => r.groupId)}::uuid[], ${rows.map((r) => r.personId)}::uuid[],
      ${rows.map((r) => r.joinedOn)}::date[]) AS m(id, group_id, person_id, joined_on)`.execute(trx);
  return ids;
}
