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
});

export const courseSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  topic: z.enum(trainingTopics),
  hours: z.number().int(),
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
  hasCompleted: z.boolean().describe("Attended every day of the session"),
});

export const sessionSchema = z.object({
  id: uuidSchema,
  course: courseSchema,
  trainerUserId: uuidSchema.nullable(),
  place: z.string(),
  startsOn: plainDateSchema,
  endsOn: plainDateSchema,
  days: z.number().int(),
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
