-- Foundation: the role that requests run as, and the setting that names the request's organization.
--
-- Tenancy is enforced twice: every query is scoped by the request's organization, and row-level security
-- refuses other organizations' rows even if a query forgets. Superusers bypass row-level security, so the
-- application switches to the unprivileged role `moldir_app` (SET LOCAL ROLE) inside each request's
-- transaction and names the organization with SET LOCAL moldir.org_id.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'moldir_app') THEN
    CREATE ROLE moldir_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO moldir_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO moldir_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO moldir_app;

-- The organization of the current transaction, or null when none is set.
CREATE FUNCTION moldir_org_id() RETURNS uuid
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('moldir.org_id', true), '')::uuid $$;

-- Refuses UPDATE and DELETE on append-only tables (journal lines, audit events).
CREATE FUNCTION moldir_refuse_change() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  RAISE EXCEPTION 'rows of % are append-only: % is refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'P0001', HINT = 'post a reversal instead';
END
$$;
