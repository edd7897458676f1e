-- Close of business accrues a loan with no new event and nothing past due without replaying it (ADR 0023).
-- When a loan is replayed, close of business keeps the interest it will have earned through the end of each
-- following day while it stays quiet (nothing falls past due, no penalty, the same principal): element i is the
-- day cob_quiet_from + i. The days hold while the loan's version is the one they were computed at (every
-- event bumps the version) and no event already recorded is dated in them. Not indexed: close of business
-- writes these columns, and its updates must stay HOT (ADR 0019).
ALTER TABLE loans
  ADD COLUMN cob_quiet_version integer,
  ADD COLUMN cob_quiet_from date,
  ADD COLUMN cob_quiet_interest bigint[];
