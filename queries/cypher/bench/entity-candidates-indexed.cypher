// summary: NOT used by the writer (bench/bench_candidates.py only): what `entity-candidates` answers, found through the full-text index. Written in sample-twice loops, it missed existing entities now and then (the rewritten graph split a person in two; the scan never did in the same loops), so the writer went back to the scan until a transactionally exact seek replaces it. Entities that share a normalised name with the given keys, found through the full-text index of name keys (keyword analyzer: one exact term per key; keys asked in chunks of 500 to stay under Lucene's clause limit), so the cost follows the keys and their matches, not the number of entities; the match is checked exactly after the seek.
// param keys: list[str] - normalised names (name keys) of the new reports
// returns: id, labels, names (name and aliases), country, externalIds, memberIds, firstSeen (smallest sequence of its documents)
UNWIND range(0, size($keys) - 1, 500) AS start
CALL (start) {
  WITH [k IN $keys[start..start + 500] WHERE k <> ''
        | 'nameKeys:"' + replace(replace(k, '\\', '\\\\'), '"', '\\"') + '"'] AS terms
  WITH terms WHERE terms <> []
  CALL db.index.fulltext.queryNodes('entity_name_keys', reduce(q = head(terms), t IN tail(terms) | q + ' OR ' + t))
    YIELD node
  RETURN node
}
WITH DISTINCT node AS n
WHERE any(k IN coalesce(n.nameKeys, []) WHERE k IN $keys)
  AND EXISTS { (n)-[:REPORTED_IN]->(:Document) }
RETURN n.id AS id, labels(n) AS labels, [n.name] + coalesce(n.aliases, []) AS names, n.country AS country,
       coalesce(n.externalIds, []) AS externalIds, coalesce(n.memberIds, [n.id]) AS memberIds,
       coalesce(n.firstSeen, 0) AS firstSeen
ORDER BY id
