/**
 * The demo micro-credit organization's lending: its book, three products, borrowers who consented to credit
 * checks, and loans in every state — applications, approved and rejected ones, loans repaid on time, loans
 * in arrears and closed ones — with disbursements and repayments dated in the past, so that a new user sees
 * a portfolio at once. Everything moves through the code the routes use: products are checked against the
 * caps, offers come from the loan engine, and every disbursement and payment is an event appended by the
 * loan service, which posts it to the ledger. The dates follow today's date, so the demo stays current.
 */
import type { LoanProductSettingsJson } from "@moldir/contract";
import type { Tx } from "@moldir/db";
import {
  addDays,
  addMonths,
  assert,
  type CappedLoanKind,
  capViolationsOf,
  checkDebtBurden,
  makeLoanOffer,
  monthlyPaymentOf,
  type PlainDate,
} from "@moldir/domain";
import { todayOf } from "../http/dates";
import { newId } from "../identity/secrets";
import { createBook } from "../ledger/books";
import { requireValidProduct } from "../loans/products";
import { appendLoanEvent, loadEvents, loadLoan, payoffOn, toDomainEvents } from "../loans/service";
import { parseStoredTerms, servicingOf, settingsFromJson, storedTermsOf } from "../loans/terms";
import { normalizePerson } from "../people/persons";

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

interface DemoProduct {
  readonly code: string;
  readonly names: { readonly kk: string; readonly ru: string; readonly en: string };
  readonly loanKind: CappedLoanKind;
  readonly settings: LoanProductSettingsJson;
}

const products: readonly DemoProduct[] = [
  {
    code: "BEREKE",
    names: { kk: "Береке", ru: "Береке", en: "Bereke" },
    loanKind: "mfo_microloan",
    settings: baseSettings,
  },
  {
    code: "ISKER",
    names: { kk: "Іскер әйел", ru: "Деловая женщина", en: "Business woman" },
    loanKind: "mfo_microloan",
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
    loanKind: "mfo_microloan",
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
];

const borrowers: readonly { readonly surname: string; readonly givenName: string; readonly phone: string }[] =
  [
    { surname: "Ахметова", givenName: "Гүлнар", phone: "+77011000001" },
    { surname: "Бекова", givenName: "Айжан", phone: "+77011000002" },
    { surname: "Жұмабекова", givenName: "Сәуле", phone: "+77011000003" },
    { surname: "Исаева", givenName: "Мадина", phone: "+77011000004" },
    { surname: "Қасымова", givenName: "Динара", phone: "+77011000005" },
    { surname: "Мұратова", givenName: "Әсем", phone: "+77011000006" },
    { surname: "Нұрғалиева", givenName: "Бибігүл", phone: "+77011000007" },
    { surname: "Оспанова", givenName: "Жанар", phone: "+77011000008" },
    { surname: "Петрова", givenName: "Ольга", phone: "+77011000009" },
    { surname: "Рахимова", givenName: "Лаура", phone: "+77011000010" },
    { surname: "Сейітқали", givenName: "Ақмарал", phone: "+77011000011" },
    { surname: "Төлеуова", givenName: "Гүлмира", phone: "+77011000012" },
    { surname: "Үсенова", givenName: "Майра", phone: "+77011000013" },
    { surname: "Шәкірова", givenName: "Назым", phone: "+77011000014" },
    { surname: "Ержанова", givenName: "Аружан", phone: "+77011000015" },
    { surname: "Ким", givenName: "Светлана", phone: "+77011000016" },
  ];

/** Where a demo loan stands today. */
type DemoState = "applied" | "approved" | "rejected" | "on_time" | "arrears" | "closed";

interface DemoLoan {
  readonly borrower: number;
  readonly product: string;
  readonly principalTenge: number;
  readonly installments: number;
  readonly state: DemoState;
  /** For a disbursed loan: how many months ago. */
  readonly disbursedMonthsAgo?: number;
  /** For a loan in arrears: how many installments that fell due are unpaid. */
  readonly missed?: number;
  readonly incomeTenge: number;
  readonly purpose: string;
}

const loans: readonly DemoLoan[] = [
  {
    borrower: 0,
    product: "BEREKE",
    principalTenge: 300_000,
    installments: 12,
    state: "on_time",
    disbursedMonthsAgo: 5,
    incomeTenge: 250_000,
    purpose: "Сиыр сатып алу",
  },
  {
    borrower: 1,
    product: "ISKER",
    principalTenge: 800_000,
    installments: 18,
    state: "on_time",
    disbursedMonthsAgo: 4,
    incomeTenge: 450_000,
    purpose: "Тігін шеберханасына жабдық",
  },
  {
    borrower: 2,
    product: "BEREKE",
    principalTenge: 150_000,
    installments: 6,
    state: "on_time",
    disbursedMonthsAgo: 2,
    incomeTenge: 180_000,
    purpose: "Бақша тұқымы",
  },
  {
    borrower: 3,
    product: "EGIN",
    principalTenge: 400_000,
    installments: 9,
    state: "on_time",
    disbursedMonthsAgo: 3,
    incomeTenge: 300_000,
    purpose: "Жылыжай",
  },
  {
    borrower: 4,
    product: "BEREKE",
    principalTenge: 200_000,
    installments: 10,
    state: "on_time",
    disbursedMonthsAgo: 1,
    incomeTenge: 200_000,
    purpose: "Нан пісіретін пеш",
  },
  {
    borrower: 5,
    product: "BEREKE",
    principalTenge: 250_000,
    installments: 12,
    state: "arrears",
    disbursedMonthsAgo: 6,
    missed: 2,
    incomeTenge: 220_000,
    purpose: "Қой сатып алу",
  },
  {
    borrower: 6,
    product: "ISKER",
    principalTenge: 600_000,
    installments: 12,
    state: "arrears",
    disbursedMonthsAgo: 5,
    missed: 1,
    incomeTenge: 400_000,
    purpose: "Дүкенге тауар",
  },
  {
    borrower: 7,
    product: "EGIN",
    principalTenge: 300_000,
    installments: 8,
    state: "arrears",
    disbursedMonthsAgo: 7,
    missed: 3,
    incomeTenge: 260_000,
    purpose: "Суару жүйесі",
  },
  {
    borrower: 8,
    product: "BEREKE",
    principalTenge: 100_000,
    installments: 3,
    state: "closed",
    disbursedMonthsAgo: 6,
    incomeTenge: 150_000,
    purpose: "Мектепке дайындық",
  },
  {
    borrower: 9,
    product: "BEREKE",
    principalTenge: 180_000,
    installments: 4,
    state: "closed",
    disbursedMonthsAgo: 8,
    incomeTenge: 210_000,
    purpose: "Тауық фермасы",
  },
  {
    borrower: 10,
    product: "ISKER",
    principalTenge: 500_000,
    installments: 12,
    state: "approved",
    incomeTenge: 380_000,
    purpose: "Кафе жабдығы",
  },
  {
    borrower: 11,
    product: "BEREKE",
    principalTenge: 120_000,
    installments: 6,
    state: "approved",
    incomeTenge: 160_000,
    purpose: "Киіз үй бұйымдары",
  },
  {
    borrower: 12,
    product: "BEREKE",
    principalTenge: 350_000,
    installments: 12,
    state: "applied",
    incomeTenge: 290_000,
    purpose: "Сүт сепараторы",
  },
  {
    borrower: 13,
    product: "EGIN",
    principalTenge: 450_000,
    installments: 12,
    state: "applied",
    incomeTenge: 330_000,
    purpose: "Көшет",
  },
  {
    borrower: 14,
    product: "ISKER",
    principalTenge: 700_000,
    installments: 24,
    state: "applied",
    incomeTenge: 420_000,
    purpose: "Шаштараз",
  },
  {
    borrower: 15,
    product: "BEREKE",
    principalTenge: 400_000,
    installments: 6,
    state: "rejected",
    incomeTenge: 120_000,
    purpose: "Көлік жөндеу",
  },
];

interface Staff {
  readonly officer: string;
  readonly committee: string;
  readonly accountant: string;
}

/** Loads the micro-credit demo into the organization `orgId`; its staff are found by their demo logins. */
export async function seedDemoLoans(trx: Tx, orgId: string): Promise<void> {
  const today = await todayOf(trx, orgId);
  const staff = await staffOf(trx);
  const bookId = await mcoBook(trx, orgId);
  const productIds = await insertProducts(trx, orgId, staff.officer, today);
  const personIds = await insertBorrowers(trx, orgId, staff.officer, today);
  const office = await trx
    .selectFrom("offices")
    .select("id")
    .where("org_id", "=", orgId)
    .orderBy("id")
    .executeTakeFirst();
  for (const [index, loan] of loans.entries()) {
    const product = products.find((candidate) => candidate.code === loan.product);
    const productId = productIds.get(loan.product);
    const personId = personIds[loan.borrower];
    assert(product !== undefined && productId !== undefined && personId !== undefined, "demo loan refs");
    await insertLoan(trx, {
      orgId,
      number: index + 1,
      staff,
      bookId,
      officeId: office?.id ?? null,
      productId,
      product,
      personId,
      loan,
      today,
    });
  }
}

async function staffOf(trx: Tx): Promise<Staff> {
  const idOf = async (email: string) => {
    const user = await trx
      .selectFrom("users")
      .select("id")
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return user.id;
  };
  return {
    officer: await idOf("loan-officer@moldir.demo"),
    committee: await idOf("credit-committee@moldir.demo"),
    accountant: await idOf("accountant@moldir.demo"),
  };
}

/** The organization's `mco` book: the one it has, or a new one in its own name. */
async function mcoBook(trx: Tx, orgId: string): Promise<string> {
  const existing = await trx
    .selectFrom("books")
    .select("id")
    .where("org_id", "=", orgId)
    .where("owner_kind", "=", "organization")
    .where("template", "=", "mco")
    .executeTakeFirst();
  if (existing !== undefined) return existing.id;
  const org = await trx
    .selectFrom("organizations")
    .selectAll()
    .where("org_id", "=", orgId)
    .executeTakeFirstOrThrow();
  return createBook(trx, {
    orgId,
    template: "mco",
    ownerKind: "organization",
    groupId: null,
    names: { kk: org.name_kk, ru: org.name_ru, en: org.name_en },
    currency: org.currency,
  });
}

async function insertProducts(
  trx: Tx,
  orgId: string,
  userId: string,
  today: PlainDate,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const product of products) {
    requireValidProduct(product.settings, product.loanKind, "KZT", today);
    const id = newId();
    ids.set(product.code, id);
    await trx
      .insertInto("loan_products")
      .values({
        org_id: orgId,
        id,
        code: product.code,
        name_kk: product.names.kk,
        name_ru: product.names.ru,
        name_en: product.names.en,
        client_kind: "individual",
        loan_kind: product.loanKind,
        currency: "KZT",
        settings: JSON.stringify(product.settings),
        created_by: userId,
      })
      .execute();
    await trx
      .insertInto("loan_product_versions")
      .values({
        org_id: orgId,
        product_id: id,
        version: 1,
        settings: JSON.stringify(product.settings),
        created_by: userId,
        approved_by: null,
      })
      .execute();
  }
  return ids;
}

/** The borrowers, each with her consent to credit checks given a year ago. */
async function insertBorrowers(trx: Tx, orgId: string, userId: string, today: PlainDate): Promise<string[]> {
  const ids: string[] = [];
  for (const borrower of borrowers) {
    const facts = normalizePerson(
      { surname: borrower.surname, givenName: borrower.givenName, sex: "female", phones: [borrower.phone] },
      today,
    );
    const id = newId();
    ids.push(id);
    await trx
      .insertInto("persons")
      .values({
        org_id: orgId,
        id,
        surname: facts.surname,
        given_name: facts.givenName,
        patronymic: facts.patronymic,
        name_key: facts.nameKey,
        sex: facts.sex,
        birth_date: facts.birthDate,
        iin: facts.iin,
        phones: facts.phones,
        address: null,
        region_id: null,
        documents: JSON.stringify([]),
        vulnerabilities: [],
        income_band: null,
        dependants: null,
        languages: ["kk", "ru"],
        merged_into_id: null,
        erased_at: null,
      })
      .execute();
    await trx
      .insertInto("consents")
      .values({
        org_id: orgId,
        id: newId(),
        person_id: id,
        purpose: "credit",
        given_on: addMonths(today, -12),
        valid_until: null,
        withdrawn_on: null,
        allows_third_parties: false,
        allows_cross_border: false,
        document: null,
        recorded_by: userId,
      })
      .execute();
  }
  return ids;
}

interface LoanToInsert {
  readonly orgId: string;
  readonly number: number;
  readonly staff: Staff;
  readonly bookId: string;
  readonly officeId: string | null;
  readonly productId: string;
  readonly product: DemoProduct;
  readonly personId: string;
  readonly loan: DemoLoan;
  readonly today: PlainDate;
}

/** One application, decided and run as the routes would: the loan row, then its events in date order. */
async function insertLoan(trx: Tx, input: LoanToInsert): Promise<void> {
  const { orgId, loan, product, staff, today } = input;
  const isDisbursed = loan.disbursedMonthsAgo !== undefined;
  const disbursementOn = isDisbursed ? addMonths(today, -(loan.disbursedMonthsAgo ?? 0)) : addDays(today, 3);
  const request = {
    currency: "KZT" as const,
    principalMinor: BigInt(loan.principalTenge) * 100n,
    installments: loan.installments,
    disbursementOn,
    firstRepaymentOn: null,
  };
  const offer = makeLoanOffer(settingsFromJson(product.settings), product.loanKind, request);
  assert(offer.ok, `demo loan ${input.number} must schedule`);
  assert(
    capViolationsOf(offer.value, product.loanKind, disbursementOn).length === 0,
    "demo loans keep the caps",
  );
  const monthlyPaymentMinor = monthlyPaymentOf(
    offer.value.schedule,
    product.settings.repaymentFrequency,
    product.settings.repaymentEvery,
  );
  const incomeMinor = BigInt(loan.incomeTenge) * 100n;
  const burden = checkDebtBurden(incomeMinor, monthlyPaymentMinor, 100);
  assert(burden.ok, "a demo borrower has an income");
  const id = newId();
  const appliedAt = new Date(`${addDays(disbursementOn, isDisbursed ? -10 : -5)}T05:00:00Z`);
  const isDecided = loan.state !== "applied";
  await trx
    .insertInto("loans")
    .values({
      org_id: orgId,
      id,
      number: input.number,
      product_id: input.productId,
      product_version: 1,
      client_kind: "individual",
      person_id: input.personId,
      group_id: null,
      office_id: input.officeId,
      officer_user_id: staff.officer,
      book_id: input.bookId,
      principal_minor: request.principalMinor,
      installments: loan.installments,
      expected_disbursement_on: disbursementOn,
      first_repayment_on: null,
      purpose: loan.purpose,
      monthly_income_minor: incomeMinor,
      monthly_expenses_minor: incomeMinor / 3n,
      monthly_payment_minor: monthlyPaymentMinor,
      debt_burden_basis_points: burden.value.basisPoints,
      terms: JSON.stringify(storedTermsOf(product.loanKind, product.settings, request)),
      gesv_tenths: offer.value.gesvTenthsOfPercent,
      applied_by: staff.officer,
      applied_at: appliedAt,
      status: isDecided ? (loan.state === "rejected" ? "rejected" : "approved") : "applied",
      decided_by: isDecided ? staff.committee : null,
      decided_at: isDecided ? new Date(appliedAt.getTime() + 2 * 86_400_000) : null,
      decision_comment: !isDecided
        ? null
        : loan.state === "rejected"
          ? "Табысы растала алмады / Доход не подтверждён"
          : "Несие тарихы жақсы / Хорошая кредитная история",
    })
    .execute();
  if (!isDisbursed) return;

  const accountant = { orgId, makerUserId: staff.accountant, checkerUserId: null, address: "127.0.0.1" };
  const officer = { ...accountant, makerUserId: staff.officer };
  await appendLoanEvent(
    trx,
    accountant,
    await loadLoan(trx, orgId, id),
    {
      id: newId(),
      kind: "disbursement",
      valueDate: disbursementOn,
      amountMinor: request.principalMinor,
      details: { channel: input.number % 2 === 0 ? "bank" : "cash" },
      reason: null,
    },
    {
      channel: input.number % 2 === 0 ? "bank" : "cash",
      narration: `Loan ${input.number}: disbursement`,
      today,
      feeDeductedMinor: offer.value.schedule.upfrontFeeDeductedMinor,
    },
  );
  const due = offer.value.schedule.installments.filter((row) => row.dueOn <= today);
  const paid = loan.state === "arrears" ? due.slice(0, Math.max(0, due.length - (loan.missed ?? 1))) : due;
  for (const [at, row] of paid.entries()) {
    const current = await loadLoan(trx, orgId, id);
    // A closed loan's last payment is what paying off takes that day, so no tiyn of rounding stays open.
    const isLast = loan.state === "closed" && at === paid.length - 1;
    const amountMinor = isLast
      ? payoffOn(
          servicingOf(parseStoredTerms(current.terms)),
          toDomainEvents(await loadEvents(trx, orgId, id)),
          row.dueOn,
        ).totalMinor
      : row.totalDueMinor;
    await appendLoanEvent(
      trx,
      officer,
      current,
      {
        id: newId(),
        kind: "repayment",
        valueDate: row.dueOn,
        amountMinor,
        details: { channel: "cash" },
        reason: null,
      },
      { channel: "cash", narration: `Loan ${input.number}: repayment`, today },
    );
  }
}
