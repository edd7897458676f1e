-- What the loan reports read instead of replaying loans or reading every event (issue 8, ADR 0020).
--
-- 1. loan_daily_flows: money paid out and principal repaid, per organization and value date, as the loan
--    service posted them (each event's `details.posted`). A trigger adds one delta row per inserting statement
--    (as account_daily_totals do since 0017: no row lock shared by concurrent repayments); the rows of a day
--    are merged when a close of business finishes. A reversal takes back what the event it reverses posted,
--    on that event's date, so the sums are net of reversals. The portfolio report adds up the rows to a date
--    instead of reading the JSON of every event.
-- 2. loan_flow_snapshots: those sums as of a business date, kept when its close of business finishes, beside
--    the PAR snapshot of the same date: a report as of a closed date never changes, even when a payment is
--    later back-dated into it.
-- 3. loan_due_states: each loan's installments due on or after the day of its last event, as that event's
--    replay left them (scheduled and still open, principal + interest + fees), written by the loan service
--    with the loan's version. The loan officer's day reads the installments due today from it; a loan whose
--    row is missing, older than the loan, or not final for today (recalculated interest) is replayed.

CREATE TABLE loan_daily_flows (
  org_id uuid NOT NULL,
  value_date date NOT NULL,
  disbursed_minor bigint NOT NULL,
  principal_repaid_minor bigint NOT NULL
);
CREATE INDEX loan_daily_flows_by_day ON loan_daily_flows (org_id, value_date)
  INCLUDE (disbursed_minor, principal_repaid_minor);

-- What a set of new events posted, per organization and value date, net of what reversed events had posted.
CREATE FUNCTION moldir_add_loan_flows() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  INSERT INTO loan_daily_flows (org_id, value_date, disbursed_minor, principal_repaid_minor)
    SELECT e.org_id, e.value_date,
      sum(coalesce((e.details->'posted'->>'disbursed')::bigint, 0)
        - coalesce((r.details->'posted'->>'disbursed')::bigint, 0)),
      sum(coalesce((e.details->'posted'->>'principal')::bigint, 0)
        - coalesce((r.details->'posted'->>'principal')::bigint, 0))
    FROM new_events e
    LEFT JOIN loan_events r ON e.kind = 'reversal' AND r.org_id = e.org_id AND r.loan_id = e.loan_id
      AND r.id = (e.details->>'reversedEventId')::uuid AND r.entry_id IS NOT NULL
    GROUP BY e.org_id, e.value_date
    HAVING sum(coalesce((e.details->'posted'->>'disbursed')::bigint, 0)
        - coalesce((r.details->'posted'->>'disbursed')::bigint, 0)) <> 0
      OR sum(coalesce((e.details->'posted'->>'principal')::bigint, 0)
        - coalesce((r.details->'posted'->>'principal')::bigint, 0)) <> 0;
  RETURN NULL;
END
$$;
CREATE TRIGGER loan_events_add_flows AFTER INSERT ON loan_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION moldir_add_loan_flows();

-- The events already recorded, the same way (the reversed event is always older than its reversal).
INSERT INTO loan_daily_flows (org_id, value_date, disbursed_minor, principal_repaid_minor)
  SELECT e.org_id, e.value_date,
    sum(coalesce((e.details->'posted'->>'disbursed')::bigint, 0)
      - coalesce((r.details->'posted'->>'disbursed')::bigint, 0)),
    sum(coalesce((e.details->'posted'->>'principal')::bigint, 0)
      - coalesce((r.details->'posted'->>'principal')::bigint, 0))
  FROM loan_events e
  LEFT JOIN loan_events r ON e.kind = 'reversal' AND r.org_id = e.org_id AND r.loan_id = e.loan_id
    AND r.id = (e.details->>'reversedEventId')::uuid AND r.entry_id IS NOT NULL
  GROUP BY e.org_id, e.value_date;

CREATE TABLE loan_flow_snapshots (
  org_id uuid NOT NULL,
  business_date date NOT NULL,
  disbursed_minor bigint NOT NULL,
  principal_repaid_minor bigint NOT NULL,
  PRIMARY KEY (org_id, business_date),
  FOREIGN KEY (org_id, business_date) REFERENCES cob_runs (org_id, business_date)
);
CREATE TRIGGER loan_flow_snapshots_append_only BEFORE UPDATE OR DELETE ON loan_flow_snapshots
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

-- When a business date's close of business finishes: merge the organization's flow deltas (one row a day
-- again) and keep the sums to that date. Rows added meanwhile by other transactions are not seen by the
-- statement, so they are neither merged nor lost.
CREATE FUNCTION moldir_keep_loan_flow_snapshot() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  WITH split AS (
    SELECT value_date FROM loan_daily_flows WHERE org_id = NEW.org_id
    GROUP BY value_date HAVING count(*) > 1
  ), gone AS (
    DELETE FROM loan_daily_flows f USING split s
    WHERE f.org_id = NEW.org_id AND f.value_date = s.value_date
    RETURNING f.value_date, f.disbursed_minor, f.principal_repaid_minor
  )
  INSERT INTO loan_daily_flows (org_id, value_date, disbursed_minor, principal_repaid_minor)
    SELECT NEW.org_id, value_date, sum(disbursed_minor), sum(principal_repaid_minor)
    FROM gone GROUP BY value_date;
  INSERT INTO loan_flow_snapshots (org_id, business_date, disbursed_minor, principal_repaid_minor)
    SELECT NEW.org_id, NEW.business_date, coalesce(sum(disbursed_minor), 0),
      coalesce(sum(principal_repaid_minor), 0)
    FROM loan_daily_flows WHERE org_id = NEW.org_id AND value_date <= NEW.business_date
  ON CONFLICT (org_id, business_date) DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER cob_runs_keep_loan_flows AFTER UPDATE OF status ON cob_runs
  FOR EACH ROW WHEN (OLD.status <> 'done' AND NEW.status = 'done')
  EXECUTE FUNCTION moldir_keep_loan_flow_snapshot();

-- The dates closed before this migration: their sums as the events now say.
INSERT INTO loan_flow_snapshots (org_id, business_date, disbursed_minor, principal_repaid_minor)
  SELECT r.org_id, r.business_date, coalesce(sum(f.disbursed_minor), 0),
    coalesce(sum(f.principal_repaid_minor), 0)
  FROM cob_runs r
  LEFT JOIN loan_daily_flows f ON f.org_id = r.org_id AND f.value_date <= r.business_date
  WHERE r.status = 'done'
  GROUP BY r.org_id, r.business_date;

CREATE TABLE loan_due_states (
  org_id uuid NOT NULL,
  loan_id uuid NOT NULL,
  -- The loan's version the row was written with (an older row is ignored).
  loan_version integer NOT NULL,
  -- The day the loan was replayed to; only installments due on or after it are kept.
  as_of date NOT NULL,
  -- [due date, scheduled minor, open minor, final] per installment: principal + interest + fees; "final" is
  -- false when recalculated interest may still change the installment after `as_of`.
  installments jsonb NOT NULL,
  PRIMARY KEY (org_id, loan_id),
  FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['loan_daily_flows', 'loan_flow_snapshots', 'loan_due_states']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;
-- Only the triggers write the flows and their snapshots.
REVOKE INSERT, UPDATE, DELETE ON loan_daily_flows, loan_flow_snapshots FROM moldir_app;
