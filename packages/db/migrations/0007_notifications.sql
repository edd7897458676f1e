-- The notifications outbox: a message is written in the same transaction as what caused it (a meeting, a
-- delay) and sent afterwards by a dispatcher through a provider (a local file, or an SMS gateway), so that a
-- failing gateway never loses or blocks the business transaction.
CREATE TABLE notifications (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms')),
  recipient text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('kk', 'ru', 'en')),
  template text NOT NULL,
  payload jsonb NOT NULL,
  person_id uuid,
  source_type text NOT NULL,
  source_id text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX notifications_pending ON notifications (created_at) WHERE status = 'pending';
CREATE INDEX notifications_source ON notifications (org_id, source_type, source_id);
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON notifications USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
