/**
 * The person list with filters (sex, age band, region, vulnerability, consent in force, group membership) and
 * the user's scope, a page at a time in the order of surname, given name and id. Pages are keyset pages: the
 * cursor holds the last row's sort key, so a page deep in 100,000 persons costs what the first one does.
 * A plain search of the whole organization goes through `moldir_search_persons` instead (migration 0008).
 */
import type { PersonFilters } from "@moldir/contract";
import type { Tx } from "@moldir/db";
import { birthDatesOfAgeBand, type PlainDate } from "@moldir/domain";
import { AppError } from "../http/app-error";
import { type PersonRow, personColumns } from "./persons";
import { type PersonScope, personInScope } from "./scope";

export type SearchCondition =
  | { readonly kind: "all" }
  | { readonly kind: "iin"; readonly value: string }
  | { readonly kind: "phone"; readonly value: string }
  | { readonly kind: "name"; readonly tokens: readonly string[] };

type SortKey = readonly [surname: string, givenName: string, id: string];

const cursorPrefix = "k.";

export function isKeysetCursor(cursor: string | undefined): boolean {
  return cursor?.startsWith(cursorPrefix) === true;
}

function encodeCursor(row: PersonRow): string {
  const key: SortKey = [row.surname, row.given_name, row.id];
  return cursorPrefix + Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor.slice(cursorPrefix.length), "base64url").toString());
    if (Array.isArray(key) && key.length === 3 && key.every((part) => typeof part === "string"))
      return key as unknown as SortKey;
  } catch {
    // Refused below.
  }
  throw new AppError("request_must_be_valid", { field: "after" });
}

export interface ListQuery {
  readonly condition: SearchCondition;
  readonly filters: PersonFilters;
  readonly includeMerged: boolean;
  readonly limit: number;
  readonly after: string | undefined;
}

export async function listPersons(
  trx: Tx,
  orgId: string,
  scope: PersonScope,
  query: ListQuery,
  today: PlainDate,
): Promise<{ rows: PersonRow[]; nextCursor: string | null }> {
  const { condition, filters } = query;
  let select = trx
    .selectFrom("persons as p")
    .select(personColumns.map((c) => `p.${c}` as const))
    .where("p.org_id", "=", orgId)
    .where((eb) => personInScope(eb, scope));
  if (!query.includeMerged) select = select.where("p.merged_into_id", "is", null);
  if (condition.kind === "iin") select = select.where("p.iin", "=", condition.value);
  if (condition.kind === "phone")
    select = select.where((eb) => eb("p.phones", "@>", eb.val([condition.value])));
  if (condition.kind === "name")
    for (const token of condition.tokens) select = select.where("p.name_key", "like", `%${token}%`);
  if (filters.sex !== undefined) select = select.where("p.sex", "=", filters.sex);
  if (filters.regionId !== undefined) select = select.where("p.region_id", "=", filters.regionId);
  const { vulnerability } = filters;
  if (vulnerability !== undefined)
    select = select.where((eb) => eb("p.vulnerabilities", "@>", eb.val<string[]>([vulnerability])));
  if (filters.ageBand === "unknown") select = select.where("p.birth_date", "is", null);
  else if (filters.ageBand !== undefined) {
    const { after, onOrBefore } = birthDatesOfAgeBand(filters.ageBand, today);
    select = select.where("p.birth_date", "<=", onOrBefore);
    if (after !== null) select = select.where("p.birth_date", ">", after);
  }
  const { consentPurpose } = filters;
  if (consentPurpose !== undefined)
    select = select.where((eb) =>
      eb.exists(
        eb
          .selectFrom("consents as c")
          .select("c.id")
          .whereRef("c.org_id", "=", "p.org_id")
          .whereRef("c.person_id", "=", "p.id")
          .where("c.purpose", "=", consentPurpose)
          .where("c.given_on", "<=", today)
          .where((c) => c.or([c("c.valid_until", "is", null), c("c.valid_until", ">=", today)]))
          .where((c) => c.or([c("c.withdrawn_on", "is", null), c("c.withdrawn_on", ">", today)])),
      ),
    );
  const { groupId, isGroupMember } = filters;
  if (groupId !== undefined || isGroupMember !== undefined)
    select = select.where((eb) => {
      let member = eb
        .selectFrom("group_members as gm")
        .select("gm.id")
        .whereRef("gm.org_id", "=", "p.org_id")
        .whereRef("gm.person_id", "=", "p.id")
        .where("gm.left_on", "is", null);
      if (groupId !== undefined) member = member.where("gm.group_id", "=", groupId);
      return isGroupMember === false ? eb.not(eb.exists(member)) : eb.exists(member);
    });
  if (query.after !== undefined) {
    const [surname, givenName, id] = decodeCursor(query.after);
    select = select.where((eb) =>
      eb(eb.refTuple("p.surname", "p.given_name", "p.id"), ">", eb.tuple(surname, givenName, id)),
    );
  }
  const rows = (await select
    .orderBy("p.surname")
    .orderBy("p.given_name")
    .orderBy("p.id")
    .limit(query.limit + 1)
    .execute()) as PersonRow[];
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last !== undefined ? encodeCursor(last) : null,
  };
}
