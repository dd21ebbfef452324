// summary: Entities in the graph that share a normalised name with the given keys: the candidates resolution compares new reports with. An exact seek: each key's NameKey node through its uniqueness index, then the entities linked to it (the writer links them in the statement that sets nameKeys, so the seek sees the transaction's own writes), so the cost follows the keys and their matches, not the number of entities.
// param keys: list[str] - normalised names (name keys) of the new reports
// returns: id, labels, names (name and aliases), country, externalIds, memberIds, firstSeen (smallest sequence of its documents)
UNWIND $keys AS key
MATCH (:NameKey {key: key})<-[:HAS_NAME_KEY]-(n:Entity)
WITH DISTINCT n
WHERE EXISTS { (n)-[:REPORTED_IN]->(:Document) }
RETURN n.id AS id, labels(n) AS labels, [n.name] + coalesce(n.aliases, []) AS names, n.country AS country,
       coalesce(n.externalIds, []) AS externalIds, coalesce(n.memberIds, [n.id]) AS memberIds,
       coalesce(n.firstSeen, 0) AS firstSeen
ORDER BY id
