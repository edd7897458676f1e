/** Writing to a group's records: one balanced entry in its own book, and the passbook lines of its members. */
import { createHash } from "node:crypto";
import type { Tx } from "@moldir/db";
import type { MemberMovement, PlainDate, PurposePosting } from "@moldir/domain";
import { AppError } from "../http/app-error";
import { postEntries } from "../ledger/posting";

/** Posts the postings (by account purpose) as one entry in the group's book; null when nothing moves. */
export async function postGroupEntry(
  trx: Tx,
  actor: { orgId: string; userId: string },
  entry: {
    bookId: string;
    valueDate: PlainDate;
    source: { type: string; id: string };
    narration: string;
    postings: readonly PurposePosting[];
  },
): Promise<string | null> {
  if (entry.postings.length === 0) return null;
  const accounts = await trx
    .selectFrom("accounts")
    .select(["id", "purpose"])
    .where("org_id", "=", actor.orgId)
    .where("book_id", "=", entry.bookId)
    .where("purpose", "is not", null)
    .execute();
  const byPurpose = new Map(accounts.map((a) => [a.purpose, a.id]));
  const [posted] = await postEntries(trx, actor, [
    {
      bookId: entry.bookId,
      valueDate: entry.valueDate,
      source: entry.source,
      narration: entry.narration,
      lines: entry.postings.map((p) => {
        const accountId = byPurpose.get(p.purpose);
        if (accountId === undefined) throw new AppError("account_must_exist", { line: 0, field: p.purpose });
        return { accountId, side: p.side, amountMinor: p.amountMinor };
      }),
    },
  ]);
  return posted?.id ?? null;
}

/** The passbook lines of one meeting (or share-out, or opening), numbered in order. */
export async function insertMovements(
  trx: Tx,
  orgId: string,
  groupId: string,
  meetingId: string,
  heldOn: PlainDate,
  movements: readonly MemberMovement[],
): Promise<void> {
  if (movements.length === 0) return;
  await trx
    .insertInto("group_movements")
    .values(
      movements.map((m, index) => ({
        org_id: orgId,
        meeting_id: meetingId,
        line_no: index + 1,
        group_id: groupId,
        member_id: m.memberId,
        held_on: heldOn,
        kind: m.kind,
        amount_minor: m.amountMinor,
        loan_id: m.loanId,
        shares: m.shares,
      })),
    )
    .execute();
}

/** The fingerprint of a command: the same id with another command is refused, the same command replayed. */
export function commandHashOf(groupId: string, body: object): string {
  return createHash("sha256")
    .update(JSON.stringify({ groupId, ...body }))
    .digest("hex");
}

/**
 * The stored command with this client-made id: null if new, the row if it is the same command again; a
 * different command under the same id is refused.
 */
export async function replayedCommand(trx: Tx, orgId: string, id: string, commandHash: string) {
  const existing = await trx
    .selectFrom("meetings")
    .select(["id", "kind", "command_hash"])
    .where("org_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (existing === undefined) return null;
  if (existing.command_hash !== commandHash) throw new AppError("meeting_id_must_be_unique", { field: "id" });
  return existing;
}

/** The date of the group's last meeting (or share-out, or opening) that stands, if any. */
export async function lastMeetingOn(trx: Tx, orgId: string, groupId: string): Promise<string | null> {
  const last = await trx
    .selectFrom("meetings")
    .select("held_on")
    .where("org_id", "=", orgId)
    .where("group_id", "=", groupId)
    .where("reversed_at", "is", null)
    .orderBy("held_on", "desc")
    .executeTakeFirst();
  return last?.held_on ?? null;
}
