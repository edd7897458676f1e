-- Bulk posting checks its keys once per statement instead of once per row (ADR 0015).
--
-- A foreign key in PostgreSQL is a trigger per inserted row that runs its own query: for a journal line two
-- such queries (its entry, its account), for an entry one (its book), and the period check was one more per
-- entry. They were most of the time of a bulk posting. The same rules are now checked by statement triggers
-- over the transition table of the inserted rows, with one join each; nothing that the foreign keys refused
-- is accepted. What the foreign keys also did, protecting the referenced rows, is done by refusing to delete
-- books, accounts and entries and to change their keys: none of them is ever deleted (entries are append-only,
-- books and accounts are deactivated, never removed).

ALTER TABLE journal_lines DROP CONSTRAINT journal_lines_org_id_entry_id_book_id_value_date_fkey;
ALTER TABLE journal_lines DROP CONSTRAINT journal_lines_org_id_book_id_account_id_fkey;
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_org_id_book_id_fkey;
-- The entry's (id, book, date) key served only the line's foreign key.
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_org_id_id_book_id_value_date_key;
DROP TRIGGER journal_entries_period_open ON journal_entries;
DROP FUNCTION moldir_check_period_open();

-- Every new line belongs to an entry of the same book and value date, and to an account of that book.
CREATE FUNCTION moldir_check_new_lines() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  missing record;
BEGIN
  SELECT l.entry_id, l.book_id, l.value_date INTO missing
    FROM (SELECT DISTINCT org_id, entry_id, book_id, value_date FROM new_lines) AS l
    WHERE NOT EXISTS (SELECT 1 FROM journal_entries e
      WHERE e.org_id = l.org_id AND e.id = l.entry_id AND e.book_id = l.book_id AND e.value_date = l.value_date)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal line of entry % (book %, %) has no such entry', missing.entry_id, missing.book_id,
      missing.value_date USING ERRCODE = '23503';
  END IF;
  SELECT l.account_id, l.book_id INTO missing
    FROM (SELECT DISTINCT org_id, book_id, account_id FROM new_lines) AS l
    WHERE NOT EXISTS (SELECT 1 FROM accounts a
      WHERE a.org_id = l.org_id AND a.book_id = l.book_id AND a.id = l.account_id)
    LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal line names account % which is not in book %', missing.account_id, missing.book_id
      USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER journal_lines_keys AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION moldir_check_new_lines();

-- Every new entry names a book of its organization, dated after the book's closed period.
CREATE FUNCTION moldir_check_new_entries() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  found_book record;
BEGIN
  SELECT e.book_id, e.first_date, b.id AS known, b.closed_through INTO found_book
    FROM (SELECT org_id, book_id, min(value_date) AS first_date FROM new_entries GROUP BY org_id, book_id) AS e
    LEFT JOIN books b ON b.org_id = e.org_id AND b.id = e.book_id
    WHERE b.id IS NULL OR e.first_date <= b.closed_through
    LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF found_book.known IS NULL THEN
    RAISE EXCEPTION 'journal entry names book % which does not exist', found_book.book_id USING ERRCODE = '23503';
  END IF;
  RAISE EXCEPTION 'the period of % is closed in book % (closed through %)', found_book.first_date,
    found_book.book_id, found_book.closed_through USING ERRCODE = 'P0001', HINT = 'period_must_be_open';
END
$$;
CREATE TRIGGER journal_entries_keys_and_period AFTER INSERT ON journal_entries
  REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION moldir_check_new_entries();

-- What the foreign keys protected: books and accounts are never deleted and keep their keys.
CREATE FUNCTION moldir_refuse_key_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  IF NEW.org_id IS DISTINCT FROM OLD.org_id OR NEW.id IS DISTINCT FROM OLD.id THEN
    RAISE EXCEPTION 'the keys of % rows never change', TG_TABLE_NAME USING ERRCODE = '42501';
  END IF;
  IF TG_TABLE_NAME = 'accounts' THEN
    -- A separate statement: books have no book_id, and PL/pgSQL resolves every field an expression names.
    IF NEW.book_id IS DISTINCT FROM OLD.book_id THEN
      RAISE EXCEPTION 'the keys of % rows never change', TG_TABLE_NAME USING ERRCODE = '42501';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER books_keys_kept BEFORE UPDATE OR DELETE ON books
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_key_change();
CREATE TRIGGER accounts_keys_kept BEFORE UPDATE OR DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_key_change();

-- Daily totals become deltas: each statement that inserts lines adds its own rows instead of updating one row
-- per (account, day). An update held the row's lock until commit, so every posting to the day's cash account
-- waited for the one before it to commit. Readers already add the rows up; a compaction merges the rows of
-- each (account, day) now and then, inside one statement, so a report sees either the deltas or their sum.
ALTER TABLE account_daily_totals DROP CONSTRAINT account_daily_totals_pkey;
CREATE INDEX account_daily_totals_by_day ON account_daily_totals (org_id, account_id, value_date)
  INCLUDE (debit_minor, credit_minor);

CREATE OR REPLACE FUNCTION moldir_add_daily_totals() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
BEGIN
  INSERT INTO account_daily_totals (org_id, account_id, value_date, debit_minor, credit_minor)
    SELECT org_id, account_id, value_date, sum(debit_minor), sum(credit_minor)
    FROM new_lines GROUP BY org_id, account_id, value_date;
  RETURN NULL;
END
$$;

-- Merges the deltas of every (account, day) that has more than one row; returns how many rows it removed.
CREATE FUNCTION moldir_compact_daily_totals() RETURNS bigint
  LANGUAGE sql SECURITY DEFINER SET search_path = public
  AS $$
  WITH split AS (
    SELECT org_id, account_id, value_date FROM account_daily_totals
    GROUP BY org_id, account_id, value_date HAVING count(*) > 1
  ), gone AS (
    DELETE FROM account_daily_totals t USING split s
    WHERE t.org_id = s.org_id AND t.account_id = s.account_id AND t.value_date = s.value_date
    RETURNING t.org_id, t.account_id, t.value_date, t.debit_minor, t.credit_minor
  ), merged AS (
    INSERT INTO account_daily_totals (org_id, account_id, value_date, debit_minor, credit_minor)
    SELECT org_id, account_id, value_date, sum(debit_minor), sum(credit_minor)
    FROM gone GROUP BY org_id, account_id, value_date
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM merged)
$$;
REVOKE EXECUTE ON FUNCTION moldir_compact_daily_totals() FROM PUBLIC;
