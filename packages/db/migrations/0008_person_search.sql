-- Searching people by name or phone with their indexes. Requests run as moldir_app under row-level security,
-- which keeps operators that are not leakproof (LIKE with trigrams, @> on the phones array) out of index scans,
-- so those searches read the whole table. This function runs as the tables' owner, where the indexes apply, and
-- confines itself to the caller's organization (moldir_org_id()), so tenancy holds as for every request. Each
-- kind of search is its own statement, planned for its own values.
CREATE FUNCTION moldir_search_persons(
  name_tokens text[], find_phone text, find_iin text, include_merged boolean, max_rows integer, skip_rows integer
) RETURNS SETOF persons
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  AS $$
DECLARE
  org uuid := moldir_org_id();
  merged_filter text := CASE WHEN include_merged THEN '' ELSE ' AND p.merged_into_id IS NULL' END;
BEGIN
  IF org IS NULL THEN
    RETURN;
  END IF;
  IF find_iin IS NOT NULL THEN
    RETURN QUERY EXECUTE 'SELECT p.* FROM persons p WHERE p.org_id = $1 AND p.iin = $2' || merged_filter
      || ' ORDER BY p.surname, p.given_name, p.id LIMIT $3 OFFSET $4'
      USING org, find_iin, max_rows, skip_rows;
  ELSIF find_phone IS NOT NULL THEN
    RETURN QUERY EXECUTE 'SELECT p.* FROM persons p WHERE p.org_id = $1 AND p.phones @> ARRAY[$2]' || merged_filter
      || ' ORDER BY p.surname, p.given_name, p.id LIMIT $3 OFFSET $4'
      USING org, find_phone, max_rows, skip_rows;
  ELSIF name_tokens IS NOT NULL AND cardinality(name_tokens) > 0 THEN
    RETURN QUERY EXECUTE 'SELECT p.* FROM persons p WHERE p.org_id = $1 AND p.name_key LIKE $2'
      || ' AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) AS t(token) WHERE p.name_key NOT LIKE ''%'' || t.token || ''%'')'
      || merged_filter
      || ' ORDER BY similarity(p.name_key, $4) DESC, p.surname, p.given_name, p.id LIMIT $5 OFFSET $6'
      USING org, '%' || name_tokens[1] || '%', name_tokens, array_to_string(name_tokens, ' '), max_rows, skip_rows;
  ELSE
    RETURN QUERY EXECUTE 'SELECT p.* FROM persons p WHERE p.org_id = $1' || merged_filter
      || ' ORDER BY p.surname, p.given_name, p.id LIMIT $2 OFFSET $3'
      USING org, max_rows, skip_rows;
  END IF;
END
$$;
REVOKE ALL ON FUNCTION moldir_search_persons(text[], text, text, boolean, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION moldir_search_persons(text[], text, text, boolean, integer, integer) TO moldir_app;
