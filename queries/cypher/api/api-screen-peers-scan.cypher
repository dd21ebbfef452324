// summary: Screening's peer exposure read from the events themselves (the reference api-screen-peers must equal; tests and the benchmark's before/after): events against other firms (Company) of a home country by authorities of given jurisdictions, split by a date (counted: on or after it; earlier; undated); counts and the newest counted event ids. Memory does not grow with the peers: each firm's events are counted in a subquery of their own, an event hitting several peer firms is counted once (at the one with the smallest id) instead of through a set of every distinct event, and the newest ids are a top-k of $limit.
// param home: str - ISO code of the screened firm's home country
// param jurisdictions: list[str] - ISO codes of the acting jurisdictions
// param since: str or null - YYYY[-MM[-DD]]; with null every event is counted
// param exclude: str - id of the screened entity (not its own peer; "" when it is not in the graph)
// param limit: int - at most this many event ids
// returns: events (counted), firms (firms hit by counted events), earlier, undated (left-out counts), ids (newest counted event ids)
CALL () {
  MATCH (c:Entity:Company {country: $home})
  WHERE c.id <> $exclude
  CALL (c) {
    MATCH (c)<-[:TARGET]-(e:EnforcementEvent)
    WHERE EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
    WITH e, CASE WHEN $since IS NULL THEN 'counted'
                 WHEN e.date IS NULL THEN 'undated'
                 WHEN e.date >= left($since, size(e.date)) THEN 'counted'
                 ELSE 'earlier' END AS window,
         NOT EXISTS { MATCH (e)-[:TARGET]->(o:Entity:Company {country: $home})
                      WHERE o.id < c.id AND o.id <> $exclude } AS owner
    RETURN count(CASE WHEN window = 'counted' THEN 1 END) > 0 AS hit,
           count(CASE WHEN owner AND window = 'counted' THEN 1 END) AS counted,
           count(CASE WHEN owner AND window = 'earlier' THEN 1 END) AS early,
           count(CASE WHEN owner AND window = 'undated' THEN 1 END) AS nodate
  }
  RETURN sum(counted) AS events, count(CASE WHEN hit THEN 1 END) AS firms,
         sum(early) AS earlier, sum(nodate) AS undated
}
CALL () {
  MATCH (c:Entity:Company {country: $home})<-[:TARGET]-(e:EnforcementEvent)
  WHERE c.id <> $exclude
    AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date))))
    AND EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
    AND NOT EXISTS { MATCH (e)-[:TARGET]->(o:Entity:Company {country: $home}) WHERE o.id < c.id AND o.id <> $exclude }
  WITH e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT $limit
  RETURN collect(e.id) AS ids
}
RETURN events, firms, earlier, undated, ids
