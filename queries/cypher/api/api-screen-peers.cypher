// summary: Screening: events against other firms (Company) of a home country by authorities of given jurisdictions, split by a date (counted: on or after it; earlier; undated); counts and the newest counted event ids, read from the writer-kept summaries (ingest/graph/exposure.py) so the work follows the buckets and firms of the country, not its events. Events: the degrees of the matching PeerBucket nodes (one per home, agent countries and date; an event is in one bucket per home), less the screened firm's events that hit no other firm of the country; firms: the PeerFirm nodes whose latest date of some precision is counted; ids: events of the newest buckets only, as many as the page needs. Equals api-screen-peers-scan.
// param home: str - ISO code of the screened firm's home country
// param jurisdictions: list[str] - ISO codes of the acting jurisdictions
// param since: str or null - YYYY[-MM[-DD]]; with null every event is counted
// param exclude: str - id of the screened entity (not its own peer; "" when it is not in the graph)
// param limit: int - at most this many event ids
// returns: events (counted), firms (firms hit by counted events), earlier, undated (left-out counts), ids (newest counted event ids)
CALL () {
  // the screened firm's events that no other firm of the country shares: in the buckets, not peers' events
  OPTIONAL MATCH (x:Entity:Company {id: $exclude, country: $home})<-[:TARGET]-(e:EnforcementEvent)
  WHERE EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
    AND NOT EXISTS { MATCH (e)-[:TARGET]->(o:Entity:Company {country: $home}) WHERE o.id <> $exclude }
    AND EXISTS { (e)-[:REPORTED_IN]->(:Document) }
  WITH e, CASE WHEN e IS NULL THEN null
               WHEN $since IS NULL THEN 'counted'
               WHEN e.date IS NULL THEN 'undated'
               WHEN e.date >= left($since, size(e.date)) THEN 'counted'
               ELSE 'earlier' END AS window
  RETURN collect(CASE WHEN window = 'counted' THEN e.id END) AS own,
         count(CASE WHEN window = 'earlier' THEN 1 END) AS ownEarly,
         count(CASE WHEN window = 'undated' THEN 1 END) AS ownNodate
}
CALL () {
  MATCH (b:PeerBucket {home: $home})
  WHERE any(j IN b.agents WHERE j IN $jurisdictions)
  WITH b.date AS date, COUNT { (b)-[:PEER_EVENT]->() } AS n
  WITH date, n, CASE WHEN $since IS NULL THEN 'counted'
                     WHEN date = '' THEN 'undated'
                     WHEN date >= left($since, size(date)) THEN 'counted'
                     ELSE 'earlier' END AS window
  WITH window, date, sum(n) AS n ORDER BY date DESC
  RETURN sum(CASE WHEN window = 'counted' THEN n ELSE 0 END) AS counted,
         sum(CASE WHEN window = 'earlier' THEN n ELSE 0 END) AS early,
         sum(CASE WHEN window = 'undated' THEN n ELSE 0 END) AS nodate,
         collect(CASE WHEN window = 'counted' THEN [date, n] END) AS dates
}
CALL () {
  MATCH (f:PeerFirm {home: $home})
  WHERE f.firm <> $exclude AND any(j IN f.agents WHERE j IN $jurisdictions)
    AND ($since IS NULL OR any(d IN f.latest WHERE d >= left($since, size(d))))
  RETURN count(DISTINCT f.firm) AS firms
}
// the newest dates whose buckets hold enough events for the page once the screened firm's own are left out
WITH own, ownEarly, ownNodate, counted, early, nodate, firms,
     reduce(acc = [0, null], d IN dates | CASE WHEN acc[0] >= $limit + size(own) THEN acc
                                               ELSE [acc[0] + d[1], d[0]] END)[1] AS cut
CALL (own, cut) {
  MATCH (b:PeerBucket {home: $home})
  WHERE cut IS NOT NULL AND b.date >= cut AND any(j IN b.agents WHERE j IN $jurisdictions)
    AND ($since IS NULL OR (b.date <> '' AND b.date >= left($since, size(b.date))))
  MATCH (b)-[:PEER_EVENT]->(e:EnforcementEvent)
  WHERE NOT e.id IN own
  WITH e, b.date AS date ORDER BY date DESC, e.id LIMIT $limit
  RETURN collect(e.id) AS ids
}
RETURN counted - size(own) AS events, firms, early - ownEarly AS earlier, nodate - ownNodate AS undated, ids
