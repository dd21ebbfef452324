// summary: Recompute entities' name, aliases, search text, name keys, members, merges, confidence, source count and first-seen sequence from the documents that report them. Stamps recordedAt (the time of the change, for deltas).
// access: write
// param ids: list[str] - entity ids
// returns: refreshed (number of entities)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)-[r:REPORTED_IN]->(d:Document)
  RETURN count(r) AS sources, min(coalesce(d.sequence, 0)) AS firstSeen, max(r.confidence) AS confidence, collect(r.names) AS nameLists,
         collect(r.nameKeys) AS keyLists, collect(r.baseIds) AS baseLists, collect(r.mergeRule) AS rules
}
WITH n, sources, firstSeen, confidence, nameLists,
     COLLECT { UNWIND keyLists AS ks UNWIND ks AS k RETURN DISTINCT k ORDER BY k } AS keys,
     COLLECT { UNWIND baseLists AS bs UNWIND bs AS b RETURN DISTINCT b ORDER BY b } AS members,
     COLLECT { UNWIND rules AS x RETURN DISTINCT x ORDER BY x } AS merges,
     // the name most reports use first; ties go to the fuller name
     head(COLLECT { UNWIND nameLists AS names WITH names[0] AS x, count(*) AS c
                    RETURN x ORDER BY c DESC, size(x) DESC, x LIMIT 1 }) AS best
WITH n, sources, firstSeen, confidence, nameLists, keys, members, merges, coalesce(best, n.name) AS name
WITH n, sources, firstSeen, confidence, keys, members, merges, name,
     COLLECT { UNWIND nameLists AS names UNWIND names AS x WITH DISTINCT x WHERE x <> name RETURN x ORDER BY x } AS aliases
SET n.recordedAt = datetime.transaction(), n.name = name, n.sourceCount = sources, n.firstSeen = firstSeen, n.confidence = confidence, n.aliases = aliases,
    n.nameKeys = keys, n.memberIds = members, n.merges = merges,
    n.searchText = reduce(s = name, a IN aliases | s + ' | ' + a),
    n.externalIds = COLLECT { UNWIND coalesce(n.externalIds, []) AS x RETURN x ORDER BY x }
RETURN count(n) AS refreshed
