// summary: The ids of companies that some event targets, in id order (the benchmarks draw their profiles, paths and screening names from them).
// param limit: int - at most this many
// returns: id, name, country
MATCH (c:Company)
WHERE EXISTS { (c)<-[:TARGET]-(:EnforcementEvent) }
RETURN c.id AS id, c.name AS name, c.country AS country
ORDER BY id
LIMIT $limit
