-- The portfolio of today without reading the wide loan rows (ADR 0024).
--
-- The live portfolio and PAR report (reports.ts, `liveParRows`) grouped every running loan by office, officer
-- or product and days past due. Reading them from `loans` read the whole table: ~1,376 bytes a row (mostly the
-- frozen `terms`) on half-full pages (fillfactor 50, migration 0021), ~9 s at 1,000,000 loans. `loan_positions`
-- keeps only what that report reads, one narrow row (~110–130 bytes) per running loan, kept by the database:
-- - a row trigger on `loans` writes it when a loan is inserted running, and on an update only when one of the
--   columns it copies changes (the WHEN condition is checked before anything is queued, so a close of business
--   update that leaves them as they were — every loan paid on time — costs nothing more, and stays HOT);
-- - a loan that stops running (closed, written off) loses its row, so the table holds only running loans and
--   does not grow with history; the report needs no status filter.
-- No column of `loans` is indexed here: close of business writes days past due and the balances, and an index on
-- any of them would make its updates non-HOT again (ADR 0019).

CREATE TABLE loan_positions (
  org_id uuid NOT NULL,
  loan_id uuid NOT NULL,
  product_id uuid NOT NULL,
  -- The 8-byte columns before the 4-byte one (no padding), the columns that may be null last (the columns
  -- before the first null keep their cached offsets when a row is read).
  principal_outstanding_minor bigint NOT NULL,
  overdue_minor bigint NOT NULL,
  days_past_due integer NOT NULL,
  office_id uuid,
  officer_user_id uuid,
  PRIMARY KEY (org_id, loan_id),
  FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, id)
);

-- Copies a running loan's position, or takes away the row of a loan that stopped running.
CREATE FUNCTION moldir_keep_loan_position() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  IF NEW.status = 'active' THEN
    UPDATE loan_positions SET product_id = NEW.product_id,
        principal_outstanding_minor = NEW.principal_outstanding_minor, overdue_minor = NEW.overdue_minor,
        days_past_due = NEW.days_past_due, office_id = NEW.office_id, officer_user_id = NEW.officer_user_id
      WHERE org_id = NEW.org_id AND loan_id = NEW.id;
    -- The loan row is locked by this transaction, so no other one can add its position meanwhile.
    IF NOT FOUND THEN
      INSERT INTO loan_positions (org_id, loan_id, product_id, principal_outstanding_minor, overdue_minor,
          days_past_due, office_id, officer_user_id)
        VALUES (NEW.org_id, NEW.id, NEW.product_id, NEW.principal_outstanding_minor, NEW.overdue_minor,
          NEW.days_past_due, NEW.office_id, NEW.officer_user_id);
    END IF;
  ELSE
    DELETE FROM loan_positions WHERE org_id = NEW.org_id AND loan_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER loans_keep_position_on_insert AFTER INSERT ON loans
  FOR EACH ROW WHEN (NEW.status = 'active')
  EXECUTE FUNCTION moldir_keep_loan_position();
-- A loan's org_id and id never change (nothing updates them; they are its key everywhere).
CREATE TRIGGER loans_keep_position_on_update AFTER UPDATE ON loans
  FOR EACH ROW WHEN ((OLD.status = 'active' OR NEW.status = 'active') AND (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.office_id IS DISTINCT FROM NEW.office_id
    OR OLD.officer_user_id IS DISTINCT FROM NEW.officer_user_id
    OR OLD.product_id IS DISTINCT FROM NEW.product_id
    OR OLD.principal_outstanding_minor IS DISTINCT FROM NEW.principal_outstanding_minor
    OR OLD.overdue_minor IS DISTINCT FROM NEW.overdue_minor
    OR OLD.days_past_due IS DISTINCT FROM NEW.days_past_due))
  EXECUTE FUNCTION moldir_keep_loan_position();

-- The loans running now.
INSERT INTO loan_positions (org_id, loan_id, product_id, principal_outstanding_minor, overdue_minor, days_past_due,
    office_id, officer_user_id)
  SELECT org_id, id, product_id, principal_outstanding_minor, overdue_minor, days_past_due, office_id,
    officer_user_id
  FROM loans WHERE status = 'active';

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['loan_positions']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;
-- Only the trigger writes the positions.
REVOKE INSERT, UPDATE, DELETE ON loan_positions FROM moldir_app;
