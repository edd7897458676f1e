/**
 * HTTP routes of micro-credit operations: products, lending rules, applications with their preview,
 * the credit committee's decision, disbursement, repayment, payoff quotes and reversal.
 */
import {
  changeLoanProductRequestSchema,
  collectionSheetRequestSchema,
  collectionSheetRowSchema,
  createLoanProductRequestSchema,
  type LoanDetail,
  lendingRulesSchema,
  loanApplicationRequestSchema,
  loanDecisionRequestSchema,
  loanDetailSchema,
  loanDisbursementRequestSchema,
  loanEventReversalRequestSchema,
  loanPreviewSchema,
  loanProductSchema,
  loanProductVersionSchema,
  loanRecoveryRequestSchema,
  loanRepaymentRequestSchema,
  loanRescheduleRequestSchema,
  loanStatuses,
  loanSummarySchema,
  loanWriteOffRequestSchema,
  payoffQuoteSchema,
  pendingResponseSchema,
  plainDateSchema,
  uuidSchema,
} from "@moldir/contract";
import { type Database, sql, type Tx } from "@moldir/db";
import {
  basisPointsAsPercent,
  type CappedLoanKind,
  type CurrencyCode,
  capViolationsOf,
  checkDebtBurden,
  firstDisbursementOf,
  formatTenthsOfPercent,
  type LoanOffer,
  type LoanState,
  limits,
  makeLoanOffer,
  maskIin,
  monthlyPaymentOf,
  type PayoffQuote,
  type Permission,
  type PlainDate,
  plainDate,
  plainDateAt,
} from "@moldir/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type ApprovableAction, performOrQueue, registerApprovableAction } from "../approvals/registry";
import { gradeOfGroup } from "../groups/health";
import { memberOf } from "../http/access";
import { AppError, refusal } from "../http/app-error";
import { dateOrRefuse, todayOf } from "../http/dates";
import { audit, inTenant } from "../http/tenant";
import { newId } from "../identity/secrets";
import { queueNotifications } from "../notifications/outbox";
import { requireConsent } from "../people/persons";
import { renderContractPdf } from "./contract-pdf";
import { guaranteesOf } from "./guarantees";
import { loadProduct, productChangeAction, requireValidProduct, toLoanProduct } from "./products";
import { isOfficeInReach, loanReachCheck, loanReachOf } from "./scope";
import {
  type AppendedEvent,
  appendLoanEvent,
  borrowerName,
  type LoanEventRow,
  type LoanRecord,
  type LoanRow,
  loadEvents,
  loadEventsOfLoans,
  loadLoan,
  loanAccountsColumn,
  paymentReplayOf,
  payoffOn,
  pendingEvent,
  recognizedInterestOf,
  reversedEventIds,
  reverseLoanEvent,
  reversibleEvent,
  scheduleOf,
  stateOf,
  stateWithPayoffOf,
  toDomainEvents,
  toLoanSummary,
  writeLoanEvent,
} from "./service";
import { offerOf, parseStoredTerms, requestOf, servicingOf, settingsFromJson, storedTermsOf } from "./terms";

const tags = ["loans"];
const defaultDebtBurdenMaxPercent = 50;

const loanEventReversalPayload = z.object({ loanId: z.string(), eventId: z.string(), reason: z.string() });
type LoanEventReversal = z.infer<typeof loanEventReversalPayload>;

const loanEventReversalAction: ApprovableAction<LoanEventReversal, { reversalEventId: string }> = {
  action: "loan.event.reverse",
  permission: "repayments.record",
  payloadSchema: loanEventReversalPayload,
  summarize: async (trx, context, payload) => {
    const loan = await loadLoan(trx, context.orgId, payload.loanId);
    const event = (await loadEvents(trx, context.orgId, loan.id)).find((e) => e.id === payload.eventId);
    if (event === undefined) throw new AppError("record_must_exist");
    return {
      loanId: loan.id,
      loanNumber: loan.number,
      eventKind: event.kind,
      valueDate: event.value_date,
      amountMinor: event.amount_minor?.toString() ?? null,
      reason: payload.reason,
    };
  },
  execute: async (trx, context, payload) => {
    const loan = await loadLoan(trx, context.orgId, payload.loanId, true);
    const today = await todayOf(trx, context.orgId);
    const result = await reverseLoanEvent(trx, context, loan, payload.eventId, payload.reason, today);
    return {
      result,
      recordType: "loan",
      recordId: loan.id,
      summary: { eventId: payload.eventId, reason: payload.reason },
    };
  },
};

const loanWriteOffPayload = z.object({ loanId: z.string(), valueDate: z.string(), reason: z.string() });
type LoanWriteOff = z.infer<typeof loanWriteOffPayload>;

/**
 * Refuses a value date after today, or (when the loan has been disbursed since `disbursedOn`) before that:
 * money cannot move on a loan before it exists, nor on a day that has not come.
 */
function requireValueDate(
  valueDate: PlainDate,
  today: PlainDate,
  disbursedOn: string | null,
  field = "valueDate",
) {
  if (valueDate > today) throw new AppError("value_date_must_not_be_in_the_future", { field });
  if (disbursedOn !== null && valueDate < disbursedOn) {
    throw new AppError("value_date_must_not_be_before_disbursement", { field, disbursedOn });
  }
}

/** Refuses an offer that breaks a cap in force on `on`, naming the cap and the value. */
function refuseBrokenCaps(offer: LoanOffer, loanKind: CappedLoanKind, on: PlainDate): void {
  const violation = capViolationsOf(offer, loanKind, on)[0];
  if (violation !== undefined) {
    throw new AppError(violation.code, {
      limitPercent: violation.limitPercent,
      valuePercent: violation.valuePercent,
    });
  }
}

async function loadForWriteOff(trx: Tx, orgId: string, payload: LoanWriteOff) {
  const loan = await loadLoan(trx, orgId, payload.loanId, true);
  if (loan.status !== "active" || loan.disbursed_on === null) throw new AppError("loan_must_be_active");
  const valueDate = dateOrRefuse(payload.valueDate, "valueDate");
  requireValueDate(valueDate, await todayOf(trx, orgId), loan.disbursed_on);
  return { loan, valueDate };
}

/** Writing a loan off: always a second person's decision; the principal goes to the write-off expense. */
const loanWriteOffAction: ApprovableAction<LoanWriteOff, { loanId: string }> = {
  action: "loan.write_off",
  permission: "loans.approve",
  payloadSchema: loanWriteOffPayload,
  summarize: async (trx, context, payload) => {
    const { loan } = await loadForWriteOff(trx, context.orgId, payload);
    return {
      loanId: loan.id,
      loanNumber: loan.number,
      principalOutstandingMinor: loan.principal_outstanding_minor.toString(),
      daysPastDue: loan.days_past_due,
      valueDate: payload.valueDate,
      reason: payload.reason,
    };
  },
  execute: async (trx, context, payload) => {
    const { loan, valueDate } = await loadForWriteOff(trx, context.orgId, payload);
    await appendLoanEvent(
      trx,
      context,
      loan,
      { id: newId(), kind: "write_off", valueDate, amountMinor: null, details: {}, reason: payload.reason },
      {
        channel: "cash",
        narration: `Loan ${loan.number}: written off (${payload.reason})`,
        today: await todayOf(trx, context.orgId),
      },
    );
    return {
      result: { loanId: loan.id },
      recordType: "loan",
      recordId: loan.id,
      summary: { valueDate: payload.valueDate, reason: payload.reason },
    };
  },
};

registerApprovableAction(loanWriteOffAction);
registerApprovableAction(productChangeAction);
registerApprovableAction(loanEventReversalAction);

async function debtBurdenLimit(trx: Tx, orgId: string, on: PlainDate): Promise<number> {
  const rule = await trx
    .selectFrom("lending_rules")
    .select("debt_burden_max_percent")
    .where("org_id", "=", orgId)
    .where("effective_from", "<=", on)
    .orderBy("effective_from", "desc")
    .executeTakeFirst();
  return rule?.debt_burden_max_percent ?? defaultDebtBurdenMaxPercent;
}

/** Monthly payments of the borrower's other loans in this organization that are applied for or running. */
async function otherMonthlyPayments(
  trx: Tx,
  orgId: string,
  borrower: { personId: string | null; groupId: string | null },
  exceptLoanId: string | null,
): Promise<bigint> {
  let query = trx
    .selectFrom("loans")
    .select((eb) => eb.fn.sum<string | null>("monthly_payment_minor").as("total"))
    .where("org_id", "=", orgId)
    .where("status", "in", ["applied", "approved", "active"]);
  query =
    borrower.personId !== null
      ? query.where("person_id", "=", borrower.personId)
      : query.where("group_id", "=", borrower.groupId);
  if (exceptLoanId !== null) query = query.where("id", "!=", exceptLoanId);
  const row = await query.executeTakeFirstOrThrow();
  return BigInt(row.total ?? "0");
}

interface Appraisal {
  readonly offer: LoanOffer;
  readonly monthlyPaymentMinor: bigint;
  readonly debtBurdenBasisPoints: number;
  readonly debtBurdenMaxPercent: number;
}

/** The later tranches of an application, their dates checked. */
function tranchesOf(body: z.infer<typeof loanApplicationRequestSchema>) {
  return (body.tranches ?? []).map((t, index) => ({
    disbursedOn: dateOrRefuse(t.disbursedOn, `tranches.${index}.disbursedOn`),
    amountMinor: BigInt(t.amountMinor),
  }));
}

/** The offer of a product for an application, with the caps and the debt burden checked. */
async function appraise(
  trx: Tx,
  orgId: string,
  body: z.infer<typeof loanApplicationRequestSchema>,
  today: PlainDate,
): Promise<Appraisal & { product: Awaited<ReturnType<typeof loadProduct>> }> {
  if ((body.personId === undefined) === (body.groupId === undefined)) {
    throw new AppError("borrower_must_exist", { field: "personId" });
  }
  const product = await loadProduct(trx, orgId, body.productId);
  if (!product.active) throw new AppError("product_must_be_active", { field: "productId" });
  const disbursementOn = dateOrRefuse(body.expectedDisbursementOn, "expectedDisbursementOn");
  const firstRepaymentOn =
    body.firstRepaymentOn === undefined || body.firstRepaymentOn === null
      ? null
      : dateOrRefuse(body.firstRepaymentOn, "firstRepaymentOn");
  const settings = toLoanProduct(product).settings;
  const offer = makeLoanOffer(settingsFromJson(settings), product.loan_kind as CappedLoanKind, {
    currency: product.currency as CurrencyCode,
    principalMinor: BigInt(body.principalMinor),
    installments: body.installments,
    disbursementOn,
    firstRepaymentOn,
    tranches: tranchesOf(body),
  });
  if (!offer.ok) throw refusal(offer);
  refuseBrokenCaps(offer.value, product.loan_kind, today);
  const monthlyPaymentMinor = monthlyPaymentOf(
    offer.value.schedule,
    settings.repaymentFrequency,
    settings.repaymentEvery,
  );
  const others = await otherMonthlyPayments(
    trx,
    orgId,
    { personId: body.personId ?? null, groupId: body.groupId ?? null },
    null,
  );
  const maxPercent = await debtBurdenLimit(trx, orgId, today);
  const burden = checkDebtBurden(BigInt(body.monthlyIncomeMinor), monthlyPaymentMinor + others, maxPercent);
  if (!burden.ok) throw refusal(burden);
  return {
    product,
    offer: offer.value,
    monthlyPaymentMinor,
    debtBurdenBasisPoints: burden.value.basisPoints,
    debtBurdenMaxPercent: maxPercent,
  };
}

/** An event as the page's statement sends it: id, kind, value date, amount, details, reason, entry, created. */
type EventTuple = [
  string,
  LoanEventRow["kind"],
  string,
  string | null,
  unknown,
  string | null,
  string | null,
  string,
];

/** A loan (`l`) with its product's code, its borrower's or group's name and its organization's time zone. */
function loanWithNames(trx: Tx) {
  return trx
    .selectFrom("loans as l")
    .innerJoin("loan_products as p", (j) =>
      j.onRef("p.org_id", "=", "l.org_id").onRef("p.id", "=", "l.product_id"),
    )
    .innerJoin("organizations as o", "o.org_id", "l.org_id")
    .leftJoin("persons as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.person_id"))
    .leftJoin("groups as g", (j) => j.onRef("g.org_id", "=", "l.org_id").onRef("g.id", "=", "l.group_id"))
    .selectAll("l")
    .select(["p.code as product_code", "s.surname", "s.given_name", "g.name as group_name", "o.time_zone"]);
}

/**
 * A loan's page as of a date, from one statement (the loan with its product code, borrower's name, the
 * organization's time zone and its events as one JSON array: on the embedded database, materializing a row per
 * event costs more than the replay) and one replay for both the state and the payoff. The events come without
 * what the loan service keeps of their postings (`posted`, `recognized`), which the page does not show.
 */
async function loanDetail(trx: Tx, orgId: string, loanId: string, asOfText?: string): Promise<LoanDetail> {
  const found = await loanWithNames(trx)
    .select(
      sql<EventTuple[] | null>`(
        SELECT json_agg(json_build_array(e.id, e.kind, e.value_date, e.amount_minor::text,
          e.details - 'posted' - 'recognized', e.reason, e.entry_id, e.created_at)
          ORDER BY e.value_date, e.created_at, e.id)
        FROM loan_events e WHERE e.org_id = l.org_id AND e.loan_id = l.id)`.as("event_tuples"),
    )
    .where("l.org_id", "=", orgId)
    .where("l.id", "=", loanId)
    .executeTakeFirst();
  if (found === undefined) throw new AppError("record_must_exist");
  const { product_code, surname, given_name, group_name, time_zone, event_tuples, ...loan } = found;
  const today = plainDateAt(Date.now(), time_zone);
  const asOf = asOfText === undefined ? today : dateOrRefuse(asOfText, "asOf");
  const rows: LoanEventRow[] = (event_tuples ?? []).map(
    ([id, kind, valueDate, amount, details, reason, entryId, createdAt]) => ({
      id,
      kind,
      value_date: valueDate,
      amount_minor: amount === null ? null : BigInt(amount),
      details: details ?? {},
      reason,
      entry_id: entryId,
      created_at: new Date(createdAt),
    }),
  );
  const stored = parseStoredTerms(loan.terms);
  const replayed =
    rows.length === 0 ? null : stateWithPayoffOf(servicingOf(stored), toDomainEvents(rows), asOf);
  return loanDetailOf({
    loan,
    names: { productCode: product_code, borrowerName: borrowerName({ surname, given_name, group_name }) },
    rows,
    replayed,
    asOf,
  });
}

/**
 * A loan's page from what is already at hand: the loan's row, its events in their order and their replay as of
 * `asOf` (state and payoff; null before any event). The offer (schedule and GESV) is built only for a loan not
 * paid out yet, whose schedule is the offer's.
 */
function loanDetailOf(parts: {
  readonly loan: LoanRecord;
  readonly names: { productCode: string; borrowerName: string };
  readonly rows: readonly LoanEventRow[];
  readonly replayed: { readonly state: LoanState; readonly payoff: PayoffQuote } | null;
  readonly asOf: PlainDate;
}): LoanDetail {
  const { loan, rows, replayed, asOf } = parts;
  const stored = parseStoredTerms(loan.terms);
  const state = replayed?.state ?? null;
  const schedule =
    state === null || state.installments.length === 0
      ? scheduleOf(offerOf(stored), null)
      : scheduleOf(null, state);
  const reversed = reversedEventIds(rows);
  const owed =
    replayed === null || replayed.state.status === "closed" || replayed.state.status === "approved"
      ? 0n
      : replayed.payoff.totalMinor;
  return {
    ...toLoanSummary(loan, parts.names),
    ...(state === null
      ? {}
      : {
          principalOutstandingMinor: state.principalOutstandingMinor.toString(),
          overdueMinor: state.overdueMinor.toString(),
          daysPastDue: state.daysPastDue,
        }),
    productVersion: loan.product_version,
    clientKind: loan.client_kind,
    installments: loan.installments,
    expectedDisbursementOn: loan.expected_disbursement_on,
    purpose: loan.purpose,
    monthlyIncomeMinor: loan.monthly_income_minor.toString(),
    monthlyExpensesMinor: loan.monthly_expenses_minor.toString(),
    monthlyPaymentMinor: loan.monthly_payment_minor.toString(),
    debtBurdenPercent: basisPointsAsPercent(loan.debt_burden_basis_points),
    gesvPercent: formatTenthsOfPercent(loan.gesv_tenths),
    appliedBy: loan.applied_by,
    decidedBy: loan.decided_by,
    decisionComment: loan.decision_comment,
    asOf,
    schedule,
    totals: {
      paidMinor: (state?.paidMinor ?? 0n).toString(),
      overpaidMinor: (state?.overpaidMinor ?? 0n).toString(),
      totalOwedMinor: owed.toString(),
    },
    tranches: (() => {
      const disbursedCount = rows.filter((r) => r.kind === "disbursement").length;
      return (stored.request.tranches ?? []).map((t, index) => ({
        disbursedOn: t.disbursedOn,
        amountMinor: t.amountMinor,
        disbursed: index + 1 < disbursedCount,
      }));
    })(),
    events: rows.map((row) => {
      const {
        posted: _posted,
        recognized: _recognized,
        ...details
      } = (row.details ?? {}) as Record<string, unknown>;
      return {
        id: row.id,
        kind: row.kind,
        valueDate: row.value_date,
        amountMinor: row.amount_minor?.toString() ?? null,
        details,
        reason: row.reason,
        entryId: row.entry_id,
        reversed: reversed.has(row.id),
        createdAt: row.created_at.toISOString(),
      };
    }),
    version: loan.version,
  };
}

/** Product codes and borrower names of loans, in one query. */
async function namesOf(
  trx: Tx,
  orgId: string,
  loans: readonly LoanRecord[],
): Promise<Map<string, { productCode: string; borrowerName: string }>> {
  if (loans.length === 0) return new Map();
  const rows = await trx
    .selectFrom("loans as l")
    .innerJoin("loan_products as p", (j) =>
      j.onRef("p.org_id", "=", "l.org_id").onRef("p.id", "=", "l.product_id"),
    )
    .leftJoin("persons as s", (j) => j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.person_id"))
    .leftJoin("groups as g", (j) => j.onRef("g.org_id", "=", "l.org_id").onRef("g.id", "=", "l.group_id"))
    .select(["l.id", "p.code", "s.surname", "s.given_name", "g.name as group_name"])
    .where("l.org_id", "=", orgId)
    .where(
      "l.id",
      "in",
      loans.map((l) => l.id),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, { productCode: r.code, borrowerName: borrowerName(r) }]));
}

type RepaymentBody = z.infer<typeof loanRepaymentRequestSchema>;

/**
 * A loan locked for a payment, with what the payment's answer and receipt need beside it, in one statement:
 * the product's code, the borrower's names and phones, the organization's time zone and names, the ledger
 * accounts of its book. Only the loan's row is locked; its events are read after the lock (by then any
 * concurrent payment of the loan has committed), which one statement could not do: its subquery would read
 * them as they were before it waited for the lock.
 */
async function loadLoanForPayment(trx: Tx, orgId: string, loanId: string) {
  const found = await loanWithNames(trx)
    .select([
      "s.phones",
      "s.languages",
      "o.name_kk as org_name_kk",
      "o.name_ru as org_name_ru",
      loanAccountsColumn.as("accounts"),
      // Its accrual row locked too (see `loadLoan`).
      recognizedInterestOf("l", true).as("recognized_interest_minor"),
    ])
    .where("l.org_id", "=", orgId)
    .where("l.id", "=", loanId)
    .forUpdate(["l"])
    .executeTakeFirst();
  if (found === undefined) throw new AppError("record_must_exist");
  const {
    product_code,
    surname,
    given_name,
    phones,
    languages,
    group_name,
    time_zone,
    org_name_kk,
    org_name_ru,
    accounts,
    ...loan
  } = found;
  return {
    loan,
    accounts: new Map(Object.entries(accounts ?? {})),
    today: plainDateAt(Date.now(), time_zone),
    names: { productCode: product_code, borrowerName: borrowerName({ surname, given_name, group_name }) },
    contact:
      loan.person_id === null || phones === null || languages === null
        ? null
        : { phones, languages, lenderNames: { kk: org_name_kk, ru: org_name_ru } },
  };
}

/**
 * Records one repayment or prepayment of a running loan; refuses a date or an amount it cannot take. The loan is
 * replayed once for both what it owes before the payment and its state and payoff after it (`replayPayment`),
 * and the answer's parts (the loan as written, its events with the new one) come back with it.
 */
async function recordRepayment(trx: Tx, request: FastifyRequest, loanId: string, body: RepaymentBody) {
  const actor = memberOf(request);
  const valueDate = dateOrRefuse(body.valueDate, "valueDate");
  const { loan, accounts, today, names, contact } = await loadLoanForPayment(trx, actor.orgId, loanId);
  if (loan.status !== "active" || loan.disbursed_on === null) throw new AppError("loan_must_be_active");
  requireValueDate(valueDate, today, loan.disbursed_on);
  const servicing = servicingOf(parseStoredTerms(loan.terms));
  const rows = await loadEvents(trx, actor.orgId, loan.id);
  const amountMinor = BigInt(body.amountMinor);
  const eventId = newId();
  const kind = body.kind ?? "repayment";
  const event: AppendedEvent = {
    id: eventId,
    kind,
    valueDate,
    amountMinor,
    details: {
      channel: body.channel,
      ...(kind === "prepayment" ? { strategy: body.strategy ?? "reduce_installment" } : {}),
    },
    reason: null,
  };
  const replayed = paymentReplayOf(servicing, toDomainEvents(rows), pendingEvent(event), today);
  const owed = replayed.payoffBefore.totalMinor;
  if (amountMinor > owed) {
    throw new AppError("payment_must_not_exceed_amount_owed", {
      field: "amountMinor",
      owedMinor: owed.toString(),
    });
  }
  if (!replayed.after.ok) throw refusal(replayed.after);
  const { state, payoff } = replayed.after.value;
  const written = await writeLoanEvent(trx, contextOf(request), loan, event, servicing, state, {
    channel: body.channel,
    narration: `Loan ${loan.number}: ${kind}`,
    today,
    accounts,
  });
  await queueReceipt(trx, loan, valueDate, amountMinor, state.principalOutstandingMinor, contact);
  await audit(trx, request, {
    action: "loan.repay",
    recordType: "loan",
    recordId: loan.id,
    summary: { eventId, valueDate, amountMinor: body.amountMinor, kind },
  });
  return {
    loan: written.loan,
    state,
    eventId,
    /** The loan's page after the payment, or null when the new event's place among the others is not certain. */
    detail: () => {
      const withEvent = withEventInOrder(rows, written.row);
      return withEvent === null
        ? null
        : loanDetailOf({
            loan: written.loan,
            names,
            rows: withEvent,
            replayed: { state, payoff },
            asOf: today,
          });
    },
  };
}

/**
 * The events with a new one put where the page's statement orders it (by value date, time of recording, id);
 * null when another event of its day was recorded in the same millisecond, a tie the microseconds the database
 * keeps would break but a JavaScript date cannot.
 */
function withEventInOrder(rows: readonly LoanEventRow[], added: LoanEventRow): LoanEventRow[] | null {
  const at = added.created_at.getTime();
  let index = rows.length;
  for (const [position, row] of rows.entries()) {
    if (row.value_date !== added.value_date) {
      if (row.value_date > added.value_date && index === rows.length) index = position;
      continue;
    }
    const time = row.created_at.getTime();
    if (time === at) return null;
    if (time > at && index === rows.length) index = position;
  }
  return [...rows.slice(0, index), added, ...rows.slice(index)];
}

/** Where a payment's receipt goes: the borrower's phones and languages, and the lender's names. */
interface ReceiptContact {
  readonly phones: readonly string[];
  readonly languages: readonly string[];
  readonly lenderNames: { readonly kk: string; readonly ru: string };
}

async function receiptContactOf(trx: Tx, orgId: string, personId: string): Promise<ReceiptContact | null> {
  const person = await trx
    .selectFrom("persons")
    .select(["phones", "languages"])
    .where("org_id", "=", orgId)
    .where("id", "=", personId)
    .executeTakeFirst();
  if (person === undefined) return null;
  const org = await trx
    .selectFrom("organizations")
    .select(["name_kk", "name_ru"])
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return {
    phones: person.phones,
    languages: person.languages,
    lenderNames: { kk: org.name_kk, ru: org.name_ru },
  };
}

/** An SMS receipt for a payment, to the borrower's first phone, in Kazakh or Russian as she reads. */
async function queueReceipt(
  trx: Tx,
  loan: LoanRow,
  paidOn: PlainDate,
  paidMinor: bigint,
  principalOutstandingMinor: bigint,
  known: ReceiptContact | null = null,
): Promise<void> {
  if (loan.person_id === null) return;
  const contact = known ?? (await receiptContactOf(trx, loan.org_id, loan.person_id));
  const recipient = contact?.phones[0];
  if (contact === null || recipient === undefined) return;
  const org = contact.lenderNames;
  const locale = contact.languages.includes("kk") ? "kk" : "ru";
  await queueNotifications(trx, loan.org_id, [
    {
      recipient,
      locale,
      template: "loan_receipt",
      payload: {
        lenderName: locale === "kk" ? org.kk : org.ru,
        loanNumber: loan.number,
        paidOn,
        paidMinor: paidMinor.toString(),
        principalOutstandingMinor: principalOutstandingMinor.toString(),
      },
      personId: loan.person_id,
      source: { type: "loan", id: loan.id },
    },
  ]);
}

/** The next planned tranche of a running multi-tranche loan; refused when none is left. */
async function disburseNextTranche(
  trx: Tx,
  request: FastifyRequest,
  loan: LoanRow,
  valueDate: PlainDate,
  channel: "cash" | "bank",
  today: PlainDate,
): Promise<void> {
  const planned = parseStoredTerms(loan.terms).request.tranches ?? [];
  const disbursements = (await loadEvents(trx, loan.org_id, loan.id)).filter(
    (r) => r.kind === "disbursement",
  );
  const next = planned[disbursements.length - 1];
  if (next === undefined) throw new AppError("loan_must_be_approved");
  const last =
    disbursements
      .map((r) => r.value_date)
      .sort()
      .at(-1) ?? valueDate;
  requireValueDate(valueDate, today, last);
  await appendLoanEvent(
    trx,
    contextOf(request),
    loan,
    {
      id: newId(),
      kind: "disbursement",
      valueDate,
      amountMinor: BigInt(next.amountMinor),
      details: { channel, tranche: disbursements.length },
      reason: null,
    },
    { channel, narration: `Loan ${loan.number}: tranche ${disbursements.length + 1}`, today },
  );
  await audit(trx, request, {
    action: "loan.disburse",
    recordType: "loan",
    recordId: loan.id,
    summary: { valueDate, channel, tranche: disbursements.length + 1, amountMinor: next.amountMinor },
  });
}

/**
 * Reschedules a running loan from a date: the principal not yet due re-amortized over new installments.
 * Returns the reschedule event's id.
 */
export async function rescheduleLoan(
  trx: Tx,
  request: FastifyRequest,
  loanId: string,
  body: z.infer<typeof loanRescheduleRequestSchema>,
): Promise<string> {
  const actor = memberOf(request);
  const valueDate = dateOrRefuse(body.valueDate, "valueDate");
  const firstRepaymentOn =
    body.firstRepaymentOn === undefined || body.firstRepaymentOn === null
      ? null
      : dateOrRefuse(body.firstRepaymentOn, "firstRepaymentOn");
  const loan = await loadLoan(trx, actor.orgId, loanId, true);
  if (loan.status !== "active" || loan.disbursed_on === null) throw new AppError("loan_must_be_active");
  const today = await todayOf(trx, actor.orgId);
  requireValueDate(valueDate, today, loan.disbursed_on);
  const eventId = newId();
  await appendLoanEvent(
    trx,
    contextOf(request),
    loan,
    {
      id: eventId,
      kind: "reschedule",
      valueDate,
      amountMinor: null,
      details: { changes: { installments: body.installments, firstRepaymentOn } },
      reason: body.reason,
    },
    { channel: "cash", narration: `Loan ${loan.number}: rescheduled`, today },
  );
  await audit(trx, request, {
    action: "loan.reschedule",
    recordType: "loan",
    recordId: loan.id,
    summary: { valueDate, installments: body.installments, reason: body.reason },
  });
  return eventId;
}

function contextOf(request: FastifyRequest) {
  const actor = memberOf(request);
  return { orgId: actor.orgId, makerUserId: actor.userId, checkerUserId: null, address: request.ip };
}

export async function loanRoutes(app: FastifyInstance, options: { database: Database }): Promise<void> {
  const { database } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { kind: "permission", permission: "loans.read" } } as const;
  const manage = { access: { kind: "permission", permission: "loans.manage" } } as const;
  const repay = { access: { kind: "permission", permission: "repayments.record" } } as const;
  // The routes of one loan, the loans list and applying reach, through a role scoped to an office, the loans of
  // that office and the offices below it (scope.ts); the rest need the permission organization-wide.
  const inScope = <P extends Permission>(permission: P) =>
    ({ access: { kind: "permission", permission, anyScope: true } }) as const;
  const readLoan = inScope("loans.read");
  const applyForLoan = inScope("loans.manage");
  const approveLoan = inScope("loans.approve");
  const disburseLoan = inScope("loans.disburse");
  const repayLoan = inScope("repayments.record");
  app.addHook("preHandler", loanReachCheck(database));
  const loanParams = z.object({ loanId: uuidSchema });

  routes.get(
    "/api/v1/loan-products",
    {
      config: read,
      schema: {
        tags,
        summary: "Loan products",
        response: { 200: z.object({ items: z.array(loanProductSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const rows = await inTenant(database, request, (trx) =>
        trx.selectFrom("loan_products").selectAll().where("org_id", "=", orgId).orderBy("code").execute(),
      );
      return { items: rows.map(toLoanProduct) };
    },
  );

  routes.post(
    "/api/v1/loan-products",
    {
      config: manage,
      schema: {
        tags,
        summary: "Create a loan product (refused when its terms would break a cap at any of its limits)",
        body: createLoanProductRequestSchema,
        response: { 201: loanProductSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const body = request.body;
      const product = await inTenant(database, request, async (trx) => {
        const org = await trx
          .selectFrom("organizations")
          .select("currency")
          .where("org_id", "=", actor.orgId)
          .executeTakeFirstOrThrow();
        requireValidProduct(body.settings, body.loanKind, org.currency, await todayOf(trx, actor.orgId));
        const taken = await trx
          .selectFrom("loan_products")
          .select("id")
          .where("org_id", "=", actor.orgId)
          .where("code", "=", body.code)
          .executeTakeFirst();
        if (taken !== undefined) throw new AppError("product_code_must_be_unique", { field: "code" });
        const id = newId();
        await trx
          .insertInto("loan_products")
          .values({
            org_id: actor.orgId,
            id,
            code: body.code,
            name_kk: body.names.kk,
            name_ru: body.names.ru,
            name_en: body.names.en,
            client_kind: body.clientKind,
            loan_kind: body.loanKind,
            currency: org.currency,
            settings: JSON.stringify(body.settings),
            created_by: actor.userId,
          })
          .execute();
        await trx
          .insertInto("loan_product_versions")
          .values({
            org_id: actor.orgId,
            product_id: id,
            version: 1,
            settings: JSON.stringify(body.settings),
            created_by: actor.userId,
            approved_by: null,
          })
          .execute();
        await audit(trx, request, {
          action: "loan_product.create",
          recordType: "loan_product",
          recordId: id,
          summary: { code: body.code, interestRatePercent: body.settings.interestRatePercent },
        });
        return toLoanProduct(await loadProduct(trx, actor.orgId, id));
      });
      return reply.code(201).send(product);
    },
  );

  routes.get(
    "/api/v1/loan-products/:productId",
    {
      config: read,
      schema: {
        tags,
        summary: "A loan product with the history of its versions",
        params: z.object({ productId: uuidSchema }),
        response: { 200: loanProductSchema.extend({ versions: z.array(loanProductVersionSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const product = await loadProduct(trx, orgId, request.params.productId);
        const versions = await trx
          .selectFrom("loan_product_versions")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("product_id", "=", product.id)
          .orderBy("version", "desc")
          .execute();
        return {
          ...toLoanProduct(product),
          versions: versions.map((v) => ({
            version: v.version,
            settings: toLoanProduct({ ...product, settings: v.settings }).settings,
            createdAt: v.created_at.toISOString(),
            createdBy: v.created_by,
            approvedBy: v.approved_by,
          })),
        };
      });
    },
  );

  routes.put(
    "/api/v1/loan-products/:productId/settings",
    {
      config: manage,
      schema: {
        tags,
        summary: "Change a product's settings: a new version, always approved by a second person",
        params: z.object({ productId: uuidSchema }),
        body: changeLoanProductRequestSchema,
        response: { 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const payload = { productId: request.params.productId, ...request.body };
      await inTenant(database, request, async (trx) => {
        const product = await loadProduct(trx, orgId, payload.productId);
        if (product.version !== payload.version) throw new AppError("version_must_match");
        requireValidProduct(payload.settings, product.loan_kind, product.currency, await todayOf(trx, orgId));
      });
      const performed = await performOrQueue(database, request, productChangeAction, payload, {
        alwaysRequireApproval: true,
      });
      if (performed.kind !== "pending") throw new Error("a product change always waits for approval");
      return reply.code(202).send({ status: "pending_approval" as const, approvalId: performed.approvalId });
    },
  );

  routes.patch(
    "/api/v1/loan-products/:productId",
    {
      config: manage,
      schema: {
        tags,
        summary: "Stop or resume offering a product",
        params: z.object({ productId: uuidSchema }),
        body: z.strictObject({ active: z.boolean() }),
        response: { 200: loanProductSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const product = await loadProduct(trx, orgId, request.params.productId);
        await trx
          .updateTable("loan_products")
          .set({ active: request.body.active })
          .where("org_id", "=", orgId)
          .where("id", "=", product.id)
          .execute();
        await audit(trx, request, {
          action: request.body.active ? "loan_product.resume" : "loan_product.stop",
          recordType: "loan_product",
          recordId: product.id,
        });
        return toLoanProduct(await loadProduct(trx, orgId, product.id));
      });
    },
  );

  routes.get(
    "/api/v1/lending-rules",
    {
      config: read,
      schema: {
        tags,
        summary: "The lending rules in force today and their history",
        response: { 200: z.object({ current: lendingRulesSchema, history: z.array(lendingRulesSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, orgId);
        const history = await trx
          .selectFrom("lending_rules")
          .select(["effective_from", "debt_burden_max_percent"])
          .where("org_id", "=", orgId)
          .orderBy("effective_from", "desc")
          .execute();
        return {
          current: { effectiveFrom: today, debtBurdenMaxPercent: await debtBurdenLimit(trx, orgId, today) },
          history: history.map((h) => ({
            effectiveFrom: h.effective_from,
            debtBurdenMaxPercent: h.debt_burden_max_percent,
          })),
        };
      });
    },
  );

  routes.post(
    "/api/v1/lending-rules",
    {
      config: { access: { kind: "permission", permission: "organization.manage" } },
      schema: {
        tags,
        summary: "Set the debt burden limit from a date (never before today: rules in force are history)",
        body: lendingRulesSchema.strict(),
        response: { 201: lendingRulesSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const effectiveFrom = dateOrRefuse(request.body.effectiveFrom, "effectiveFrom");
      await inTenant(database, request, async (trx) => {
        if (effectiveFrom < (await todayOf(trx, actor.orgId))) {
          throw new AppError("effective_date_must_not_be_in_the_past", { field: "effectiveFrom" });
        }
        await trx
          .insertInto("lending_rules")
          .values({
            org_id: actor.orgId,
            effective_from: effectiveFrom,
            debt_burden_max_percent: request.body.debtBurdenMaxPercent,
            created_by: actor.userId,
          })
          .onConflict((c) =>
            c.columns(["org_id", "effective_from"]).doUpdateSet({
              debt_burden_max_percent: request.body.debtBurdenMaxPercent,
            }),
          )
          .execute();
        await audit(trx, request, {
          action: "lending_rules.set",
          recordType: "lending_rules",
          recordId: null,
          summary: { effectiveFrom, debtBurdenMaxPercent: request.body.debtBurdenMaxPercent },
        });
      });
      return reply.code(201).send({ effectiveFrom, debtBurdenMaxPercent: request.body.debtBurdenMaxPercent });
    },
  );

  routes.post(
    "/api/v1/loans/preview",
    {
      config: readLoan,
      schema: {
        tags,
        summary: "The schedule, GESV and debt burden an application would have, checked but not saved",
        body: loanApplicationRequestSchema,
        response: { 200: loanPreviewSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, orgId);
        const appraisal = await appraise(trx, orgId, request.body, today);
        const { schedule } = appraisal.offer;
        return {
          gesvPercent: formatTenthsOfPercent(appraisal.offer.gesvTenthsOfPercent),
          monthlyPaymentMinor: appraisal.monthlyPaymentMinor.toString(),
          debtBurdenPercent: basisPointsAsPercent(appraisal.debtBurdenBasisPoints),
          debtBurdenMaxPercent: appraisal.debtBurdenMaxPercent,
          schedule: schedule.installments.map((row) => ({
            number: row.number,
            dueOn: row.dueOn,
            principalMinor: row.principalMinor.toString(),
            interestMinor: row.interestMinor.toString(),
            feeMinor: row.feeMinor.toString(),
            totalDueMinor: row.totalDueMinor.toString(),
          })),
          totals: {
            principalMinor: schedule.totals.principalMinor.toString(),
            interestMinor: schedule.totals.interestMinor.toString(),
            feeMinor: schedule.totals.feeMinor.toString(),
            totalDueMinor: schedule.totals.totalDueMinor.toString(),
          },
        };
      });
    },
  );

  routes.post(
    "/api/v1/loans",
    {
      config: applyForLoan,
      schema: {
        tags,
        summary: "Apply for a loan: product limits, caps, consent and the debt burden are checked",
        body: loanApplicationRequestSchema,
        response: { 201: loanDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = memberOf(request);
      const body = request.body;
      const detail = await inTenant(database, request, async (trx) => {
        const today = await todayOf(trx, actor.orgId);
        if (body.personId !== undefined) {
          const person = await trx
            .selectFrom("persons")
            .select(["id", "merged_into_id"])
            .where("org_id", "=", actor.orgId)
            .where("id", "=", body.personId)
            .executeTakeFirst();
          if (person === undefined) throw new AppError("borrower_must_exist", { field: "personId" });
          if (person.merged_into_id !== null) throw new AppError("person_must_not_be_merged");
          await requireConsent(trx, actor.orgId, person.id, "credit", today);
        }
        if (body.groupId !== undefined) {
          const group = await trx
            .selectFrom("groups")
            .select("id")
            .where("org_id", "=", actor.orgId)
            .where("id", "=", body.groupId)
            .executeTakeFirst();
          if (group === undefined) throw new AppError("borrower_must_exist", { field: "groupId" });
        }
        const appraisal = await appraise(trx, actor.orgId, body, today);
        const { product } = appraisal;
        if (body.groupId !== undefined && product.client_kind !== "shg") {
          throw new AppError("borrower_must_exist", { field: "groupId" });
        }
        if (body.personId !== undefined && product.client_kind === "shg") {
          throw new AppError("borrower_must_exist", { field: "personId" });
        }
        const book = await trx
          .selectFrom("books")
          .select("id")
          .where("org_id", "=", actor.orgId)
          .where("owner_kind", "=", "organization")
          .where("template", "=", "mco")
          .orderBy("id")
          .executeTakeFirst();
        if (book === undefined) throw new AppError("loan_book_must_exist");
        // A branch's officer books her loans at her branch: she names it, or she could not see the loan after.
        const reach = await loanReachOf(trx, actor, "loans.manage");
        if (reach !== "all" && body.officeId === undefined)
          throw new AppError("scope_must_exist", { field: "officeId" });
        if (body.officeId !== undefined) {
          const office = await trx
            .selectFrom("offices")
            .select("id")
            .where("org_id", "=", actor.orgId)
            .where("id", "=", body.officeId)
            .executeTakeFirst();
          if (office === undefined) throw new AppError("scope_must_exist", { field: "officeId" });
          if (!isOfficeInReach(reach, body.officeId))
            throw new AppError("scope_must_exist", { field: "officeId" });
        }
        const last = await trx
          .selectFrom("loans")
          .select((eb) => eb.fn.max("number").as("n"))
          .where("org_id", "=", actor.orgId)
          .executeTakeFirstOrThrow();
        const id = newId();
        const settings = toLoanProduct(product).settings;
        await trx
          .insertInto("loans")
          .values({
            org_id: actor.orgId,
            id,
            number: Number(last.n ?? 0) + 1,
            product_id: product.id,
            product_version: product.version,
            client_kind: product.client_kind,
            person_id: body.personId ?? null,
            group_id: body.groupId ?? null,
            office_id: body.officeId ?? null,
            officer_user_id: actor.userId,
            book_id: book.id,
            principal_minor: BigInt(body.principalMinor),
            installments: body.installments,
            expected_disbursement_on: body.expectedDisbursementOn,
            first_repayment_on: body.firstRepaymentOn ?? null,
            purpose: body.purpose,
            monthly_income_minor: BigInt(body.monthlyIncomeMinor),
            monthly_expenses_minor: BigInt(body.monthlyExpensesMinor),
            monthly_payment_minor: appraisal.monthlyPaymentMinor,
            debt_burden_basis_points: appraisal.debtBurdenBasisPoints,
            terms: JSON.stringify(
              storedTermsOf(product.loan_kind, settings, {
                currency: product.currency as CurrencyCode,
                principalMinor: BigInt(body.principalMinor),
                installments: body.installments,
                disbursementOn: plainDate(body.expectedDisbursementOn),
                firstRepaymentOn: body.firstRepaymentOn ? plainDate(body.firstRepaymentOn) : null,
                tranches: tranchesOf(body),
              }),
            ),
            gesv_tenths: appraisal.offer.gesvTenthsOfPercent,
            applied_by: actor.userId,
          })
          .execute();
        await audit(trx, request, {
          action: "loan.apply",
          recordType: "loan",
          recordId: id,
          summary: {
            productId: product.id,
            principalMinor: body.principalMinor,
            installments: body.installments,
          },
        });
        return loanDetail(trx, actor.orgId, id);
      });
      return reply.code(201).send(detail);
    },
  );

  routes.get(
    "/api/v1/loans",
    {
      config: readLoan,
      schema: {
        tags,
        summary: "Loans, newest first, by status and borrower name",
        querystring: z.object({
          status: z.enum(loanStatuses).optional(),
          q: z.string().trim().max(100).optional(),
          personId: uuidSchema.optional(),
          limit: z.coerce.number().int().min(1).max(limits.pageSizeMax).optional(),
          after: z.string().max(20).optional().describe("Cursor from the previous page"),
        }),
        response: { 200: z.object({ items: z.array(loanSummarySchema), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const query = request.query;
      const limit = query.limit ?? limits.pageSizeDefault;
      const before = query.after === undefined ? null : Number.parseInt(query.after, 10);
      return inTenant(database, request, async (trx) => {
        let select = trx
          .selectFrom("loans as l")
          .leftJoin("persons as s", (j) =>
            j.onRef("s.org_id", "=", "l.org_id").onRef("s.id", "=", "l.person_id"),
          )
          .leftJoin("groups as g", (j) =>
            j.onRef("g.org_id", "=", "l.org_id").onRef("g.id", "=", "l.group_id"),
          )
          .selectAll("l")
          .where("l.org_id", "=", orgId);
        const reach = await loanReachOf(trx, memberOf(request), "loans.read");
        if (reach !== "all")
          select = select.where("l.office_id", "in", [...reach, "00000000-0000-0000-0000-000000000000"]);
        if (query.status !== undefined) select = select.where("l.status", "=", query.status);
        if (query.personId !== undefined) select = select.where("l.person_id", "=", query.personId);
        if (before !== null && Number.isFinite(before)) select = select.where("l.number", "<", before);
        if (query.q !== undefined && query.q !== "") {
          const pattern = `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
          const asNumber = Number.parseInt(query.q, 10);
          select = select.where((eb) =>
            eb.or([
              eb("s.surname", "ilike", pattern),
              eb("s.given_name", "ilike", pattern),
              eb("g.name", "ilike", pattern),
              ...(Number.isFinite(asNumber) ? [eb("l.number", "=", asNumber)] : []),
            ]),
          );
        }
        const rows = await select
          .orderBy("l.number", "desc")
          .limit(limit + 1)
          .execute();
        const page = rows.slice(0, limit) as LoanRecord[];
        const names = await namesOf(trx, orgId, page);
        const lastRow = page.at(-1);
        return {
          items: page.map((loan) =>
            toLoanSummary(loan, names.get(loan.id) ?? { productCode: "", borrowerName: "" }),
          ),
          nextCursor: rows.length > limit && lastRow !== undefined ? String(lastRow.number) : null,
        };
      });
    },
  );

  routes.get(
    "/api/v1/loans/:loanId",
    {
      config: readLoan,
      schema: {
        tags,
        summary: "A loan as of a date (today by default): schedule, balances and events, replayed",
        params: loanParams,
        querystring: z.object({ asOf: z.string().max(10).optional() }),
        response: { 200: loanDetailSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, (trx) =>
        loanDetail(trx, orgId, request.params.loanId, request.query.asOf),
      );
    },
  );

  routes.get(
    "/api/v1/loans/:loanId/contract",
    {
      config: readLoan,
      schema: {
        tags,
        summary:
          "The contract as a PDF in Kazakh or Russian, with the GESV in figures and in words and the schedule",
        params: loanParams,
        querystring: z.object({ locale: z.enum(["kk", "ru"]).default("ru") }),
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const facts = await inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, orgId, request.params.loanId);
        const stored = parseStoredTerms(loan.terms);
        const org = await trx
          .selectFrom("organizations")
          .select(["name_kk", "name_ru"])
          .where("org_id", "=", orgId)
          .executeTakeFirstOrThrow();
        const names = await namesOf(trx, orgId, [loan]);
        const person =
          loan.person_id === null
            ? undefined
            : await trx
                .selectFrom("persons")
                .select("iin")
                .where("org_id", "=", orgId)
                .where("id", "=", loan.person_id)
                .executeTakeFirst();
        await audit(trx, request, {
          action: "loan.contract_print",
          recordType: "loan",
          recordId: loan.id,
          summary: { locale: request.query.locale },
        });
        return {
          number: loan.number,
          lenderName: request.query.locale === "kk" ? org.name_kk : org.name_ru,
          borrowerName: names.get(loan.id)?.borrowerName ?? "",
          borrowerIin: person?.iin ? maskIin(person.iin) : null,
          purpose: loan.purpose,
          interestRatePercent: stored.settings.interestRatePercent,
          interestRatePer: stored.settings.interestRatePer,
          penaltyPercentPerDay: stored.settings.penaltyPercentPerDay,
          offer: offerOf(stored),
          guarantors: (await guaranteesOf(trx, loan)).guarantors.map((g) => ({
            name: g.guarantorName,
            groupName: g.groupName,
          })),
        };
      });
      const pdf = await renderContractPdf(facts, request.query.locale);
      return reply
        .type("application/pdf")
        .header(
          "content-disposition",
          `attachment; filename="contract-${facts.number}-${request.query.locale}.pdf"`,
        )
        .header("cache-control", "no-store")
        .send(pdf);
    },
  );

  routes.get(
    "/api/v1/persons/:personId/credit-history",
    {
      config: read,
      schema: {
        tags,
        summary:
          "A borrower's history with this organization: her loans, their delay today, and her groups' grades",
        params: z.object({ personId: uuidSchema }),
        response: {
          200: z.object({
            loans: z.array(
              z.object({
                loanId: uuidSchema,
                number: z.number().int(),
                status: z.enum(loanStatuses),
                principalMinor: z.string(),
                principalOutstandingMinor: z.string(),
                disbursedOn: plainDateSchema.nullable(),
                closedOn: plainDateSchema.nullable(),
                daysPastDueNow: z.number().int(),
              }),
            ),
            groups: z.array(
              z.object({ groupId: uuidSchema, name: z.string(), grade: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const person = await trx
          .selectFrom("persons")
          .select("id")
          .where("org_id", "=", orgId)
          .where("id", "=", request.params.personId)
          .executeTakeFirst();
        if (person === undefined) throw new AppError("record_must_exist");
        const loans = await trx
          .selectFrom("loans")
          .selectAll()
          .where("org_id", "=", orgId)
          .where("person_id", "=", person.id)
          .orderBy("number", "desc")
          .execute();
        const groups = await trx
          .selectFrom("group_members as m")
          .innerJoin("groups as g", (j) =>
            j.onRef("g.org_id", "=", "m.org_id").onRef("g.id", "=", "m.group_id"),
          )
          .select(["g.id", "g.name", "g.book_id", "g.frequency", "g.formed_on"])
          .where("m.org_id", "=", orgId)
          .where("m.person_id", "=", person.id)
          .where("m.left_on", "is", null)
          .execute();
        const today = await todayOf(trx, orgId);
        const grades = [];
        for (const group of groups) {
          const grade = await gradeOfGroup(trx, orgId, group, today);
          grades.push({ groupId: group.id, name: group.name, grade: grade.grade });
        }
        return {
          loans: loans.map((loan) => ({
            loanId: loan.id,
            number: loan.number,
            status: loan.status,
            principalMinor: loan.principal_minor.toString(),
            principalOutstandingMinor: loan.principal_outstanding_minor.toString(),
            disbursedOn: loan.disbursed_on,
            closedOn: loan.closed_on,
            daysPastDueNow: loan.days_past_due,
          })),
          groups: grades,
        };
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/decision",
    {
      config: approveLoan,
      schema: {
        tags,
        summary: "The credit committee's decision: by someone other than the applicant, with a comment",
        params: loanParams,
        body: loanDecisionRequestSchema,
        response: { 200: loanDetailSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, actor.orgId, request.params.loanId, true);
        if (loan.version !== request.body.version) throw new AppError("version_must_match");
        if (loan.status !== "applied") throw new AppError("loan_must_be_applied");
        if (loan.applied_by === actor.userId) throw new AppError("loan_must_be_decided_by_another_user");
        const approved = request.body.decision === "approve";
        if (approved) {
          // The caps in force on the day of the decision (they may have changed since the application).
          const offer = offerOf(parseStoredTerms(loan.terms));
          const today = await todayOf(trx, actor.orgId);
          const product = await loadProduct(trx, actor.orgId, loan.product_id);
          refuseBrokenCaps(offer, product.loan_kind, today);
        }
        await trx
          .updateTable("loans")
          .set({
            status: approved ? "approved" : "rejected",
            decided_by: actor.userId,
            decided_at: new Date(),
            decision_comment: request.body.comment,
            version: loan.version + 1,
          })
          .where("org_id", "=", actor.orgId)
          .where("id", "=", loan.id)
          .execute();
        await audit(trx, request, {
          action: approved ? "loan.approve" : "loan.reject",
          recordType: "loan",
          recordId: loan.id,
          summary: { comment: request.body.comment },
        });
        return loanDetail(trx, actor.orgId, loan.id);
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/disbursements",
    {
      config: disburseLoan,
      schema: {
        tags,
        summary:
          "Disburse an approved loan (the schedule runs from this date), or the next tranche of a running one",
        params: loanParams,
        body: loanDisbursementRequestSchema,
        response: { 200: loanDetailSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      const valueDate = dateOrRefuse(request.body.valueDate, "valueDate");
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, actor.orgId, request.params.loanId, true);
        const today = await todayOf(trx, actor.orgId);
        requireValueDate(valueDate, today, null);
        if (loan.status === "active") {
          await disburseNextTranche(trx, request, loan, valueDate, request.body.channel, today);
          return loanDetail(trx, actor.orgId, loan.id);
        }
        if (loan.status !== "approved") throw new AppError("loan_must_be_approved");
        // The contract is signed on the day of disbursement: the schedule runs from it, and the caps are
        // checked again on it.
        const stored = parseStoredTerms(loan.terms);
        const firstRepaymentOn =
          stored.request.firstRepaymentOn !== null && stored.request.firstRepaymentOn > valueDate
            ? stored.request.firstRepaymentOn
            : null;
        const signed = {
          ...stored,
          request: { ...stored.request, disbursementOn: valueDate, firstRepaymentOn },
        };
        const offer = offerOf(signed);
        refuseBrokenCaps(offer, stored.loanKind, valueDate);
        await trx
          .updateTable("loans")
          .set({ terms: JSON.stringify(signed), gesv_tenths: offer.gesvTenthsOfPercent })
          .where("org_id", "=", actor.orgId)
          .where("id", "=", loan.id)
          .execute();
        const eventId = newId();
        await appendLoanEvent(
          trx,
          contextOf(request),
          { ...loan, terms: signed },
          {
            id: eventId,
            kind: "disbursement",
            valueDate,
            amountMinor: firstDisbursementOf(requestOf(signed)),
            details: { channel: request.body.channel },
            reason: null,
          },
          {
            channel: request.body.channel,
            narration: `Loan ${loan.number}: disbursement`,
            today,
            feeDeductedMinor: offer.schedule.upfrontFeeDeductedMinor,
          },
        );
        await audit(trx, request, {
          action: "loan.disburse",
          recordType: "loan",
          recordId: loan.id,
          summary: {
            valueDate,
            channel: request.body.channel,
            principalMinor: loan.principal_minor.toString(),
          },
        });
        return loanDetail(trx, actor.orgId, loan.id);
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/repayments",
    {
      config: repayLoan,
      schema: {
        tags,
        summary:
          "Record a repayment or prepayment, allocated by the product's order; refused above what is owed",
        params: loanParams,
        body: loanRepaymentRequestSchema,
        response: { 200: loanDetailSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        const recorded = await recordRepayment(trx, request, request.params.loanId, request.body);
        return recorded.detail() ?? (await loanDetail(trx, orgId, request.params.loanId));
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/write-off",
    {
      config: approveLoan,
      schema: {
        tags,
        summary: "Ask to write a loan off, with a reason; a second person approves it",
        params: loanParams,
        body: loanWriteOffRequestSchema,
        response: { 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const payload = { loanId: request.params.loanId, ...request.body };
      await inTenant(database, request, (trx) => loadForWriteOff(trx, orgId, payload));
      const performed = await performOrQueue(database, request, loanWriteOffAction, payload, {
        alwaysRequireApproval: true,
      });
      if (performed.kind !== "pending") throw new Error("a write-off always waits for approval");
      return reply.code(202).send({ status: "pending_approval" as const, approvalId: performed.approvalId });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/recoveries",
    {
      config: repayLoan,
      schema: {
        tags,
        summary: "Money received on a written-off loan (a recovery, income of its own)",
        params: loanParams,
        body: loanRecoveryRequestSchema,
        response: { 200: loanDetailSchema },
      },
    },
    async (request) => {
      const actor = memberOf(request);
      const valueDate = dateOrRefuse(request.body.valueDate, "valueDate");
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, actor.orgId, request.params.loanId, true);
        if (loan.status !== "written_off") throw new AppError("loan_must_be_written_off");
        const today = await todayOf(trx, actor.orgId);
        requireValueDate(valueDate, today, null);
        const servicing = servicingOf(parseStoredTerms(loan.terms));
        const state = stateOf(servicing, toDomainEvents(await loadEvents(trx, actor.orgId, loan.id)), today);
        const room = state.writtenOffMinor - state.recoveredMinor;
        const amountMinor = BigInt(request.body.amountMinor);
        if (amountMinor > room) {
          throw new AppError("payment_must_not_exceed_amount_owed", {
            field: "amountMinor",
            owedMinor: room.toString(),
          });
        }
        await appendLoanEvent(
          trx,
          contextOf(request),
          loan,
          {
            id: newId(),
            kind: "recovery",
            valueDate,
            amountMinor,
            details: { channel: request.body.channel },
            reason: null,
          },
          { channel: request.body.channel, narration: `Loan ${loan.number}: recovery`, today },
        );
        await audit(trx, request, {
          action: "loan.recover",
          recordType: "loan",
          recordId: loan.id,
          summary: { valueDate, amountMinor: request.body.amountMinor },
        });
        return loanDetail(trx, actor.orgId, loan.id);
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/reschedule",
    {
      config: approveLoan,
      schema: {
        tags,
        summary: "Reschedule: the principal not yet due re-amortized over new installments from a date",
        params: loanParams,
        body: loanRescheduleRequestSchema,
        response: { 200: loanDetailSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      return inTenant(database, request, async (trx) => {
        await rescheduleLoan(trx, request, request.params.loanId, request.body);
        return loanDetail(trx, orgId, request.params.loanId);
      });
    },
  );

  routes.get(
    "/api/v1/loans/collection-sheet",
    {
      config: read,
      schema: {
        tags,
        summary:
          "The collection sheet of a group's meeting: its members' running loans and what each owes that day",
        querystring: z.object({ groupId: uuidSchema, on: z.string().max(10) }),
        response: { 200: z.object({ on: plainDateSchema, items: z.array(collectionSheetRowSchema) }) },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const on = dateOrRefuse(request.query.on, "on");
      return inTenant(database, request, async (trx) => {
        const loans = (await trx
          .selectFrom("loans as l")
          .innerJoin("group_members as m", (j) =>
            j.onRef("m.org_id", "=", "l.org_id").onRef("m.person_id", "=", "l.person_id"),
          )
          .selectAll("l")
          .where("l.org_id", "=", orgId)
          .where("m.group_id", "=", request.query.groupId)
          .where("m.left_on", "is", null)
          .where("l.status", "=", "active")
          .orderBy("l.number")
          .execute()) as LoanRecord[];
        const names = await namesOf(trx, orgId, loans);
        const eventsOf = await loadEventsOfLoans(
          trx,
          orgId,
          loans.map((l) => l.id),
        );
        const items = [];
        for (const loan of loans) {
          const servicing = servicingOf(parseStoredTerms(loan.terms));
          const events = toDomainEvents(eventsOf.get(loan.id) ?? []);
          const quote = payoffOn(
            servicing,
            events,
            on < (loan.disbursed_on ?? on) ? (loan.disbursed_on as PlainDate) : on,
          );
          const state = stateOf(servicing, events, on);
          items.push({
            loanId: loan.id,
            number: loan.number,
            borrowerName: names.get(loan.id)?.borrowerName ?? "",
            dueMinor: quote.dueMinor.toString(),
            payoffMinor: quote.totalMinor.toString(),
            principalOutstandingMinor: state.principalOutstandingMinor.toString(),
            daysPastDue: state.daysPastDue,
          });
        }
        return { on, items };
      });
    },
  );

  routes.post(
    "/api/v1/loans/collection-sheet",
    {
      config: repay,
      schema: {
        tags,
        summary: "Record a whole collection sheet at once: every payment is taken, or none",
        body: collectionSheetRequestSchema,
        response: {
          200: z.object({
            items: z.array(
              z.object({ loanId: uuidSchema, eventId: uuidSchema, principalOutstandingMinor: z.string() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const body = request.body;
      const ids = body.items.map((i) => i.loanId);
      if (new Set(ids).size !== ids.length) throw new AppError("request_must_be_valid", { field: "items" });
      return inTenant(database, request, async (trx) => {
        const items = [];
        for (const [index, item] of body.items.entries()) {
          try {
            const { state, eventId } = await recordRepayment(trx, request, item.loanId, {
              valueDate: body.valueDate,
              amountMinor: item.amountMinor,
              channel: body.channel,
              kind: "repayment",
            });
            items.push({
              loanId: item.loanId,
              eventId,
              principalOutstandingMinor: state.principalOutstandingMinor.toString(),
            });
          } catch (error) {
            // Names the line of the sheet that was refused; the whole sheet is then rolled back.
            if (error instanceof AppError)
              throw new AppError(error.code, { ...error.details, field: `items.${index}` });
            throw error;
          }
        }
        return { items };
      });
    },
  );

  routes.get(
    "/api/v1/loans/:loanId/payoff",
    {
      config: readLoan,
      schema: {
        tags,
        summary: "What paying the loan off on a date takes (early repayment carries no penalty)",
        params: loanParams,
        querystring: z.object({ on: z.string().max(10) }),
        response: { 200: payoffQuoteSchema },
      },
    },
    async (request) => {
      const orgId = memberOf(request).orgId;
      const on = dateOrRefuse(request.query.on, "on");
      return inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, orgId, request.params.loanId);
        if (loan.status !== "active" || loan.disbursed_on === null) throw new AppError("loan_must_be_active");
        if (on < loan.disbursed_on) {
          throw new AppError("value_date_must_not_be_before_disbursement", {
            field: "on",
            disbursedOn: loan.disbursed_on,
          });
        }
        const servicing = servicingOf(parseStoredTerms(loan.terms));
        const quote = payoffOn(servicing, toDomainEvents(await loadEvents(trx, orgId, loan.id)), on);
        return {
          on: quote.on,
          dueMinor: quote.dueMinor.toString(),
          currentInterestMinor: quote.currentInterestMinor.toString(),
          futurePrincipalMinor: quote.futurePrincipalMinor.toString(),
          totalMinor: quote.totalMinor.toString(),
        };
      });
    },
  );

  routes.post(
    "/api/v1/loans/:loanId/events/:eventId/reversal",
    {
      config: repayLoan,
      schema: {
        tags,
        summary: "Ask to reverse a repayment, with a reason; a second person approves it",
        params: z.object({ loanId: uuidSchema, eventId: uuidSchema }),
        body: loanEventReversalRequestSchema,
        response: { 202: pendingResponseSchema },
      },
    },
    async (request, reply) => {
      const orgId = memberOf(request).orgId;
      const payload = {
        loanId: request.params.loanId,
        eventId: request.params.eventId,
        reason: request.body.reason,
      };
      await inTenant(database, request, async (trx) => {
        const loan = await loadLoan(trx, orgId, payload.loanId);
        reversibleEvent(await loadEvents(trx, orgId, loan.id), payload.eventId);
      });
      const performed = await performOrQueue(database, request, loanEventReversalAction, payload, {
        alwaysRequireApproval: true,
      });
      if (performed.kind !== "pending") throw new Error("a reversal always waits for approval");
      return reply.code(202).send({ status: "pending_approval" as const, approvalId: performed.approvalId });
    },
  );
}
