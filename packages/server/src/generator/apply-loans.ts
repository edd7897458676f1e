/**
 * Writes a micro-credit portfolio plan (`loans.ts`) through the loans API, as the organization's staff would,
 * each in the role the application asks of her: the manager opens the book and the products and registers the
 * groups that borrow, the loan officer takes applications and repayments, the credit committee decides,
 * reschedules and asks for write-offs, the accountant pays out, and a second person approves each write-off in the
 * inbox. Money moves on the days of the story: first every application and decision, then the history in date
 * order — disbursements, the payments of one day on one collection sheet, payoffs, reschedules, write-offs,
 * recoveries — so the ledger receives it as a branch would have entered it. Amounts due are read from the
 * schedule the API answers, never computed here.
 */
import { addDays, assert, type PlainDate, plainDate } from "@moldir/domain";
import type { Api } from "./api";
import type { LoanPlan, LoanPortfolioPlan } from "./loans";
import type { Plan } from "./plan";
import type { Registry } from "./registry";

/** The people who write the portfolio, each signed in to the micro-credit organization. */
export interface LoanStaff {
  /** Holds every permission: the book, products, client groups and the second signature on write-offs. */
  readonly manager: Api;
  readonly officer: Api;
  readonly committee: Api;
  readonly accountant: Api;
}

export interface AppliedLoanCounts {
  readonly products: number;
  readonly borrowers: number;
  readonly groups: number;
  readonly loans: number;
  readonly disbursements: number;
  /** Payments of installments and payoffs. */
  readonly repayments: number;
  readonly collectionSheets: number;
  readonly reschedules: number;
  readonly writeOffs: number;
  readonly recoveries: number;
}

interface ScheduleRow {
  readonly number: number;
  readonly dueOn: string;
  readonly principalMinor: string;
  readonly interestMinor: string;
  readonly feeMinor: string;
  readonly paidMinor: string;
}

interface LoanAnswer {
  readonly id: string;
  readonly version: number;
  readonly status: string;
  readonly principalOutstandingMinor: string;
  readonly schedule: readonly ScheduleRow[];
}

/** One thing that happens to a loan on a day of its history. */
type Step =
  | { readonly kind: "disburse"; readonly on: PlainDate }
  | { readonly kind: "pay"; readonly on: PlainDate; readonly amountMinor: bigint }
  | { readonly kind: "payoff"; readonly on: PlainDate }
  | { readonly kind: "reschedule"; readonly on: PlainDate; readonly installments: number }
  | { readonly kind: "write_off"; readonly on: PlainDate; readonly recoveredPercent: number }
  | { readonly kind: "recover"; readonly on: PlainDate; readonly amountMinor: bigint };

interface Pending {
  readonly loan: LoanPlan;
  readonly loanId: string;
  readonly step: Step;
}

/** What a schedule row asks on its due day: principal, interest and fees (no penalty accrues on time). */
function scheduledMinor(row: ScheduleRow): bigint {
  return BigInt(row.principalMinor) + BigInt(row.interestMinor) + BigInt(row.feeMinor);
}

/** The steps of a story that follow a schedule: the one answered at disbursement, or at a reschedule from `from`. */
function stepsAfter(loan: LoanPlan, answer: LoanAnswer, lastDay: PlainDate, from: PlainDate | null): Step[] {
  const rows = answer.schedule.filter((r) => (from === null || r.dueOn > from) && BigInt(r.paidMinor) === 0n);
  const due = rows.filter((r) => r.dueOn <= lastDay);
  const pay = (r: ScheduleRow): Step => ({
    kind: "pay",
    on: plainDate(r.dueOn),
    amountMinor: scheduledMinor(r),
  });
  const story = loan.story;
  if (from !== null) return due.map(pay);
  switch (story.kind) {
    case "applied":
    case "approved":
    case "rejected":
      return [];
    case "on_time":
      return due.map(pay);
    case "arrears":
      return due.slice(0, Math.max(0, due.length - story.missed)).map(pay);
    case "repaid": {
      const last = rows.at(-1);
      assert(last !== undefined && last.dueOn <= lastDay, "a repaid loan's term is over");
      return [...rows.slice(0, -1).map(pay), { kind: "payoff", on: plainDate(last.dueOn) }];
    }
    case "repaid_early":
    case "rescheduled":
    case "written_off": {
      const paid = rows.slice(0, story.afterInstallments);
      const lastPaid = paid.at(-1);
      assert(lastPaid !== undefined, "a story pays at least one installment");
      const at = addDays(plainDate(lastPaid.dueOn), story.daysAfter);
      const then: Step =
        story.kind === "repaid_early"
          ? { kind: "payoff", on: at }
          : story.kind === "rescheduled"
            ? { kind: "reschedule", on: at, installments: story.installments }
            : {
                kind: "write_off",
                on: addDays(
                  plainDate(rows[story.afterInstallments]?.dueOn ?? lastPaid.dueOn),
                  story.daysAfter,
                ),
                recoveredPercent: story.recoveredPercent,
              };
      assert(then.on <= lastDay, "a story's turn happens before the last day");
      return [...paid.map(pay), then];
    }
  }
}

export async function applyLoanPortfolio(
  staff: LoanStaff,
  portfolio: LoanPortfolioPlan,
  plan: Plan,
  registry: Registry,
): Promise<AppliedLoanCounts> {
  const counts = {
    products: 0,
    borrowers: 0,
    groups: 0,
    loans: 0,
    disbursements: 0,
    repayments: 0,
    collectionSheets: 0,
    reschedules: 0,
    writeOffs: 0,
    recoveries: 0,
  };
  await openBook(staff.manager);
  const productIds = new Map<string, string>();
  for (const product of portfolio.products) {
    const created = await staff.manager<{ id: string }>("POST", "/api/v1/loan-products", {
      code: product.code,
      names: product.names,
      clientKind: product.clientKind,
      loanKind: "mfo_microloan",
      settings: product.settings,
    });
    productIds.set(product.code, created.id);
    counts.products += 1;
  }
  const offices = await staff.manager<{ items: { id: string; parentId: string | null }[] }>(
    "GET",
    "/api/v1/offices",
  );
  const officeId = offices.items.find((o) => o.parentId === null)?.id;

  // The women who borrow, and the members of the groups that borrow, consented to credit checks a year and a
  // month before the last day: before the first of their loans was paid out.
  const consentOn = addDays(portfolio.lastDay, -400);
  const households = new Map(plan.households.map((h) => [h.key, h]));
  const clientGroups = portfolio.groupKeys.flatMap((key) => plan.groups.filter((g) => g.key === key));
  const groupMemberKeys = new Set(clientGroups.flatMap((g) => g.householdKeys));
  const womenOf = (keys: Iterable<string>) => [...keys].flatMap((key) => households.get(key)?.woman ?? []);
  // The women of a group that borrows join it in the organization's records too: they consent to that as well.
  const personIds = new Map([
    ...(await registry.registerClients(womenOf(groupMemberKeys), consentOn, ["credit", "membership"])),
    ...(await registry.registerClients(
      womenOf(portfolio.borrowerHouseholdKeys.filter((key) => !groupMemberKeys.has(key))),
      consentOn,
      ["credit"],
    )),
  ]);
  counts.borrowers = personIds.size;
  const personOf = (householdKey: string) => personIds.get(households.get(householdKey)?.woman.key ?? "");

  // A group that borrows is registered by the organization too, with the same women, as its client.
  const groupIds = new Map<string, string>();
  for (const group of clientGroups) {
    const created = await staff.manager<{ id: string }>("POST", "/api/v1/groups", {
      name: group.name,
      methodology: group.methodology,
      regionId: group.village.regionId,
      village: group.village.name,
      meetingPlace: `${group.village.name}, ауылдық клуб`,
      frequency: group.frequency,
      meetingDay: Number(group.formedOn.slice(8, 10)),
      formedOn: group.formedOn,
      bylaws: group.bylaws,
    });
    await registry.joinGroup(
      created.id,
      group.householdKeys.flatMap((key) => personOf(key) ?? []),
      group.formedOn,
    );
    groupIds.set(group.key, created.id);
    counts.groups += 1;
  }

  // Every application, then the committee's decision on it.
  const pending: Pending[] = [];
  for (const loan of portfolio.loans) {
    const borrower =
      loan.borrower.kind === "person"
        ? { personId: personOf(loan.borrower.householdKey) }
        : { groupId: groupIds.get(loan.borrower.groupKey) };
    assert(Object.values(borrower)[0] !== undefined, "a planned borrower is registered");
    const applied = await staff.officer<LoanAnswer>("POST", "/api/v1/loans", {
      productId: productIds.get(loan.productCode),
      ...borrower,
      principalMinor: loan.principalMinor.toString(),
      installments: loan.installments,
      expectedDisbursementOn: loan.disbursementOn,
      purpose: loan.purpose,
      monthlyIncomeMinor: loan.monthlyIncomeMinor.toString(),
      monthlyExpensesMinor: (loan.monthlyIncomeMinor / 3n).toString(),
      ...(officeId === undefined ? {} : { officeId }),
    });
    counts.loans += 1;
    if (loan.story.kind === "applied") continue;
    const isRejected = loan.story.kind === "rejected";
    await staff.committee("POST", `/api/v1/loans/${applied.id}/decision`, {
      decision: isRejected ? "reject" : "approve",
      comment: isRejected
        ? "Бизнес-жоспар негізсіз / Бизнес-план не обоснован"
        : "Несие тарихы жақсы, табысы расталды / Хорошая кредитная история, доход подтверждён",
      version: applied.version,
    });
    if (isRejected || loan.story.kind === "approved") continue;
    pending.push({ loan, loanId: applied.id, step: { kind: "disburse", on: loan.disbursementOn } });
  }

  // The history, a day at a time.
  const lastDay = portfolio.lastDay;
  const stepLimit = 100_000;
  for (let round = 0; pending.length > 0; round += 1) {
    assert(round < stepLimit, "a portfolio's history ends");
    pending.sort((a, b) => (a.step.on < b.step.on ? -1 : a.step.on > b.step.on ? 1 : 0));
    const day = (pending[0] as Pending).step.on;
    const today = pending.filter((p) => p.step.on === day);
    pending.splice(0, today.length);
    const payments = today.filter((p) => p.step.kind === "pay");
    if (payments.length > 0) {
      await recordPayments(staff.officer, day, payments);
      counts.repayments += payments.length;
      if (payments.length > 1) counts.collectionSheets += 1;
    }
    for (const { loan, loanId, step } of today) {
      switch (step.kind) {
        case "pay":
          break;
        case "disburse": {
          const answer = await staff.accountant<LoanAnswer>("POST", `/api/v1/loans/${loanId}/disbursements`, {
            valueDate: step.on,
            channel: loan.channel,
          });
          counts.disbursements += 1;
          for (const next of stepsAfter(loan, answer, lastDay, null))
            pending.push({ loan, loanId, step: next });
          break;
        }
        case "payoff": {
          const quote = await staff.officer<{ totalMinor: string }>(
            "GET",
            `/api/v1/loans/${loanId}/payoff?on=${step.on}`,
          );
          // Paying off before the term is a prepayment: the interest to the day and the principal not yet due.
          await staff.officer("POST", `/api/v1/loans/${loanId}/repayments`, {
            valueDate: step.on,
            amountMinor: quote.totalMinor,
            channel: "cash",
            kind: "prepayment",
          });
          counts.repayments += 1;
          break;
        }
        case "reschedule": {
          const answer = await staff.committee<LoanAnswer>("POST", `/api/v1/loans/${loanId}/reschedule`, {
            valueDate: step.on,
            installments: step.installments,
            reason: "Денсаулығына байланысты / По состоянию здоровья",
          });
          counts.reschedules += 1;
          for (const next of stepsAfter(loan, answer, lastDay, step.on))
            pending.push({ loan, loanId, step: next });
          break;
        }
        case "write_off": {
          const asked = await staff.committee<{ approvalId: string }>(
            "POST",
            `/api/v1/loans/${loanId}/write-off`,
            {
              valueDate: step.on,
              reason: "Төлемдер 90 күннен астам жоқ / Нет платежей более 90 дней",
            },
          );
          await staff.manager("POST", `/api/v1/approvals/${asked.approvalId}/approve`, {
            comment: "Өндіру шаралары қолданылды / Меры взыскания приняты",
          });
          counts.writeOffs += 1;
          const recoverOn = addDays(step.on, 30);
          if (step.recoveredPercent > 0 && recoverOn <= lastDay) {
            const share = (loan.principalMinor * BigInt(step.recoveredPercent)) / 100n / 2n;
            pending.push({
              loan,
              loanId,
              step: { kind: "recover", on: recoverOn, amountMinor: (share / 100n) * 100n },
            });
          }
          break;
        }
        case "recover":
          await staff.officer("POST", `/api/v1/loans/${loanId}/recoveries`, {
            valueDate: step.on,
            amountMinor: step.amountMinor.toString(),
            channel: "cash",
          });
          counts.recoveries += 1;
          break;
      }
    }
  }
  return counts;
}

/** The organization's micro-credit book: the one it keeps, or a new one. */
async function openBook(manager: Api): Promise<void> {
  const books = await manager<{ items: { template: string }[] }>("GET", "/api/v1/books");
  if (!books.items.some((b) => b.template === "mco"))
    await manager("POST", "/api/v1/books", { template: "mco" });
}

/** The installments paid on one day: one repayment, or the day's collection sheet (all or none). */
async function recordPayments(officer: Api, day: PlainDate, payments: readonly Pending[]): Promise<void> {
  const amountOf = (p: Pending) => (p.step.kind === "pay" ? p.step.amountMinor : 0n);
  if (payments.length === 1) {
    const only = payments[0] as Pending;
    await officer("POST", `/api/v1/loans/${only.loanId}/repayments`, {
      valueDate: day,
      amountMinor: amountOf(only).toString(),
      channel: "cash",
    });
    return;
  }
  const sheetItemsMax = 200;
  for (let start = 0; start < payments.length; start += sheetItemsMax) {
    await officer("POST", "/api/v1/loans/collection-sheet", {
      valueDate: day,
      channel: "cash",
      items: payments
        .slice(start, start + sheetItemsMax)
        .map((p) => ({ loanId: p.loanId, amountMinor: amountOf(p).toString() })),
    });
  }
}
