-- A group repays its federation's community fund loan at its meeting: the repayment remembers the meeting
-- that paid it (NULL when recorded on its own).
ALTER TABLE fund_repayments ADD COLUMN meeting_id uuid;
CREATE INDEX fund_repayments_meeting ON fund_repayments (org_id, meeting_id) WHERE meeting_id IS NOT NULL;
