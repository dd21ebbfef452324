// summary: Screening's per-firm exposure for these entities, recomputed from their events: a firm (Company with a country) gets one PeerFirm per distinct sorted set of its events' agent countries, holding its home country and the latest event date of each precision (shortest first: YYYY, YYYY-MM, YYYY-MM-DD) among those events; what the entity held before goes. An id that is not such a firm (any more) is only cleared.
// access: destructive
// param ids: list[str] - entity ids (written, retracted, targets of re-derived events)
// returns: firms (PeerFirm nodes now held by these entities)
UNWIND $ids AS id
CALL (id) {
  MATCH (f:PeerFirm {firm: id})
  DELETE f
}
CALL (id) {
  MATCH (c:Entity:Company {id: id})
  WHERE c.country IS NOT NULL
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
RETURN coalesce(sum(n), 0) AS firms
