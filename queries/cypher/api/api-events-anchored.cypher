// summary: Events of given agents, targets or laws (ids or exact names; an agent or target only where its probability passes the bound), filtered like /events, newest first then by id (keyset pages); ids only (see api-events-by-ids).
// param agent: str or null - entity id or exact name of an acting authority
// param target: str or null - entity id or exact name of a target
// param law: str or null - entity id or exact name of a law the event was taken under (at least one of the three is given)
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
// param afterDate: str or null - date of the last item of the previous page ("" for undated; null for the first page)
// param afterId: str - id of the last item of the previous page ("" for the first page)
// returns: id, date ("" when undated)
CALL () {
  WITH 1 AS go WHERE $agent IS NOT NULL
  MATCH (x:Entity) WHERE x.id = $agent OR x.name = $agent
  MATCH (x)<-[a:AGENT]-(e:EnforcementEvent)
  WHERE ($minArgumentProbability IS NULL OR (a.probability IS NULL AND $keepUnscored) OR a.probability >= $minArgumentProbability)
  RETURN e
  UNION
  WITH 1 AS go WHERE $agent IS NULL AND $target IS NOT NULL
  MATCH (x:Entity) WHERE x.id = $target OR x.name = $target
  MATCH (x)<-[a:TARGET]-(e:EnforcementEvent)
  WHERE ($minArgumentProbability IS NULL OR (a.probability IS NULL AND $keepUnscored) OR a.probability >= $minArgumentProbability)
  RETURN e
  UNION
  WITH 1 AS go WHERE $agent IS NULL AND $target IS NULL AND $law IS NOT NULL
  MATCH (x:Entity) WHERE x.id = $law OR x.name = $law
  MATCH (x)<-[:UNDER_LAW]-(e:EnforcementEvent)
  RETURN e
}
WITH DISTINCT e
WHERE ($afterDate IS NULL OR coalesce(e.date, '') < $afterDate
       OR (coalesce(e.date, '') = $afterDate AND e.id > $afterId))
  AND ($target IS NULL OR $agent IS NULL OR EXISTS { MATCH (e)-[a:TARGET]->(x:Entity)
       WHERE (x.id = $target OR x.name = $target)
         AND ($minArgumentProbability IS NULL OR (a.probability IS NULL AND $keepUnscored) OR a.probability >= $minArgumentProbability) })
  AND ($law IS NULL OR ($agent IS NULL AND $target IS NULL) OR EXISTS { MATCH (e)-[:UNDER_LAW]->(x:Entity) WHERE x.id = $law OR x.name = $law })
  AND ($from IS NULL OR (e.date IS NOT NULL AND e.date >= left($from, size(e.date))))
  AND ($to IS NULL OR (e.date IS NOT NULL AND left(e.date, size($to)) <= $to))
  AND ($type IS NULL OR $type IN labels(e))
  AND coalesce(e.sourceCount, 0) >= $minSources
  AND coalesce(e.confidence, 0.0) >= $minConfidence
  AND ($country IS NULL OR EXISTS { MATCH (e)-[:AGENT|LOCATION]->(x:Entity) WHERE x.country = $country })
  AND ($foreign IS NULL OR $foreign = CASE WHEN $foreign IS NULL THEN false ELSE EXISTS {
        MATCH (ag:Entity)<-[:AGENT]-(e)-[:TARGET]->(t:Entity)
        WHERE ag.country IS NOT NULL AND t.country IS NOT NULL AND ag.country <> t.country } END)
RETURN e.id AS id, coalesce(e.date, '') AS date
ORDER BY date DESC, id
LIMIT $limit
