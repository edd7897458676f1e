/**
 * The generator's micro-credit portfolio, as plain data: the micro-credit organization's products, the women of
 * the generated households who borrow from it (each one person, with her IIN), the generated groups that borrow
 * as a group, and every loan's story over the year of history — applications still pending, approved and
 * rejected ones, loans repaid on time, about 5 % of the running loans in arrears, some repaid early, some
 * rescheduled, some written off (one recovered in part). The same seed gives the same portfolio; `apply-loans.ts`
 * writes it through the loans API, so every amount comes from the loan engine and every entry from the posting
 * service.
 *
 * A story is told in installments and days, not in amounts: the amounts due are the schedule the application
 * gives on disbursement, read back from the API.
 */
import type { LoanProductSettingsJson } from "@moldir/contract";
import { addDays, addMonths, assert, fromCivil, type PlainDate, toCivil } from "@moldir/domain";
import type { Plan } from "./plan";
import { createRandom, type Random } from "./random";

/** Where a loan's story ends on the last day of history. */
export type LoanStory =
  | { readonly kind: "applied" }
  | { readonly kind: "approved" }
  | { readonly kind: "rejected" }
  /** Every installment due by the last day paid on its day. */
  | { readonly kind: "on_time" }
  /** The last `missed` installments due by the last day unpaid. */
  | { readonly kind: "arrears"; readonly missed: number }
  /** Every installment paid; the last one is the payoff, so no tiyn of rounding stays open. */
  | { readonly kind: "repaid" }
  /** `afterInstallments` paid, then the whole loan paid off `daysAfter` days after the last of them fell due. */
  | { readonly kind: "repaid_early"; readonly afterInstallments: number; readonly daysAfter: number }
  /**
   * `afterInstallments` paid, then the principal not yet due spread over `installments` new ones, `daysAfter`
   * days after the last paid one fell due (before the next one, so nothing is overdue); the new ones paid since.
   */
  | {
      readonly kind: "rescheduled";
      readonly afterInstallments: number;
      readonly daysAfter: number;
      readonly installments: number;
    }
  /**
   * `afterInstallments` paid, then nothing: written off `daysAfter` days after the first missed installment fell
   * due; `recoveredPercent` of the principal written off comes back 30 days later (when that day has come).
   */
  | {
      readonly kind: "written_off";
      readonly afterInstallments: number;
      readonly daysAfter: number;
      readonly recoveredPercent: number;
    };

export type LoanStoryKind = LoanStory["kind"];

export interface LoanProductPlan {
  readonly code: string;
  readonly names: { readonly kk: string; readonly ru: string; readonly en: string };
  /** An individual borrower, or a self-help group under joint liability. */
  readonly clientKind: "individual" | "shg";
  readonly settings: LoanProductSettingsJson;
}

export interface LoanPlan {
  readonly key: string;
  /** A woman of the plan's households (by household key) or a group of the plan (by group key). */
  readonly borrower:
    | { readonly kind: "person"; readonly householdKey: string }
    | { readonly kind: "group"; readonly groupKey: string };
  readonly productCode: string;
  readonly principalMinor: bigint;
  readonly installments: number;
  readonly purpose: string;
  readonly monthlyIncomeMinor: bigint;
  /** The day the money is paid out; for a loan never disbursed, the day it is expected. */
  readonly disbursementOn: PlainDate;
  readonly channel: "cash" | "bank";
  readonly story: LoanStory;
}

export interface LoanPortfolioPlan {
  readonly lastDay: PlainDate;
  readonly products: readonly LoanProductPlan[];
  /** The women who borrow, by household key, in the order they are registered. */
  readonly borrowerHouseholdKeys: readonly string[];
  /** The groups that borrow as groups, by group key. */
  readonly groupKeys: readonly string[];
  readonly loans: readonly LoanPlan[];
}

export interface LoanPortfolioSize {
  /** Loans to individual women. */
  readonly individualLoans: number;
  /** Loans to groups under joint liability. */
  readonly groupLoans: number;
}

export const loanPortfolioSizes = {
  /** For tests: one loan of every kind of story. */
  tiny: { individualLoans: 10, groupLoans: 1 },
  /** The demo: a branch's portfolio, kept small so that the first start stays quick. */
  small: { individualLoans: 40, groupLoans: 4 },
} as const satisfies Record<string, LoanPortfolioSize>;

const baseSettings: LoanProductSettingsJson = {
  minPrincipalMinor: "5000000",
  maxPrincipalMinor: "50000000",
  minInstallments: 3,
  maxInstallments: 12,
  repaymentEvery: 1,
  repaymentFrequency: "months",
  interestRatePercent: "2.5",
  interestRatePer: "month",
  interestMethod: "declining_balance",
  amortization: "equal_installments",
  interestCalculationPeriod: "same_as_repayment_period",
  daysInYear: "365",
  daysInMonth: "actual",
  roundingMode: "half_even",
  amountMultipleMinor: "100",
  installmentMultipleMinor: null,
  graceOnPrincipalPeriods: 0,
  graceOnInterestPaymentPeriods: 0,
  interestFreePeriods: 0,
  fees: [],
  penaltyPercentPerDay: "0.1",
  allocationOrder: "penalties_fees_interest_principal",
  payoffInterest: "till_payoff_date",
  interestRecalculation: false,
};

/** The micro-credit organization's products: three for women, one for groups. */
export const loanProducts: readonly LoanProductPlan[] = [
  {
    code: "BEREKE",
    names: { kk: "Береке", ru: "Береке", en: "Bereke" },
    clientKind: "individual",
    settings: baseSettings,
  },
  {
    code: "ISKER",
    names: { kk: "Іскер әйел", ru: "Деловая женщина", en: "Business woman" },
    clientKind: "individual",
    settings: {
      ...baseSettings,
      minPrincipalMinor: "20000000",
      maxPrincipalMinor: "150000000",
      minInstallments: 6,
      maxInstallments: 24,
      interestRatePercent: "2",
    },
  },
  {
    code: "EGIN",
    names: { kk: "Егін", ru: "Урожай", en: "Harvest" },
    clientKind: "individual",
    settings: {
      ...baseSettings,
      minPrincipalMinor: "10000000",
      maxPrincipalMinor: "80000000",
      minInstallments: 6,
      maxInstallments: 12,
      interestRatePercent: "2.2",
      amortization: "equal_principal",
      graceOnPrincipalPeriods: 2,
    },
  },
  {
    code: "TOP",
    names: { kk: "Топтық несие", ru: "Групповой заём", en: "Group loan" },
    clientKind: "shg",
    settings: {
      ...baseSettings,
      minPrincipalMinor: "50000000",
      maxPrincipalMinor: "300000000",
      minInstallments: 6,
      maxInstallments: 12,
      interestRatePercent: "2",
    },
  },
];

/** The days of the month on which the branch pays loans out. */
const disbursementDays = [5, 20] as const;

const purposes = [
  "Сиыр сатып алу / Покупка коровы",
  "Тігін машинасы / Швейная машина",
  "Бақша тұқымы / Семена для огорода",
  "Жылыжай / Теплица",
  "Нан пісіретін пеш / Печь для хлеба",
  "Қой сатып алу / Покупка овец",
  "Дүкенге тауар / Товар для магазина",
  "Тауық фермасы / Птицеферма",
  "Шаштараз жабдығы / Оборудование парикмахерской",
  "Сүт сепараторы / Сепаратор для молока",
];

const groupPurposes = [
  "Топтың ортақ жылыжайы / Общая теплица группы",
  "Сүт қабылдау пункті / Пункт приёма молока",
  "Тігін цехы / Швейный цех",
];

/**
 * How many individual loans end in each state: about 5 % of the running loans in arrears (at least one), a
 * tenth pending, the rest on time or closed. Fixed proportions, so that every size has every state.
 */
function storyCounts(total: number): [LoanStoryKind, number][] {
  const share = (fraction: number) => Math.max(1, Math.round(total * fraction));
  const fixed: [LoanStoryKind, number][] = [
    ["applied", share(0.08)],
    ["approved", share(0.04)],
    ["rejected", share(0.04)],
    ["repaid", share(0.1)],
    ["repaid_early", share(0.06)],
    ["rescheduled", share(0.05)],
    ["written_off", share(0.04)],
  ];
  const rest = total - fixed.reduce((n, [, count]) => n + count, 0);
  // Running loans are the on-time ones, the rescheduled and those in arrears: 5 % of them in arrears.
  const arrears = Math.max(1, Math.round((rest + share(0.05)) * 0.05));
  assert(rest - arrears > 0, "a portfolio has loans on time");
  return [...fixed, ["arrears", arrears], ["on_time", rest - arrears]];
}

/** A story of the kind, with the loan's term and how many months ago it was paid out. */
function storyOf(
  random: Random,
  kind: LoanStoryKind,
  historyMonths: number,
): { story: LoanStory; installments: number; monthsAgo: number } {
  // A write-off needs half a year of history behind it.
  const months = Math.max(historyMonths, 8);
  switch (kind) {
    case "applied":
    case "approved":
    case "rejected":
      return { story: { kind }, installments: random.pick([6, 9, 12]), monthsAgo: 0 };
    case "on_time": {
      const installments = random.pick([6, 9, 12]);
      return {
        story: { kind },
        installments,
        monthsAgo: random.int(1, Math.min(installments - 1, months - 1)),
      };
    }
    case "arrears": {
      const missed = random.int(1, 3);
      const installments = random.pick([9, 12]);
      const monthsAgo = random.int(missed + 1, Math.min(installments - 1, months - 1));
      return { story: { kind, missed }, installments, monthsAgo };
    }
    case "repaid": {
      const installments = random.int(3, Math.min(6, months - 1));
      return { story: { kind }, installments, monthsAgo: random.int(installments + 1, months) };
    }
    case "repaid_early": {
      const monthsAgo = random.int(3, months);
      const afterInstallments = random.int(1, monthsAgo - 2);
      return {
        story: { kind, afterInstallments, daysAfter: random.int(5, 20) },
        installments: 12,
        monthsAgo,
      };
    }
    case "rescheduled": {
      const monthsAgo = random.int(4, months);
      const afterInstallments = random.int(1, Math.min(3, monthsAgo - 2));
      return {
        story: { kind, afterInstallments, daysAfter: random.int(10, 20), installments: random.int(8, 12) },
        installments: random.pick([6, 9]),
        monthsAgo,
      };
    }
    case "written_off": {
      const afterInstallments = random.int(1, 2);
      // Written off some 100 days after the first missed installment fell due, which is before the last day.
      const monthsAgo = random.int(afterInstallments + 6, Math.max(afterInstallments + 6, months));
      return {
        story: {
          kind,
          afterInstallments,
          daysAfter: random.int(95, 110),
          recoveredPercent: random.pick([0, 20]),
        },
        installments: 6,
        monthsAgo,
      };
    }
  }
}

/** The amount (whole thousands of tenge) within a product's limits, in minor units. */
function principalWithin(random: Random, product: LoanProductPlan): bigint {
  const lowest = Number(BigInt(product.settings.minPrincipalMinor) / 100_000n);
  const highest = Number(BigInt(product.settings.maxPrincipalMinor) / 100_000n);
  return BigInt(random.int(lowest, Math.min(highest, lowest * 4))) * 100_000n;
}

function productFor(random: Random, installments: number): LoanProductPlan {
  const fitting = loanProducts.filter(
    (p) =>
      p.clientKind === "individual" &&
      p.settings.minInstallments <= installments &&
      installments <= p.settings.maxInstallments,
  );
  return random.pick(fitting);
}

/**
 * The portfolio over a generated plan: borrowers are the plan's women and groups, the last day of history is the
 * plan's. History reaches back `historyMonths` (a loan is paid out at most that long ago).
 */
export function generateLoanPortfolio(
  seed: number,
  plan: Plan,
  size: LoanPortfolioSize,
  lastDay: PlainDate,
  historyMonths: number,
): LoanPortfolioPlan {
  const random = createRandom(seed ^ 0x10a45);
  assert(plan.households.length >= size.individualLoans, "a borrower for every individual loan");
  assert(plan.groups.length >= size.groupLoans, "a group for every group loan");
  // Every other woman from the start of the list, then the rest: borrowers spread over the groups.
  const order = plan.households.map((h) => h.key);
  const borrowers = [...order.filter((_, i) => i % 2 === 0), ...order.filter((_, i) => i % 2 === 1)].slice(
    0,
    size.individualLoans,
  );
  const kinds = storyCounts(size.individualLoans).flatMap(([kind, count]) =>
    Array.from({ length: count }, () => kind),
  );
  assert(kinds.length === size.individualLoans, "a story for every individual loan");
  // The branch pays loans out on two days of each month, so that the payments of one day make one collection sheet.
  const disbursementOf = (monthsAgo: number) => {
    if (monthsAgo === 0) return addDays(lastDay, random.int(3, 10));
    const { year, month } = toCivil(addMonths(lastDay, -monthsAgo));
    return fromCivil(year, month, random.pick(disbursementDays));
  };
  const individual = borrowers.map((householdKey, index): LoanPlan => {
    const kind = kinds[index] as LoanStoryKind;
    const { story, installments, monthsAgo } = storyOf(random, kind, historyMonths);
    const product = productFor(random, installments);
    const principalMinor = principalWithin(random, product);
    return {
      key: `l${index + 1}`,
      borrower: { kind: "person", householdKey },
      productCode: product.code,
      principalMinor,
      installments,
      purpose: random.pick(purposes),
      // A payment of a seventh to a quarter of her income: within the debt burden limit.
      monthlyIncomeMinor:
        (((principalMinor / BigInt(installments)) * BigInt(random.int(4, 7))) / 100_000n) * 100_000n,
      disbursementOn: disbursementOf(monthsAgo),
      channel: random.chance(0.5) ? "cash" : "bank",
      story,
    };
  });
  const groupProduct = loanProducts.find((p) => p.clientKind === "shg") as LoanProductPlan;
  const groupKeys = plan.groups.slice(0, size.groupLoans).map((g) => g.key);
  const groupLoans = groupKeys.map((groupKey, index): LoanPlan => {
    // The last group's application is still with the committee; the others repay on time.
    const isPending = index === groupKeys.length - 1 && groupKeys.length > 1;
    const installments = random.pick([6, 9, 12]);
    const principalMinor = principalWithin(random, groupProduct);
    return {
      key: `gl${index + 1}`,
      borrower: { kind: "group", groupKey },
      productCode: groupProduct.code,
      principalMinor,
      installments,
      purpose: random.pick(groupPurposes),
      monthlyIncomeMinor: (principalMinor / BigInt(installments)) * 5n,
      disbursementOn: disbursementOf(
        isPending ? 0 : random.int(1, Math.min(installments - 1, Math.max(historyMonths, 2) - 1)),
      ),
      channel: "bank",
      story: isPending ? { kind: "applied" } : { kind: "on_time" },
    };
  });
  return {
    lastDay,
    products: loanProducts,
    borrowerHouseholdKeys: borrowers,
    groupKeys,
    loans: [...individual, ...groupLoans],
  };
}
