// summary: Migration (after schema-peer-exposure-events): every firm's PeerFirm recomputed from its events, as graph-write-peer-firms keeps it, in batches of 2,000 firms (their own transactions). Counts the PeerFirm nodes written.
// access: destructive
// autocommit: true
// returns: changed (PeerFirm nodes written)
MATCH (c:Entity:Company) WHERE c.country IS NOT NULL
CALL (c) {
  CALL (c) { MATCH (f:PeerFirm {key: c.id}) DELETE f }
  CALL (c) {
    MATCH (c)<-[:TARGET]-(e:EnforcementEvent)-[:AGENT]->(a:Entity)
    WHERE a.country IS NOT NULL AND EXISTS { (e)-[:REPORTED_IN]->(:Document) }
    WITH c, a.country AS j, size(coalesce(e.date, '')) AS precision, max(coalesce(e.date, '')) AS latest
    WITH c, j + '|' + latest AS entry ORDER BY entry
    WITH c, collect(entry) AS latest
    CREATE (f:PeerFirm {key: c.id, firm: c.id, home: c.country, latest: latest})
    RETURN count(f) AS n
  }
  RETURN n
} IN TRANSACTIONS OF 2000 ROWS
RETURN coalesce(sum(n), 0) AS changed
