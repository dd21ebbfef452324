// summary: Recompute entities' aliases, search text, confidence and source count from the documents that report them.
// param ids: list[str] - entity ids
// returns: refreshed (number of entities)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:REPORTED_IN]->(:Document)
  RETURN count(r) AS sources, max(r.confidence) AS confidence, collect(r.names) AS nameLists
}
WITH n, sources, confidence,
     COLLECT { UNWIND nameLists AS names UNWIND names AS x WITH DISTINCT x WHERE x <> n.name RETURN x ORDER BY x } AS aliases
SET n.sourceCount = sources, n.confidence = confidence, n.aliases = aliases,
    n.searchText = reduce(s = n.name, a IN aliases | s + ' | ' + a),
    n.externalIds = COLLECT { UNWIND coalesce(n.externalIds, []) AS x RETURN x ORDER BY x }
RETURN count(n) AS refreshed
