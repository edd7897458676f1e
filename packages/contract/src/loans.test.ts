import { calculateSchedule, calculatorInputFromJson, calculatorOutputToJson, unwrap } from "@moldir/domain";
import { describe, expect, it } from "vitest";
import { catalogue } from "./errors";
import {
  loanCalculatorRequestExample,
  loanCalculatorRequestSchema,
  loanCalculatorResponseSchema,
} from "./loans";
import { loanErrorCatalogue, loanErrorCodes } from "./loans-errors";

describe("the loan engine's error catalogue", () => {
  it("maps every code of the engine, and nothing else", () => {
    expect(Object.keys(loanErrorCatalogue).sort()).toEqual([...new Set(loanErrorCodes)].sort());
    for (const code of loanErrorCodes) expect(catalogue[code], code).toBe(loanErrorCatalogue[code]);
  });

  it("answers a request of the wrong shape with 400 and a refused rule with 422, never retryable", () => {
    for (const code of loanErrorCodes) {
      const entry = loanErrorCatalogue[code];
      const isShape = code === "body_must_be_an_object" || code.startsWith("field_");
      expect(entry.status, code).toBe(isShape ? 400 : 422);
      expect(entry.retryable, code).toBe(false);
    }
  });
});

describe("the calculator's schemas", () => {
  it("accept the contract's example and describe the engine's exact answer", () => {
    expect(loanCalculatorRequestSchema.safeParse(loanCalculatorRequestExample).success).toBe(true);
    const input = unwrap(calculatorInputFromJson(loanCalculatorRequestExample));
    const answer = calculatorOutputToJson(unwrap(calculateSchedule(input)));
    expect(loanCalculatorResponseSchema.strict().parse(answer)).toEqual(answer);
    expect(answer.installments).toHaveLength(12);
  });
});
