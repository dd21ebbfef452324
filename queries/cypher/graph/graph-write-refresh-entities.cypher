// summary: Bring entities' name, aliases, search text, name keys, members, merges, confidence, source count, first-seen sequence and lead-name counts up to date. Entities in `ids` are recomputed from every report (after reports were withdrawn; for repair). Entities the documents in `docIds` report are updated (but not from the `restored` reports they already held) from the summary kept on the node plus those documents' reports alone, which must all be new in this transaction (so a hub's thousands of reports are not re-read); an entity without a kept summary yet (new, or from an older graph) is recomputed. Stamps recordedAt (the time of the change, for deltas). Links each entity to the NameKey nodes of exactly its nameKeys (deleting key nodes no entity holds any more).
// access: destructive
// param ids: list[str] - entity ids to recompute from all their reports
// param docIds: list[str] - documents whose reports were all written in this transaction ([] for a recompute only)
// param restored: map - entity id -> documents among docIds whose reports of that entity were retracted and written back unchanged in this transaction (not added again to its kept summary); {} when none
// returns: refreshed (number of entities)
CALL () {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})-[r:REPORTED_IN]->(d:Document)
  RETURN n, r, d, true AS full
  UNION ALL
  UNWIND $docIds AS docId
  MATCH (d:Document {id: docId})<-[r:REPORTED_IN]-(n:Entity)
  WHERE n.leadNameCounts IS NOT NULL AND NOT n.id IN $ids AND NOT docId IN coalesce($restored[n.id], [])
  RETURN n, r, d, false AS full
  UNION ALL
  UNWIND $docIds AS docId
  MATCH (:Document {id: docId})<-[:REPORTED_IN]-(n:Entity)
  WHERE n.leadNameCounts IS NULL AND NOT n.id IN $ids
  WITH DISTINCT n
  MATCH (n)-[r:REPORTED_IN]->(d:Document)
  RETURN n, r, d, true AS full
}
WITH n, full, count(r) AS sources, min(coalesce(d.sequence, 0)) AS firstSeen, max(r.confidence) AS confidence,
     collect(r.names) AS nameLists, collect(r.nameKeys) AS keyLists, collect(r.baseIds) AS baseLists,
     collect(r.mergeRule) AS rules
// what the reports add to: nothing when recomputed, else the summary the node keeps
WITH n, CASE WHEN full THEN sources ELSE n.sourceCount + sources END AS sources,
     CASE WHEN full OR firstSeen < n.firstSeen THEN firstSeen ELSE n.firstSeen END AS firstSeen,
     CASE WHEN full OR n.confidence IS NULL OR confidence > n.confidence THEN confidence ELSE n.confidence END AS confidence,
     // how many reports use each name first (kept, so that new reports update it without a re-read)
     CASE WHEN full THEN [] ELSE [i IN range(0, size(n.leadNames) - 1) | {x: n.leadNames[i], c: n.leadNameCounts[i]}] END
       + [names IN nameLists WHERE names[0] IS NOT NULL | {x: names[0], c: 1}] AS leadRows,
     CASE WHEN full THEN [] ELSE [[n.name] + coalesce(n.aliases, [])] END + nameLists AS nameLists,
     CASE WHEN full THEN [] ELSE [n.nameKeys] END + keyLists AS keyLists,
     CASE WHEN full THEN [] ELSE [n.memberIds] END + baseLists AS baseLists,
     CASE WHEN full THEN [] ELSE coalesce(n.merges, []) END + rules AS rules
WITH n, sources, firstSeen, confidence, nameLists,
     COLLECT { UNWIND leadRows AS l WITH l.x AS x, sum(l.c) AS c RETURN {x: x, c: c} AS lead ORDER BY lead.x } AS leads,
     COLLECT { UNWIND keyLists AS ks UNWIND ks AS k RETURN DISTINCT k ORDER BY k } AS keys,
     COLLECT { UNWIND baseLists AS bs UNWIND bs AS b RETURN DISTINCT b ORDER BY b } AS members,
     COLLECT { UNWIND rules AS x RETURN DISTINCT x ORDER BY x } AS merges
// the name most reports use first; ties go to the fuller name
WITH n, sources, firstSeen, confidence, nameLists, leads, keys, members, merges,
     coalesce(head(COLLECT { UNWIND leads AS l RETURN l.x AS x ORDER BY l.c DESC, size(l.x) DESC, l.x LIMIT 1 }),
              n.name) AS name
WITH n, sources, firstSeen, confidence, leads, keys, members, merges, name,
     COLLECT { UNWIND nameLists AS names UNWIND names AS x WITH DISTINCT x WHERE x <> name RETURN x ORDER BY x } AS aliases
SET n.recordedAt = datetime.transaction(), n.name = name, n.sourceCount = sources, n.firstSeen = firstSeen,
    n.confidence = confidence, n.aliases = aliases, n.nameKeys = keys, n.memberIds = members, n.merges = merges,
    n.leadNames = [l IN leads | l.x], n.leadNameCounts = [l IN leads | l.c],
    n.searchText = reduce(s = name, a IN aliases | s + ' | ' + a),
    n.externalIds = COLLECT { UNWIND coalesce(n.externalIds, []) AS x RETURN x ORDER BY x }
// the NameKey links follow nameKeys in this statement, so resolution's seek (`entity-candidates`) is exact;
// a key node its last entity lets go of goes with it
WITH n, keys
CALL (n, keys) {
  MATCH (n)-[h:HAS_NAME_KEY]->(k:NameKey) WHERE NOT k.key IN keys
  DELETE h
  WITH k WHERE NOT EXISTS { (k)<-[:HAS_NAME_KEY]-(:Entity) }
  DELETE k
}
CALL (n, keys) {
  UNWIND keys AS key
  MERGE (k:NameKey {key: key})
  MERGE (n)-[:HAS_NAME_KEY]->(k)
}
RETURN count(n) AS refreshed
