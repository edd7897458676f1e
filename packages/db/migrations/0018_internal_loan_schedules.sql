-- Internal loans are repaid at the group's meetings, so their schedule has one installment per meeting
-- period. The loan keeps the frequency it was given under: a group that later meets more or less often does
-- not change the schedules of loans already out. Existing loans take their group's frequency.
ALTER TABLE group_loans ADD COLUMN repayment_frequency text;
UPDATE group_loans l SET repayment_frequency = g.frequency
  FROM groups g WHERE g.org_id = l.org_id AND g.id = l.group_id;
ALTER TABLE group_loans ALTER COLUMN repayment_frequency SET NOT NULL;
ALTER TABLE group_loans ADD CONSTRAINT group_loans_repayment_frequency
  CHECK (repayment_frequency IN ('weekly', 'fortnightly', 'monthly'));

-- The view lists its columns when it is made; made again, it carries the new one (added at the end).
CREATE OR REPLACE VIEW live_group_loans WITH (security_invoker = true) AS
  SELECT l.* FROM group_loans l
  JOIN meetings m ON m.org_id = l.org_id AND m.id = l.meeting_id
  WHERE m.reversed_at IS NULL;
