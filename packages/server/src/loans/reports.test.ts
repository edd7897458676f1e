/**
 * The loan reports read what is kept (migration 0022, ADR 0020) and give the figures a replay of every loan
 * gives. On generated loans — repayments and prepayments on any day (back-dated, on the day, some refused),
 * reversals — through the real API on whichever engine the run uses:
 * - the portfolio and PAR of a closed date equal every loan replayed to that date, and stay the same when
 *   payments are later back-dated into it or reversed;
 * - the portfolio of today equals the running loans replayed to the day their last event or close of business
 *   left them, and the money paid out and repaid equals every loan replayed to today;
 * - the loan officer's collections of the day equal her loans replayed to today and yesterday;
 * - the expected collections and the credit bureau file (as of today and of the closed date) equal every loan
 *   replayed;
 * - a payment's answer is the loan's page as asked right after it.
 */
import { type Database, withTenant } from "@moldir/db";
import { addDays, addMonths, arrearsBucketOf, type PlainDate, plainDate } from "@moldir/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { todayOf } from "../http/dates";
import { buildConsentingPerson, buildOrganization, buildUser, signIn } from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";
import { closeBusinessThrough } from "./cob";
import {
  bucketStarts,
  collectionsByReplay,
  creditBureauRecords,
  creditBureauRecordsByReplay,
  expectedCollections,
  expectedCollectionsByReplay,
  type KeptCounts,
  officerDashboard,
  type PortfolioReport,
  portfolioReport,
} from "./reports";
import { amountsOfState, loadEventsOfLoans, stateOf, toDomainEvents } from "./service";
import { parseStoredTerms, servicingOf } from "./terms";

/** A payment on a day counted from the disbursement (wrapped into the allowed days), or today. */
type Step =
  | { kind: "repayment" | "prepayment"; day: number | "today"; amountMinor: bigint }
  | { kind: "reverse"; pick: number };

interface LoanPlan {
  /** The product that recalculates interest on the balance (so its installments are not final early). */
  readonly recalculates: boolean;
  /** Paid out this many months before today: an installment falls due today. */
  readonly monthsAgo: number;
  /** Before the closed date. */
  readonly before: readonly Step[];
  /** After it: on any day to today, so also back into the closed date. */
  readonly after: readonly Step[];
}

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom("repayment" as const, "prepayment" as const),
      day: fc.oneof(fc.nat(400), fc.constant("today" as const)),
      amountMinor: fc.bigInt(100_000n, 4_000_000n),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }) },
);

const loanPlan: fc.Arbitrary<LoanPlan> = fc.record({
  recalculates: fc.boolean(),
  monthsAgo: fc.integer({ min: 1, max: 5 }),
  before: fc.array(step, { maxLength: 4 }),
  after: fc.array(step, { maxLength: 3 }),
});

/** Figures of one report row, comparable with `toEqual`. */
type Figures = { loans: number; outstanding: string; overdue: string; atRisk: string[] };

function figuresOf(report: PortfolioReport): Map<string, Figures> {
  return new Map(
    report.rows.map((r) => [
      r.key ?? "",
      {
        loans: r.loans,
        outstanding: r.outstandingMinor.toString(),
        overdue: r.overdueMinor.toString(),
        atRisk: r.atRiskMinor.map(String),
      },
    ]),
  );
}

describe("loan reports read what is kept and agree with the replay", () => {
  const testApp = useTestApp();
  /** How often the generated runs went down each path (asserted at the end). */
  const covered = { keptDueToday: 0, paidToday: 0, reversed: 0, backDated: 0 };
  /** Loans the expected collections and the bureau file read from what was kept, and replayed. */
  const keptCollections: KeptCounts = { kept: 0, replayed: 0 };
  const keptBureau: KeptCounts = { kept: 0, replayed: 0 };

  /** A micro-credit organization with its staff, book and two products (one recalculating interest). */
  async function lender(database: Database) {
    const { app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "mco" });
    const admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    const officerUser = await buildUser(database, orgId, ["loan_officer"]);
    const officer = await signIn(app, officerUser.email);
    const committee = await signIn(
      app,
      (await buildUser(database, orgId, ["credit_committee_member"])).email,
    );
    const accountant = await signIn(app, (await buildUser(database, orgId, ["accountant"])).email);
    await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } });
    const product = async (code: string, interestRecalculation: boolean) =>
      (
        await admin.request({
          method: "POST",
          url: "/api/v1/loan-products",
          payload: {
            code,
            names: { kk: code, ru: code, en: code },
            clientKind: "individual",
            loanKind: "mfo_microloan",
            settings: { ...berekeSettings, interestRecalculation },
          },
        })
      ).json().id as string;
    const products = { flat: await product("B", false), recalculating: await product("R", true) };
    const today = await withTenant(database, { orgId, userId: null }, (trx) => todayOf(trx, orgId));
    return { orgId, admin, officer, officerId: officerUser.userId, committee, accountant, products, today };
  }

  type Lender = Awaited<ReturnType<typeof lender>>;

  /** Plays the steps on a loan; a payment the loan cannot take is refused and skipped. */
  async function play(
    l: Lender,
    loan: { id: string; disbursedOn: PlainDate; payments: string[] },
    steps: readonly Step[],
    lastDay: PlainDate,
    closedDate: PlainDate | null,
  ): Promise<void> {
    const span = (Date.parse(lastDay) - Date.parse(loan.disbursedOn)) / 86_400_000 + 1;
    for (const s of steps) {
      if (s.kind === "reverse") {
        const target = loan.payments[s.pick % Math.max(loan.payments.length, 1)];
        if (target === undefined) continue;
        const asked = await l.officer.request({
          method: "POST",
          url: `/api/v1/loans/${loan.id}/events/${target}/reversal`,
          payload: { reason: "Қате / Ошибка" },
        });
        expect(asked.statusCode, asked.body).toBe(202);
        const approved = await l.accountant.request({
          method: "POST",
          url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
          payload: {},
        });
        expect(approved.statusCode, approved.body).toBe(200);
        loan.payments = loan.payments.filter((id) => id !== target);
        covered.reversed += 1;
        continue;
      }
      const valueDate = s.day === "today" ? lastDay : addDays(loan.disbursedOn, s.day % span);
      const paid = await l.officer.request({
        method: "POST",
        url: `/api/v1/loans/${loan.id}/repayments`,
        payload: { valueDate, amountMinor: s.amountMinor.toString(), channel: "cash", kind: s.kind },
      });
      if (paid.statusCode === 422 || paid.statusCode === 409) {
        expect(["payment_must_not_exceed_amount_owed", "loan_must_be_active"]).toContain(
          paid.json().error.code,
        );
        continue;
      }
      expect(paid.statusCode, paid.body).toBe(200);
      // The answer is built from the payment's own replay and writes: the page as the loan's route gives it.
      const page = await l.officer.request({ method: "GET", url: `/api/v1/loans/${loan.id}` });
      expect(paid.json()).toEqual(page.json());
      const events = paid.json().events as { id: string; kind: string }[];
      const event = events.find((e) => e.kind === s.kind && !loan.payments.includes(e.id));
      expect(event).toBeDefined();
      loan.payments.push(event?.id as string);
      if (valueDate === l.today) covered.paidToday += 1;
      if (closedDate !== null && valueDate <= closedDate) covered.backDated += 1;
    }
  }

  /** Every loan of the organization with its events, replayable. */
  async function replayable(database: Database, orgId: string) {
    return withTenant(database, { orgId, userId: null }, async (trx) => {
      const loans = await trx
        .selectFrom("loans")
        .select(["id", "terms", "status", "product_id", "officer_user_id", "state_as_of"])
        .where("org_id", "=", orgId)
        .execute();
      const eventsOf = await loadEventsOfLoans(
        trx,
        orgId,
        loans.map((l) => l.id),
      );
      return loans.map((loan) => ({
        ...loan,
        servicing: servicingOf(parseStoredTerms(loan.terms)),
        events: toDomainEvents(eventsOf.get(loan.id) ?? []),
      }));
    });
  }

  type Replayable = Awaited<ReturnType<typeof replayable>>[number];

  /**
   * PAR figures by product of loans replayed each to its own date (null: left out). The snapshot of a closed
   * date leaves out loans with no principal left; today's report counts every running loan.
   */
  function byReplay(
    loans: readonly Replayable[],
    dateOf: (loan: Replayable) => PlainDate | null,
    withoutPrincipal: "left out" | "counted",
  ) {
    const starts = [1, 31, 61, 91];
    const rows = new Map<string, { loans: number; outstanding: bigint; overdue: bigint; atRisk: bigint[] }>();
    for (const loan of loans) {
      const on = dateOf(loan);
      if (on === null) continue;
      const state = stateOf(loan.servicing, loan.events, on);
      if (state.principalOutstandingMinor === 0n && withoutPrincipal === "left out") continue;
      const bucket = arrearsBucketOf(state.daysPastDue, starts);
      const row = rows.get(loan.product_id) ?? {
        loans: 0,
        outstanding: 0n,
        overdue: 0n,
        atRisk: [0n, 0n, 0n, 0n],
      };
      row.loans += 1;
      row.outstanding += state.principalOutstandingMinor;
      row.overdue += state.overdueMinor;
      row.atRisk = row.atRisk.map((v, i) => (bucket >= i + 1 ? v + state.principalOutstandingMinor : v));
      rows.set(loan.product_id, row);
    }
    return new Map(
      [...rows].map(([key, r]) => [
        key,
        {
          loans: r.loans,
          outstanding: r.outstanding.toString(),
          overdue: r.overdue.toString(),
          atRisk: r.atRisk.map(String),
        },
      ]),
    );
  }

  /** Money paid out and principal repaid by every loan replayed to a date. */
  function flowsByReplay(loans: readonly Replayable[], on: PlainDate) {
    let disbursed = 0n;
    let repaid = 0n;
    for (const loan of loans) {
      if (loan.events.length === 0) continue;
      const amounts = amountsOfState(stateOf(loan.servicing, loan.events, on));
      disbursed += amounts.disbursed;
      repaid += amounts.principal;
    }
    return { disbursed, repaid };
  }

  it("gives the figures of the replay, as of a closed date and today, and for the officer's day", async () => {
    const { database } = testApp();
    await fc.assert(
      fc.asyncProperty(fc.array(loanPlan, { minLength: 2, maxLength: 4 }), async (plans) => {
        const l = await lender(database);
        const closedDate = addDays(l.today, -3);
        const loans: { id: string; disbursedOn: PlainDate; payments: string[]; plan: LoanPlan }[] = [];
        for (const [index, plan] of plans.entries()) {
          const disbursedOn = addMonths(l.today, -plan.monthsAgo);
          const personId = await buildConsentingPerson(
            l.admin,
            { surname: `Есеп${index}`, givenName: "Айгүл" },
            ["credit"],
          );
          const id = await buildActiveLoan(
            { officer: l.officer, committee: l.committee, disburser: l.admin },
            {
              productId: plan.recalculates ? l.products.recalculating : l.products.flat,
              personId,
              expectedDisbursementOn: disbursedOn,
              monthlyIncomeMinor: "100000000000",
            },
          );
          loans.push({ id, disbursedOn, payments: [], plan });
        }
        for (const loan of loans) await play(l, loan, loan.plan.before, closedDate, null);
        await closeBusinessThrough(database, l.orgId, closedDate, { requestedBy: null });

        const tenant = { orgId: l.orgId, userId: null };
        const reportAsOf = (asOf: PlainDate) =>
          withTenant(database, tenant, (trx) => portfolioReport(trx, l.orgId, asOf, l.today, "product"));
        // As of the closed date: every loan replayed to it (nothing is dated later yet).
        const kept = await reportAsOf(closedDate);
        const atClose = await replayable(database, l.orgId);
        expect(kept.source).toBe("snapshot");
        expect(figuresOf(kept)).toEqual(byReplay(atClose, () => closedDate, "left out"));
        const keptFlows = flowsByReplay(atClose, closedDate);
        expect({ disbursed: kept.disbursedMinor, repaid: kept.repaidMinor }).toEqual(keptFlows);

        for (const loan of loans) await play(l, loan, loan.plan.after, l.today, closedDate);

        // The closed date's report does not move, whatever was back-dated into it or reversed since.
        expect(await reportAsOf(closedDate)).toEqual(kept);
        // Today: the running loans as their last event or close of business left them; flows to today.
        const now = await replayable(database, l.orgId);
        const live = await reportAsOf(l.today);
        expect(live.source).toBe("live");
        expect(figuresOf(live)).toEqual(
          byReplay(
            now,
            (loan) =>
              loan.status === "active" && loan.state_as_of !== null ? plainDate(loan.state_as_of) : null,
            "counted",
          ),
        );
        expect({ disbursed: live.disbursedMinor, repaid: live.repaidMinor }).toEqual(
          flowsByReplay(now, l.today),
        );

        // The officer's day: her running loans replayed to today and yesterday.
        const running = now.filter(
          (loan) => loan.status === "active" && loan.officer_user_id === l.officerId,
        );
        const { dashboard, replayed } = await withTenant(database, tenant, async (trx) => ({
          dashboard: await officerDashboard(trx, l.orgId, l.officerId, l.today),
          replayed: await collectionsByReplay(
            trx,
            l.orgId,
            running.map((loan) => loan.id),
            l.today,
          ),
        }));
        expect(dashboard.today).toEqual(replayed);
        expect(await withTenant(database, tenant, (trx) => bucketStarts(trx, l.orgId, l.today))).toEqual([
          1, 31, 61, 91,
        ]);
        // Expected collections (from today, and from the closed date, which replays) and the credit bureau
        // file (as of today and of the closed date): what is kept where exact, the rest replayed.
        await withTenant(database, tenant, async (trx) => {
          for (const [from, days] of [
            [l.today, 45],
            [closedDate, 10],
          ] as const) {
            expect(await expectedCollections(trx, l.orgId, from, days, l.today, keptCollections)).toEqual(
              await expectedCollectionsByReplay(trx, l.orgId, from, days, l.today),
            );
          }
          for (const asOf of [l.today, closedDate]) {
            expect(await creditBureauRecords(trx, l.orgId, asOf, keptBureau)).toEqual(
              await creditBureauRecordsByReplay(trx, l.orgId, asOf),
            );
          }
        });
        for (const loan of running) {
          const dueToday = stateOf(loan.servicing, loan.events, l.today).installments.some(
            (row) => row.dueOn === l.today,
          );
          const paidToday = loan.events.some((event) => event.on === l.today);
          if (dueToday && !paidToday && !loan.servicing.interestRecalculation) covered.keptDueToday += 1;
        }
      }),
      { numRuns: 5, seed: 20261128 },
    );
    // The runs went through every path: installments due today read from what was kept, payments today,
    // reversals and payments back-dated into the closed date.
    expect(covered.keptDueToday).toBeGreaterThan(0);
    expect(covered.paidToday).toBeGreaterThan(0);
    expect(covered.reversed).toBeGreaterThan(0);
    expect(covered.backDated).toBeGreaterThan(0);
    expect(keptCollections.kept).toBeGreaterThan(0);
    expect(keptCollections.replayed).toBeGreaterThan(0);
    expect(keptBureau.kept).toBeGreaterThan(0);
    expect(keptBureau.replayed).toBeGreaterThan(0);
  }, 600_000);
});
