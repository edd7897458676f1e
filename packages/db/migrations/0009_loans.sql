-- Micro-credit operations: loan products (versioned), loans from application to closing, and the loan's
-- event list. A loan's state as of any date is computed from its events by the domain's replay; the columns
-- kept on the loan (balances, days past due) are a projection rewritten after every event and by close of
-- business, never the source of truth. What has been posted to the ledger for a loan is kept per component,
-- so every change posts exactly the difference between what the replay says and what the books hold.

CREATE TABLE loan_products (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  code text NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  client_kind text NOT NULL CHECK (client_kind IN ('individual', 'joint_liability', 'shg')),
  loan_kind text NOT NULL CHECK (loan_kind IN ('mfo_microloan', 'bank_loan', 'federation_loan', 'group_internal_loan')),
  currency text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  -- The settings of the version in force (a copy of the newest row of loan_product_versions).
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, code)
);

CREATE TABLE loan_product_versions (
  org_id uuid NOT NULL,
  product_id uuid NOT NULL,
  version integer NOT NULL,
  settings jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  approved_by uuid,
  PRIMARY KEY (org_id, product_id, version),
  FOREIGN KEY (org_id, product_id) REFERENCES loan_products (org_id, id)
);
CREATE TRIGGER loan_product_versions_append_only BEFORE UPDATE OR DELETE ON loan_product_versions
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

-- Lending rules of an organization in force from a date (the debt burden limit).
CREATE TABLE lending_rules (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  effective_from date NOT NULL,
  debt_burden_max_percent integer NOT NULL CHECK (debt_burden_max_percent BETWEEN 1 AND 100),
  -- First day past due of each arrears bucket after "current" (1-30, 31-60, 61-90, 91+ by default).
  arrears_bucket_starts integer[] NOT NULL DEFAULT '{1,31,61,91}',
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid NOT NULL,
  PRIMARY KEY (org_id, effective_from)
);

CREATE TABLE loans (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  number integer NOT NULL,
  product_id uuid NOT NULL,
  product_version integer NOT NULL,
  client_kind text NOT NULL CHECK (client_kind IN ('individual', 'joint_liability', 'shg')),
  person_id uuid,
  group_id uuid,
  office_id uuid,
  officer_user_id uuid,
  book_id uuid NOT NULL,
  status text NOT NULL DEFAULT 'applied'
    CHECK (status IN ('applied', 'approved', 'rejected', 'active', 'closed', 'written_off')),
  principal_minor bigint NOT NULL CHECK (principal_minor > 0),
  installments integer NOT NULL CHECK (installments > 0),
  expected_disbursement_on date NOT NULL,
  first_repayment_on date,
  purpose text NOT NULL,
  monthly_income_minor bigint NOT NULL CHECK (monthly_income_minor >= 0),
  monthly_expenses_minor bigint NOT NULL CHECK (monthly_expenses_minor >= 0),
  monthly_payment_minor bigint NOT NULL,
  debt_burden_basis_points integer NOT NULL,
  -- The product's settings and the loan's own numbers, frozen at application.
  terms jsonb NOT NULL,
  gesv_tenths integer NOT NULL,
  applied_by uuid NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid,
  decided_at timestamptz,
  decision_comment text,
  disbursed_on date,
  closed_on date,
  -- Projection as of the newest event (rewritten after each event and by close of business).
  principal_outstanding_minor bigint NOT NULL DEFAULT 0,
  overdue_minor bigint NOT NULL DEFAULT 0,
  days_past_due integer NOT NULL DEFAULT 0,
  state_as_of date,
  arrears_bucket integer NOT NULL DEFAULT 0,
  -- The missed due date of the delay the borrower has been notified of (a notice within 10 days of a delay).
  arrears_notified_since date,
  -- The last business date close of business has processed for this loan.
  cob_date date,
  -- Income recognized for the loan (by close of business accruals, or by payments beyond them).
  recognized_interest_minor bigint NOT NULL DEFAULT 0,
  recognized_penalty_minor bigint NOT NULL DEFAULT 0,
  -- What the ledger holds for this loan, per component (cumulative).
  posted_disbursed_minor bigint NOT NULL DEFAULT 0,
  posted_principal_repaid_minor bigint NOT NULL DEFAULT 0,
  posted_interest_paid_minor bigint NOT NULL DEFAULT 0,
  posted_fee_paid_minor bigint NOT NULL DEFAULT 0,
  posted_penalty_paid_minor bigint NOT NULL DEFAULT 0,
  posted_overpaid_minor bigint NOT NULL DEFAULT 0,
  posted_written_off_minor bigint NOT NULL DEFAULT 0,
  posted_recovered_minor bigint NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, number),
  FOREIGN KEY (org_id, product_id) REFERENCES loan_products (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  CHECK ((person_id IS NULL) <> (group_id IS NULL))
);
CREATE INDEX loans_person ON loans (org_id, person_id);
CREATE INDEX loans_status ON loans (org_id, status);

CREATE TABLE loan_events (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  loan_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('disbursement', 'repayment', 'prepayment', 'waiver', 'reschedule',
    'write_off', 'recovery', 'reversal')),
  value_date date NOT NULL,
  amount_minor bigint CHECK (amount_minor IS NULL OR amount_minor > 0),
  -- Kind-specific data: channel, strategy, reversed event, reschedule changes.
  details jsonb NOT NULL DEFAULT '{}',
  reason text,
  entry_id uuid,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, id)
);
CREATE INDEX loan_events_loan ON loan_events (org_id, loan_id, value_date);
CREATE TRIGGER loan_events_append_only BEFORE UPDATE OR DELETE ON loan_events
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['loan_products', 'loan_product_versions', 'lending_rules', 'loans', 'loan_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;

-- Close of business: one run per organization and business date, split into chunks of loans by number. A
-- worker claims a pending chunk with FOR UPDATE SKIP LOCKED and processes it in the same transaction that
-- marks it done, so a crash leaves it pending and two workers never take the same chunk.
CREATE TABLE cob_runs (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  business_date date NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  chunk_count integer NOT NULL DEFAULT 0,
  chunks_done integer NOT NULL DEFAULT 0,
  loans_processed integer NOT NULL DEFAULT 0,
  entries_posted integer NOT NULL DEFAULT 0,
  requested_by uuid,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (org_id, business_date)
);

CREATE TABLE cob_chunks (
  org_id uuid NOT NULL,
  business_date date NOT NULL,
  chunk_no integer NOT NULL,
  first_number integer NOT NULL,
  last_number integer NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
  loans integer NOT NULL DEFAULT 0,
  done_at timestamptz,
  PRIMARY KEY (org_id, business_date, chunk_no),
  FOREIGN KEY (org_id, business_date) REFERENCES cob_runs (org_id, business_date)
);
CREATE INDEX cob_chunks_pending ON cob_chunks (status, business_date) WHERE status = 'pending';

-- Portfolio at risk as close of business saw it, kept for history: per office, officer, product and bucket.
CREATE TABLE par_snapshots (
  org_id uuid NOT NULL,
  business_date date NOT NULL,
  office_id uuid,
  officer_user_id uuid,
  product_id uuid NOT NULL,
  arrears_bucket integer NOT NULL,
  loans integer NOT NULL,
  principal_outstanding_minor bigint NOT NULL,
  overdue_minor bigint NOT NULL,
  FOREIGN KEY (org_id, business_date) REFERENCES cob_runs (org_id, business_date)
);
CREATE INDEX par_snapshots_date ON par_snapshots (org_id, business_date);
CREATE TRIGGER par_snapshots_append_only BEFORE UPDATE OR DELETE ON par_snapshots
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['cob_runs', 'cob_chunks', 'par_snapshots']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;
