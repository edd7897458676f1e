/**
 * Invariants of the loan service, through the real API on whichever engine the run uses: after any sequence
 * of repayments and prepayments (back-dated or not, some refused) and reversals, the book balances, the
 * ledger's loan account equals the principal outstanding of the loans, and the cash box holds exactly the
 * money that came in less what went out.
 */
import { addDays, plainDate } from "@moldir/domain";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildConsentingPerson,
  buildOrganization,
  buildUser,
  type Client,
  signIn,
} from "../testing/fixtures";
import { berekeSettings, buildActiveLoan } from "../testing/loan-fixtures";
import { useTestApp } from "../testing/test-app";

type Operation =
  | { kind: "repayment" | "prepayment"; day: number; amountMinor: bigint }
  | { kind: "reverse"; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom("repayment" as const, "prepayment" as const),
      day: fc.integer({ min: 0, max: 300 }),
      amountMinor: fc.bigInt(1_000n, 4_000_000n),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }) },
);

const disbursedOn = plainDate("2025-06-02");

describe("loan invariants (property-based)", () => {
  const testApp = useTestApp();
  let admin: Client;
  let officer: Client;
  let committee: Client;
  let accountant: Client;
  let productId: string;
  let borrowerId: string;
  let bookId: string;
  let accountIds: Map<string, string>;

  beforeAll(async () => {
    const { database, app } = testApp();
    const { orgId } = await buildOrganization(database, { kind: "mco" });
    admin = await signIn(app, (await buildUser(database, orgId, ["administrator"])).email);
    officer = await signIn(app, (await buildUser(database, orgId, ["loan_officer"])).email);
    committee = await signIn(app, (await buildUser(database, orgId, ["credit_committee_member"])).email);
    accountant = await signIn(app, (await buildUser(database, orgId, ["accountant"])).email);
    bookId = (
      await admin.request({ method: "POST", url: "/api/v1/books", payload: { template: "mco" } })
    ).json().id;
    const accounts = (await admin.request({ url: `/api/v1/books/${bookId}/accounts` })).json().items as {
      id: string;
      purpose: string | null;
    }[];
    accountIds = new Map(accounts.filter((a) => a.purpose !== null).map((a) => [a.purpose as string, a.id]));
    productId = (
      await admin.request({
        method: "POST",
        url: "/api/v1/loan-products",
        payload: {
          code: "P",
          names: { kk: "P", ru: "P", en: "P" },
          clientKind: "individual",
          loanKind: "mfo_microloan",
          settings: { ...berekeSettings, amountMultipleMinor: "1" },
        },
      })
    ).json().id;
    borrowerId = await buildConsentingPerson(admin, { surname: "Нұрланова", givenName: "Дана" }, ["credit"]);
  });

  function newLoan(): Promise<string> {
    return buildActiveLoan(
      { officer, committee, disburser: accountant },
      {
        productId,
        personId: borrowerId,
        expectedDisbursementOn: disbursedOn,
        purpose: "Тігін машинасы",
        monthlyIncomeMinor: "100000000000",
      },
    );
  }

  async function balanceOf(purpose: string): Promise<bigint> {
    const tb = (
      await accountant.request({ url: `/api/v1/books/${bookId}/trial-balance?asOf=2099-12-31` })
    ).json();
    expect(tb.totalDebitMinor).toBe(tb.totalCreditMinor);
    const row = tb.rows.find((r: { accountId: string }) => r.accountId === accountIds.get(purpose));
    return BigInt(row?.balanceMinor ?? "0");
  }

  it("keeps the ledger equal to the loans after any sequence of payments and reversals", async () => {
    let disbursedTotal = 0n;
    let receivedTotal = 0n;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        const loanId = await newLoan();
        disbursedTotal += 10_000_000n;
        const payments: { id: string; amountMinor: bigint }[] = [];
        for (const op of operations) {
          if (op.kind === "reverse") {
            const live = payments.filter((p) => p.amountMinor > 0n);
            const target = live[op.pick % Math.max(live.length, 1)];
            if (target === undefined) continue;
            const asked = await officer.request({
              method: "POST",
              url: `/api/v1/loans/${loanId}/events/${target.id}/reversal`,
              payload: { reason: "Қате" },
            });
            expect(asked.statusCode, asked.body).toBe(202);
            const approved = await accountant.request({
              method: "POST",
              url: `/api/v1/approvals/${asked.json().approvalId}/approve`,
              payload: {},
            });
            expect(approved.statusCode, approved.body).toBe(200);
            receivedTotal -= target.amountMinor;
            target.amountMinor = 0n;
            continue;
          }
          const paid = await officer.request({
            method: "POST",
            url: `/api/v1/loans/${loanId}/repayments`,
            payload: {
              valueDate: addDays(disbursedOn, op.day),
              amountMinor: op.amountMinor.toString(),
              channel: "cash",
              kind: op.kind,
            },
          });
          if (paid.statusCode === 422 || paid.statusCode === 409) {
            expect(["payment_must_not_exceed_amount_owed", "loan_must_be_active"]).toContain(
              paid.json().error.code,
            );
            continue;
          }
          expect(paid.statusCode, paid.body).toBe(200);
          const events = paid.json().events as { id: string; kind: string }[];
          const event = events
            .filter((e) => e.kind === op.kind)
            .find((e) => !payments.some((p) => p.id === e.id));
          expect(event).toBeDefined();
          payments.push({ id: event?.id as string, amountMinor: op.amountMinor });
          receivedTotal += op.amountMinor;
        }
        const loans = (await officer.request({ url: "/api/v1/loans?limit=100" })).json().items as {
          principalOutstandingMinor: string;
        }[];
        const outstanding = loans.reduce((sum, l) => sum + BigInt(l.principalOutstandingMinor), 0n);
        expect(await balanceOf("loans_to_customers")).toBe(outstanding);
        expect(await balanceOf("cash")).toBe(receivedTotal - disbursedTotal);
      }),
      { numRuns: 12 },
    );
  }, 240_000);
});
