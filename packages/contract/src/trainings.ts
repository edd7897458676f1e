/** Requests and responses of trainings: courses, sessions, participants with attendance and scores. */
import { z } from "zod";
import { plainDateSchema, uuidSchema } from "./common";
import { personSummarySchema } from "./people";

export const trainingTopics = [
  "self_help_concept",
  "group_bookkeeping",
  "financial_literacy",
  "federation_management",
  "other",
] as const;

export const createCourseRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  topic: z.enum(trainingTopics),
  hours: z.number().int().min(1).max(1000),
  certificateShareBps: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe("The share of a session's days a certificate needs, in basis points (10000, all, unless said)"),
});

export const courseSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  topic: z.enum(trainingTopics),
  hours: z.number().int(),
  certificateShareBps: z
    .number()
    .int()
    .describe("The share of a session's days a certificate needs, in basis points"),
});

export const createSessionRequestSchema = z.strictObject({
  courseId: uuidSchema,
  trainerUserId: uuidSchema.nullable().optional(),
  place: z.string().trim().min(1).max(200),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
});

export const participantSchema = z.object({
  person: personSummarySchema,
  groupId: uuidSchema.nullable(),
  partnerOrganization: z.string().nullable(),
  daysAttended: z.number().int(),
  preScore: z.number().int().nullable(),
  postScore: z.number().int().nullable(),
  hasCompleted: z.boolean().describe("Attended the days the course asks for a certificate"),
  attendedDays: z.array(plainDateSchema).describe("The days the roll call found her present, in order"),
});

export const sessionSchema = z.object({
  id: uuidSchema,
  course: courseSchema,
  trainerUserId: uuidSchema.nullable(),
  place: z.string(),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
  days: z.number().int(),
  daysRequired: z.number().int().describe("Days a participant must attend for a certificate"),
  participants: z.array(participantSchema),
});

export const addParticipantRequestSchema = z.strictObject({
  personId: uuidSchema,
  groupId: uuidSchema.nullable().optional(),
  partnerOrganization: z.string().trim().min(1).max(200).nullable().optional(),
});

export const updateParticipantRequestSchema = z.strictObject({
  daysAttended: z.number().int().min(0).max(366).optional(),
  preScore: z.number().int().min(0).max(100).nullable().optional(),
  postScore: z.number().int().min(0).max(100).nullable().optional(),
});

/** Corrects a course; a new certificate share applies to every session of the course from then on. */
export const updateCourseRequestSchema = createCourseRequestSchema.partial();

/** Corrects a session's trainer, place or dates; days already attended must still fit the new dates. */
export const updateSessionRequestSchema = createSessionRequestSchema.omit({ courseId: true }).partial();

/** One day's roll call of a session: who was present (replaces what was recorded for that day). */
export const rollCallRequestSchema = z.strictObject({
  personIds: z.array(uuidSchema).max(1_000),
});

export const groupTrainingSchema = z.object({
  sessionId: uuidSchema,
  courseName: z.string(),
  topic: z.enum(trainingTopics),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
  participants: z.number().int(),
  completed: z.number().int(),
});

export type Course = z.infer<typeof courseSchema>;
export type TrainingSession = z.infer<typeof sessionSchema>;
export type GroupTraining = z.infer<typeof groupTrainingSchema>;
