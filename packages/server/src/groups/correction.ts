/**
 * Correcting a meeting. The bookkeeper may reverse the group's last meeting and record it again; an older
 * meeting is reversed only with a reason and a second person's approval. Reversal undoes the meeting's
 * postings with a reversal entry and stops its lines from counting in passbooks and balances; nothing is deleted.
 */
import type { Tx } from "@moldir/db";
import { z } from "zod";
import type { ActionContext, ApprovableAction } from "../approvals/registry";
import { AppError } from "../http/app-error";
import { reverseEntry } from "../ledger/entries";

export const meetingReversalPayload = z.object({ meetingId: z.string(), reason: z.string() });
export type MeetingReversal = z.infer<typeof meetingReversalPayload>;

export async function loadMeetingForReversal(trx: Tx, orgId: string, meetingId: string) {
  const meeting = await trx
    .selectFrom("meetings")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "=", meetingId)
    .forUpdate()
    .executeTakeFirst();
  if (meeting === undefined) throw new AppError("record_must_exist");
  if (meeting.reversed_at !== null) throw new AppError("meeting_must_not_be_reversed");
  if (meeting.kind === "share_out") throw new AppError("share_out_must_not_be_reversed");
  // What the meeting paid the federation moved the federation's book too; it is corrected with the federation.
  const fundRepaid = await trx
    .selectFrom("fund_repayments")
    .select("id")
    .where("org_id", "=", orgId)
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  if (fundRepaid !== undefined) throw new AppError("meeting_with_fund_repayments_must_stand");
  const later = await trx
    .selectFrom("live_group_movements as v")
    .select("v.meeting_id")
    .where("v.org_id", "=", orgId)
    .where("v.kind", "=", "loan_principal_repaid")
    .where("v.meeting_id", "!=", meetingId)
    .where(
      "v.loan_id",
      "in",
      trx
        .selectFrom("group_loans")
        .select("id")
        .where("org_id", "=", orgId)
        .where("meeting_id", "=", meetingId),
    )
    .executeTakeFirst();
  if (later !== undefined) throw new AppError("meeting_must_not_have_later_repayments");
  const newest = await trx
    .selectFrom("meetings")
    .select("id")
    .where("org_id", "=", orgId)
    .where("group_id", "=", meeting.group_id)
    .where("reversed_at", "is", null)
    .orderBy("held_on", "desc")
    .orderBy("recorded_at", "desc")
    .executeTakeFirstOrThrow();
  return { meeting, isLast: newest.id === meeting.id };
}

export const meetingReversalAction: ApprovableAction<
  MeetingReversal,
  { meetingId: string; reversalEntryId: string | null }
> = {
  action: "meeting.reverse",
  permission: "meetings.record",
  payloadSchema: meetingReversalPayload,
  summarize: async (trx, context, payload) => {
    const { meeting } = await loadMeetingForReversal(trx, context.orgId, payload.meetingId);
    return {
      meetingId: meeting.id,
      groupId: meeting.group_id,
      heldOn: meeting.held_on,
      reason: payload.reason,
    };
  },
  execute: async (trx: Tx, context: ActionContext, payload: MeetingReversal) => {
    const { meeting } = await loadMeetingForReversal(trx, context.orgId, payload.meetingId);
    const reversal =
      meeting.entry_id === null
        ? null
        : await reverseEntry(trx, context, { entryId: meeting.entry_id, reason: payload.reason });
    await trx
      .updateTable("meetings")
      .set({
        reversed_at: new Date(),
        reversal_reason: payload.reason,
        reversal_entry_id: reversal?.id ?? null,
      })
      .where("org_id", "=", context.orgId)
      .where("id", "=", meeting.id)
      .execute();
    return {
      result: { meetingId: meeting.id, reversalEntryId: reversal?.id ?? null },
      recordType: "meeting",
      recordId: meeting.id,
      summary: { groupId: meeting.group_id, heldOn: meeting.held_on, reason: payload.reason },
    };
  },
};
