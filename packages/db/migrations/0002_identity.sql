-- Identity and tenancy: regions, organizations, offices, users, roles, sessions, API tokens, audit, four-eyes
-- approvals and idempotency keys.
--
-- Tenant tables carry org_id and a primary key that begins with it (docs/adr/0002-ids-and-keys.md). Row-level
-- security binds the role moldir_app, which owns nothing; the server switches to it in every request's
-- transaction. Tables that only the server's own security code touches (users' secrets, sessions, login
-- attempts) are not granted to moldir_app at all.

-- The connection's user must be able to SET ROLE moldir_app (a superuser always can).
DO $$
BEGIN
  EXECUTE format('GRANT moldir_app TO %I', current_user);
EXCEPTION WHEN others THEN
  NULL;
END
$$;

-- The user of the current transaction, or null.
CREATE FUNCTION moldir_user_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('moldir.user_id', true), '')::uuid $$;

-- Regions of Kazakhstan (oblast or city of republican significance → district → settlement): reference data.
CREATE TABLE regions (
  id text PRIMARY KEY,
  parent_id text REFERENCES regions (id),
  level text NOT NULL CHECK (level IN ('oblast', 'city', 'district', 'settlement')),
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL
);
REVOKE INSERT, UPDATE, DELETE ON regions FROM moldir_app;

CREATE TABLE organizations (
  org_id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('network', 'ngo', 'federation', 'mco')),
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  bin text CHECK (bin ~ '^[0-9]{12}$'),
  region_id text REFERENCES regions (id),
  phone text,
  email text,
  address text,
  currency text NOT NULL DEFAULT 'KZT' CHECK (currency ~ '^[A-Z]{3}$'),
  time_zone text NOT NULL DEFAULT 'Asia/Almaty',
  require_two_factor_for_admins boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_bin ON organizations (bin) WHERE bin IS NOT NULL;

-- A member organization of a network, and whether it shares its aggregates with the network.
CREATE TABLE network_memberships (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  network_org_id uuid NOT NULL REFERENCES organizations (org_id),
  joined_on date NOT NULL,
  shares_aggregates boolean NOT NULL DEFAULT true,
  PRIMARY KEY (org_id, network_org_id)
);

CREATE TABLE offices (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  parent_id uuid,
  name_kk text NOT NULL,
  name_ru text NOT NULL,
  name_en text NOT NULL,
  region_id text REFERENCES regions (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES offices (org_id, id)
);

-- People who log in. Global: one person may work for several organizations.
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text,
  phone text,
  display_name text NOT NULL,
  preferred_locale text NOT NULL DEFAULT 'ru' CHECK (preferred_locale IN ('kk', 'ru', 'en')),
  is_disabled boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX users_phone ON users (phone) WHERE phone IS NOT NULL;

-- Users' secrets, never visible to moldir_app.
CREATE TABLE user_credentials (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  totp_secret text,
  totp_enabled_at timestamptz,
  locked_until timestamptz
);
REVOKE ALL ON user_credentials FROM moldir_app;
-- An administrator creates users with their first password inside her organization's transaction: she may
-- write a credential, never read one.
GRANT INSERT ON user_credentials TO moldir_app;

CREATE TABLE memberships (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  user_id uuid NOT NULL REFERENCES users (id),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE role_assignments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL,
  scope_kind text NOT NULL CHECK (scope_kind IN ('organization', 'office', 'federation', 'group')),
  scope_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id),
  CHECK ((scope_kind = 'organization') = (scope_id IS NULL))
);
CREATE UNIQUE INDEX role_assignments_unique
  ON role_assignments (org_id, user_id, role, scope_kind, coalesce(scope_id, '00000000-0000-0000-0000-000000000000'));

-- Sessions of the web app: the cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  org_id uuid REFERENCES organizations (org_id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  is_second_factor_pending boolean NOT NULL DEFAULT false
);
CREATE INDEX sessions_user ON sessions (user_id);
REVOKE ALL ON sessions FROM moldir_app;

-- Failed and successful logins, to limit guessing per account and per address.
CREATE TABLE login_attempts (
  at timestamptz NOT NULL DEFAULT now(),
  login_hash bytea NOT NULL,
  address text NOT NULL,
  succeeded boolean NOT NULL
);
CREATE INDEX login_attempts_login ON login_attempts (login_hash, at);
CREATE INDEX login_attempts_address ON login_attempts (address, at);
REVOKE ALL ON login_attempts FROM moldir_app;

-- Security events that belong to no organization (logins, lockouts), append-only.
CREATE TABLE security_events (
  id uuid PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid,
  address text,
  event text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'
);
REVOKE ALL ON security_events FROM moldir_app;
CREATE TRIGGER security_events_append_only BEFORE UPDATE OR DELETE ON security_events
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

-- API tokens for integrations: shown once, stored as SHA-256, limited to some permissions, expiring.
CREATE TABLE api_tokens (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  permissions text[] NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id)
);

-- Every mutation, append-only: who, where from, what, which record, a summary with personal data masked.
CREATE TABLE audit_events (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_address text,
  action text NOT NULL,
  record_type text NOT NULL,
  record_id text,
  summary jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_events_at ON audit_events (org_id, at DESC);
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

-- Which actions need a second person in this organization.
CREATE TABLE approval_policies (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  action text NOT NULL,
  requires_approval boolean NOT NULL,
  PRIMARY KEY (org_id, action)
);

-- An action waiting for a second person: the full request, who made it, and what became of it.
CREATE TABLE pending_actions (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  action text NOT NULL,
  payload jsonb NOT NULL,
  summary jsonb NOT NULL DEFAULT '{}',
  maker_user_id uuid NOT NULL,
  made_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  checker_user_id uuid,
  decided_at timestamptz,
  decision_comment text,
  result jsonb,
  PRIMARY KEY (org_id, id),
  CHECK (checker_user_id IS NULL OR checker_user_id <> maker_user_id)
);
CREATE INDEX pending_actions_status ON pending_actions (org_id, status, made_at);

-- The first answer to each Idempotency-Key, per organization and user.
CREATE TABLE idempotency_keys (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  user_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id, key)
);

-- Row-level security: moldir_app sees only the rows of the organization named by moldir.org_id.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON organizations USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['network_memberships', 'offices', 'memberships', 'role_assignments', 'api_tokens',
    'audit_events', 'approval_policies', 'pending_actions', 'idempotency_keys']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;

-- A user is visible to moldir_app when she is the current user or a member of the current organization.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY self_or_member ON users
  USING (id = moldir_user_id() OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id))
  WITH CHECK (true);

-- Finds a user by email or phone across organizations, so that an organization can add a person who already
-- works elsewhere without seeing anything else about her. Runs with the rights of its owner.
CREATE FUNCTION moldir_find_user(find_email text, find_phone text) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT id FROM users
    WHERE (find_email IS NOT NULL AND lower(email) = lower(find_email))
       OR (find_phone IS NOT NULL AND phone = find_phone)
    ORDER BY created_at
    LIMIT 1
  $$;
REVOKE ALL ON FUNCTION moldir_find_user(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_find_user(text, text) TO moldir_app;
