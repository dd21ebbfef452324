// summary: Entities in the graph that share a normalised name with the given keys: the candidates resolution compares new reports with. A scan of every entity (cost grows with the graph): the full-text index seek (`entity-candidates-indexed`) missed existing entities now and then inside the write transaction, which split entities on a rewrite; resolution must see every candidate.
// param keys: list[str] - normalised names (name keys) of the new reports
// returns: id, labels, names (name and aliases), country, externalIds, memberIds, firstSeen (smallest sequence of its documents)
MATCH (n:Entity)
WHERE any(k IN coalesce(n.nameKeys, []) WHERE k IN $keys)
  AND EXISTS { (n)-[:REPORTED_IN]->(:Document) }
RETURN n.id AS id, labels(n) AS labels, [n.name] + coalesce(n.aliases, []) AS names, n.country AS country,
       coalesce(n.externalIds, []) AS externalIds, coalesce(n.memberIds, [n.id]) AS memberIds,
       coalesce(n.firstSeen, 0) AS firstSeen
ORDER BY id
