// summary: Migration (run by `schema.apply` on a graph written before screening's peer buckets, and in full after a restore): link every reported event from the PeerBucket of each home country of the firms it targets (its sorted agent countries and the year of its date, as graph-write-peer-events keeps them) and drop links that differ, in batches of 10,000 events (their own transactions); schema-peer-exposure-empty then drops buckets left empty. Idempotent: a graph in step only pays the read.
// access: destructive
// autocommit: true
// returns: changed (links created or removed)
MATCH (e:EnforcementEvent)
CALL (e) {
  WITH e, COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL
                    RETURN DISTINCT a.country AS c ORDER BY c } AS agents
  WITH e, agents, left(coalesce(e.date, ''), 4) AS period,
       CASE WHEN size(agents) = 0 OR NOT EXISTS { (e)-[:REPORTED_IN]->(:Document) } THEN []
            ELSE COLLECT { MATCH (e)-[:TARGET]->(c:Entity:Company) WHERE c.country IS NOT NULL
                           RETURN DISTINCT c.country } END AS homes
  WITH e, agents, period, [h IN homes | h + '|' + reduce(s = '', x IN agents | s + x + ',') + '|' + period] AS keys
  CALL (e, keys) {
    MATCH (b:PeerBucket)-[r:PEER_EVENT]->(e)
    WHERE NOT b.key IN keys
    DELETE r
    RETURN count(r) AS removed
  }
  CALL (e, agents, period, keys) {
    UNWIND keys AS key
    WITH key WHERE NOT EXISTS { (:PeerBucket {key: key})-[:PEER_EVENT]->(e) }
    MERGE (b:PeerBucket {key: key})
    ON CREATE SET b.home = split(key, '|')[0], b.agents = agents, b.period = period
    CREATE (b)-[:PEER_EVENT]->(e)
    RETURN count(*) AS added
  }
  RETURN removed + added AS n
} IN TRANSACTIONS OF 10000 ROWS
RETURN coalesce(sum(n), 0) AS changed
