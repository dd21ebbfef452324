// summary: Screening's peer buckets for these events, re-derived: each event leaves the buckets it was in (a bucket left empty goes) and, while a document reports it, joins one PeerBucket per home country of the firms (Company) it targets, keyed by that country, the sorted distinct countries of its agents and the year of its date (empty when undated). Events without an agent country or a targeted firm with a country are in no bucket. A missing id only leaves.
// access: destructive
// param ids: list[str] - event ids (written, retracted, or of an entity whose country or type changed)
// returns: linked (bucket memberships now held by these events)
UNWIND $ids AS id
CALL (id) {
  MATCH (b:PeerBucket)-[r:PEER_EVENT]->(:EnforcementEvent {id: id})
  DELETE r
  WITH DISTINCT b WHERE NOT EXISTS { (b)-[:PEER_EVENT]->() }
  DELETE b
}
CALL (id) {
  MATCH (e:EnforcementEvent {id: id})
  WHERE EXISTS { (e)-[:REPORTED_IN]->(:Document) }
  WITH e, COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL
                    RETURN DISTINCT a.country AS c ORDER BY c } AS agents
  WHERE size(agents) > 0
  UNWIND COLLECT { MATCH (e)-[:TARGET]->(c:Entity:Company) WHERE c.country IS NOT NULL
                   RETURN DISTINCT c.country } AS home
  WITH e, agents, home, left(coalesce(e.date, ''), 4) AS period
  MERGE (b:PeerBucket {key: home + '|' + reduce(s = '', x IN agents | s + x + ',') + '|' + period})
  ON CREATE SET b.home = home, b.agents = agents, b.period = period
  CREATE (b)-[:PEER_EVENT]->(e)
  RETURN count(*) AS n
}
RETURN coalesce(sum(n), 0) AS linked
