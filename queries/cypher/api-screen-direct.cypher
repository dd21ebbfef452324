// summary: Screening: the events against one entity since a date (newest first, ids only), their count, and the countries of the authorities that acted.
// param id: str - the entity id
// param since: str or null - YYYY[-MM[-DD]]; events that may be on or after it (undated events are left out when given)
// param limit: int - at most this many event ids
// returns: total, jurisdictions (list of ISO codes), ids (list of event ids, newest first)
MATCH (n:Entity {id: $id})<-[:TARGET]-(e:EnforcementEvent)
WHERE $since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date)))
WITH e ORDER BY coalesce(e.date, '') DESC, e.id
WITH collect(e) AS events
RETURN size(events) AS total,
       COLLECT { UNWIND events AS e MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL
                 RETURN DISTINCT a.country ORDER BY a.country } AS jurisdictions,
       [e IN events[..$limit] | e.id] AS ids
