/**
 * Recording services delivered to beneficiaries. Every service needs the person enrolled in the project on
 * the day it was delivered, within the project's period. A financial assistance grant is money: it is posted
 * to the project's book (assistance grants against cash or bank, both lines carrying the project's id) in the
 * same transaction as the service, and above the project's threshold it waits for a second person.
 */
import type { Tx } from "@moldir/db";
import { type PlainDate, plainDate, type ServiceKind } from "@moldir/domain";
import { z } from "zod";
import type { ActionContext, ApprovableAction } from "../approvals/registry";
import { AppError } from "../http/app-error";
import { dateOrRefuse } from "../http/dates";
import { accountForPurpose } from "../ledger/books";
import { postEntries } from "../ledger/posting";
import { loadProject, type ProjectRow, requireInPeriod } from "./projects";

export interface ServiceRow {
  readonly id: string;
  readonly personId: string;
  readonly kind: ServiceKind;
  readonly deliveredOn: PlainDate;
  readonly quantity: number;
  readonly valueMinor: bigint;
  readonly staffUserId: string | null;
  readonly note: string | null;
}

/**
 * The enrolment of each row's person that covers the row's date; refuses the first row (1-based) whose person
 * was not enrolled then. One query for the whole sheet.
 */
export async function requireEnrolled(
  trx: Tx,
  orgId: string,
  project: ProjectRow,
  rows: readonly { personId: string; deliveredOn: PlainDate }[],
): Promise<string[]> {
  const personIds = [...new Set(rows.map((r) => r.personId))];
  const enrolments =
    personIds.length === 0
      ? []
      : await trx
          .selectFrom("beneficiaries")
          .select(["id", "person_id", "enrolled_on", "exited_on"])
          .where("org_id", "=", orgId)
          .where("project_id", "=", project.id)
          .where("person_id", "in", personIds)
          .execute();
  return rows.map((row, index) => {
    const covering = enrolments.find(
      (e) =>
        e.person_id === row.personId &&
        e.enrolled_on <= row.deliveredOn &&
        (e.exited_on === null || e.exited_on >= row.deliveredOn),
    );
    if (covering === undefined) throw new AppError("beneficiary_must_be_enrolled", { row: index + 1 });
    return covering.id;
  });
}

/** Writes services whose rows have been checked; grants carry the id of their journal entry. */
export async function insertServices(
  trx: Tx,
  context: { orgId: string; userId: string },
  projectId: string,
  rows: readonly (ServiceRow & { beneficiaryId: string; entryId: string | null })[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("project_services")
    .values(
      rows.map((r) => ({
        org_id: context.orgId,
        id: r.id,
        project_id: projectId,
        beneficiary_id: r.beneficiaryId,
        person_id: r.personId,
        kind: r.kind,
        delivered_on: r.deliveredOn,
        staff_user_id: r.staffUserId,
        quantity: r.quantity,
        value_minor: r.valueMinor,
        entry_id: r.entryId,
        note: r.note,
        recorded_by: context.userId,
      })),
    )
    .execute();
}

export const grantPayload = z.object({
  serviceId: z.string(),
  projectId: z.string(),
  personId: z.string(),
  deliveredOn: z.string(),
  valueMinor: z.string(),
  quantity: z.number().int(),
  staffUserId: z.string().nullable(),
  paidFrom: z.enum(["cash", "bank"]),
  note: z.string().nullable(),
});
export type GrantPayload = z.infer<typeof grantPayload>;

/** Checks a grant and finds what posting it needs; changes nothing. */
export async function checkGrant(trx: Tx, orgId: string, payload: GrantPayload) {
  const project = await loadProject(trx, orgId, payload.projectId);
  const deliveredOn = dateOrRefuse(payload.deliveredOn, "deliveredOn");
  requireInPeriod(project, deliveredOn, "deliveredOn");
  const valueMinor = BigInt(payload.valueMinor);
  if (valueMinor <= 0n) throw new AppError("grant_must_have_value", { field: "valueMinor" });
  const [beneficiaryId] = await requireEnrolled(trx, orgId, project, [
    { personId: payload.personId, deliveredOn },
  ]);
  const bookId = project.book_id;
  if (bookId === null) throw new AppError("grant_accounts_must_exist", { purpose: "assistance_grants" });
  const grantAccountId = await accountForPurpose(trx, orgId, bookId, "assistance_grants");
  if (grantAccountId === undefined)
    throw new AppError("grant_accounts_must_exist", { purpose: "assistance_grants" });
  const paidFromAccountId = await accountForPurpose(trx, orgId, bookId, payload.paidFrom);
  if (paidFromAccountId === undefined)
    throw new AppError("grant_accounts_must_exist", { purpose: payload.paidFrom });
  return {
    project,
    bookId,
    deliveredOn,
    valueMinor,
    beneficiaryId: beneficiaryId as string,
    grantAccountId,
    paidFromAccountId,
  };
}

/** Whether a grant of this amount needs a second person by the project's own threshold. */
export function isOverGrantThreshold(project: ProjectRow, valueMinor: bigint): boolean {
  return project.grant_approval_over_minor !== null && valueMinor > project.grant_approval_over_minor;
}

export const grantAction: ApprovableAction<GrantPayload, { serviceId: string; entryId: string }> = {
  action: "project.grant",
  permission: "services.record",
  payloadSchema: grantPayload,
  summarize: async (trx, context, payload) => {
    const checked = await checkGrant(trx, context.orgId, payload);
    return {
      projectId: checked.project.id,
      projectCode: checked.project.code,
      deliveredOn: checked.deliveredOn,
      valueMinor: payload.valueMinor,
      paidFrom: payload.paidFrom,
    };
  },
  execute: async (trx: Tx, context: ActionContext, payload: GrantPayload) => {
    const checked = await checkGrant(trx, context.orgId, payload);
    const projectId = checked.project.id;
    const [posted] = await postEntries(trx, { orgId: context.orgId, userId: context.makerUserId }, [
      {
        bookId: checked.bookId,
        valueDate: plainDate(checked.deliveredOn),
        source: { type: "project_service", id: payload.serviceId },
        narration: `Financial assistance, project ${checked.project.code}`,
        lines: [
          { accountId: checked.grantAccountId, side: "debit", amountMinor: checked.valueMinor, projectId },
          {
            accountId: checked.paidFromAccountId,
            side: "credit",
            amountMinor: checked.valueMinor,
            projectId,
          },
        ],
      },
    ]);
    if (posted === undefined) throw new Error("a grant posts one entry");
    await insertServices(trx, { orgId: context.orgId, userId: context.makerUserId }, projectId, [
      {
        id: payload.serviceId,
        personId: payload.personId,
        kind: "grant",
        deliveredOn: checked.deliveredOn,
        quantity: payload.quantity,
        valueMinor: checked.valueMinor,
        staffUserId: payload.staffUserId,
        note: payload.note,
        beneficiaryId: checked.beneficiaryId,
        entryId: posted.id,
      },
    ]);
    return {
      result: { serviceId: payload.serviceId, entryId: posted.id },
      recordType: "project_service",
      recordId: payload.serviceId,
      summary: { projectId, kind: "grant", deliveredOn: checked.deliveredOn, valueMinor: payload.valueMinor },
    };
  },
};
