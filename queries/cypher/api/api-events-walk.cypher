// summary: Events of given agents, targets or laws, filtered like /events, found by walking the date index newest first and checking each event against the anchors (for hub anchors, whose own events are too many to sort); it reads at most $budget events: those dated after the date of the ($budget+1)-th newest in range, a whole number of dates, so the page is exact within them. Newest first then by id (keyset pages); ids only.
// param agent: str or null - entity id or exact name of an acting authority
// param target: str or null - entity id or exact name of a target
// param law: str or null - entity id or exact name of a law the event was taken under
// param lower: str - index bound: keep dates >= this ("" for none; the API passes the year of `from`)
// param upper: str - index bound: keep dates <= this (the previous page's last date, or the latest day `to` may stand for)
// param budget: int - how many of the newest dated events in range the walk may read
// param from: str or null - YYYY[-MM[-DD]]; keep events that may be on or after it (partial dates count when they may be)
// param to: str or null - YYYY[-MM[-DD]]; keep events that may be on or before it
// param type: str or null - an ontology event class (Raid, Detention, ...)
// param country: str or null - ISO 3166-1 alpha-2; keep events whose acting authority or location is in this country
// param foreign: bool or null - true: keep events with a target whose home country differs from an agent's; false: only events without one
// param minSources: int - keep events reported by at least this many documents
// param minConfidence: float - keep events whose confidence (the calibrated probability of the best report) is at least this
// param minArgumentProbability: float or null - keep an agent or target only when its probability (the argument model's) is at least this; null: no bound
// param keepUnscored: bool - with a bound, an agent or target without a probability (rules alone, or written before probabilities were kept) still counts
// param limit: int - page size
// param afterDate: str or null - date of the last item of the previous page (null for the first page)
// param afterId: str - id of the last item of the previous page ("" for the first page)
// returns: id, date (rows newest first), floor (on every row: the date the walk stopped above, null when it read every dated event in range); no row when none matched
WITH COLLECT {
  MATCH (c:EnforcementEvent) WHERE c.date >= $lower AND c.date <= $upper
  WITH c.date AS d ORDER BY d DESC SKIP $budget LIMIT 1
  RETURN d
} AS cut
WITH CASE WHEN cut = [] THEN null ELSE cut[0] END AS floor
MATCH (e:EnforcementEvent)
WHERE e.date >= $lower AND e.date <= $upper AND (floor IS NULL OR e.date > floor)
  AND ($afterDate IS NULL OR e.date < $afterDate OR (e.date = $afterDate AND e.id > $afterId))
  AND ($agent IS NULL OR EXISTS { MATCH (e)-[a:AGENT]->(x:Entity)
       WHERE (x.id = $agent OR x.name = $agent)
         AND ($minArgumentProbability IS NULL OR (a.probability IS NULL AND $keepUnscored) OR a.probability >= $minArgumentProbability) })
  AND ($target IS NULL OR EXISTS { MATCH (e)-[a:TARGET]->(x:Entity)
       WHERE (x.id = $target OR x.name = $target)
         AND ($minArgumentProbability IS NULL OR (a.probability IS NULL AND $keepUnscored) OR a.probability >= $minArgumentProbability) })
  AND ($law IS NULL OR EXISTS { MATCH (e)-[:UNDER_LAW]->(x:Entity) WHERE x.id = $law OR x.name = $law })
  AND ($from IS NULL OR e.date >= left($from, size(e.date)))
  AND ($to IS NULL OR left(e.date, size($to)) <= $to)
  AND ($type IS NULL OR $type IN labels(e))
  AND coalesce(e.sourceCount, 0) >= $minSources
  AND coalesce(e.confidence, 0.0) >= $minConfidence
  AND ($country IS NULL OR EXISTS { MATCH (e)-[:AGENT|LOCATION]->(x:Entity) WHERE x.country = $country })
  AND ($foreign IS NULL OR $foreign = CASE WHEN $foreign IS NULL THEN false ELSE EXISTS {
        MATCH (ag:Entity)<-[:AGENT]-(e)-[:TARGET]->(t:Entity)
        WHERE ag.country IS NOT NULL AND t.country IS NOT NULL AND ag.country <> t.country } END)
WITH e, floor ORDER BY e.date DESC, e.id LIMIT $limit
RETURN e.id AS id, e.date AS date, floor
