// summary: Undated events filtered like /events (without date bounds), in id order (keyset pages); the tail of /events after every dated event; ids only.
// param type: str or null - an ontology event class (Raid, Detention, ...)
// param country: str or null - ISO 3166-1 alpha-2; keep events whose acting authority or location is in this country
// param foreign: bool or null - true: keep events with a target whose home country differs from an agent's; false: only events without one
// param minSources: int - keep events reported by at least this many documents
// param limit: int - page size
// param afterId: str - id of the last item of the previous page ("" for the first page)
// returns: id, date (always "")
MATCH (e:EnforcementEvent)
WHERE e.date IS NULL AND e.id > $afterId
  AND ($type IS NULL OR $type IN labels(e))
  AND coalesce(e.sourceCount, 0) >= $minSources
  AND ($country IS NULL OR EXISTS { MATCH (e)-[:AGENT|LOCATION]->(x:Entity) WHERE x.country = $country })
  AND ($foreign IS NULL OR $foreign = CASE WHEN $foreign IS NULL THEN false ELSE EXISTS {
        MATCH (ag:Entity)<-[:AGENT]-(e)-[:TARGET]->(t:Entity)
        WHERE ag.country IS NOT NULL AND t.country IS NOT NULL AND ag.country <> t.country } END)
RETURN e.id AS id, '' AS date
ORDER BY id
LIMIT $limit
