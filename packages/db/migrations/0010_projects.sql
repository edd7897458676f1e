-- Donor-funded projects: the project with its donor, period, rate and eligibility; its budget by line, each
-- line against an expense account of the organization's book (actual spending is read from journal lines that
-- carry the project's id); targets per indicator; beneficiaries enrolled from persons; services delivered.
-- A financial assistance grant is posted to the ledger; its journal entry is kept on the service.

CREATE TABLE projects (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  donor text NOT NULL,
  donor_currency text NOT NULL CHECK (donor_currency ~ '^[A-Z]{3}$'),
  -- Millionths of a tenge per unit of the donor's currency (478.5 ₸/$ is 478500000).
  rate_ppm bigint NOT NULL CHECK (rate_ppm > 0),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  region_ids text[] NOT NULL DEFAULT '{}',
  target_groups text[] NOT NULL DEFAULT '{}',
  activities text[] NOT NULL DEFAULT '{}',
  eligibility jsonb NOT NULL DEFAULT '{}',
  -- The organization's book that the project's spending is posted to; a project planned before the books are
  -- opened has none, and then has no budget lines and cannot post grants.
  book_id uuid,
  -- A grant above this amount needs a second person's approval; null: only when the organization's policy
  -- for project grants says so.
  grant_approval_over_minor bigint CHECK (grant_approval_over_minor >= 0),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, book_id) REFERENCES books (org_id, id),
  CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX projects_code ON projects (org_id, code);

CREATE TABLE project_budget_lines (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  line_no integer NOT NULL,
  name text NOT NULL,
  account_id uuid NOT NULL,
  donor_amount_minor bigint NOT NULL CHECK (donor_amount_minor >= 0),
  amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, project_id, line_no),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, account_id) REFERENCES accounts (org_id, id)
);

CREATE TABLE project_targets (
  org_id uuid NOT NULL,
  project_id uuid NOT NULL,
  indicator text NOT NULL,
  target bigint NOT NULL CHECK (target >= 0),
  PRIMARY KEY (org_id, project_id, indicator),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id)
);

CREATE TABLE beneficiaries (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  person_id uuid NOT NULL,
  enrolled_on date NOT NULL,
  exited_on date,
  exit_reason text,
  enrolled_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
  CHECK (exited_on IS NULL OR exited_on >= enrolled_on),
  CHECK ((exited_on IS NULL) = (exit_reason IS NULL))
);
CREATE UNIQUE INDEX beneficiaries_active ON beneficiaries (org_id, project_id, person_id) WHERE exited_on IS NULL;
CREATE INDEX beneficiaries_person ON beneficiaries (org_id, person_id);

CREATE TABLE project_services (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  beneficiary_id uuid NOT NULL,
  person_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('grant', 'training', 'consultation', 'food_package', 'school_package',
    'children_center_day')),
  delivered_on date NOT NULL,
  staff_user_id uuid,
  quantity integer NOT NULL CHECK (quantity > 0),
  value_minor bigint NOT NULL CHECK (value_minor >= 0),
  -- The journal entry of a grant.
  entry_id uuid,
  note text,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, beneficiary_id) REFERENCES beneficiaries (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
  CHECK (kind <> 'grant' OR (entry_id IS NOT NULL AND value_minor > 0))
);
CREATE INDEX project_services_project ON project_services (org_id, project_id, delivered_on);
CREATE INDEX project_services_person ON project_services (org_id, person_id);

-- A beneficiary's story for donor reports: printed only while her consent to the project allows sharing with
-- third parties, and with her given name only.
CREATE TABLE beneficiary_stories (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  person_id uuid NOT NULL,
  told_on date NOT NULL,
  story text NOT NULL CHECK (length(story) BETWEEN 1 AND 2000),
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);
CREATE INDEX beneficiary_stories_project ON beneficiary_stories (org_id, project_id, told_on);

-- The children's support center: a child (her own person record) with her household and mother, school and
-- needs; daily attendance; services; case notes, which only case workers read (permission case_notes.manage).
CREATE TABLE center_children (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  household_id uuid,
  mother_person_id uuid,
  school text,
  grade text,
  needs text[] NOT NULL DEFAULT '{}',
  enrolled_on date NOT NULL,
  left_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
  FOREIGN KEY (org_id, household_id) REFERENCES households (org_id, id),
  FOREIGN KEY (org_id, mother_person_id) REFERENCES persons (org_id, id),
  CHECK (left_on IS NULL OR left_on >= enrolled_on)
);
CREATE UNIQUE INDEX center_children_active ON center_children (org_id, person_id) WHERE left_on IS NULL;
CREATE INDEX center_children_mother ON center_children (org_id, mother_person_id);

CREATE TABLE center_attendance (
  org_id uuid NOT NULL,
  child_id uuid NOT NULL,
  attended_on date NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (org_id, child_id, attended_on),
  FOREIGN KEY (org_id, child_id) REFERENCES center_children (org_id, id)
);
CREATE INDEX center_attendance_day ON center_attendance (org_id, attended_on);

CREATE TABLE center_services (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('meals', 'tutoring', 'psychologist', 'clothes')),
  delivered_on date NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  note text,
  recorded_by uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, child_id) REFERENCES center_children (org_id, id)
);
CREATE INDEX center_services_child ON center_services (org_id, child_id, delivered_on);

CREATE TABLE case_notes (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  child_id uuid NOT NULL,
  written_on date NOT NULL,
  note text NOT NULL CHECK (length(note) BETWEEN 1 AND 5000),
  author_user_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, child_id) REFERENCES center_children (org_id, id)
);
CREATE INDEX case_notes_child ON case_notes (org_id, child_id, written_on);

-- Trainings: courses, sessions with a trainer, place and dates, and their participants (from the organization's
-- groups or from partner NGOs) with the days they attended and their test scores before and after.
CREATE TABLE training_courses (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  topic text NOT NULL CHECK (topic IN ('self_help_concept', 'group_bookkeeping', 'financial_literacy',
    'federation_management', 'other')),
  hours integer NOT NULL CHECK (hours > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE training_sessions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  course_id uuid NOT NULL,
  trainer_user_id uuid,
  place text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, course_id) REFERENCES training_courses (org_id, id),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_sessions_dates ON training_sessions (org_id, starts_on);

CREATE TABLE training_participants (
  org_id uuid NOT NULL,
  session_id uuid NOT NULL,
  person_id uuid NOT NULL,
  group_id uuid,
  partner_organization text,
  days_attended integer NOT NULL DEFAULT 0 CHECK (days_attended >= 0),
  pre_score integer CHECK (pre_score BETWEEN 0 AND 100),
  post_score integer CHECK (post_score BETWEEN 0 AND 100),
  PRIMARY KEY (org_id, session_id, person_id),
  FOREIGN KEY (org_id, session_id) REFERENCES training_sessions (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX training_participants_group ON training_participants (org_id, group_id) WHERE group_id IS NOT NULL;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'project_budget_lines', 'project_targets', 'beneficiaries',
    'project_services', 'beneficiary_stories', 'center_children', 'center_attendance', 'center_services',
    'case_notes', 'training_courses', 'training_sessions', 'training_participants']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;
