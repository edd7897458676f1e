/**
 * Schemas shared by the server and the web app. Amounts travel as decimal strings of minor units
 * (`"150000"`), dates as `YYYY-MM-DD`, instants as ISO 8601 with an offset.
 */
import { z } from "zod";

export const amountMinorSchema = z
  .string()
  .regex(/^-?\d{1,19}$/, "a decimal string of minor units")
  .describe('An amount in minor units (tiyn for KZT) as a decimal string, e.g. "150000" for 1 500,00 ₸');

export const plainDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
  .describe("A calendar date, YYYY-MM-DD");

export const uuidSchema = z.uuid().describe("A UUID (version 7 for records made by Moldir)");

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe("A snake_case code from the error catalogue"),
      message: z.string().describe("The message in the language of Accept-Language"),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .describe("Every error response has this shape");

export const healthResponseSchema = z.object({ status: z.literal("ok") });

export const readyResponseSchema = z.object({
  status: z.literal("ready"),
  engine: z.enum(["pglite", "postgres"]),
  migrations: z.number().int(),
});
