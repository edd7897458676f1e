/**
 * Merging two records of one person (four eyes): the duplicate's roles and history move to the survivor, empty
 * fields of the survivor are filled from the duplicate, and the duplicate stays, marked as merged, for history.
 * Everything needed to undo it is kept in `person_merges`, which the audit event names.
 */
import type { Tx } from "@moldir/db";
import { z } from "zod";
import type { ActionContext, ApprovableAction } from "../approvals/registry";
import { AppError } from "../http/app-error";
import { newId } from "../identity/secrets";
import { loadPerson, type PersonRow } from "./persons";

/** Tables whose rows point at a person and move with her when records are merged. Later areas add theirs. */
export const personReferences: { table: "household_members" | "consents"; key: "household_id" | "id" }[] = [
  { table: "household_members", key: "household_id" },
  { table: "consents", key: "id" },
];

const fillableFields = [
  "birth_date",
  "iin",
  "address",
  "region_id",
  "patronymic",
  "income_band",
  "dependants",
] as const;

export const mergePayload = z.object({ survivorId: z.string(), duplicateId: z.string() });
export type MergePayload = z.infer<typeof mergePayload>;

async function loadPair(trx: Tx, orgId: string, payload: MergePayload): Promise<[PersonRow, PersonRow]> {
  if (payload.survivorId === payload.duplicateId) throw new AppError("persons_must_differ");
  const survivor = await loadPerson(trx, orgId, payload.survivorId);
  const duplicate = await loadPerson(trx, orgId, payload.duplicateId);
  for (const person of [survivor, duplicate]) {
    if (person.merged_into_id !== null) throw new AppError("person_must_not_be_merged");
    if (person.erased_at !== null) throw new AppError("person_must_not_be_erased");
  }
  return [survivor, duplicate];
}

export const mergeAction: ApprovableAction<MergePayload, { mergeId: string; survivorId: string }> = {
  action: "person.merge",
  permission: "people.manage",
  payloadSchema: mergePayload,
  summarize: async (trx, context, payload) => {
    const [survivor, duplicate] = await loadPair(trx, context.orgId, payload);
    return {
      survivorId: survivor.id,
      survivor: `${survivor.surname} ${survivor.given_name}`,
      duplicateId: duplicate.id,
      duplicate: `${duplicate.surname} ${duplicate.given_name}`,
    };
  },
  execute: async (trx: Tx, context: ActionContext, payload: MergePayload) => {
    const [survivor, duplicate] = await loadPair(trx, context.orgId, payload);
    const moved: Record<string, string[]> = {};
    for (const reference of personReferences) {
      const rows = await trx
        .updateTable(reference.table)
        .set({ person_id: survivor.id })
        .where("org_id", "=", context.orgId)
        .where("person_id", "=", duplicate.id)
        .where((eb) =>
          reference.table === "household_members"
            ? eb.not(
                eb.exists(
                  eb
                    .selectFrom("household_members as h")
                    .select("h.person_id")
                    .whereRef("h.household_id", "=", "household_members.household_id")
                    .where("h.person_id", "=", survivor.id),
                ),
              )
            : eb.lit(true),
        )
        .returning(reference.key)
        .execute();
      moved[reference.table] = rows.map((r) => String((r as Record<string, unknown>)[reference.key]));
    }
    // The duplicate leaves first, so that the survivor may take its IIN without breaking uniqueness.
    await trx
      .updateTable("persons")
      .set({ merged_into_id: survivor.id })
      .where("org_id", "=", context.orgId)
      .where("id", "=", duplicate.id)
      .execute();
    const filled = fillableFields.filter((field) => survivor[field] === null && duplicate[field] !== null);
    const phones = [...new Set([...survivor.phones, ...duplicate.phones])];
    await trx
      .updateTable("persons")
      .set({
        ...Object.fromEntries(filled.map((field) => [field, duplicate[field]])),
        phones,
        version: survivor.version + 1,
      })
      .where("org_id", "=", context.orgId)
      .where("id", "=", survivor.id)
      .execute();
    const mergeId = newId();
    await trx
      .insertInto("person_merges")
      .values({
        org_id: context.orgId,
        id: mergeId,
        survivor_id: survivor.id,
        duplicate_id: duplicate.id,
        survivor_before: JSON.stringify({
          phones: survivor.phones,
          ...Object.fromEntries(fillableFields.map((f) => [f, survivor[f]])),
        }),
        filled_fields: [...filled, ...(phones.length > survivor.phones.length ? ["phones"] : [])],
        moved: JSON.stringify(moved),
      })
      .execute();
    return {
      result: { mergeId, survivorId: survivor.id },
      recordType: "person",
      recordId: survivor.id,
      summary: {
        mergeId,
        duplicateId: duplicate.id,
        moved: Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, v.length])),
        filled,
      },
    };
  },
};

/** Undoes the latest merge of a duplicate: its rows move back, the survivor's filled fields are emptied again. */
export async function unmerge(
  trx: Tx,
  orgId: string,
  duplicateId: string,
): Promise<{ mergeId: string; survivorId: string }> {
  const duplicate = await loadPerson(trx, orgId, duplicateId);
  if (duplicate.merged_into_id === null) throw new AppError("person_must_be_merged");
  const merge = await trx
    .selectFrom("person_merges")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("duplicate_id", "=", duplicateId)
    .where("unmerged_at", "is", null)
    .orderBy("merged_at", "desc")
    .forUpdate()
    .executeTakeFirst();
  if (merge === undefined) throw new AppError("person_must_be_merged");
  const moved = merge.moved as Record<string, string[]>;
  for (const reference of personReferences) {
    const keys = moved[reference.table] ?? [];
    if (keys.length === 0) continue;
    await trx
      .updateTable(reference.table)
      .set({ person_id: duplicateId })
      .where("org_id", "=", orgId)
      .where("person_id", "=", merge.survivor_id)
      .where(reference.key, "in", keys)
      .execute();
  }
  const before = merge.survivor_before as Record<string, unknown>;
  const restore = Object.fromEntries(
    merge.filled_fields.map((field) => [field, before[field] ?? (field === "phones" ? [] : null)]),
  );
  await trx
    .updateTable("persons")
    .set({ merged_into_id: null })
    .where("org_id", "=", orgId)
    .where("id", "=", duplicateId)
    .execute();
  if (Object.keys(restore).length > 0) {
    await trx
      .updateTable("persons")
      .set(restore)
      .where("org_id", "=", orgId)
      .where("id", "=", merge.survivor_id)
      .execute();
  }
  await trx
    .updateTable("person_merges")
    .set({ unmerged_at: new Date() })
    .where("org_id", "=", orgId)
    .where("id", "=", merge.id)
    .execute();
  return { mergeId: merge.id, survivorId: merge.survivor_id };
}
