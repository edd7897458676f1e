import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainDate } from "../calendar/plain-date";
import { unwrap } from "../result";
import { parsePercent } from "./ratio";
import { buildSchedule, computeAnnuityPayment, generateSchedule, periodicRate } from "./schedule";
import { buildScheduleTerms } from "./test-terms";

const percent = (text: string) => unwrap(parsePercent(text));

describe("the annuity", () => {
  // Expected values computed independently (exact fractions in Python, rounded half-even) and checked against
  // a spreadsheet's PMT(rate, n, -P).
  it.each([
    ["30 % a year, monthly, 12", 10_000_000n, "30", 12n, 12, 974_871n],
    ["2.5 % a month as 30/1200, 9 periods", 10_000_000n, "30", 12n, 9, 1_254_569n],
    ["30 % a year, weekly r/52, 52", 10_000_000n, "30", 52n, 52, 223_144n],
    ["20 % down: 80,000 ₸ over 12", 8_000_000n, "30", 12n, 12, 779_897n],
  ] as const)("%s", (_name, principal, rate, periodsPerYear, periods, expected) => {
    const i = { numerator: percent(rate).numerator, denominator: percent(rate).denominator * periodsPerYear };
    expect(computeAnnuityPayment(principal, i, periods, 0, 1n, "half_even")).toBe(expected);
  });

  it("spreads a zero-rate loan evenly", () => {
    expect(computeAnnuityPayment(1_000n, { numerator: 0n, denominator: 1n }, 3, 0, 1n, "half_even")).toBe(
      333n,
    );
  });
});

describe("generateSchedule", () => {
  it("matches the independently computed declining-balance annuity row by row", () => {
    const schedule = generateSchedule(buildScheduleTerms());
    const rows = schedule.installments.map((r) => [
      r.principalMinor,
      r.interestMinor,
      r.principalBalanceAfterMinor,
    ]);
    expect(rows).toEqual([
      [724_871n, 250_000n, 9_275_129n],
      [742_993n, 231_878n, 8_532_136n],
      [761_568n, 213_303n, 7_770_568n],
      [780_607n, 194_264n, 6_989_961n],
      [800_122n, 174_749n, 6_189_839n],
      [820_125n, 154_746n, 5_369_714n],
      [840_628n, 134_243n, 4_529_086n],
      [861_644n, 113_227n, 3_667_442n],
      [883_185n, 91_686n, 2_784_257n],
      [905_265n, 69_606n, 1_878_992n],
      [927_896n, 46_975n, 951_096n],
      [951_096n, 23_777n, 0n],
    ]);
    // IPMT(2.5 %, 6, 12, -100000) = 1547.4596 ₸ and PPMT = 8201.2531 ₸: within a tiyn of the rounded rows.
    expect(Number(schedule.installments[5]?.interestMinor) - 154_745.96).toBeLessThan(1);
    expect(schedule.installments[0]?.dueOn).toBe("2025-02-15");
    expect(schedule.installments[0]?.daysInPeriod).toBe(31);
    expect(schedule.totals.interestMinor).toBe(1_698_454n);
  });

  it("keeps the day of month and clamps it to the month's end: 31 Jan → 28 Feb → 31 Mar", () => {
    const schedule = generateSchedule(
      buildScheduleTerms({ disbursementOn: plainDate("2024-12-31"), installments: 4 }),
    );
    expect(schedule.installments.map((r) => r.dueOn)).toEqual([
      "2025-01-31",
      "2025-02-28",
      "2025-03-31",
      "2025-04-30",
    ]);
    expect(schedule.installments.map((r) => r.daysInPeriod)).toEqual([31, 28, 31, 30]);
  });

  it("takes a free first repayment date and charges the longer first period pro rata", () => {
    const schedule = generateSchedule(buildScheduleTerms({ firstRepaymentOn: plainDate("2025-03-01") }));
    expect(schedule.installments[0]?.interestMinor).toBe(362_903n); // 250,000 × 45/31
    expect(schedule.installments[1]?.dueOn).toBe("2025-04-01");
    expect(schedule.installments[0]?.daysInPeriod).toBe(45);
  });

  it("computes equal principal, the last part absorbing the remainder", () => {
    const schedule = generateSchedule(buildScheduleTerms({ amortization: "equal_principal" }));
    expect(schedule.installments.map((r) => r.principalMinor)).toEqual([
      ...Array(11).fill(833_333n),
      833_337n,
    ]);
    expect(schedule.installments.map((r) => r.interestMinor).slice(0, 3)).toEqual([
      250_000n,
      229_167n,
      208_333n,
    ]);
  });

  it("does not round equal principal to the installment multiple", () => {
    const schedule = generateSchedule(
      buildScheduleTerms({ amortization: "equal_principal", installmentMultipleMinor: 10_000n }),
    );
    expect(schedule.installments[0]?.principalMinor).toBe(833_333n);
  });

  it("computes flat interest on the original principal with the installment rounded to whole tenge", () => {
    const schedule = generateSchedule(
      buildScheduleTerms({
        interestMethod: "flat",
        ratePercent: "2.5",
        interestRatePer: "month",
        installmentMultipleMinor: 100n,
      }),
    );
    expect(schedule.installments.every((r) => r.interestMinor === 250_000n)).toBe(true);
    expect(schedule.installments[0]?.totalDueMinor).toBe(1_083_300n);
    expect(schedule.installments[11]?.principalMinor).toBe(833_700n);
    expect(schedule.installments[11]?.totalDueMinor).toBe(1_083_700n);
  });

  it("rounds every amount to the amount multiple with the named mode", () => {
    const up = generateSchedule(buildScheduleTerms({ amountMultipleMinor: 100n, roundingMode: "up" }));
    const down = generateSchedule(buildScheduleTerms({ amountMultipleMinor: 100n, roundingMode: "down" }));
    expect(up.installments[0]?.totalDueMinor).toBe(974_900n);
    expect(down.installments[0]?.totalDueMinor).toBe(974_800n);
    for (const row of [...up.installments, ...down.installments].slice(0, 11)) {
      expect(row.interestMinor % 100n).toBe(0n);
    }
  });

  it("computes daily interest on actual days over 365", () => {
    const schedule = generateSchedule(buildScheduleTerms({ interestCalculationPeriod: "daily" }));
    expect(schedule.installments[0]?.interestMinor).toBe(254_795n); // 100,000 × 30 % × 31/365
    expect(schedule.installments[0]?.principalMinor).toBe(974_871n - 254_795n);
  });

  it.each([
    ["360", "actual", 258_333n], // 31/360
    ["364", "actual", 255_495n], // 31/364
    ["365", "30", 246_575n], // 30/365
    ["actual", "actual", 254_795n], // 2025 is a common year
  ] as const)("honors days in year %s and days in month %s", (daysInYear, daysInMonth, expected) => {
    const schedule = generateSchedule(
      buildScheduleTerms({ interestCalculationPeriod: "daily", daysInYear, daysInMonth }),
    );
    expect(schedule.installments[0]?.interestMinor).toBe(expected);
  });

  it("splits actual/actual interest across a leap year boundary", () => {
    // 2023-12-15 → 2024-01-15: 17 days of 2023 over 365 and 14 of 2024 over 366.
    const schedule = generateSchedule(
      buildScheduleTerms({
        interestCalculationPeriod: "daily",
        daysInYear: "actual",
        disbursementOn: plainDate("2023-12-15"),
      }),
    );
    const expected = (10_000_000 * 0.3 * (17 / 365 + 14 / 366)).toFixed(0);
    expect(schedule.installments[0]?.interestMinor).toBe(BigInt(expected));
  });

  it("repays weekly at r/52 and every 14 days at r·14/365", () => {
    const weekly = generateSchedule(buildScheduleTerms({ installments: 52, repaymentFrequency: "weeks" }));
    expect(weekly.installments[0]?.totalDueMinor).toBe(223_144n);
    expect(weekly.installments[0]?.interestMinor).toBe(57_692n);
    expect(weekly.installments[1]?.dueOn).toBe("2025-01-29");
    expect(weekly.totals.interestMinor).toBe(1_603_491n);
    const fortnightly = generateSchedule(
      buildScheduleTerms({ installments: 26, repaymentFrequency: "days", repaymentEvery: 14 }),
    );
    expect(fortnightly.installments[0]?.totalDueMinor).toBe(447_207n);
    expect(fortnightly.installments[0]?.interestMinor).toBe(115_068n);
  });

  it("treats 2.5 % a month like 30 % a year", () => {
    const monthly = generateSchedule(buildScheduleTerms({ ratePercent: "2.5", interestRatePer: "month" }));
    expect(monthly).toEqual(generateSchedule(buildScheduleTerms()));
    expect(periodicRate(buildScheduleTerms())).toEqual({ numerator: 1n, denominator: 40n });
  });

  it("charges interest only during a grace on principal, then the annuity over the rest", () => {
    const schedule = generateSchedule(buildScheduleTerms({ graceOnPrincipalPeriods: 3 }));
    expect(schedule.installments.slice(0, 3).map((r) => [r.principalMinor, r.interestMinor])).toEqual([
      [0n, 250_000n],
      [0n, 250_000n],
      [0n, 250_000n],
    ]);
    expect(schedule.installments[3]?.totalDueMinor).toBe(1_254_569n);
  });

  it("collects interest of a grace on interest payment with the first installment after it", () => {
    const plain = generateSchedule(buildScheduleTerms());
    const graced = generateSchedule(buildScheduleTerms({ graceOnInterestPaymentPeriods: 2 }));
    expect(graced.installments[0]?.interestMinor).toBe(0n);
    expect(graced.installments[1]?.interestMinor).toBe(0n);
    expect(graced.installments[2]?.interestMinor).toBe(250_000n + 231_878n + 213_303n);
    expect(graced.totals).toEqual(plain.totals);
  });

  it("charges no interest in interest-free periods and keeps installments equal", () => {
    const schedule = generateSchedule(buildScheduleTerms({ interestFreePeriods: 2 }));
    expect(schedule.installments[0]?.interestMinor).toBe(0n);
    expect(schedule.installments[1]?.interestMinor).toBe(0n);
    expect(schedule.installments[0]?.totalDueMinor).toBe(930_054n);
    expect(schedule.installments[5]?.totalDueMinor).toBe(930_054n);
  });

  it("takes a down payment on the disbursement date as installment 1", () => {
    const schedule = generateSchedule(buildScheduleTerms({ downPaymentPercent: percent("20") }));
    expect(schedule.installments).toHaveLength(13);
    expect(schedule.installments[0]).toMatchObject({
      number: 1,
      dueOn: "2025-01-15",
      principalMinor: 2_000_000n,
      daysInPeriod: 0,
    });
    expect(schedule.installments[1]?.totalDueMinor).toBe(779_897n);
  });

  it("charges a fee with every regular installment and keeps upfront fees apart", () => {
    const schedule = generateSchedule(
      buildScheduleTerms({
        fees: [
          { kind: "per_installment", amountMinor: 50_000n },
          { kind: "upfront", amountMinor: null, percent: percent("1"), collection: "deducted" },
          { kind: "upfront", amountMinor: 7_000n, percent: null, collection: "paid" },
        ],
      }),
    );
    expect(schedule.installments[0]?.feeMinor).toBe(50_000n);
    expect(schedule.installments[0]?.totalDueMinor).toBe(974_871n + 50_000n);
    expect(schedule.totals.feeMinor).toBe(600_000n);
    expect(schedule.upfrontFeeDeductedMinor).toBe(100_000n);
    expect(schedule.upfrontFeePaidMinor).toBe(7_000n);
  });

  it.each([
    ["same_day", "2025-02-15"],
    ["next_working_day", "2025-02-17"],
    ["previous_working_day", "2025-02-14"],
    ["next_meeting_day", "2025-02-19"],
  ] as const)("moves a due date on a Saturday by the rule %s", (rule, expected) => {
    const calendar = {
      nonWorkingWeekdays: [6, 7],
      holidays: [plainDate("2025-03-17")],
      rule,
      meetingWeekdays: [3],
    };
    const schedule = generateSchedule(buildScheduleTerms({ calendar }));
    expect(schedule.installments[0]?.dueOn).toBe(expected);
  });

  it("moves a due date off a holiday and counts daily interest on the moved dates", () => {
    const calendar = {
      nonWorkingWeekdays: [6, 7],
      holidays: [plainDate("2025-04-15")],
      rule: "next_working_day" as const,
      meetingWeekdays: [],
    };
    const schedule = generateSchedule(buildScheduleTerms({ calendar, interestCalculationPeriod: "daily" }));
    expect(schedule.installments[2]?.dueOn).toBe("2025-04-16");
    expect(schedule.installments[3]?.daysInPeriod).toBe(29);
  });

  it("adds a tranche to the balance from its date and re-amortizes", () => {
    const schedule = unwrap(
      buildSchedule(
        buildScheduleTerms({
          principalMinor: 5_000_000n,
          tranches: [{ disbursedOn: plainDate("2025-04-15"), amountMinor: 5_000_000n }],
        }),
      ),
    );
    expect(schedule.totals.principalMinor).toBe(10_000_000n);
    expect(schedule.installments[2]?.interestMinor).toBeLessThan(125_000n);
    expect(schedule.installments[3]?.totalDueMinor).toBeGreaterThan(
      schedule.installments[2]?.totalDueMinor ?? 0n,
    );
    const last = schedule.installments[11];
    expect(last?.principalBalanceAfterMinor).toBe(0n);
  });
});

describe("buildSchedule refusals", () => {
  it.each([
    [{ installments: 0 }, "installments_must_be_positive", "installments"],
    [{ installments: 5000 }, "installments_must_not_exceed_maximum", "installments"],
    [{ principalMinor: 0n }, "principal_must_be_positive", "principalMinor"],
    [{ repaymentEvery: 0 }, "repayment_every_must_be_positive", "repaymentEvery"],
    [{ repaymentEvery: 13 }, "repayment_every_must_not_exceed_maximum", "repaymentEvery"],
    [{ ratePercent: "1001" }, "interest_rate_must_not_exceed_maximum", "interestRatePercent"],
    [{ amountMultipleMinor: 0n }, "multiple_must_be_positive", "amountMultipleMinor"],
    [
      { amountMultipleMinor: 100n, installmentMultipleMinor: 150n },
      "installment_multiple_must_be_a_multiple_of_amount_multiple",
      "installmentMultipleMinor",
    ],
    [
      { graceOnPrincipalPeriods: 12 },
      "grace_periods_must_be_fewer_than_installments",
      "graceOnPrincipalPeriods",
    ],
    [
      { graceOnInterestPaymentPeriods: 12 },
      "grace_periods_must_be_fewer_than_installments",
      "graceOnInterestPaymentPeriods",
    ],
    [
      { interestFreePeriods: 13 },
      "interest_free_periods_must_not_exceed_installments",
      "interestFreePeriods",
    ],
    [{ graceOnPrincipalPeriods: -1 }, "periods_must_not_be_negative", "graceOnPrincipalPeriods"],
    [{ downPaymentPercent: percent("100") }, "down_payment_percent_must_be_below_100", "downPaymentPercent"],
    [
      { firstRepaymentOn: plainDate("2025-01-15") },
      "first_repayment_date_must_be_after_disbursement_date",
      "firstRepaymentDate",
    ],
    [
      { firstRepaymentOn: plainDate("2026-06-15") },
      "first_repayment_date_must_be_within_first_period_limit",
      "firstRepaymentDate",
    ],
    [
      { installments: 1200, repaymentFrequency: "months" as const },
      "term_must_not_exceed_maximum",
      "installments",
    ],
    [
      {
        fees: [
          {
            kind: "upfront" as const,
            amountMinor: 10_000_000n,
            percent: null,
            collection: "deducted" as const,
          },
        ],
      },
      "upfront_fees_must_be_less_than_principal",
      "fees",
    ],
    [
      { fees: [{ kind: "upfront" as const, amountMinor: null, percent: null, collection: "paid" as const }] },
      "fee_must_have_either_amount_or_percent",
      "fees[0]",
    ],
    [
      {
        interestMethod: "flat" as const,
        tranches: [{ disbursedOn: plainDate("2025-03-01"), amountMinor: 1n }],
      },
      "tranches_must_use_declining_balance",
      "interestMethod",
    ],
    [
      { tranches: [{ disbursedOn: plainDate("2026-01-15"), amountMinor: 1n }] },
      "tranches_must_fall_within_term",
      "tranches[0].disbursedOn",
    ],
    [
      { calendar: { nonWorkingWeekdays: [8], holidays: [], rule: "same_day" as const, meetingWeekdays: [] } },
      "weekday_must_be_from_1_to_7",
      "calendar",
    ],
    [
      {
        calendar: {
          nonWorkingWeekdays: [6, 7],
          holidays: [],
          rule: "next_meeting_day" as const,
          meetingWeekdays: [7],
        },
      },
      "meeting_weekdays_must_include_a_working_day",
      "calendar.meetingWeekdays",
    ],
  ] as const)("refuses %o with %s", (overrides, code, field) => {
    const result = buildSchedule(buildScheduleTerms(overrides));
    expect(result.ok ? "ok" : [result.code, result.details["field"]]).toEqual([code, field]);
  });
});

describe("schedule invariants", () => {
  const termsArbitrary = fc.record({
    principalMinor: fc.bigInt(1n, 10n ** 11n),
    installments: fc.integer({ min: 1, max: 60 }),
    ratePercent: fc.constantFrom("0", "0.5", "12", "30", "56", "179.9"),
    repaymentFrequency: fc.constantFrom("days" as const, "weeks" as const, "months" as const),
    repaymentEvery: fc.integer({ min: 1, max: 4 }),
    interestMethod: fc.constantFrom("declining_balance" as const, "flat" as const),
    amortization: fc.constantFrom("equal_installments" as const, "equal_principal" as const),
    interestCalculationPeriod: fc.constantFrom("same_as_repayment_period" as const, "daily" as const),
    daysInYear: fc.constantFrom("360" as const, "364" as const, "365" as const, "actual" as const),
    roundingMode: fc.constantFrom("half_even" as const, "up" as const, "down" as const, "floor" as const),
    amountMultipleMinor: fc.constantFrom(1n, 100n),
    grace: fc.integer({ min: 0, max: 3 }),
    interestFree: fc.integer({ min: 0, max: 3 }),
  });

  it("repays the principal disbursed, never goes negative, and its totals are the sum of its installments", () => {
    fc.assert(
      fc.property(termsArbitrary, ({ grace, interestFree, ...overrides }) => {
        const terms = buildScheduleTerms({
          ...overrides,
          graceOnPrincipalPeriods: Math.min(grace, overrides.installments - 1),
          graceOnInterestPaymentPeriods: Math.min(grace, overrides.installments - 1),
          interestFreePeriods: Math.min(interestFree, overrides.installments),
        });
        const result = buildSchedule(terms);
        if (!result.ok) return;
        const schedule = result.value;
        let principal = 0n;
        let total = 0n;
        for (const row of schedule.installments) {
          expect(row.principalMinor >= 0n && row.interestMinor >= 0n).toBe(true);
          expect(row.principalBalanceAfterMinor >= 0n).toBe(true);
          principal += row.principalMinor;
          total += row.totalDueMinor;
        }
        expect(principal).toBe(terms.principalMinor);
        expect(total).toBe(schedule.totals.totalDueMinor);
        expect(schedule.installments.at(-1)?.principalBalanceAfterMinor).toBe(0n);
      }),
      { numRuns: 300 },
    );
  });
});
