/**
 * The cycles of a savings group, its share-out and its opening balances. A share-out ends the current cycle:
 * one command with a client-made id and the number of the cycle it ends, so that it is applied once and a
 * second share-out of the same cycle is refused. It pays every member in one balanced entry, settles the loans
 * still outstanding as decided, and starts the next cycle with the shares each member re-invests. Opening
 * balances bring a group with paper books in as of a cut-off date, before any meeting is recorded.
 */
import {
  groupCyclesResponseSchema,
  openingBalancesRequestSchema,
  type ShareOutResult,
  shareOutRequestSchema,
  shareOutResultSchema,
} from "@moldir/contract";
import type { Database, Tx } from "@moldir/db";
import { decideOpening, decideShareOut, type PlainDate, type ShareOutDecision } from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { type QueuedNotification, queueNotifications } from "../notifications/outbox";
import { commandHashOf, insertMovements, lastMeetingOn, postGroupEntry, replayedCommand } from "./book";
import { bylawsFromJson, bylawsOn, groupState, loadGroupRow } from "./state";

type GroupRow = Awaited<ReturnType<typeof loadGroupRow>>;
type ShareOutBody = z.infer<typeof shareOutRequestSchema>;
type OpeningBody = z.infer<typeof openingBalancesRequestSchema>;

const groupParams = z.object({ groupId: z.string().uuid() });
const tags = ["groups"];

/** The open cycle: the one without an end, or cycle 1 from the group's formation if none has ended yet. */
export async function currentCycle(trx: Tx, orgId: string, group: GroupRow) {
  const open = await trx
    .selectFrom("group_cycles")
    .select(["number", "started_on"])
    .where("org_id", "=", orgId)
    .where("group_id", "=", group.id)
    .where("ended_on", "is", null)
    .executeTakeFirst();
  return open === undefined
    ? { number: 1, startedOn: group.formed_on }
    : { number: open.number, startedOn: open.started_on };
}

async function planShareOut(trx: Tx, orgId: string, group: GroupRow, body: ShareOutBody) {
  if (group.methodology !== "vsla") throw new AppError("share_out_must_be_for_savings_group");
  const cycle = await currentCycle(trx, orgId, group);
  if (body.cycleNumber !== cycle.number)
    throw new AppError("cycle_must_be_current", { field: "cycleNumber", currentCycle: cycle.number });
  const heldOn = dateOrRefuse(body.heldOn, "heldOn");
  const last = await lastMeetingOn(trx, orgId, group.id);
  if ((last !== null && heldOn < last) || heldOn < cycle.startedOn)
    throw new AppError("meeting_must_follow_last_meeting", {
      field: "heldOn",
      lastMeetingOn: last ?? cycle.startedOn,
    });
  const nextSharePriceMinor = bylawsFromJson(
    (await bylawsOn(trx, orgId, group.id, heldOn)).json,
  ).sharePriceMinor;
  const state = await groupState(trx, orgId, group.id, group.book_id);
  const decided = decideShareOut(state, nextSharePriceMinor, {
    cashCountedMinor: BigInt(body.cashCountedMinor),
    loans: body.loans,
    reinvestments: body.reinvestments,
  });
  if (!decided.ok) throw new AppError(decided.code, decided.details);
  return { heldOn, cycle, nextSharePriceMinor, decision: decided.value };
}

function shareOutWire(
  ids: { id: string; groupId: string; entryId: string | null },
  plan: {
    heldOn: PlainDate;
    cycle: { number: number };
    nextSharePriceMinor: bigint;
    decision: ShareOutDecision;
  },
): ShareOutResult {
  const d = plan.decision;
  return {
    ...ids,
    heldOn: plan.heldOn,
    cycleNumber: plan.cycle.number,
    distributableMinor: d.distributableMinor.toString(),
    totalShares: d.totalShares,
    valuePerShareMinor: d.valuePerShareMinor.toString(),
    writtenOffMinor: d.writtenOffMinor.toString(),
    cashAfterMinor: d.cashAfterMinor.toString(),
    nextSharePriceMinor: plan.nextSharePriceMinor.toString(),
    payouts: d.payouts.map((p) => ({
      memberId: p.memberId,
      shares: p.shares,
      savingsMinor: p.savingsMinor.toString(),
      payoutMinor: p.payoutMinor.toString(),
      loansDeductedMinor: p.loansDeductedMinor.toString(),
      reinvestedShares: p.reinvestedShares,
      reinvestedMinor: p.reinvestedMinor.toString(),
      cashPaidMinor: p.cashPaidMinor.toString(),
    })),
  };
}

export async function storedShareOut(trx: Tx, orgId: string, shareOutId: string): Promise<ShareOutResult> {
  const row = await trx
    .selectFrom("group_cycles")
    .select("share_out")
    .where("org_id", "=", orgId)
    .where("share_out_id", "=", shareOutId)
    .executeTakeFirst();
  if (row?.share_out == null) throw new AppError("record_must_exist");
  return row.share_out as ShareOutResult;
}

async function executeShareOut(
  trx: Tx,
  request: FastifyRequest,
  groupId: string,
  body: ShareOutBody,
): Promise<{ result: ShareOutResult; replayed: boolean }> {
  const { orgId, userId } = memberOf(request);
  const group = await loadGroupRow(trx, orgId, groupId, true);
  const commandHash = commandHashOf(groupId, body);
  if ((await replayedCommand(trx, orgId, body.id, commandHash)) !== null)
    return { result: await storedShareOut(trx, orgId, body.id), replayed: true };
  const plan = await planShareOut(trx, orgId, group, body);
  const entryId = await postGroupEntry(
    trx,
    { orgId, userId },
    {
      bookId: group.book_id,
      valueDate: plan.heldOn,
      source: { type: "share_out", id: body.id },
      narration: `Share-out of ${group.name}, cycle ${plan.cycle.number}, ${plan.heldOn}`,
      postings: plan.decision.postings,
    },
  );
  await trx
    .insertInto("meetings")
    .values({
      org_id: orgId,
      id: body.id,
      group_id: group.id,
      kind: "share_out",
      held_on: plan.heldOn,
      command_hash: commandHash,
      command: JSON.stringify(body),
      entry_id: entryId,
      cash_computed_minor: plan.decision.cashAfterMinor,
      cash_counted_minor: plan.decision.cashAfterMinor,
      cash_difference_minor: 0n,
      minutes: body.minutes ?? null,
      recorded_by: userId,
    })
    .execute();
  await insertMovements(trx, orgId, group.id, body.id, plan.heldOn, plan.decision.movements);
  const result = shareOutWire({ id: body.id, groupId: group.id, entryId }, plan);
  await trx
    .insertInto("group_cycles")
    .values({
      org_id: orgId,
      group_id: group.id,
      number: plan.cycle.number,
      started_on: plan.cycle.startedOn,
      ended_on: plan.heldOn,
      share_out_id: body.id,
      share_out: JSON.stringify(result),
    })
    .onConflict((oc) =>
      oc.columns(["org_id", "group_id", "number"]).doUpdateSet({
        ended_on: plan.heldOn,
        share_out_id: body.id,
        share_out: JSON.stringify(result),
      }),
    )
    .execute();
  await trx
    .insertInto("group_cycles")
    .values({ org_id: orgId, group_id: group.id, number: plan.cycle.number + 1, started_on: plan.heldOn })
    .execute();
  await queueShareOutReceipts(trx, orgId, group.name, result);
  await audit(trx, request, {
    action: "group.share_out",
    recordType: "group",
    recordId: group.id,
    summary: {
      shareOutId: body.id,
      cycleNumber: plan.cycle.number,
      distributableMinor: result.distributableMinor,
      writtenOffMinor: result.writtenOffMinor,
    },
  });
  return { result, replayed: false };
}

/**
 * A receipt for every member paid at the share-out who has a phone, in her language (Kazakh if she reads it,
 * else Russian), queued in the share-out's transaction like the meeting receipts.
 */
async function queueShareOutReceipts(
  trx: Tx,
  orgId: string,
  groupName: string,
  result: ShareOutResult,
): Promise<void> {
  if (result.payouts.length === 0) return;
  const people = await trx
    .selectFrom("group_members as g")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "g.org_id").onRef("p.id", "=", "g.person_id"),
    )
    .select(["g.id", "p.id as person_id", "p.phones", "p.languages"])
    .where("g.org_id", "=", orgId)
    .where(
      "g.id",
      "in",
      result.payouts.map((p) => p.memberId),
    )
    .execute();
  const byMember = new Map(people.map((p) => [p.id, p]));
  const messages: QueuedNotification[] = result.payouts.flatMap((payout) => {
    const person = byMember.get(payout.memberId);
    const recipient = person?.phones[0];
    if (person === undefined || recipient === undefined) return [];
    return [
      {
        recipient,
        locale: person.languages.includes("kk") ? "kk" : "ru",
        template: "share_out_receipt",
        payload: {
          groupName,
          heldOn: result.heldOn,
          cycleNumber: result.cycleNumber,
          shares: payout.shares,
          payoutMinor: payout.payoutMinor,
          loansDeductedMinor: payout.loansDeductedMinor,
          cashPaidMinor: payout.cashPaidMinor,
          reinvestedShares: payout.reinvestedShares,
          reinvestedMinor: payout.reinvestedMinor,
        },
        personId: person.person_id,
        source: { type: "share_out", id: result.id },
      } satisfies QueuedNotification,
    ];
  });
  await queueNotifications(trx, orgId, messages);
}

async function recordOpening(trx: Tx, request: FastifyRequest, groupId: string, body: OpeningBody) {
  const { orgId, userId } = memberOf(request);
  const group = await loadGroupRow(trx, orgId, groupId, true);
  const commandHash = commandHashOf(groupId, body);
  if ((await replayedCommand(trx, orgId, body.id, commandHash)) !== null) return { replayed: true };
  if ((await lastMeetingOn(trx, orgId, group.id)) !== null)
    throw new AppError("opening_balances_must_come_first");
  const asOf = dateOrRefuse(body.asOf, "asOf");
  for (const loan of body.loans) {
    if (dateOrRefuse(loan.disbursedOn, "loans.disbursedOn") > asOf)
      throw new AppError("loan_must_precede_cut_off", { field: "loans", loanId: loan.loanId });
  }
  const bylawsJson = (await bylawsOn(trx, orgId, group.id, asOf)).json;
  const members = await trx
    .selectFrom("group_members")
    .select("id")
    .where("org_id", "=", orgId)
    .where("group_id", "=", group.id)
    .where("left_on", "is", null)
    .where("joined_on", "<=", asOf)
    .execute();
  const decided = decideOpening(new Set(members.map((m) => m.id)), bylawsFromJson(bylawsJson), {
    cashMinor: BigInt(body.cashMinor),
    socialFundMinor: BigInt(body.socialFundMinor),
    members: body.members.map((m) => ({
      memberId: m.memberId,
      savingsMinor: BigInt(m.savingsMinor),
      shares: m.shares,
    })),
    loans: body.loans.map((l) => ({
      loanId: l.loanId,
      memberId: l.memberId,
      outstandingMinor: BigInt(l.outstandingMinor),
    })),
  });
  if (!decided.ok) throw new AppError(decided.code, decided.details);
  const entryId = await postGroupEntry(
    trx,
    { orgId, userId },
    {
      bookId: group.book_id,
      valueDate: asOf,
      source: { type: "group_opening", id: body.id },
      narration: `Opening balances of ${group.name} from its paper books, ${asOf}`,
      postings: decided.value.postings,
    },
  );
  await trx
    .insertInto("meetings")
    .values({
      org_id: orgId,
      id: body.id,
      group_id: group.id,
      kind: "opening",
      held_on: asOf,
      command_hash: commandHash,
      command: JSON.stringify(body),
      entry_id: entryId,
      cash_computed_minor: BigInt(body.cashMinor),
      cash_counted_minor: BigInt(body.cashMinor),
      cash_difference_minor: 0n,
      recorded_by: userId,
    })
    .execute();
  await insertMovements(trx, orgId, group.id, body.id, asOf, decided.value.movements);
  if (body.loans.length > 0) {
    const rate = bylawsJson.loanRateBpsPerMonth;
    await trx
      .insertInto("group_loans")
      .values(
        body.loans.map((l) => ({
          org_id: orgId,
          id: l.loanId,
          group_id: group.id,
          member_id: l.memberId,
          meeting_id: body.id,
          principal_minor: BigInt(l.outstandingMinor),
          term_months: l.termMonths,
          rate_bps_per_month: rate,
          disbursed_on: l.disbursedOn,
          repayment_frequency: group.frequency,
        })),
      )
      .execute();
  }
  await audit(trx, request, {
    action: "group.opening_balances",
    recordType: "group",
    recordId: group.id,
    summary: { openingId: body.id, asOf, members: body.members.length, loans: body.loans.length },
  });
  return { replayed: false };
}

async function cyclesOf(trx: Tx, orgId: string, group: GroupRow) {
  const rows = await trx
    .selectFrom("group_cycles")
    .select(["number", "started_on", "ended_on", "share_out"])
    .where("org_id", "=", orgId)
    .where("group_id", "=", group.id)
    .where("ended_on", "is not", null)
    .orderBy("number", "desc")
    .execute();
  const state = await groupState(trx, orgId, group.id, group.book_id);
  const current = await currentCycle(trx, orgId, group);
  return {
    current: { number: current.number, startedOn: current.startedOn, endedOn: null, shareOut: null },
    cashMinor: state.cashMinor.toString(),
    socialFundMinor: state.socialFundMinor.toString(),
    outstandingLoans: [...state.loans.values()]
      .filter((l) => l.outstandingPrincipalMinor > 0n)
      .map((l) => ({
        loanId: l.loanId,
        memberId: l.memberId,
        outstandingMinor: l.outstandingPrincipalMinor.toString(),
      })),
    closed: rows.map((r) => ({
      number: r.number,
      startedOn: r.started_on,
      endedOn: r.ended_on,
      shareOut: r.share_out as ShareOutResult | null,
    })),
  };
}

export function cycleRoutes(app: FastifyInstance, database: Database): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "groups.read", anyScope: true } } as const;
  const manage = { access: { kind: "permission", permission: "groups.manage", anyScope: true } } as const;
  const record = { access: { kind: "permission", permission: "meetings.record", anyScope: true } } as const;

  routes.get(
    "/api/v1/groups/:groupId/cycles",
    {
      config: read,
      schema: {
        tags,
        summary: "The group's current cycle (with what a share-out must settle) and its closed cycles",
        params: groupParams,
        response: { 200: groupCyclesResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) =>
        cyclesOf(trx, orgId, await loadGroupRow(trx, orgId, request.params.groupId)),
      );
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/share-outs/preview",
    {
      config: record,
      schema: {
        tags,
        summary: "What a share-out with these decisions would pay each member (changes nothing)",
        params: groupParams,
        body: shareOutRequestSchema,
        response: { 200: shareOutResultSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId);
        const plan = await planShareOut(trx, orgId, group, request.body);
        return shareOutWire({ id: request.body.id, groupId: group.id, entryId: null }, plan);
      });
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/share-outs",
    {
      config: record,
      schema: {
        tags,
        summary:
          "Share out a savings group's cycle: pay every member in one entry and start the next cycle (applied once)",
        params: groupParams,
        body: shareOutRequestSchema,
        response: { 200: shareOutResultSchema, 201: shareOutResultSchema },
      },
    },
    async (request, reply) => {
      const { result, replayed } = await inTenant(database, request, (trx) =>
        executeShareOut(trx, request, request.params.groupId, request.body),
      );
      return reply.code(replayed ? 200 : 201).send(result);
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/opening-balances",
    {
      config: manage,
      schema: {
        tags,
        summary: "Bring a group's paper books in as of a cut-off date, as one opening entry (applied once)",
        params: groupParams,
        body: openingBalancesRequestSchema,
        response: { 200: z.object({ id: z.string().uuid() }), 201: z.object({ id: z.string().uuid() }) },
      },
    },
    async (request, reply) => {
      const { replayed } = await inTenant(database, request, (trx) =>
        recordOpening(trx, request, request.params.groupId, request.body),
      );
      return reply.code(replayed ? 200 : 201).send({ id: request.body.id });
    },
  );
}
