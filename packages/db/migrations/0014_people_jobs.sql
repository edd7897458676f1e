-- People, continued: who registered a person (so that a user scoped to some groups still sees the persons she
-- registered before they joined a group), an index for the list's keyset paging, and import jobs: a large
-- file is checked and written by the server in chunks while the screen polls the job's progress.

ALTER TABLE persons ADD COLUMN created_by uuid;
CREATE INDEX persons_list_order ON persons (org_id, surname, given_name, id);

CREATE TABLE person_import_jobs (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  mode text NOT NULL CHECK (mode IN ('dry_run', 'commit')),
  skip_invalid boolean NOT NULL DEFAULT false,
  format text NOT NULL CHECK (format IN ('csv', 'xlsx')),
  locale text NOT NULL CHECK (locale IN ('kk', 'ru', 'en')),
  -- The file as sent; cleared once a commit has finished, kept after a dry run for the commit that follows.
  file bytea,
  file_digest text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  total_rows integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  -- Counts by status and the rows that are not ok, once the whole file was checked.
  counts jsonb,
  problem_rows jsonb,
  created_count integer NOT NULL DEFAULT 0,
  -- The refusal (an error code of the catalogue and its details) of a failed job.
  error jsonb,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (processed_rows <= total_rows)
);
ALTER TABLE person_import_jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON person_import_jobs USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
