/**
 * The public loan calculator's wire format (issue 11): `POST /api/v1/loan-calculator` and
 * `npx moldir schedule <file.json>` take the same request and give the same answer.
 *
 * The request schema is deliberately permissive (any JSON object): the loan engine's
 * `calculatorInputFromJson` is the one validator that reads it, so the API and the CLI refuse the same
 * requests with the same catalogue codes, each naming its field. The schema here documents the fields for
 * OpenAPI. The response schema describes the answer exactly, and the server serializes through it.
 */
import { z } from "zod";
import { amountMinorSchema, plainDateSchema } from "./common";

/** The contract's example: 100,000 ₸ over 12 monthly installments at 30 % a year, declining balance. */
export const loanCalculatorRequestExample = {
  currency: "KZT",
  principalMinor: "10000000",
  disbursementDate: "2025-01-15",
  firstRepaymentDate: null,
  installments: 12,
  repaymentEvery: 1,
  repaymentFrequency: "months",
  interestRatePercent: "30",
  interestRatePer: "year",
  interestMethod: "declining_balance",
  amortization: "equal_installments",
  interestCalculationPeriod: "same_as_repayment_period",
  daysInYear: "365",
  daysInMonth: "actual",
  roundingMode: "half_even",
  amountMultipleMinor: "1",
  installmentMultipleMinor: null,
  graceOnPrincipalPeriods: 0,
  graceOnInterestPaymentPeriods: 0,
  interestFreePeriods: 0,
  downPaymentPercent: null,
  fees: [],
} as const;

const requestDescription = [
  "Loan terms. Required: currency (KZT, USD, EUR, RUB, KGS, UZS …), principalMinor (decimal string of minor units),",
  'disbursementDate (YYYY-MM-DD), installments (integer), interestRatePercent (decimal string with a dot, e.g. "2.5").',
  'Optional, with their defaults: firstRepaymentDate null, repaymentEvery 1, repaymentFrequency "months"',
  '("days" | "weeks" | "months"), interestRatePer "year" ("year" | "month"), interestMethod "declining_balance"',
  '("declining_balance" | "flat"), amortization "equal_installments" ("equal_installments" | "equal_principal"),',
  'interestCalculationPeriod "same_as_repayment_period" ("same_as_repayment_period" | "daily"), daysInYear "365"',
  '("360" | "364" | "365" | "actual"), daysInMonth "actual" ("30" | "actual"), roundingMode "half_even",',
  'amountMultipleMinor "1", installmentMultipleMinor null, graceOnPrincipalPeriods 0, graceOnInterestPaymentPeriods 0,',
  "interestFreePeriods 0, downPaymentPercent null, fees [] — each fee",
  '{"kind":"upfront","amountMinor":"100000"}, {"kind":"upfront","percent":"1"} or',
  '{"kind":"per_installment","amountMinor":"50000"}. An unknown field or an impossible combination is refused',
  "with a catalogue error whose details.field names the field.",
].join(" ");

/** Body of `POST /api/v1/loan-calculator`: any JSON object, read and checked by the loan engine. */
export const loanCalculatorRequestSchema = z
  .record(z.string(), z.unknown())
  .meta({ description: requestDescription, examples: [loanCalculatorRequestExample] });

/** One installment of the calculated schedule. */
export const calculatedInstallmentSchema = z.object({
  number: z.number().int().describe("1 for the first installment (the down payment when there is one)"),
  dueDate: plainDateSchema,
  daysInPeriod: z.number().int().describe("Days from the previous due date (or the disbursement)"),
  principalMinor: amountMinorSchema,
  interestMinor: amountMinorSchema,
  feeMinor: amountMinorSchema,
  totalDueMinor: amountMinorSchema,
  principalBalanceAfterMinor: amountMinorSchema,
});

/** The answer of `POST /api/v1/loan-calculator` (and of `moldir schedule`). */
export const loanCalculatorResponseSchema = z.object({
  installments: z.array(calculatedInstallmentSchema).readonly(),
  totals: z.object({
    principalMinor: amountMinorSchema,
    interestMinor: amountMinorSchema,
    feeMinor: amountMinorSchema,
    totalDueMinor: amountMinorSchema,
  }),
  gesvPercent: z
    .string()
    .regex(/^-?\d+\.\d$/, "a percentage with one decimal")
    .describe('The annual effective rate (GESV / ГЭСВ / ЖТСМ) in percent, rounded to 0.1, e.g. "34.7"'),
});

export type LoanCalculatorRequest = z.infer<typeof loanCalculatorRequestSchema>;
export type LoanCalculatorResponse = z.infer<typeof loanCalculatorResponseSchema>;
