-- Joint-liability groups as guarantee circles: members of a group guarantee each other's individual loans
-- (a guarantee links a loan to a guarantor who belongs to the same group as the borrower). And a borrower's
-- request to change the terms of her loan within 30 days of a delay, tracked to its decision (and the
-- rescheduling it led to). docs/adr/0012-guarantee-circles-and-term-change-requests.md

CREATE TABLE loan_guarantees (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  loan_id uuid NOT NULL,
  group_id uuid NOT NULL,
  guarantor_person_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  FOREIGN KEY (org_id, guarantor_person_id) REFERENCES persons (org_id, id),
  UNIQUE (org_id, loan_id, guarantor_person_id)
);
CREATE INDEX loan_guarantees_guarantor ON loan_guarantees (org_id, guarantor_person_id);

CREATE TABLE loan_term_change_requests (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  loan_id uuid NOT NULL,
  received_on date NOT NULL,
  -- The first day of the delay the request is about, and the last day the law lets her ask (30 days on).
  delay_started_on date NOT NULL,
  window_ends_on date NOT NULL,
  -- The last day the organization may answer.
  answer_due_on date NOT NULL,
  proposal text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decision_reason text,
  decided_by uuid,
  decided_at timestamptz,
  reschedule_event_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, id),
  FOREIGN KEY (org_id, reschedule_event_id) REFERENCES loan_events (org_id, id),
  CHECK (received_on <= window_ends_on),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'approved' OR reschedule_event_id IS NOT NULL)
);
CREATE UNIQUE INDEX loan_term_change_requests_pending ON loan_term_change_requests (org_id, loan_id)
  WHERE status = 'pending';
CREATE INDEX loan_term_change_requests_loan ON loan_term_change_requests (org_id, loan_id);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['loan_guarantees', 'loan_term_change_requests']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;

-- Close of business skips the replay of a written-off loan whose events have not changed since its last run:
-- the number of its events (to the business date) that run replayed.
ALTER TABLE loans ADD COLUMN cob_event_count integer;
