-- People: one record per person, whatever her roles; households; consent to processing personal data;
-- merges of duplicates. Names are searched through a Latin search key with trigram indexes, so that a search
-- typed in either script finds the person.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE persons (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  surname text NOT NULL,
  given_name text NOT NULL,
  patronymic text,
  -- Latin search key of the whole name (domain: personNameKey).
  name_key text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('female', 'male')),
  birth_date date,
  iin text CHECK (iin ~ '^[0-9]{12}$'),
  phones text[] NOT NULL DEFAULT '{}',
  address text,
  region_id text REFERENCES regions (id),
  documents jsonb NOT NULL DEFAULT '[]',
  vulnerabilities text[] NOT NULL DEFAULT '{}',
  income_band text,
  dependants integer CHECK (dependants BETWEEN 0 AND 30),
  languages text[] NOT NULL DEFAULT '{}',
  -- Set when this record was merged into another; the record stays for history and unmerge.
  merged_into_id uuid,
  -- Set when personal fields were pseudonymized at the person's request.
  erased_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, merged_into_id) REFERENCES persons (org_id, id)
);
CREATE UNIQUE INDEX persons_iin ON persons (org_id, iin) WHERE iin IS NOT NULL AND merged_into_id IS NULL;
CREATE INDEX persons_name_key ON persons USING gin (name_key gin_trgm_ops);
CREATE INDEX persons_birth_date ON persons (org_id, birth_date);
CREATE INDEX persons_phones ON persons USING gin (phones);

CREATE TABLE households (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  name text NOT NULL,
  address text,
  region_id text REFERENCES regions (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id)
);

CREATE TABLE household_members (
  org_id uuid NOT NULL,
  household_id uuid NOT NULL,
  person_id uuid NOT NULL,
  relationship text NOT NULL,
  joined_on date,
  left_on date,
  PRIMARY KEY (org_id, household_id, person_id),
  FOREIGN KEY (org_id, household_id) REFERENCES households (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);
CREATE INDEX household_members_person ON household_members (org_id, person_id);

CREATE TABLE consents (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  person_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('membership', 'credit', 'project', 'photo', 'network_sharing')),
  given_on date NOT NULL,
  valid_until date,
  withdrawn_on date,
  allows_third_parties boolean NOT NULL DEFAULT false,
  allows_cross_border boolean NOT NULL DEFAULT false,
  document text,
  recorded_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id),
  CHECK (valid_until IS NULL OR valid_until >= given_on),
  CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);
CREATE INDEX consents_person ON consents (org_id, person_id, purpose);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['persons', 'households', 'household_members', 'consents']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;

-- A merge of a duplicate record into the surviving one: what the survivor looked like before, and which rows
-- moved, so that the merge can be undone from the audit trail.
CREATE TABLE person_merges (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  survivor_id uuid NOT NULL,
  duplicate_id uuid NOT NULL,
  survivor_before jsonb NOT NULL,
  filled_fields text[] NOT NULL,
  moved jsonb NOT NULL,
  merged_at timestamptz NOT NULL DEFAULT now(),
  unmerged_at timestamptz,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, survivor_id) REFERENCES persons (org_id, id),
  FOREIGN KEY (org_id, duplicate_id) REFERENCES persons (org_id, id)
);
ALTER TABLE person_merges ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON person_merges USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
