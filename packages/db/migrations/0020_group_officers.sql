-- A group's officers (leader, bookkeeper, cashier) with their terms. A role has at most one holder on a day:
-- appointing a new one ends the previous term the day before. Terms are history, kept when members leave.
CREATE TABLE group_officers (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  group_id uuid NOT NULL,
  member_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('leader', 'bookkeeper', 'cashier')),
  from_on date NOT NULL,
  to_on date,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  FOREIGN KEY (org_id, member_id) REFERENCES group_members (org_id, id),
  CHECK (to_on IS NULL OR to_on >= from_on)
);
-- One open term per role and group.
CREATE UNIQUE INDEX group_officers_open ON group_officers (org_id, group_id, role) WHERE to_on IS NULL;
CREATE INDEX group_officers_group ON group_officers (org_id, group_id, role, from_on);

ALTER TABLE group_officers ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON group_officers USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
