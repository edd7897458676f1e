/** HTTP routes of self-help groups: groups, bylaws, members, meetings, passbooks and the share-out preview. */
import {
  addGroupMemberRequestSchema,
  createGroupRequestSchema,
  groupGradeResponseSchema,
  groupGradesResponseSchema,
  groupMetricsSchema,
  groupSchema,
  groupSummarySchema,
  localeSchema,
  meetingSchema,
  passbookSchema,
  pendingResponseSchema,
  recordMeetingRequestSchema,
  setBylawsRequestSchema,
  shareOutSchema,
  uuidSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import {
  checkBylaws,
  computeShareOut,
  decideMeeting,
  limits,
  type MovementKind,
  type PlainDate,
  plainDate,
  type RecordMeeting,
} from "@moldir/domain";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { performOrQueue, registerApprovableAction } from "../approvals/registry";
import { renderExport, sendExport } from "../exports/render";
import { memberOf } from "../http/access";
import { AppError } from "../http/app-error";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { createBook } from "../ledger/books";
import { tableContext } from "../ledger/export-routes";
import { type QueuedNotification, queueNotifications } from "../notifications/outbox";
import {
  loadPerson,
  type PersonRow,
  personColumns,
  requireConsent,
  toPersonSummary,
} from "../people/persons";
import { commandHashOf, insertMovements, lastMeetingOn, postGroupEntry, replayedCommand } from "./book";
import { loadMeetingForReversal, meetingReversalAction } from "./correction";
import { cycleRoutes, storedShareOut } from "./cycles";
import { groupFundLoanRoutes } from "./fund-loans";
import { gradeHistory, gradeOfGroup, metricsOfGroup } from "./health";
import { internalLoanRoutes, internalLoansAsOf, toInternalLoanJson } from "./internal-loans";
import { groupOfficerRoutes } from "./officers";
import { rubricRoutes } from "./rubric";
import { groupScopeOf, isGroupInScope, requireGroupInScope } from "./scope";
import { meetingSheetTable, shareOutSheetTable } from "./sheets";

registerApprovableAction(meetingReversalAction);

import { repayFundLoan } from "../federations/repayments";
import { dateOrRefuse, todayOf } from "../http/dates";
import { type BylawsJson, bylawsFromJson, bylawsOn, groupState, loadGroupRow, memberBalances } from "./state";

const tags = ["groups"];
const groupParams = z.object({ groupId: uuidSchema });

function checkBylawsJson(json: BylawsJson): void {
  const checked = checkBylaws(bylawsFromJson(json));
  if (!checked.ok)
    throw new AppError(checked.code, {
      ...checked.details,
      field: `bylaws.${String(checked.details.field ?? "")}`,
    });
}

async function groupDetail(trx: Tx, orgId: string, groupId: string) {
  const group = await loadGroupRow(trx, orgId, groupId);
  const today = await todayOf(trx, orgId);
  const bylaws = await bylawsOn(
    trx,
    orgId,
    groupId,
    today < group.formed_on ? plainDate(group.formed_on) : today,
  );
  const state = await groupState(trx, orgId, groupId, group.book_id);
  const balances = await memberBalances(trx, orgId, groupId);
  const members = await trx
    .selectFrom("group_members as g")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "g.org_id").onRef("p.id", "=", "g.person_id"),
    )
    .select(["g.id as member_id", "g.joined_on", "g.left_on", ...personColumns.map((c) => `p.${c}` as const)])
    .where("g.org_id", "=", orgId)
    .where("g.group_id", "=", groupId)
    .orderBy("p.surname")
    .limit(limits.membersPerGroupMax * 4)
    .execute();
  const last = await trx
    .selectFrom("meetings")
    .select("held_on")
    .where("org_id", "=", orgId)
    .where("group_id", "=", groupId)
    .where("reversed_at", "is", null)
    .orderBy("held_on", "desc")
    .executeTakeFirst();
  const loansOutstanding = [...state.loans.values()].reduce((s, l) => s + l.outstandingPrincipalMinor, 0n);
  return {
    id: group.id,
    name: group.name,
    methodology: group.methodology,
    stage: group.stage,
    regionId: group.region_id,
    village: group.village,
    meetingPlace: group.meeting_place,
    frequency: group.frequency,
    meetingDay: group.meeting_day,
    facilitatorUserId: group.facilitator_user_id,
    bankAccount: group.bank_account,
    officeId: group.office_id,
    bookId: group.book_id,
    formedOn: group.formed_on,
    version: group.version,
    bylaws: { ...bylaws.json, effectiveFrom: bylaws.effectiveFrom },
    cashMinor: state.cashMinor.toString(),
    socialFundMinor: state.socialFundMinor.toString(),
    loansOutstandingMinor: loansOutstanding.toString(),
    lastMeetingOn: last?.held_on ?? null,
    members: members.map((m) => {
      const balance = balances.get(m.member_id);
      return {
        id: m.member_id,
        person: toPersonSummary(m as unknown as PersonRow),
        joinedOn: m.joined_on,
        leftOn: m.left_on,
        savingsMinor: (balance?.savingsMinor ?? 0n).toString(),
        shares: balance?.shares ?? 0,
        loansOutstandingMinor: (balance?.loansOutstandingMinor ?? 0n).toString(),
      };
    }),
  };
}

async function meetingDetail(trx: Tx, orgId: string, meetingId: string) {
  const [meeting] = await meetingDetails(trx, orgId, [meetingId]);
  if (meeting === undefined) throw new AppError("record_must_exist");
  return meeting;
}

/** Meetings with their attendance and passbook lines, in three queries whatever their number. */
async function meetingDetails(trx: Tx, orgId: string, meetingIds: readonly string[]) {
  if (meetingIds.length === 0) return [];
  const ids = [...meetingIds];
  const meetings = await trx
    .selectFrom("meetings")
    .selectAll()
    .where("org_id", "=", orgId)
    .where("id", "in", ids)
    .execute();
  const attendance = await trx
    .selectFrom("meeting_attendance")
    .select(["meeting_id", "member_id", "status"])
    .where("org_id", "=", orgId)
    .where("meeting_id", "in", ids)
    .execute();
  const movements = await trx
    .selectFrom("group_movements")
    .select(["meeting_id", "member_id", "kind", "amount_minor", "loan_id", "shares"])
    .where("org_id", "=", orgId)
    .where("meeting_id", "in", ids)
    .orderBy("meeting_id")
    .orderBy("line_no")
    .execute();
  const byId = new Map(meetings.map((m) => [m.id, m]));
  return ids.flatMap((id) => {
    const meeting = byId.get(id);
    if (meeting === undefined) return [];
    return [
      {
        id: meeting.id,
        kind: meeting.kind,
        groupId: meeting.group_id,
        heldOn: meeting.held_on,
        entryId: meeting.entry_id,
        cashComputedMinor: meeting.cash_computed_minor.toString(),
        cashCountedMinor: meeting.cash_counted_minor.toString(),
        cashDifferenceMinor: meeting.cash_difference_minor.toString(),
        cashDifferenceExplanation: meeting.cash_difference_explanation,
        recordedAt: meeting.recorded_at.toISOString(),
        reversedAt: meeting.reversed_at?.toISOString() ?? null,
        reversalReason: meeting.reversal_reason,
        attendance: attendance
          .filter((a) => a.meeting_id === id)
          .map((a) => ({ memberId: a.member_id, status: a.status })),
        movements: movements
          .filter((m) => m.meeting_id === id)
          .map((m) => ({
            memberId: m.member_id,
            kind: m.kind as MovementKind,
            amountMinor: m.amount_minor.toString(),
            loanId: m.loan_id,
            shares: m.shares,
          })),
      },
    ];
  });
}

type RecordMeetingBody = z.infer<typeof recordMeetingRequestSchema>;

function commandOf(body: RecordMeetingBody, heldOn: PlainDate): RecordMeeting {
  return {
    meetingId: body.id,
    heldOn,
    attendance: body.attendance,
    savings: body.savings.map((l) => ({
      memberId: l.memberId,
      amountMinor: BigInt(l.amountMinor),
      note: l.note ?? null,
    })),
    shares: body.shares,
    socialFund: body.socialFund.map((l) => ({
      memberId: l.memberId,
      amountMinor: BigInt(l.amountMinor),
      ...(l.note === undefined ? {} : { note: l.note }),
    })),
    loansDisbursed: body.loansDisbursed.map((l) => ({ ...l, principalMinor: BigInt(l.principalMinor) })),
    repayments: body.repayments.map((l) => ({
      loanId: l.loanId,
      principalMinor: BigInt(l.principalMinor),
      interestMinor: BigInt(l.interestMinor),
    })),
    fundRepayments: body.fundRepayments.map((l) => ({
      fundLoanId: l.fundLoanId,
      principalMinor: BigInt(l.principalMinor),
      interestMinor: BigInt(l.interestMinor),
    })),
    fines: body.fines.map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) })),
    otherIncome: body.otherIncome.map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) })),
    expenses: body.expenses.map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) })),
    exits: body.exits,
    cashCountedMinor: BigInt(body.cashCountedMinor),
    cashDifferenceExplanation: body.cashDifferenceExplanation ?? null,
  };
}

/** Applies a RecordMeeting command once: the same command again returns the first result and changes nothing. */
async function recordMeeting(
  trx: Tx,
  orgId: string,
  userId: string,
  groupId: string,
  body: RecordMeetingBody,
): Promise<{ replayed: boolean }> {
  // A command without fund repayments hashes as it did before they existed, so an old phone's resend still matches.
  const { fundRepayments, ...withoutFundRepayments } = body;
  const commandHash = commandHashOf(groupId, fundRepayments.length === 0 ? withoutFundRepayments : body);
  const group = await loadGroupRow(trx, orgId, groupId, true);
  if ((await replayedCommand(trx, orgId, body.id, commandHash)) !== null) return { replayed: true };
  const heldOn = dateOrRefuse(body.heldOn, "heldOn");
  const last = await lastMeetingOn(trx, orgId, groupId);
  if (last !== null && heldOn < last)
    throw new AppError("meeting_must_follow_last_meeting", { field: "heldOn", lastMeetingOn: last });
  const bylaws = bylawsFromJson((await bylawsOn(trx, orgId, groupId, heldOn)).json);
  const state = await groupState(trx, orgId, groupId, group.book_id);
  const decision = decideMeeting(state, bylaws, commandOf(body, heldOn));
  if (!decision.ok) throw new AppError(decision.code, decision.details);

  const entryId = await postGroupEntry(
    trx,
    { orgId, userId },
    {
      bookId: group.book_id,
      valueDate: heldOn,
      source: { type: "meeting", id: body.id },
      narration: `Meeting of ${group.name}, ${heldOn}`,
      postings: decision.value.postings,
    },
  );
  await trx
    .insertInto("meetings")
    .values({
      org_id: orgId,
      id: body.id,
      group_id: groupId,
      held_on: heldOn,
      command_hash: commandHash,
      command: JSON.stringify(body),
      entry_id: entryId,
      cash_computed_minor: decision.value.cashComputedMinor,
      cash_counted_minor: BigInt(body.cashCountedMinor),
      cash_difference_minor: decision.value.cashDifferenceMinor,
      cash_difference_explanation: body.cashDifferenceExplanation ?? null,
      decisions: body.decisions ?? null,
      minutes: body.minutes ?? null,
      recorded_by: userId,
    })
    .execute();
  if (body.attendance.length > 0) {
    await trx
      .insertInto("meeting_attendance")
      .values(
        body.attendance.map((a) => ({
          org_id: orgId,
          meeting_id: body.id,
          member_id: a.memberId,
          status: a.status,
        })),
      )
      .execute();
  }
  await insertMovements(trx, orgId, groupId, body.id, heldOn, decision.value.movements);
  // The federation's fund loans repaid from the meeting's cash: both books, as the fund loan's own route does.
  for (const line of body.fundRepayments) {
    await repayFundLoan(
      trx,
      { orgId, userId },
      {
        loanId: line.fundLoanId,
        paidOn: heldOn,
        principalMinor: BigInt(line.principalMinor),
        interestMinor: BigInt(line.interestMinor),
        meeting: { groupId, meetingId: body.id },
      },
    );
  }
  if (body.loansDisbursed.length > 0) {
    await trx
      .insertInto("group_loans")
      .values(
        body.loansDisbursed.map((l) => ({
          org_id: orgId,
          id: l.loanId,
          group_id: groupId,
          member_id: l.memberId,
          meeting_id: body.id,
          principal_minor: BigInt(l.principalMinor),
          term_months: l.termMonths,
          rate_bps_per_month: bylaws.loanRateBpsPerMonth,
          disbursed_on: heldOn,
          repayment_frequency: group.frequency,
        })),
      )
      .execute();
  }
  for (const exit of body.exits) {
    await trx
      .updateTable("group_members")
      .set({ left_on: heldOn })
      .where("org_id", "=", orgId)
      .where("id", "=", exit.memberId)
      .execute();
  }
  if (body.exits.length > 0) {
    // A member who leaves stops being an officer that day: her open terms end with her membership.
    await trx
      .updateTable("group_officers")
      .set({ to_on: heldOn })
      .where("org_id", "=", orgId)
      .where("group_id", "=", groupId)
      .where(
        "member_id",
        "in",
        body.exits.map((exit) => exit.memberId),
      )
      .where("to_on", "is", null)
      .where("from_on", "<=", heldOn)
      .execute();
  }
  await queueReceipts(
    trx,
    orgId,
    groupId,
    group.name,
    body.id,
    heldOn,
    decision.value.movements,
    body.attendance,
  );
  return { replayed: false };
}

/** A receipt for every member who took part: what she paid and received, her savings and loan balance. */
async function queueReceipts(
  trx: Tx,
  orgId: string,
  groupId: string,
  groupName: string,
  meetingId: string,
  heldOn: PlainDate,
  movements: readonly { memberId: string; kind: MovementKind; amountMinor: bigint }[],
  attendance: readonly { memberId: string; status: string }[],
): Promise<void> {
  const memberIds = [
    ...new Set([
      ...movements.map((m) => m.memberId),
      ...attendance.filter((a) => a.status !== "absent").map((a) => a.memberId),
    ]),
  ];
  if (memberIds.length === 0) return;
  const people = await trx
    .selectFrom("group_members as g")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "g.org_id").onRef("p.id", "=", "g.person_id"),
    )
    .select(["g.id", "p.id as person_id", "p.phones", "p.languages"])
    .where("g.org_id", "=", orgId)
    .where("g.id", "in", memberIds)
    .execute();
  const balances = await memberBalances(trx, orgId, groupId);
  const messages: QueuedNotification[] = [];
  for (const person of people) {
    const recipient = person.phones[0];
    if (recipient === undefined) continue;
    const mine = movements.filter((m) => m.memberId === person.id);
    const paid = mine.filter((m) => m.kind !== "loan_disbursed").reduce((sum, m) => sum + m.amountMinor, 0n);
    const received = mine
      .filter((m) => m.kind === "loan_disbursed")
      .reduce((sum, m) => sum + m.amountMinor, 0n);
    const balance = balances.get(person.id);
    messages.push({
      recipient,
      locale: person.languages.includes("kk") ? "kk" : "ru",
      template: "meeting_receipt",
      payload: {
        groupName,
        heldOn,
        paidMinor: paid.toString(),
        receivedMinor: received.toString(),
        savingsMinor: (balance?.savingsMinor ?? 0n).toString(),
        loanBalanceMinor: (balance?.loansOutstandingMinor ?? 0n).toString(),
      },
      personId: person.person_id,
      source: { type: "meeting", id: meetingId },
    });
  }
  await queueNotifications(trx, orgId, messages);
}

/** "Surname Given-name" of every member the group has had, by member id, for printed sheets. */
async function memberNames(trx: Tx, orgId: string, groupId: string): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom("group_members as g")
    .innerJoin("persons as p", (join) =>
      join.onRef("p.org_id", "=", "g.org_id").onRef("p.id", "=", "g.person_id"),
    )
    .select(["g.id", "p.surname", "p.given_name"])
    .where("g.org_id", "=", orgId)
    .where("g.group_id", "=", groupId)
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.surname} ${r.given_name}`]));
}

export async function groupRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  // Every route that names a group or a meeting reaches it only within the actor's scope for the route's
  // permission (see scope.ts); outside it, the group does not exist for her.
  app.addHook("preHandler", async (request) => {
    const access = request.routeOptions.config.access;
    const params = request.params as { groupId?: string; meetingId?: string };
    if (access?.kind !== "permission" || (params.groupId === undefined && params.meetingId === undefined))
      return;
    const actor = memberOf(request);
    // A permission held over the whole organization reaches every group: no query needed.
    if (actor.organizationPermissions.has(access.permission)) return;
    await inTenant(database, request, async (trx) => {
      const scope = await groupScopeOf(trx, actor, access.permission);
      if (scope.kind === "all") return;
      const group =
        params.groupId !== undefined
          ? await trx
              .selectFrom("groups")
              .select(["id", "office_id"])
              .where("org_id", "=", actor.orgId)
              .where("id", "=", params.groupId)
              .executeTakeFirst()
          : await trx
              .selectFrom("meetings as m")
              .innerJoin("groups as g", (join) =>
                join.onRef("g.org_id", "=", "m.org_id").onRef("g.id", "=", "m.group_id"),
              )
              .select(["g.id", "g.office_id"])
              .where("m.org_id", "=", actor.orgId)
              .where("m.id", "=", params.meetingId ?? "")
              .executeTakeFirst();
      if (group !== undefined) requireGroupInScope(scope, group);
    });
  });

  cycleRoutes(app, database);
  rubricRoutes(app, database);
  internalLoanRoutes(app, database);
  groupFundLoanRoutes(app, database);
  groupOfficerRoutes(app, database);

  const read = { access: { kind: "permission", permission: "groups.read", anyScope: true } } as const;
  const manage = { access: { kind: "permission", permission: "groups.manage", anyScope: true } } as const;
  const record = { access: { kind: "permission", permission: "meetings.record", anyScope: true } } as const;

  routes.post(
    "/api/v1/groups",
    {
      config: manage,
      schema: {
        tags,
        summary: "Form a group, with its bylaws and its own book",
        body: createGroupRequestSchema,
        response: { 201: groupSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const body = request.body;
      const formedOn = dateOrRefuse(body.formedOn, "formedOn");
      if (body.bylaws.methodology !== body.methodology)
        throw new AppError("savings_must_fit_methodology", { field: "bylaws.methodology" });
      checkBylawsJson(body.bylaws);
      const group = await inTenant(database, request, async (trx) => {
        if (body.regionId) {
          const region = await trx
            .selectFrom("regions")
            .select("id")
            .where("id", "=", body.regionId)
            .executeTakeFirst();
          if (region === undefined) throw new AppError("region_must_exist", { field: "regionId" });
        }
        if (body.officeId) {
          const office = await trx
            .selectFrom("offices")
            .select("id")
            .where("org_id", "=", orgId)
            .where("id", "=", body.officeId)
            .executeTakeFirst();
          if (office === undefined) throw new AppError("scope_must_exist", { field: "officeId" });
        }
        const id = newId();
        const org = await trx
          .selectFrom("organizations")
          .select("currency")
          .where("org_id", "=", orgId)
          .executeTakeFirstOrThrow();
        const bookId = await createBook(trx, {
          orgId,
          template: "shg",
          ownerKind: "group",
          groupId: id,
          names: { kk: body.name, ru: body.name, en: body.name },
          currency: org.currency,
        });
        await trx
          .insertInto("groups")
          .values({
            org_id: orgId,
            id,
            name: body.name,
            methodology: body.methodology,
            region_id: body.regionId ?? null,
            village: body.village ?? null,
            meeting_place: body.meetingPlace ?? null,
            frequency: body.frequency,
            meeting_day: body.meetingDay ?? null,
            facilitator_user_id: body.facilitatorUserId ?? null,
            bank_account: body.bankAccount ?? null,
            office_id: body.officeId ?? null,
            book_id: bookId,
            formed_on: formedOn,
          })
          .execute();
        await trx
          .insertInto("group_bylaws")
          .values({
            org_id: orgId,
            group_id: id,
            effective_from: formedOn,
            bylaws: JSON.stringify(body.bylaws),
            created_by: memberOf(request).userId,
          })
          .execute();
        await audit(trx, request, {
          action: "group.create",
          recordType: "group",
          recordId: id,
          summary: { name: body.name, methodology: body.methodology },
        });
        return groupDetail(trx, orgId, id);
      });
      return reply.code(201).send(group);
    },
  );

  routes.get(
    "/api/v1/groups",
    {
      config: read,
      schema: {
        tags,
        summary: "Groups with their cash, loans and members at a glance",
        response: { 200: z.object({ items: z.array(groupSummarySchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const rows = await inTenant(database, request, async (trx) => {
        const { rows: list } = await sql<{
          id: string;
          name: string;
          methodology: "shg" | "vsla";
          stage: string;
          region_id: string | null;
          village: string | null;
          meeting_place: string | null;
          frequency: string;
          meeting_day: number | null;
          facilitator_user_id: string | null;
          bank_account: string | null;
          book_id: string;
          formed_on: string;
          version: number;
          office_id: string | null;
          member_count: number;
          last_meeting_on: string | null;
          cash: string;
          social: string;
          lent: string;
          repaid: string;
        }>`SELECT g.id, g.name, g.methodology, g.stage, g.region_id, g.village, g.meeting_place, g.frequency, g.meeting_day,
            g.facilitator_user_id, g.bank_account, g.office_id, g.book_id, g.formed_on, g.version,
            (SELECT count(*)::int FROM group_members m WHERE m.org_id = g.org_id AND m.group_id = g.id AND m.left_on IS NULL) AS member_count,
            (SELECT max(held_on) FROM meetings x WHERE x.org_id = g.org_id AND x.group_id = g.id AND x.reversed_at IS NULL) AS last_meeting_on,
            (SELECT coalesce(sum(t.debit_minor - t.credit_minor), 0) FROM accounts a JOIN account_daily_totals t ON t.org_id = a.org_id AND t.account_id = a.id
              WHERE a.org_id = g.org_id AND a.book_id = g.book_id AND a.purpose = 'cash')::text AS cash,
            (SELECT coalesce(sum(t.credit_minor - t.debit_minor), 0) FROM accounts a JOIN account_daily_totals t ON t.org_id = a.org_id AND t.account_id = a.id
              WHERE a.org_id = g.org_id AND a.book_id = g.book_id AND a.purpose = 'social_fund')::text AS social,
            (SELECT coalesce(sum(amount_minor) FILTER (WHERE kind = 'loan_disbursed'), 0) FROM live_group_movements v WHERE v.org_id = g.org_id AND v.group_id = g.id)::text AS lent,
            (SELECT coalesce(sum(amount_minor) FILTER (WHERE kind IN ('loan_principal_repaid', 'loan_written_off')), 0) FROM live_group_movements v WHERE v.org_id = g.org_id AND v.group_id = g.id)::text AS repaid
          FROM groups g WHERE g.org_id = ${orgId} ORDER BY g.name LIMIT ${limits.pageSizeMax}`.execute(trx);
        const scope = await groupScopeOf(trx, memberOf(request), "groups.read");
        return list.filter((g) => isGroupInScope(scope, g));
      });
      return {
        items: rows.map((g) => ({
          id: g.id,
          name: g.name,
          methodology: g.methodology,
          stage: g.stage,
          regionId: g.region_id,
          village: g.village,
          meetingPlace: g.meeting_place,
          frequency: g.frequency,
          meetingDay: g.meeting_day,
          facilitatorUserId: g.facilitator_user_id,
          bankAccount: g.bank_account,
          officeId: g.office_id,
          bookId: g.book_id,
          formedOn: g.formed_on,
          version: g.version,
          cashMinor: g.cash,
          socialFundMinor: g.social,
          loansOutstandingMinor: (BigInt(g.lent) - BigInt(g.repaid)).toString(),
          lastMeetingOn: g.last_meeting_on,
          memberCount: g.member_count,
        })),
      };
    },
  );

  routes.get(
    "/api/v1/groups/:groupId",
    {
      config: read,
      schema: {
        tags,
        summary: "A group with its bylaws, members and money",
        params: groupParams,
        response: { 200: groupSchema },
      },
    },
    async (request) =>
      inTenant(database, request, (trx) => groupDetail(trx, memberOf(request).orgId, request.params.groupId)),
  );

  routes.put(
    "/api/v1/groups/:groupId/bylaws",
    {
      config: manage,
      schema: {
        tags,
        summary: "Adopt a new version of the bylaws from a date",
        params: groupParams,
        body: setBylawsRequestSchema,
        response: { 200: groupSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const effectiveFrom = dateOrRefuse(request.body.effectiveFrom, "effectiveFrom");
      checkBylawsJson(request.body.bylaws);
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId);
        if (request.body.bylaws.methodology !== group.methodology)
          throw new AppError("savings_must_fit_methodology", { field: "bylaws.methodology" });
        const bylaws = JSON.stringify(request.body.bylaws);
        await trx
          .insertInto("group_bylaws")
          .values({
            org_id: orgId,
            group_id: group.id,
            effective_from: effectiveFrom,
            bylaws,
            created_by: memberOf(request).userId,
          })
          .onConflict((oc) => oc.columns(["org_id", "group_id", "effective_from"]).doUpdateSet({ bylaws }))
          .execute();
        await audit(trx, request, {
          action: "group.bylaws",
          recordType: "group",
          recordId: group.id,
          summary: { effectiveFrom, bylaws: request.body.bylaws },
        });
        return groupDetail(trx, orgId, group.id);
      });
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/members",
    {
      config: manage,
      schema: {
        tags,
        summary: "A person joins the group (she must have consented to membership)",
        params: groupParams,
        body: addGroupMemberRequestSchema,
        response: { 201: groupSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const joinedOn = dateOrRefuse(request.body.joinedOn, "joinedOn");
      const group = await inTenant(database, request, async (trx) => {
        const row = await loadGroupRow(trx, orgId, request.params.groupId);
        const person = await loadPerson(trx, orgId, request.body.personId);
        if (person.merged_into_id !== null) throw new AppError("person_must_not_be_merged");
        await requireConsent(trx, orgId, person.id, "membership", joinedOn);
        const active = await trx
          .selectFrom("group_members")
          .select("id")
          .where("org_id", "=", orgId)
          .where("group_id", "=", row.id)
          .where("person_id", "=", person.id)
          .where("left_on", "is", null)
          .executeTakeFirst();
        if (active !== undefined) throw new AppError("member_must_be_new_to_group", { field: "personId" });
        const count = await trx
          .selectFrom("group_members")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("org_id", "=", orgId)
          .where("group_id", "=", row.id)
          .where("left_on", "is", null)
          .executeTakeFirstOrThrow();
        if (Number(count.n) >= limits.membersPerGroupMax)
          throw new AppError("group_must_not_exceed_member_limit", { maxMembers: limits.membersPerGroupMax });
        const memberId = newId();
        await trx
          .insertInto("group_members")
          .values({
            org_id: orgId,
            id: memberId,
            group_id: row.id,
            person_id: person.id,
            joined_on: joinedOn,
            left_on: null,
          })
          .execute();
        await audit(trx, request, {
          action: "group.member_join",
          recordType: "group",
          recordId: row.id,
          summary: { memberId, personId: person.id, joinedOn },
        });
        return groupDetail(trx, orgId, row.id);
      });
      return reply.code(201).send(group);
    },
  );

  routes.post(
    "/api/v1/groups/:groupId/meetings",
    {
      config: record,
      schema: {
        tags,
        summary:
          "Record a whole meeting in one command (applied once, whatever the number of times it is sent)",
        params: groupParams,
        body: recordMeetingRequestSchema,
        response: { 200: meetingSchema, 201: meetingSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const { meeting, replayed } = await inTenant(database, request, async (trx) => {
        const result = await recordMeeting(
          trx,
          actor.orgId,
          actor.userId,
          request.params.groupId,
          request.body,
        );
        if (!result.replayed) {
          await audit(trx, request, {
            action: "meeting.record",
            recordType: "meeting",
            recordId: request.body.id,
            summary: { groupId: request.params.groupId, heldOn: request.body.heldOn },
          });
        }
        return { meeting: await meetingDetail(trx, actor.orgId, request.body.id), replayed: result.replayed };
      });
      return reply.code(replayed ? 200 : 201).send(meeting);
    },
  );

  routes.post(
    "/api/v1/meetings/:meetingId/reverse",
    {
      config: record,
      schema: {
        tags,
        summary:
          "Correct a meeting by reversal: the last one at once, an older one with a second person's approval",
        params: z.object({ meetingId: uuidSchema }),
        body: z.strictObject({ reason: z.string().trim().min(1).max(1000) }),
        response: {
          200: z.object({ meetingId: uuidSchema, reversalEntryId: uuidSchema.nullable() }),
          202: pendingResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const payload = { meetingId: request.params.meetingId, reason: request.body.reason };
      const { isLast } = await inTenant(database, request, (trx) =>
        loadMeetingForReversal(trx, orgId, payload.meetingId),
      );
      const performed = await performOrQueue(database, request, meetingReversalAction, payload, {
        alwaysRequireApproval: !isLast,
      });
      if (performed.kind === "pending")
        return reply
          .code(202)
          .send({ status: "pending_approval" as const, approvalId: performed.approvalId });
      return reply.code(200).send(performed.result);
    },
  );

  routes.get(
    "/api/v1/groups/:groupId/meetings",
    {
      config: read,
      schema: {
        tags,
        summary: "Meetings of a group, newest first",
        params: groupParams,
        response: { 200: z.object({ items: z.array(meetingSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        await loadGroupRow(trx, orgId, request.params.groupId);
        const ids = await trx
          .selectFrom("meetings")
          .select("id")
          .where("org_id", "=", orgId)
          .where("group_id", "=", request.params.groupId)
          .orderBy("held_on", "desc")
          .limit(limits.pageSizeDefault)
          .execute();
        return {
          items: await meetingDetails(
            trx,
            orgId,
            ids.map((m) => m.id),
          ),
        };
      });
    },
  );

  routes.get(
    "/api/v1/meetings/:meetingId",
    {
      config: read,
      schema: {
        tags,
        summary: "One meeting: attendance and what each member gave or received",
        params: z.object({ meetingId: uuidSchema }),
        response: { 200: meetingSchema },
      },
    },
    async (request) =>
      inTenant(database, request, (trx) =>
        meetingDetail(trx, memberOf(request).orgId, request.params.meetingId),
      ),
  );

  const sheetQuery = z.strictObject({
    locale: localeSchema.optional().describe("Language of the sheet; Accept-Language by default"),
  });

  routes.get(
    "/api/v1/meetings/:meetingId/sheet",
    {
      config: read,
      schema: {
        tags,
        summary: "A printable meeting sheet (PDF) with each member's lines and a column for her signature",
        params: z.object({ meetingId: uuidSchema }),
        querystring: sheetQuery,
      },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const orgId = memberOf(request).orgId;
        const meeting = await meetingDetail(trx, orgId, request.params.meetingId);
        const group = await loadGroupRow(trx, orgId, meeting.groupId);
        return meetingSheetTable(
          await tableContext(trx, request, group.book_id, locale, {
            kind: "as_of",
            asOf: plainDate(meeting.heldOn),
          }),
          group.name,
          meeting,
          await memberNames(trx, orgId, group.id),
        );
      });
      return sendExport(reply, await renderExport(table, "pdf"), {
        ascii: `meeting-${request.params.meetingId}`,
        title: table.title,
      });
    },
  );

  routes.get(
    "/api/v1/meetings/:meetingId/share-out-sheet",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A printable share-out sheet (PDF): each member's payout, loans deducted, shares re-invested, cash",
        params: z.object({ meetingId: uuidSchema }),
        querystring: sheetQuery,
      },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? request.locale;
      const table = await inTenant(database, request, async (trx) => {
        const orgId = memberOf(request).orgId;
        const shareOut = await storedShareOut(trx, orgId, request.params.meetingId);
        const group = await loadGroupRow(trx, orgId, shareOut.groupId);
        return shareOutSheetTable(
          await tableContext(trx, request, group.book_id, locale, {
            kind: "as_of",
            asOf: plainDate(shareOut.heldOn),
          }),
          group.name,
          shareOut,
          await memberNames(trx, orgId, group.id),
        );
      });
      return sendExport(reply, await renderExport(table, "pdf"), {
        ascii: `share-out-${request.params.meetingId}`,
        title: table.title,
      });
    },
  );

  routes.get(
    "/api/v1/groups/:groupId/members/:memberId/passbook",
    {
      config: read,
      schema: {
        tags,
        summary: "A member's passbook: savings, shares, loans, social fund, fines",
        params: z.object({ groupId: uuidSchema, memberId: uuidSchema }),
        response: { 200: passbookSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const member = await trx
          .selectFrom("group_members")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("group_id", "=", request.params.groupId)
          .where("id", "=", request.params.memberId)
          .executeTakeFirst();
        if (member === undefined) throw new AppError("record_must_exist");
        const person = await loadPerson(trx, orgId, member.person_id);
        const movements = await trx
          .selectFrom("live_group_movements")
          .select(["meeting_id", "held_on", "kind", "amount_minor", "loan_id", "shares"])
          .where("org_id", "=", orgId)
          .where("member_id", "=", member.id)
          .orderBy("held_on")
          .orderBy("meeting_id")
          .orderBy("line_no")
          .limit(limits.statementRowsMax)
          .execute();
        let savings = 0n;
        let loans = 0n;
        let shares = 0;
        let social = 0n;
        let fines = 0n;
        const lines = movements.map((m) => {
          if (m.kind === "savings" || m.kind === "shares") savings += m.amount_minor;
          if (m.kind === "savings_withdrawn") savings -= m.amount_minor;
          if (m.kind === "shares" || m.kind === "savings_withdrawn") shares += m.shares ?? 0;
          if (m.kind === "loan_disbursed") loans += m.amount_minor;
          if (m.kind === "loan_principal_repaid" || m.kind === "loan_written_off") loans -= m.amount_minor;
          if (m.kind === "social_fund") social += m.amount_minor;
          if (m.kind === "fine") fines += m.amount_minor;
          return {
            meetingId: m.meeting_id,
            heldOn: m.held_on,
            kind: m.kind as MovementKind,
            amountMinor: m.amount_minor.toString(),
            loanId: m.loan_id,
            shares: m.shares,
            savingsBalanceMinor: savings.toString(),
            loanBalanceMinor: loans.toString(),
          };
        });
        const internalLoans = await internalLoansAsOf(
          trx,
          orgId,
          request.params.groupId,
          await todayOf(trx, orgId),
          member.id,
        );
        return {
          memberId: member.id,
          person: toPersonSummary(person),
          internalLoans: internalLoans.map(toInternalLoanJson),
          lines,
          savingsMinor: savings.toString(),
          shares,
          loansOutstandingMinor: loans.toString(),
          socialFundPaidMinor: social.toString(),
          finesPaidMinor: fines.toString(),
        };
      });
    },
  );

  const asOfQuery = z.strictObject({
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  });

  routes.get(
    "/api/v1/groups/grades",
    {
      config: read,
      schema: {
        tags,
        summary:
          "Every group's grade as of a date, for the list at a glance (the reasons are on each group's grade)",
        querystring: asOfQuery,
        response: { 200: groupGradesResponseSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return inTenant(database, request, async (trx) => {
        const asOf =
          request.query.asOf === undefined
            ? await todayOf(trx, actor.orgId)
            : dateOrRefuse(request.query.asOf, "asOf");
        const scope = await groupScopeOf(trx, actor, "groups.read");
        const groups = (
          await trx
            .selectFrom("groups")
            .selectAll()
            .where("org_id", "=", actor.orgId)
            .orderBy("name")
            .limit(limits.pageSizeMax)
            .execute()
        ).filter((group) => isGroupInScope(scope, group) && group.formed_on <= asOf);
        const items = [];
        for (const group of groups) {
          const grade = await gradeOfGroup(trx, actor.orgId, group, asOf);
          items.push({ groupId: group.id, grade: grade.grade, rating: grade.rating });
        }
        return { asOf, items };
      });
    },
  );

  routes.get(
    "/api/v1/groups/:groupId/grade",
    {
      config: read,
      schema: {
        tags,
        summary:
          "The group's grade from its records (Panchasutra, 100 points), with reasons and a monthly history",
        params: groupParams,
        querystring: asOfQuery,
        response: { 200: groupGradeResponseSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId);
        const asOf =
          request.query.asOf === undefined
            ? await todayOf(trx, orgId)
            : dateOrRefuse(request.query.asOf, "asOf");
        const history = await gradeHistory(trx, orgId, group, asOf, 12);
        const current = history.at(-1);
        if (current === undefined) throw new Error("a grade history ends with the current grade");
        const wire = (grade: typeof current) => ({
          ...grade,
          scores: grade.scores.map((score) => ({ ...score, why: { ...score.why } })),
        });
        return { current: wire(current), history: history.map(wire) };
      });
    },
  );

  routes.get(
    "/api/v1/groups/:groupId/metrics",
    {
      config: read,
      schema: {
        tags,
        summary: "The savings-group metrics of the group as of a date",
        params: groupParams,
        querystring: asOfQuery,
        response: { 200: groupMetricsSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId);
        const asOf =
          request.query.asOf === undefined
            ? await todayOf(trx, orgId)
            : dateOrRefuse(request.query.asOf, "asOf");
        const metrics = await metricsOfGroup(trx, orgId, group, asOf);
        return {
          asOf,
          ...metrics,
          savingsPerMemberMinor: metrics.savingsPerMemberMinor.toString(),
          averageLoanSizeMinor: metrics.averageLoanSizeMinor.toString(),
          shareOutValuePerShareMinor: metrics.shareOutValuePerShareMinor.toString(),
        };
      });
    },
  );

  routes.get(
    "/api/v1/groups/:groupId/share-out",
    {
      config: read,
      schema: {
        tags,
        summary: "What a VSLA share-out would pay each member now",
        params: groupParams,
        response: { 200: shareOutSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const group = await loadGroupRow(trx, orgId, request.params.groupId);
        const state = await groupState(trx, orgId, group.id, group.book_id);
        const result = computeShareOut({
          cashMinor: state.cashMinor,
          socialFundMinor: state.socialFundMinor,
          loansOutstandingMinor: [...state.loans.values()].reduce(
            (s, l) => s + l.outstandingPrincipalMinor,
            0n,
          ),
          members: [...state.members.values()].map((m) => ({ memberId: m.memberId, shares: m.shares })),
        });
        if (!result.ok) throw new AppError(result.code, result.details);
        return {
          distributableMinor: result.value.distributableMinor.toString(),
          totalShares: result.value.totalShares,
          valuePerShareMinor: result.value.valuePerShareMinor.toString(),
          payouts: result.value.payouts.map((p) => ({ ...p, payoutMinor: p.payoutMinor.toString() })),
        };
      });
    },
  );
}
