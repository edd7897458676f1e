-- Savings-group cycles, share-outs, opening balances and the organization's grading rubric.
--
-- A share-out and an opening-balances entry are recorded like a meeting (one row of `meetings`, one command
-- with a client-made id applied once, its passbook lines in `group_movements`), told apart by `kind`, so that
-- balances, passbooks and corrections read them the same way.
ALTER TABLE meetings ADD COLUMN kind text NOT NULL DEFAULT 'meeting'
  CHECK (kind IN ('meeting', 'share_out', 'opening'));

ALTER TABLE group_movements DROP CONSTRAINT group_movements_kind_check;
ALTER TABLE group_movements ADD CONSTRAINT group_movements_kind_check CHECK (kind IN ('savings', 'shares',
  'social_fund', 'loan_disbursed', 'loan_principal_repaid', 'loan_interest_paid', 'fine', 'savings_withdrawn',
  'share_out_profit', 'share_out_loss', 'loan_written_off'));

-- The cycles of a VSLA. Cycle 1 starts when the group is formed and has no row until it ends; a share-out ends
-- the current cycle (with what it paid) and starts the next one.
CREATE TABLE group_cycles (
  org_id uuid NOT NULL,
  group_id uuid NOT NULL,
  number integer NOT NULL CHECK (number >= 1),
  started_on date NOT NULL,
  ended_on date,
  share_out_id uuid,
  share_out jsonb,
  PRIMARY KEY (org_id, group_id, number),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  FOREIGN KEY (org_id, share_out_id) REFERENCES meetings (org_id, id),
  CHECK ((ended_on IS NULL) = (share_out_id IS NULL))
);
CREATE UNIQUE INDEX group_cycles_open ON group_cycles (org_id, group_id) WHERE ended_on IS NULL;

-- The grading rubric of an organization, effective-dated; without a row the default Panchasutra rubric applies.
CREATE TABLE grading_rubrics (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  effective_from date NOT NULL,
  rubric jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, effective_from)
);

ALTER TABLE group_cycles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON group_cycles USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
ALTER TABLE grading_rubrics ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON grading_rubrics USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
