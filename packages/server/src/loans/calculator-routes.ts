/**
 * `POST /api/v1/loan-calculator`: the public loan calculator (issue 11). Anyone may use it without signing
 * in; it reads nothing and writes nothing. The loan engine reads the request (`calculatorInputFromJson`,
 * the one validator, shared with `moldir schedule`), computes the schedule and its GESV, and a refusal
 * becomes a catalogue error naming the field.
 */
import { errorResponseSchema } from "@moldir/contract";
// The loans schemas by their own module path, so this route does not depend on the package index.
import { loanCalculatorRequestSchema, loanCalculatorResponseSchema } from "@moldir/contract/loans";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AppError } from "../http/app-error";
import { calculateLoanSchedule } from "./schedule-command";

export async function loanCalculatorRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.post(
    "/api/v1/loan-calculator",
    {
      config: { access: { kind: "public" } },
      schema: {
        tags: ["loans"],
        summary: "Repayment schedule, totals and GESV of a loan (no sign-in needed)",
        body: loanCalculatorRequestSchema,
        response: { 200: loanCalculatorResponseSchema, 400: errorResponseSchema, 422: errorResponseSchema },
      },
    },
    async (request) => {
      const answer = calculateLoanSchedule(request.body);
      if (!answer.ok) throw new AppError(answer.code, answer.details);
      return answer.value;
    },
  );
}
