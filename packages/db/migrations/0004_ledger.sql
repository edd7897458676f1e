-- The general ledger: books, charts of accounts, journal entries and lines, closed periods, and daily totals
-- per account for fast statements as of any date.
--
-- Three guards keep every entry balanced: the domain checks a draft when it is built, the server checks an
-- entry when it reads it back, and here a deferred constraint trigger checks, when the transaction commits,
-- that each entry's lines add up to equal debits and credits. Entries and lines are append-only; a
-- correction is a reversal. Composite foreign keys keep each line in its entry's book and on its value date,
-- and each account in the same book.

-- A book belongs to the organization or to one of its self-help groups.
CREATE TABLE books (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  owner_kind text NOT NULL CHECK (owner_kind IN ('organization', 'group')),
  group_id uuid,
  template text NOT NULL CHECK (template IN ('mco', 'federation', 'shg', 'ngo')),
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  currency text NOT NULL DEFAULT 'KZT' CHECK (currency ~ '^[A-Z]{3}$'),
  -- Postings dated on or before this day are refused: the periods up to it are closed.
  closed_through date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((owner_kind = 'group') = (group_id IS NOT NULL))
);
CREATE UNIQUE INDEX books_of_organization ON books (org_id) WHERE owner_kind = 'organization';
CREATE UNIQUE INDEX books_of_group ON books (org_id, group_id) WHERE group_id IS NOT NULL;

CREATE TABLE accounts (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  book_id uuid NOT NULL,
  parent_id uuid,
  code text NOT NULL CHECK (code ~ '^[0-9A-Za-z.\-]{1,20}$'),
  type text NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  is_header boolean NOT NULL DEFAULT false,
  purpose text,
  is_active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, book_id, id),
  UNIQUE (org_id, book_id, code),
  FOREIGN KEY (org_id, book_id) REFERENCES books (org_id, id),
  FOREIGN KEY (org_id, book_id, parent_id) REFERENCES accounts (org_id, book_id, id)
);
CREATE UNIQUE INDEX accounts_purpose ON accounts (org_id, book_id, purpose) WHERE purpose IS NOT NULL;

-- The order in which entries were posted, across the installation.
CREATE SEQUENCE journal_entry_seq;
GRANT USAGE ON SEQUENCE journal_entry_seq TO moldir_app;

CREATE TABLE journal_entries (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  book_id uuid NOT NULL,
  seq bigint NOT NULL DEFAULT nextval('journal_entry_seq'),
  value_date date NOT NULL,
  posted_at timestamptz NOT NULL DEFAULT now(),
  source_type text NOT NULL,
  source_id text,
  narration text NOT NULL CHECK (length(narration) BETWEEN 1 AND 2000),
  reverses_entry_id uuid,
  reversal_reason text,
  total_minor bigint NOT NULL CHECK (total_minor > 0),
  line_count integer NOT NULL CHECK (line_count >= 2),
  created_by uuid,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, id, book_id, value_date),
  FOREIGN KEY (org_id, book_id) REFERENCES books (org_id, id),
  FOREIGN KEY (org_id, reverses_entry_id) REFERENCES journal_entries (org_id, id),
  CHECK ((reverses_entry_id IS NULL) = (reversal_reason IS NULL))
);
-- An entry is reversed at most once.
CREATE UNIQUE INDEX journal_entries_reversed_once ON journal_entries (org_id, reverses_entry_id) WHERE reverses_entry_id IS NOT NULL;
CREATE INDEX journal_entries_book_date ON journal_entries (org_id, book_id, value_date, seq);
CREATE INDEX journal_entries_source ON journal_entries (org_id, source_type, source_id);

CREATE TABLE journal_lines (
  org_id uuid NOT NULL,
  entry_id uuid NOT NULL,
  line_no integer NOT NULL CHECK (line_no >= 1),
  book_id uuid NOT NULL,
  account_id uuid NOT NULL,
  value_date date NOT NULL,
  debit_minor bigint NOT NULL DEFAULT 0,
  credit_minor bigint NOT NULL DEFAULT 0,
  project_id uuid,
  memo text,
  PRIMARY KEY (org_id, entry_id, line_no),
  FOREIGN KEY (org_id, entry_id, book_id, value_date) REFERENCES journal_entries (org_id, id, book_id, value_date),
  FOREIGN KEY (org_id, book_id, account_id) REFERENCES accounts (org_id, book_id, id),
  CHECK (debit_minor >= 0 AND credit_minor >= 0 AND (debit_minor = 0) <> (credit_minor = 0))
);
CREATE INDEX journal_lines_account ON journal_lines (org_id, account_id, value_date) INCLUDE (debit_minor, credit_minor);
CREATE INDEX journal_lines_project ON journal_lines (org_id, project_id) WHERE project_id IS NOT NULL;

CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

-- At commit: the lines of each new entry balance and match the entry's totals.
CREATE FUNCTION moldir_check_entry_balance() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  debits numeric;
  credits numeric;
  lines integer;
BEGIN
  SELECT coalesce(sum(debit_minor), 0), coalesce(sum(credit_minor), 0), count(*)
    INTO debits, credits, lines
    FROM journal_lines WHERE org_id = NEW.org_id AND entry_id = NEW.id;
  IF debits <> credits OR debits <> NEW.total_minor OR lines <> NEW.line_count THEN
    RAISE EXCEPTION 'journal entry % does not balance: debits %, credits %, total %, lines % of %',
      NEW.id, debits, credits, NEW.total_minor, lines, NEW.line_count
      USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION moldir_check_entry_balance();

-- No posting into a closed period, whatever path it takes.
CREATE FUNCTION moldir_check_period_open() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  closed date;
BEGIN
  SELECT closed_through INTO closed FROM books WHERE org_id = NEW.org_id AND id = NEW.book_id;
  IF closed IS NOT NULL AND NEW.value_date <= closed THEN
    RAISE EXCEPTION 'the period of % is closed in book % (closed through %)', NEW.value_date, NEW.book_id, closed
      USING ERRCODE = 'P0001', HINT = 'period_must_be_open';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_entries_period_open BEFORE INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION moldir_check_period_open();

-- Debits and credits per account and value date: statements as of any date add these up instead of every
-- line. Kept by a statement trigger, so every way of inserting lines keeps them; rebuildable from the lines.
CREATE TABLE account_daily_totals (
  org_id uuid NOT NULL,
  account_id uuid NOT NULL,
  value_date date NOT NULL,
  debit_minor bigint NOT NULL,
  credit_minor bigint NOT NULL,
  PRIMARY KEY (org_id, account_id, value_date)
);

CREATE FUNCTION moldir_add_daily_totals() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  INSERT INTO account_daily_totals AS t (org_id, account_id, value_date, debit_minor, credit_minor)
    SELECT org_id, account_id, value_date, sum(debit_minor), sum(credit_minor)
    FROM new_lines GROUP BY org_id, account_id, value_date
  ON CONFLICT (org_id, account_id, value_date) DO UPDATE
    SET debit_minor = t.debit_minor + excluded.debit_minor, credit_minor = t.credit_minor + excluded.credit_minor;
  RETURN NULL;
END
$$;
CREATE TRIGGER journal_lines_daily_totals AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION moldir_add_daily_totals();

-- A log of closing and reopening periods.
CREATE TABLE ledger_period_events (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  book_id uuid NOT NULL,
  event text NOT NULL CHECK (event IN ('close', 'reopen', 'year_end_close')),
  closed_through_before date,
  closed_through_after date,
  entry_id uuid,
  user_id uuid,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, book_id) REFERENCES books (org_id, id)
);
CREATE TRIGGER ledger_period_events_append_only BEFORE UPDATE OR DELETE ON ledger_period_events
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['books', 'accounts', 'journal_entries', 'journal_lines', 'account_daily_totals',
    'ledger_period_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;
-- Requests read the daily totals; only the trigger writes them.
REVOKE INSERT, UPDATE, DELETE ON account_daily_totals FROM moldir_app;
