// summary: Entities whose name or aliases match a full-text query, best match first then by id, filtered by type and country (keyset pages after a score and id).
// param query: str - a Lucene query over Entity.searchText, built by the API from escaped words (never raw input)
// param candidates: int - how many best index matches to consider before filtering
// param type: str or null - an ontology entity class (Company, Person, ..., or Actor)
// param country: str or null - ISO 3166-1 alpha-2 code
// param afterScore: float or null - score of the last item of the previous page (null for the first page)
// param afterId: str - id of the last item of the previous page ("" for the first page)
// param limit: int - page size (the API asks one more to know whether a next page exists)
// returns: id, labels, name, aliases, country, sourceCount, score
CALL db.index.fulltext.queryNodes('entity_names', $query, {limit: $candidates}) YIELD node, score
WITH node, score
WHERE node:Entity
  AND ($type IS NULL OR $type IN labels(node))
  AND ($country IS NULL OR node.country = $country)
  AND ($afterScore IS NULL OR score < $afterScore OR (score = $afterScore AND node.id > $afterId))
RETURN node.id AS id, labels(node) AS labels, node.name AS name, coalesce(node.aliases, []) AS aliases,
       node.country AS country, node.sourceCount AS sourceCount, score
ORDER BY score DESC, id
LIMIT $limit
