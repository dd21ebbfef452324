// summary: Migration (after schema-peer-exposure-events): every firm's PeerFirm nodes recomputed from its events, as graph-write-peer-firms keeps them, in batches of 2,000 firms (their own transactions). Counts the PeerFirm nodes written.
// access: destructive
// autocommit: true
// returns: changed (PeerFirm nodes written)
MATCH (c:Entity:Company) WHERE c.country IS NOT NULL
CALL (c) {
  CALL (c) { MATCH (f:PeerFirm {firm: c.id}) DELETE f }
  CALL (c) {
    MATCH (c)<-[:TARGET]-(e:EnforcementEvent)
    WHERE EXISTS { (e)-[:REPORTED_IN]->(:Document) }
    WITH c, e, COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL
                         RETURN DISTINCT a.country AS x ORDER BY x } AS agents
    WHERE size(agents) > 0
    WITH c, agents, e.date AS date
    WITH c, agents, size(date) AS precision, max(date) AS latest ORDER BY precision
    WITH c, agents, collect(latest) AS latest
    CREATE (f:PeerFirm {key: c.id + '|' + reduce(s = '', x IN agents | s + x + ','), firm: c.id, home: c.country,
                        agents: agents, latest: [d IN latest WHERE d IS NOT NULL]})
    RETURN count(f) AS n
  }
  RETURN n
} IN TRANSACTIONS OF 2000 ROWS
RETURN coalesce(sum(n), 0) AS changed
