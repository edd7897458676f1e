-- Close of business touches a narrow row per loan each night instead of the wide loan row (ADR 0023).
--
-- loan_accruals holds what close of business changes every day for every running loan: the interest it has
-- recognized and the last business date that closed it. The loan row (about 1.4 KB, mostly its frozen terms)
-- is left alone on a quiet day. A loan is quiet on a day when it has no new event and nothing falls past due:
-- its interest earned that day is then known in advance. When close of business replays a loan, it keeps here
-- the interest to recognize through the end of the replayed date and of each following quiet day
-- (quiet_interest[1] is quiet_from itself, already the greater of interest earned and interest paid), with the
-- loan's book, product and number, so that a quiet day is closed from this table alone. An event on the loan
-- (the loan service) sets the recognized interest it posted and clears the quiet days.
CREATE TABLE loan_accruals (
  org_id uuid NOT NULL,
  loan_id uuid NOT NULL,
  number integer NOT NULL,
  book_id uuid NOT NULL,
  product_id uuid NOT NULL,
  recognized_interest_minor bigint NOT NULL DEFAULT 0,
  cob_date date,
  quiet_from date,
  quiet_interest bigint[],
  PRIMARY KEY (org_id, loan_id),
  FOREIGN KEY (org_id, loan_id) REFERENCES loans (org_id, id),
  CHECK ((quiet_from IS NULL) = (quiet_interest IS NULL))
) WITH (fillfactor = 70);
-- Close of business takes a chunk of loans by number. Neither indexed column ever changes, so the nightly
-- updates stay HOT (ADR 0019).
CREATE INDEX loan_accruals_by_number ON loan_accruals (org_id, number);

ALTER TABLE loan_accruals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON loan_accruals USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());

INSERT INTO loan_accruals (org_id, loan_id, number, book_id, product_id, recognized_interest_minor, cob_date)
  SELECT org_id, id, number, book_id, product_id, recognized_interest_minor, cob_date
  FROM loans
  WHERE recognized_interest_minor <> 0 OR cob_date IS NOT NULL;

ALTER TABLE loans DROP COLUMN recognized_interest_minor, DROP COLUMN cob_date;
