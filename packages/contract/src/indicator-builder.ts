/**
 * Indicators built by a program officer: the structured definition (JSON checked by this schema and compiled by
 * the server to parameterised SQL; never SQL text), its preview and the saved indicators with targets.
 */
import {
  ageBands,
  conditionWindows,
  indicatorDefinitionLimits,
  indicatorMeasures,
  serviceKinds,
  vulnerabilityFlags,
} from "@moldir/domain";
import { z } from "zod";
import { amountMinorSchema, plainDateSchema, uuidSchema } from "./common";
import { trainingTopics } from "./trainings";

const listMax = indicatorDefinitionLimits.listValuesMax;

const projectRefSchema = z
  .union([z.enum(["this", "any"]), z.strictObject({ projectId: uuidSchema })])
  .describe("The indicator's own project, any project, or a named one");

export const indicatorEventsSchema = z.discriminatedUnion("source", [
  z.strictObject({
    source: z.literal("service"),
    project: projectRefSchema,
    kinds: z.array(z.enum(serviceKinds)).min(1).max(listMax).optional(),
  }),
  z.strictObject({ source: z.literal("enrolment"), project: projectRefSchema }),
  z.strictObject({
    source: z.literal("training"),
    topics: z.array(z.enum(trainingTopics)).min(1).max(listMax).optional(),
  }),
  z.strictObject({ source: z.literal("loan") }),
  z.strictObject({ source: z.literal("group_savings") }),
  z.strictObject({ source: z.literal("group_membership") }),
  z.strictObject({ source: z.literal("center_attendance") }),
]);

export const indicatorDefinitionSchema = z.strictObject({
  measure: z.enum(indicatorMeasures),
  events: indicatorEventsSchema,
  persons: z
    .strictObject({
      sexes: z
        .array(z.enum(["female", "male"]))
        .min(1)
        .max(2)
        .optional(),
      ageBands: z
        .array(z.enum(ageBands).exclude(["unknown"]))
        .min(1)
        .max(listMax)
        .optional(),
      vulnerabilities: z.array(z.enum(vulnerabilityFlags)).min(1).max(listMax).optional(),
    })
    .optional(),
  conditions: z
    .array(
      z.strictObject({
        events: indicatorEventsSchema,
        window: z.enum(conditionWindows),
        months: z.number().int().min(1).max(indicatorDefinitionLimits.windowMonthsMax).optional(),
        isAbsent: z.boolean().optional(),
      }),
    )
    .max(indicatorDefinitionLimits.conditionsMax)
    .optional(),
  minEventDaysInAMonth: z.number().int().min(1).max(31).optional(),
});

const valueBreakdownSchema = z.record(z.string(), amountMinorSchema);

export const indicatorResultSchema = z.object({
  from: plainDateSchema,
  to: plainDateSchema,
  value: amountMinorSchema.describe("People, events, or a sum (minor units for value) as the measure says"),
  people: z.number().int().describe("Distinct people behind the value"),
  bySex: z.object({ female: amountMinorSchema, male: amountMinorSchema }),
  byAgeBand: z.record(z.enum(ageBands), amountMinorSchema),
  byRegion: valueBreakdownSchema,
  byVulnerability: valueBreakdownSchema,
});

export const previewIndicatorRequestSchema = z.strictObject({
  definition: indicatorDefinitionSchema,
  from: plainDateSchema.optional(),
  to: plainDateSchema.optional(),
});

const targetSchema = z
  .string()
  .regex(/^\d{1,16}$/, "a decimal string, not negative")
  .describe("A count, or minor units for sums of value");

const indicatorNameSchema = z.string().trim().min(1).max(200);

export const saveIndicatorRequestSchema = z.strictObject({
  name: indicatorNameSchema,
  definition: indicatorDefinitionSchema,
  target: targetSchema.nullable().optional(),
});

export const updateIndicatorRequestSchema = z.strictObject({
  name: indicatorNameSchema.optional(),
  definition: indicatorDefinitionSchema.optional(),
  target: targetSchema.nullable().optional(),
  version: z.number().int().min(1),
});

export const builtIndicatorSchema = z.object({
  id: uuidSchema,
  projectId: uuidSchema,
  name: z.string(),
  definition: indicatorDefinitionSchema,
  target: amountMinorSchema.nullable(),
  version: z.number().int(),
  result: indicatorResultSchema,
  progressBps: z
    .number()
    .int()
    .nullable()
    .describe("10000 when the target is reached; null without a target"),
});

export type IndicatorDefinitionInput = z.infer<typeof indicatorDefinitionSchema>;
export type IndicatorResultWire = z.infer<typeof indicatorResultSchema>;
export type BuiltIndicator = z.infer<typeof builtIndicatorSchema>;
