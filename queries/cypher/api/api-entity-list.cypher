// summary: Entities in id order, filtered by type and country (keyset pages after an id); the list /entities gives without search text.
// param type: str or null - an ontology entity class (Company, Person, ..., or Actor)
// param country: str or null - ISO 3166-1 alpha-2 code
// param afterId: str - id of the last item of the previous page ("" for the first page)
// param limit: int - page size
// returns: id, labels, name, aliases, country, sourceCount, score (always null)
MATCH (n:Entity)
WHERE n.id > $afterId
  AND ($type IS NULL OR $type IN labels(n))
  AND ($country IS NULL OR n.country = $country)
RETURN n.id AS id, labels(n) AS labels, n.name AS name, coalesce(n.aliases, []) AS aliases, n.country AS country,
       n.sourceCount AS sourceCount, null AS score
ORDER BY id
LIMIT $limit
