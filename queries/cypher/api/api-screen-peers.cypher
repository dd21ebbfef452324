// summary: Screening: events against other firms (Company) of a home country by authorities of given jurisdictions, split by a date (counted: on or after it; earlier; undated); counts and the newest counted event ids, read from the writer-kept summaries (ingest/graph/exposure.py) so the work follows the country's buckets and firms, not its events. Events: the degrees of the matching PeerBucket nodes (one per home, agent countries and year; an event is in one bucket per home), only the buckets of the year of `since` read event by event, less the screened firm's events that hit no other firm of the country; firms: one PeerFirm per firm, hit when its latest date for some jurisdiction and precision is counted; ids: events of the newest buckets only, as many as the page needs. Equals api-screen-peers-scan.
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
  WITH b, CASE WHEN $since IS NULL THEN 'counted'
               WHEN b.period = '' THEN 'undated'
               WHEN b.period > left($since, 4) THEN 'counted'
               WHEN b.period < left($since, 4) THEN 'earlier'
               ELSE 'boundary' END AS window
  // a bucket of the year of `since` holds dates on both sides: only these are read event by event
  CALL (b, window) {
    WITH b WHERE window = 'boundary'
    MATCH (b)-[:PEER_EVENT]->(e:EnforcementEvent)
    RETURN count(CASE WHEN e.date >= left($since, size(e.date)) THEN 1 END) AS onOrAfter, count(e) AS inYear
  }
  WITH b.period AS period,
       CASE window WHEN 'boundary' THEN onOrAfter WHEN 'counted' THEN COUNT { (b)-[:PEER_EVENT]->() } ELSE 0 END AS counted,
       CASE window WHEN 'boundary' THEN inYear - onOrAfter WHEN 'earlier' THEN COUNT { (b)-[:PEER_EVENT]->() } ELSE 0 END AS early,
       CASE window WHEN 'undated' THEN COUNT { (b)-[:PEER_EVENT]->() } ELSE 0 END AS nodate
  WITH period, sum(counted) AS counted, sum(early) AS early, sum(nodate) AS nodate ORDER BY period DESC
  RETURN sum(counted) AS counted, sum(early) AS early, sum(nodate) AS nodate,
         collect(CASE WHEN counted > 0 THEN [period, counted] END) AS periods
}
CALL () {
  MATCH (f:PeerFirm {home: $home})
  WHERE f.firm <> $exclude
    AND any(x IN f.latest WHERE split(x, '|')[0] IN $jurisdictions
            AND ($since IS NULL OR (split(x, '|')[1] <> '' AND split(x, '|')[1] >= left($since, size(split(x, '|')[1])))))
  RETURN count(f) AS firms
}
// the newest years whose buckets hold enough counted events for the page once the screened firm's own are left out
WITH own, ownEarly, ownNodate, counted, early, nodate, firms,
     reduce(acc = [0, null], p IN periods | CASE WHEN acc[0] >= $limit + size(own) THEN acc
                                                 ELSE [acc[0] + p[1], p[0]] END)[1] AS cut
CALL (own, cut) {
  MATCH (b:PeerBucket {home: $home})
  WHERE cut IS NOT NULL AND b.period >= cut AND any(j IN b.agents WHERE j IN $jurisdictions)
  MATCH (b)-[:PEER_EVENT]->(e:EnforcementEvent)
  WHERE ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date)))) AND NOT e.id IN own
  WITH e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT $limit
  RETURN collect(e.id) AS ids
}
RETURN counted - size(own) AS events, firms, early - ownEarly AS earlier, nodate - ownNodate AS undated, ids
