-- Named data shared with a network, with consent. A partner decides on its own side (its network_memberships
-- row) whether it shares named data with a network besides its aggregates; even then the network reads only the
-- members who consented to sharing with the network and to transfer to third parties, on the date asked: name,
-- sex, year of birth, group and region. Never an IIN, a phone, an address or an amount.
ALTER TABLE network_memberships ADD COLUMN shares_named_data boolean NOT NULL DEFAULT false;

CREATE FUNCTION moldir_network_named_members(partner uuid, as_of date, max_rows integer)
  RETURNS TABLE (person_id uuid, surname text, given_name text, patronymic text, sex text, birth_year integer,
    group_name text, region_id text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
  SELECT p.id, p.surname, p.given_name, p.patronymic, p.sex, extract(year FROM p.birth_date)::int, g.name,
    coalesce(g.region_id, p.region_id)
  FROM network_partners np
  JOIN organizations me ON me.org_id = np.org_id AND me.kind = 'network'
  JOIN network_memberships s ON s.org_id = np.partner_org_id AND s.network_org_id = np.org_id
    AND s.shares_named_data
  JOIN group_members m ON m.org_id = np.partner_org_id AND m.joined_on <= as_of
    AND (m.left_on IS NULL OR m.left_on > as_of)
  JOIN groups g ON g.org_id = m.org_id AND g.id = m.group_id
  JOIN persons p ON p.org_id = m.org_id AND p.id = m.person_id AND p.erased_at IS NULL
  WHERE np.org_id = moldir_org_id() AND np.partner_org_id = partner
    AND EXISTS (SELECT 1 FROM consents c
      WHERE c.org_id = p.org_id AND c.person_id = p.id AND c.purpose = 'network_sharing' AND c.allows_third_parties
        AND c.given_on <= as_of AND (c.valid_until IS NULL OR c.valid_until >= as_of)
        AND (c.withdrawn_on IS NULL OR c.withdrawn_on > as_of))
  ORDER BY p.surname, p.given_name, p.id
  LIMIT max_rows
$$;
REVOKE ALL ON FUNCTION moldir_network_named_members(uuid, date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_network_named_members(uuid, date, integer) TO moldir_app;

-- The directory of networks an organization may join: their ids and names, nothing else.
CREATE FUNCTION moldir_networks()
  RETURNS TABLE (org_id uuid, name_kk text, name_ru text, name_en text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT org_id, name_kk, name_ru, name_en FROM organizations WHERE kind = 'network' ORDER BY name_en LIMIT 500 $$;
REVOKE ALL ON FUNCTION moldir_networks() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_networks() TO moldir_app;

-- The organizations that say they belong to the calling network (their ids, kinds, names and regions), so that
-- the network can list them as partners; what they share is read only through the functions above.
CREATE FUNCTION moldir_network_joiners()
  RETURNS TABLE (org_id uuid, kind text, name_kk text, name_ru text, name_en text, region_id text, joined_on date)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
  SELECT o.org_id, o.kind, o.name_kk, o.name_ru, o.name_en, o.region_id, s.joined_on
  FROM network_memberships s JOIN organizations o ON o.org_id = s.org_id
  WHERE s.network_org_id = moldir_org_id()
  ORDER BY o.name_en LIMIT 500
$$;
REVOKE ALL ON FUNCTION moldir_network_joiners() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_network_joiners() TO moldir_app;
