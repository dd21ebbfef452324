// summary: Screening's per-firm exposure for these entities, recomputed from their events: a firm (Company with a country) reported acted against by authorities with a country gets one PeerFirm (keyed by its id) holding its home country and, for each acting country and date precision, the latest date ("CN|2024-05-06", "CN|2023", "CN|" for undated events); what the entity held before goes. An id that is not such a firm (any more) is only cleared.
// access: destructive
// param ids: list[str] - entity ids (written, retracted, targets of re-derived events)
// returns: firms (PeerFirm nodes now held by these entities)
UNWIND $ids AS id
CALL (id) {
  MATCH (f:PeerFirm {key: id})
  DELETE f
}
CALL (id) {
  MATCH (c:Entity:Company {id: id})
  WHERE c.country IS NOT NULL
  MATCH (c)<-[:TARGET]-(e:EnforcementEvent)-[:AGENT]->(a:Entity)
  WHERE a.country IS NOT NULL AND EXISTS { (e)-[:REPORTED_IN]->(:Document) }
  WITH c, a.country AS j, size(coalesce(e.date, '')) AS precision, max(coalesce(e.date, '')) AS latest
  WITH c, j + '|' + latest AS entry ORDER BY entry
  WITH c, collect(entry) AS latest
  CREATE (f:PeerFirm {key: c.id, firm: c.id, home: c.country, latest: latest})
  RETURN count(f) AS n
}
RETURN coalesce(sum(n), 0) AS firms
