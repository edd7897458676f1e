-- Self-help groups and savings groups: the group, its bylaws (versioned), members, meetings recorded as one
-- command each, the passbook lines of every member, and internal loans. Money moved by a meeting is posted to
-- the group's own book (books.owner_kind = 'group').

CREATE TABLE groups (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  name text NOT NULL,
  methodology text NOT NULL CHECK (methodology IN ('shg', 'vsla')),
  stage text NOT NULL DEFAULT 'forming' CHECK (stage IN ('forming', 'active', 'mature', 'dormant', 'closed')),
  region_id text REFERENCES regions (id),
  village text,
  meeting_place text,
  frequency text NOT NULL CHECK (frequency IN ('weekly', 'fortnightly', 'monthly')),
  meeting_day integer CHECK (meeting_day BETWEEN 1 AND 31),
  facilitator_user_id uuid,
  bank_account text,
  -- The office that serves the group: roles given for an office subtree reach its groups.
  office_id uuid,
  book_id uuid NOT NULL,
  formed_on date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, book_id) REFERENCES books (org_id, id),
  FOREIGN KEY (org_id, office_id) REFERENCES offices (org_id, id)
);

CREATE TABLE group_bylaws (
  org_id uuid NOT NULL,
  group_id uuid NOT NULL,
  effective_from date NOT NULL,
  bylaws jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, group_id, effective_from),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);

CREATE TABLE group_members (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  person_id uuid NOT NULL,
  joined_on date NOT NULL,
  left_on date,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);
CREATE UNIQUE INDEX group_members_active ON group_members (org_id, group_id, person_id) WHERE left_on IS NULL;
CREATE INDEX group_members_person ON group_members (org_id, person_id);

-- One row per RecordMeeting command; its id is made by the client, so a command sent twice is applied once.
CREATE TABLE meetings (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  held_on date NOT NULL,
  command_hash text NOT NULL,
  command jsonb NOT NULL,
  entry_id uuid,
  cash_computed_minor bigint NOT NULL,
  cash_counted_minor bigint NOT NULL,
  cash_difference_minor bigint NOT NULL,
  cash_difference_explanation text,
  decisions text,
  minutes text,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- A meeting is corrected by reversal (and a new meeting): its postings are reversed, its lines stop counting.
  reversed_at timestamptz,
  reversal_reason text,
  reversal_entry_id uuid,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  CHECK ((reversed_at IS NULL) = (reversal_reason IS NULL))
);
CREATE INDEX meetings_group ON meetings (org_id, group_id, held_on);

CREATE TABLE meeting_attendance (
  org_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  member_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('present', 'represented', 'absent')),
  PRIMARY KEY (org_id, meeting_id, member_id),
  FOREIGN KEY (org_id, meeting_id) REFERENCES meetings (org_id, id),
  FOREIGN KEY (org_id, member_id) REFERENCES group_members (org_id, id)
);

-- The passbook: what each member gave or received at each meeting. Append-only.
CREATE TABLE group_movements (
  org_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  line_no integer NOT NULL,
  group_id uuid NOT NULL,
  member_id uuid NOT NULL,
  held_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('savings', 'shares', 'social_fund', 'loan_disbursed', 'loan_principal_repaid',
    'loan_interest_paid', 'fine', 'savings_withdrawn')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  loan_id uuid,
  shares integer,
  PRIMARY KEY (org_id, meeting_id, line_no),
  FOREIGN KEY (org_id, meeting_id) REFERENCES meetings (org_id, id),
  FOREIGN KEY (org_id, member_id) REFERENCES group_members (org_id, id)
);
CREATE INDEX group_movements_member ON group_movements (org_id, member_id, held_on);
CREATE INDEX group_movements_loan ON group_movements (org_id, loan_id) WHERE loan_id IS NOT NULL;
CREATE TRIGGER group_movements_append_only BEFORE UPDATE OR DELETE ON group_movements
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

CREATE TABLE group_loans (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  member_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  principal_minor bigint NOT NULL CHECK (principal_minor > 0),
  term_months integer NOT NULL,
  rate_bps_per_month integer NOT NULL,
  disbursed_on date NOT NULL,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, meeting_id) REFERENCES meetings (org_id, id),
  FOREIGN KEY (org_id, member_id) REFERENCES group_members (org_id, id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['groups', 'group_bylaws', 'group_members', 'meetings', 'meeting_attendance',
    'group_movements', 'group_loans']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;

-- What counts: the lines and loans of meetings that have not been reversed. The views run with the rights of
-- the caller, so row-level security applies through them.
CREATE VIEW live_group_movements WITH (security_invoker = true) AS
  SELECT v.* FROM group_movements v
  JOIN meetings m ON m.org_id = v.org_id AND m.id = v.meeting_id
  WHERE m.reversed_at IS NULL;

CREATE VIEW live_group_loans WITH (security_invoker = true) AS
  SELECT l.* FROM group_loans l
  JOIN meetings m ON m.org_id = l.org_id AND m.id = l.meeting_id
  WHERE m.reversed_at IS NULL;

GRANT SELECT ON live_group_movements, live_group_loans TO moldir_app;
