/** The typed shape of the projects tables (migration 0010): projects, budgets, targets, beneficiaries, services. */
import type { Generated, Instant, Json } from "./schema";

export interface ProjectsTable {
  org_id: string;
  id: string;
  code: string;
  name: string;
  donor: string;
  donor_currency: string;
  rate_ppm: bigint;
  starts_on: string;
  ends_on: string;
  region_ids: Generated<string[]>;
  target_groups: Generated<string[]>;
  activities: Generated<string[]>;
  eligibility: Json<Record<string, unknown>>;
  book_id: string | null;
  grant_approval_over_minor: bigint | null;
  version: Generated<number>;
  created_at: Instant;
}

export interface ProjectBudgetLinesTable {
  org_id: string;
  id: string;
  project_id: string;
  line_no: number;
  name: string;
  account_id: string;
  donor_amount_minor: bigint;
  amount_minor: bigint;
}

export interface ProjectTargetsTable {
  org_id: string;
  project_id: string;
  indicator: string;
  target: bigint;
}

export interface BeneficiariesTable {
  org_id: string;
  id: string;
  project_id: string;
  person_id: string;
  enrolled_on: string;
  exited_on: string | null;
  exit_reason: string | null;
  enrolled_by: string | null;
  created_at: Instant;
}

export interface ProjectServicesTable {
  org_id: string;
  id: string;
  project_id: string;
  beneficiary_id: string;
  person_id: string;
  kind: "grant" | "training" | "consultation" | "food_package" | "school_package" | "children_center_day";
  delivered_on: string;
  staff_user_id: string | null;
  quantity: number;
  value_minor: bigint;
  entry_id: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Instant;
}

export interface BeneficiaryStoriesTable {
  org_id: string;
  id: string;
  project_id: string;
  person_id: string;
  told_on: string;
  story: string;
  recorded_by: string | null;
  created_at: Instant;
}

export interface CenterChildrenTable {
  org_id: string;
  id: string;
  person_id: string;
  household_id: string | null;
  mother_person_id: string | null;
  school: string | null;
  grade: string | null;
  needs: Generated<string[]>;
  enrolled_on: string;
  left_on: string | null;
  created_at: Instant;
}

export interface CenterAttendanceTable {
  org_id: string;
  child_id: string;
  attended_on: string;
  recorded_by: string | null;
}

export interface CenterServicesTable {
  org_id: string;
  id: string;
  child_id: string;
  kind: "meals" | "tutoring" | "psychologist" | "clothes";
  delivered_on: string;
  quantity: number;
  note: string | null;
  recorded_by: string | null;
}

export interface CaseNotesTable {
  org_id: string;
  id: string;
  child_id: string;
  written_on: string;
  note: string;
  author_user_id: string | null;
  created_at: Instant;
}

export interface TrainingCoursesTable {
  org_id: string;
  id: string;
  name: string;
  topic: "self_help_concept" | "group_bookkeeping" | "financial_literacy" | "federation_management" | "other";
  hours: number;
  /** The share of a session's days needed for a certificate, in basis points (10000: all). */
  certificate_share_bps: Generated<number>;
  created_at: Instant;
}

export interface TrainingSessionsTable {
  org_id: string;
  id: string;
  course_id: string;
  trainer_user_id: string | null;
  place: string;
  starts_on: string;
  ends_on: string;
  created_at: Instant;
}

export interface TrainingParticipantsTable {
  org_id: string;
  session_id: string;
  person_id: string;
  group_id: string | null;
  partner_organization: string | null;
  days_attended: Generated<number>;
  pre_score: number | null;
  post_score: number | null;
}

/** A project's indicator built by a program officer: a structured definition and its target. */
export interface ProjectIndicatorDefinitionsTable {
  org_id: string;
  id: string;
  project_id: string;
  name: string;
  definition: Json;
  target: bigint | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Instant;
}

/** A training session's roll call: one row per participant and day attended. */
export interface TrainingAttendanceDaysTable {
  org_id: string;
  session_id: string;
  person_id: string;
  attended_on: string;
  recorded_by: string | null;
}

export interface ProjectsSchema {
  project_indicator_definitions: ProjectIndicatorDefinitionsTable;
  training_attendance_days: TrainingAttendanceDaysTable;
  training_courses: TrainingCoursesTable;
  training_sessions: TrainingSessionsTable;
  training_participants: TrainingParticipantsTable;
  center_children: CenterChildrenTable;
  center_attendance: CenterAttendanceTable;
  center_services: CenterServicesTable;
  case_notes: CaseNotesTable;
  beneficiary_stories: BeneficiaryStoriesTable;
  projects: ProjectsTable;
  project_budget_lines: ProjectBudgetLinesTable;
  project_targets: ProjectTargetsTable;
  beneficiaries: BeneficiariesTable;
  project_services: ProjectServicesTable;
}
