import { plainDate } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { generateLoanPortfolio, type LoanPortfolioPlan, loanPortfolioSizes } from "./loans";
import { generatePlan, generatorSizes, planDigest } from "./plan";

const lastDay = plainDate("2026-06-30");
const plan = generatePlan(7, generatorSizes.small, lastDay);
const portfolioOf = (seed: number) =>
  generateLoanPortfolio(seed, plan, loanPortfolioSizes.small, lastDay, 12);
const digestOf = (portfolio: LoanPortfolioPlan) => planDigest(portfolio);

describe("the generator's micro-credit portfolio", () => {
  const portfolio = portfolioOf(7);
  const kindOf = (kind: string) => portfolio.loans.filter((l) => l.story.kind === kind);

  it("is the same portfolio for the same seed, and another for another seed", () => {
    expect(digestOf(portfolioOf(7))).toBe(digestOf(portfolio));
    expect(digestOf(portfolioOf(8))).not.toBe(digestOf(portfolio));
  });

  it("has loans in every state, to women and to groups", () => {
    for (const kind of [
      "applied",
      "approved",
      "rejected",
      "on_time",
      "arrears",
      "repaid",
      "repaid_early",
      "rescheduled",
      "written_off",
    ])
      expect(kindOf(kind).length, kind).toBeGreaterThan(0);
    expect(portfolio.loans.filter((l) => l.borrower.kind === "group")).toHaveLength(
      loanPortfolioSizes.small.groupLoans,
    );
  });

  it("keeps about 5 % of the running loans in arrears", () => {
    const running = portfolio.loans.filter((l) =>
      ["on_time", "arrears", "rescheduled"].includes(l.story.kind),
    );
    const share = kindOf("arrears").length / running.length;
    expect(share).toBeGreaterThanOrEqual(0.02);
    expect(share).toBeLessThanOrEqual(0.1);
  });

  it("lends to the plan's women, one loan each, within the products' limits and the year of history", () => {
    const women = portfolio.loans.flatMap((l) =>
      l.borrower.kind === "person" ? [l.borrower.householdKey] : [],
    );
    expect(new Set(women).size).toBe(women.length);
    const households = new Set(plan.households.map((h) => h.key));
    expect(women.every((key) => households.has(key))).toBe(true);
    for (const loan of portfolio.loans) {
      const product = portfolio.products.find((p) => p.code === loan.productCode);
      expect(product, loan.key).toBeDefined();
      if (product === undefined) continue;
      expect(loan.principalMinor).toBeGreaterThanOrEqual(BigInt(product.settings.minPrincipalMinor));
      expect(loan.principalMinor).toBeLessThanOrEqual(BigInt(product.settings.maxPrincipalMinor));
      expect(loan.installments).toBeGreaterThanOrEqual(product.settings.minInstallments);
      expect(loan.installments).toBeLessThanOrEqual(product.settings.maxInstallments);
      const isPaidOut = !["applied", "approved", "rejected"].includes(loan.story.kind);
      if (isPaidOut) {
        expect(loan.disbursementOn < lastDay, loan.key).toBe(true);
        expect(loan.disbursementOn >= "2025-06-01", loan.key).toBe(true);
      } else expect(loan.disbursementOn > lastDay, loan.key).toBe(true);
    }
  });
});
