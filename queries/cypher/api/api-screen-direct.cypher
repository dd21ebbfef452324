// summary: Screening: the events against one entity, split by a date (counted: on or after it; earlier; undated), the counted ones by type (ids newest first), and the countries of the authorities that acted.
// param id: str - the entity id
// param since: str or null - YYYY[-MM[-DD]]; with null every event is counted
// param limit: int - at most this many event ids
// returns: total, earlier, undated (counts of every and left-out events), jurisdictions (ISO codes), byType (list of {labels, count}), ids (counted event ids, newest first)
MATCH (n:Entity {id: $id})<-[:TARGET]-(e:EnforcementEvent)
WITH e, CASE WHEN $since IS NULL THEN 'counted'
             WHEN e.date IS NULL THEN 'undated'
             WHEN e.date >= left($since, size(e.date)) THEN 'counted'
             ELSE 'earlier' END AS window
ORDER BY coalesce(e.date, '') DESC, e.id
WITH collect({e: e, window: window}) AS rows
WITH rows, [x IN rows WHERE x.window = 'counted' | x.e] AS counted
RETURN size(rows) AS total,
       size([x IN rows WHERE x.window = 'earlier']) AS earlier,
       size([x IN rows WHERE x.window = 'undated']) AS undated,
       COLLECT { UNWIND rows AS x WITH x.e AS e MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL
                 RETURN DISTINCT a.country ORDER BY a.country } AS jurisdictions,
       COLLECT { UNWIND counted AS e WITH labels(e) AS labels, count(*) AS n
                 RETURN {labels: labels, count: n} ORDER BY n DESC } AS byType,
       [e IN counted[..$limit] | e.id] AS ids
