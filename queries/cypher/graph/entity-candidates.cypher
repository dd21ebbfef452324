// summary: Entities in the graph that share a normalised name with the given keys: the candidates resolution compares new reports with.
// param keys: list[str] - normalised names (name keys) of the new reports
// returns: id, labels, names (name and aliases), country, externalIds, memberIds, firstSeen (smallest sequence of its documents)
MATCH (n:Entity)
WHERE any(k IN coalesce(n.nameKeys, []) WHERE k IN $keys)
  AND EXISTS { (n)-[:REPORTED_IN]->(:Document) }
RETURN n.id AS id, labels(n) AS labels, [n.name] + coalesce(n.aliases, []) AS names, n.country AS country,
       coalesce(n.externalIds, []) AS externalIds, coalesce(n.memberIds, [n.id]) AS memberIds,
       coalesce(n.firstSeen, 0) AS firstSeen
ORDER BY id
