-- Federations: tiers of nodes inside an organization (village organization → cluster → regional federation),
-- each node with its own book (template `federation`); the groups that belong to a node over time; office
-- bearers; community funds (eligibility rules, credit plans, loans and their repayments, posted in the node's
-- book and the group's book in one transaction); membership fees; and the federation's review of its groups'
-- grades. Groups stay rows of the same organization (docs/adr/0009-federations.md).

-- A book may now belong to a federation node as well as to the organization or a group.
DO $$
DECLARE
  c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
    WHERE conrelid = 'books'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%owner_kind%'
  LOOP
    EXECUTE format('ALTER TABLE books DROP CONSTRAINT %I', c.conname);
  END LOOP;
END
$$;
ALTER TABLE books ADD COLUMN federation_node_id uuid;
ALTER TABLE books ADD CONSTRAINT books_owner_kind_check
  CHECK (owner_kind IN ('organization', 'group', 'federation_node'));
ALTER TABLE books ADD CONSTRAINT books_owner_check CHECK (
  (owner_kind = 'group') = (group_id IS NOT NULL)
  AND (owner_kind = 'federation_node') = (federation_node_id IS NOT NULL));
CREATE UNIQUE INDEX books_of_federation_node ON books (org_id, federation_node_id)
  WHERE federation_node_id IS NOT NULL;

CREATE TABLE federation_nodes (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  parent_id uuid,
  level text NOT NULL CHECK (level IN ('village', 'cluster', 'regional')),
  name text NOT NULL,
  region_id text REFERENCES regions (id),
  formed_on date NOT NULL,
  book_id uuid NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, parent_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, book_id) REFERENCES books (org_id, id)
);
CREATE INDEX federation_nodes_parent ON federation_nodes (org_id, parent_id);

-- A group's membership of a node, from a date until a date: history is kept, a group is in one node at a time.
CREATE TABLE federation_node_groups (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  node_id uuid NOT NULL,
  group_id uuid NOT NULL,
  joined_on date NOT NULL,
  left_on date,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id),
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE UNIQUE INDEX federation_node_groups_current ON federation_node_groups (org_id, group_id) WHERE left_on IS NULL;
CREATE INDEX federation_node_groups_node ON federation_node_groups (org_id, node_id);

CREATE TABLE federation_office_bearers (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  node_id uuid NOT NULL,
  person_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('president', 'secretary', 'treasurer', 'member')),
  from_on date NOT NULL,
  until_on date,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, person_id) REFERENCES persons (org_id, id)
);

-- The rules a node lends by, per fund; a new version applies from its date.
CREATE TABLE federation_fund_rules (
  org_id uuid NOT NULL,
  node_id uuid NOT NULL,
  fund text NOT NULL CHECK (fund IN ('cif', 'rf')),
  effective_from date NOT NULL,
  rules jsonb NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, node_id, fund, effective_from),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id)
);

-- A group's credit plan: which members need how much for what; appraised, then approved or refused.
CREATE TABLE fund_applications (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  node_id uuid NOT NULL,
  group_id uuid NOT NULL,
  fund text NOT NULL CHECK (fund IN ('cif', 'rf')),
  applied_on date NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  term_months integer NOT NULL CHECK (term_months > 0),
  rate_bps_per_month integer NOT NULL CHECK (rate_bps_per_month >= 0),
  plan jsonb NOT NULL,
  eligibility jsonb NOT NULL,
  status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'refused', 'disbursed')),
  appraisal text,
  decided_by uuid,
  decided_at timestamptz,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX fund_applications_node ON fund_applications (org_id, node_id, status);

-- A loan from a node's fund to a group, posted in both books.
CREATE TABLE fund_loans (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  application_id uuid NOT NULL,
  node_id uuid NOT NULL,
  group_id uuid NOT NULL,
  fund text NOT NULL CHECK (fund IN ('cif', 'rf')),
  principal_minor bigint NOT NULL CHECK (principal_minor > 0),
  term_months integer NOT NULL CHECK (term_months > 0),
  rate_bps_per_month integer NOT NULL CHECK (rate_bps_per_month >= 0),
  disbursed_on date NOT NULL,
  node_entry_id uuid NOT NULL,
  group_entry_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, application_id),
  FOREIGN KEY (org_id, application_id) REFERENCES fund_applications (org_id, id),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX fund_loans_group ON fund_loans (org_id, group_id);
CREATE INDEX fund_loans_node ON fund_loans (org_id, node_id);

-- Repayments of a fund loan, usually at the group's meeting; append-only, posted in both books.
CREATE TABLE fund_repayments (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  loan_id uuid NOT NULL,
  paid_on date NOT NULL,
  principal_minor bigint NOT NULL CHECK (principal_minor >= 0),
  interest_minor bigint NOT NULL CHECK (interest_minor >= 0),
  node_entry_id uuid NOT NULL,
  group_entry_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, loan_id) REFERENCES fund_loans (org_id, id),
  CHECK (principal_minor + interest_minor > 0)
);
CREATE INDEX fund_repayments_loan ON fund_repayments (org_id, loan_id, paid_on);
CREATE TRIGGER fund_repayments_append_only BEFORE UPDATE OR DELETE ON fund_repayments
  FOR EACH ROW EXECUTE FUNCTION moldir_refuse_change();

-- Membership fees a group pays its node, posted in both books.
CREATE TABLE federation_fees (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  node_id uuid NOT NULL,
  group_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-[0-9]{2}$'),
  paid_on date NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  node_entry_id uuid NOT NULL,
  group_entry_id uuid NOT NULL,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, node_id, group_id, period),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);

-- The federation's review of a group's computed grade: agreed or not, with its own observations, signed off.
CREATE TABLE federation_grade_reviews (
  org_id uuid NOT NULL,
  id uuid NOT NULL,
  node_id uuid NOT NULL,
  group_id uuid NOT NULL,
  as_of date NOT NULL,
  computed_grade text NOT NULL CHECK (computed_grade IN ('A', 'B', 'C')),
  computed_rating numeric(5, 1) NOT NULL,
  agreed_grade text NOT NULL CHECK (agreed_grade IN ('A', 'B', 'C')),
  observations text,
  signed_off_by uuid NOT NULL,
  signed_off_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES groups (org_id, id)
);
CREATE INDEX federation_grade_reviews_group ON federation_grade_reviews (org_id, group_id, as_of);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['federation_nodes', 'federation_node_groups', 'federation_office_bearers',
    'federation_fund_rules', 'fund_applications', 'fund_loans', 'fund_repayments', 'federation_fees',
    'federation_grade_reviews']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id())', t);
  END LOOP;
END
$$;

-- The partner network: a network organization lists its partners (NGOs, federations) with contacts, region and
-- agreement dates. A partner on Moldir decides on its own side (network_memberships, its row) whether it shares
-- its aggregates; the network reads nothing else of it.
CREATE TABLE network_partners (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  partner_org_id uuid REFERENCES organizations (org_id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ngo', 'federation')),
  region_id text REFERENCES regions (id),
  contact_name text,
  contact_phone text,
  contact_email text,
  agreement_from date,
  agreement_until date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK (agreement_until IS NULL OR agreement_from IS NULL OR agreement_until >= agreement_from)
);
CREATE UNIQUE INDEX network_partners_org ON network_partners (org_id, partner_org_id) WHERE partner_org_id IS NOT NULL;
ALTER TABLE network_partners ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON network_partners USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());

-- Whether an organization is a network: a partner names the network it joins by its id.
CREATE FUNCTION moldir_is_network(candidate uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM organizations WHERE org_id = candidate AND kind = 'network') $$;
REVOKE ALL ON FUNCTION moldir_is_network(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_is_network(uuid) TO moldir_app;

-- The only cross-tenant read: the aggregates, as of a date, of each partner that the calling network lists AND
-- that shares its aggregates with it. Runs as the tables' owner and confines itself to the caller (moldir_org_id()),
-- which must be a network; no row, name or person of a partner leaves it, only sums and counts.
CREATE FUNCTION moldir_network_aggregates(as_of date)
  RETURNS TABLE (partner_org_id uuid, groups integer, members integer, savings_minor bigint,
    loans_outstanding_minor bigint, fund_loans_outstanding_minor bigint, federation_nodes integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
  SELECT p.partner_org_id,
    (SELECT count(*)::int FROM groups g WHERE g.org_id = p.partner_org_id AND g.formed_on <= as_of AND g.stage <> 'closed'),
    (SELECT count(*)::int FROM group_members m WHERE m.org_id = p.partner_org_id AND m.joined_on <= as_of
      AND (m.left_on IS NULL OR m.left_on > as_of)),
    (SELECT coalesce(sum(CASE WHEN v.kind = 'savings_withdrawn' THEN -v.amount_minor ELSE v.amount_minor END), 0)::bigint
      FROM group_movements v JOIN meetings x ON x.org_id = v.org_id AND x.id = v.meeting_id AND x.reversed_at IS NULL
      WHERE v.org_id = p.partner_org_id AND v.held_on <= as_of AND v.kind IN ('savings', 'shares', 'savings_withdrawn')),
    (SELECT coalesce(sum(CASE WHEN v.kind = 'loan_disbursed' THEN v.amount_minor ELSE -v.amount_minor END), 0)::bigint
      FROM group_movements v JOIN meetings x ON x.org_id = v.org_id AND x.id = v.meeting_id AND x.reversed_at IS NULL
      WHERE v.org_id = p.partner_org_id AND v.held_on <= as_of AND v.kind IN ('loan_disbursed', 'loan_principal_repaid')),
    (SELECT coalesce(sum(l.principal_minor), 0)::bigint FROM fund_loans l
      WHERE l.org_id = p.partner_org_id AND l.disbursed_on <= as_of)
      - (SELECT coalesce(sum(r.principal_minor), 0)::bigint FROM fund_repayments r
      WHERE r.org_id = p.partner_org_id AND r.paid_on <= as_of),
    (SELECT count(*)::int FROM federation_nodes n WHERE n.org_id = p.partner_org_id AND n.formed_on <= as_of)
  FROM network_partners p
  JOIN organizations me ON me.org_id = p.org_id AND me.kind = 'network'
  JOIN network_memberships s ON s.org_id = p.partner_org_id AND s.network_org_id = p.org_id AND s.shares_aggregates
  WHERE p.org_id = moldir_org_id() AND p.partner_org_id IS NOT NULL
$$;
REVOKE ALL ON FUNCTION moldir_network_aggregates(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_network_aggregates(date) TO moldir_app;

-- Formation: founding a new federation, or helping a partner NGO found one, through fixed stages (mobilization,
-- group formation, training, registration, first grading, first fund), each with a checklist (in the domain);
-- an item is done on a date with its evidence.
CREATE TABLE federation_formations (
  org_id uuid NOT NULL REFERENCES organizations (org_id),
  id uuid NOT NULL,
  name text NOT NULL,
  partner_name text,
  region_id text REFERENCES regions (id),
  node_id uuid,
  started_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, node_id) REFERENCES federation_nodes (org_id, id)
);

CREATE TABLE federation_formation_items (
  org_id uuid NOT NULL,
  formation_id uuid NOT NULL,
  item text NOT NULL,
  done_on date NOT NULL,
  evidence text NOT NULL,
  recorded_by uuid,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, formation_id, item),
  FOREIGN KEY (org_id, formation_id) REFERENCES federation_formations (org_id, id)
);

ALTER TABLE federation_formations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON federation_formations USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
ALTER TABLE federation_formation_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON federation_formation_items USING (org_id = moldir_org_id()) WITH CHECK (org_id = moldir_org_id());
