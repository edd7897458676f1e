-- Indicators a program officer builds (ADR 0017), and training attendance recorded day by day.

-- A saved indicator of a project: a structured definition (validated JSON, compiled to parameterised SQL by the
-- server; never SQL text), with its target.
CREATE TABLE project_indicator_definitions (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  project_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  target bigint CHECK (target >= 0),
  version integer NOT NULL DEFAULT 1,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, project_id) REFERENCES projects (org_id, id)
);
CREATE UNIQUE INDEX project_indicator_definitions_name ON project_indicator_definitions (org_id, project_id, name);

-- The share of a session's days a participant must attend for a certificate, in basis points (10000: all).
ALTER TABLE training_courses ADD COLUMN certificate_share_bps integer NOT NULL DEFAULT 10000
  CHECK (certificate_share_bps BETWEEN 1 AND 10000);

-- The roll call of a session, one row per participant and day attended; a participant's days_attended is the
-- count of her rows once a roll call has been taken for the session.
CREATE TABLE training_attendance_days (
  org_id uuid NOT NULL,
  session_id uuid NOT NULL,
  person_id uuid NOT NULL,
  attended_on date NOT NULL,
  recorded_by uuid,
  PRIMARY KEY (org_id, session_id, person_id, attended_on),
  FOREIGN KEY (org_id, session_id, person_id) REFERENCES training_participants (org_id, session_id, person_id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['project_indicator_definitions', 'training_attendance_days']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;
