// summary: Dated events filtered like /events, newest first then by id, read in the order of the date index (keyset pages); ids only (see api-events-by-ids).
// param lower: str - index bound: keep dates >= this ("" for none; the API passes the year of `from`)
// param upper: str - index bound: keep dates <= this (the previous page's last date, or the latest day `to` may stand for)
// param from: str or null - YYYY[-MM[-DD]]; keep events that may be on or after it (partial dates count when they may be)
// param to: str or null - YYYY[-MM[-DD]]; keep events that may be on or before it
// param type: str or null - an ontology event class (Raid, Detention, ...)
// param country: str or null - ISO 3166-1 alpha-2; keep events whose acting authority or location is in this country
// param foreign: bool or null - true: keep events with a target whose home country differs from an agent's; false: only events without one
// param minSources: int - keep events reported by at least this many documents
// param limit: int - page size
// param afterDate: str or null - date of the last item of the previous page (null for the first page)
// param afterId: str - id of the last item of the previous page ("" for the first page)
// returns: id, date
MATCH (e:EnforcementEvent)
WHERE e.date >= $lower AND e.date <= $upper
  AND ($afterDate IS NULL OR e.date < $afterDate OR e.id > $afterId)
  AND ($from IS NULL OR (e.date IS NOT NULL AND e.date >= left($from, size(e.date))))
  AND ($to IS NULL OR (e.date IS NOT NULL AND left(e.date, size($to)) <= $to))
  AND ($type IS NULL OR $type IN labels(e))
  AND coalesce(e.sourceCount, 0) >= $minSources
  AND ($country IS NULL OR EXISTS { MATCH (e)-[:AGENT|LOCATION]->(x:Entity) WHERE x.country = $country })
  AND ($foreign IS NULL OR $foreign = CASE WHEN $foreign IS NULL THEN false ELSE EXISTS {
        MATCH (ag:Entity)<-[:AGENT]-(e)-[:TARGET]->(t:Entity)
        WHERE ag.country IS NOT NULL AND t.country IS NOT NULL AND ag.country <> t.country } END)
WITH e ORDER BY e.date DESC, e.id LIMIT $limit
RETURN e.id AS id, e.date AS date
ORDER BY date DESC, id
