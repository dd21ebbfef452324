// summary: Screening: events against other firms (Company) of a home country by authorities of given jurisdictions, split by a date (counted: on or after it; earlier; undated); counts and the newest counted event ids (aggregated without holding the events in memory).
// param home: str - ISO code of the screened firm's home country
// param jurisdictions: list[str] - ISO codes of the acting jurisdictions
// param since: str or null - YYYY[-MM[-DD]]; with null every event is counted
// param exclude: str - id of the screened entity (not its own peer; "" when it is not in the graph)
// param limit: int - at most this many event ids
// returns: events (counted), firms (firms hit by counted events), earlier, undated (left-out counts), ids (newest counted event ids)
CALL () {
  MATCH (c:Entity:Company {country: $home})<-[:TARGET]-(e:EnforcementEvent)
  WHERE c.id <> $exclude
    AND EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
  WITH e, c, CASE WHEN $since IS NULL THEN 'counted'
                  WHEN e.date IS NULL THEN 'undated'
                  WHEN e.date >= left($since, size(e.date)) THEN 'counted'
                  ELSE 'earlier' END AS window
  RETURN count(DISTINCT CASE WHEN window = 'counted' THEN e END) AS events,
         count(DISTINCT CASE WHEN window = 'counted' THEN c END) AS firms,
         count(DISTINCT CASE WHEN window = 'earlier' THEN e END) AS earlier,
         count(DISTINCT CASE WHEN window = 'undated' THEN e END) AS undated
}
CALL () {
  MATCH (c:Entity:Company {country: $home})<-[:TARGET]-(e:EnforcementEvent)
  WHERE c.id <> $exclude
    AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date))))
    AND EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
  WITH DISTINCT e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT $limit
  RETURN collect(e.id) AS ids
}
RETURN events, firms, earlier, undated, ids
