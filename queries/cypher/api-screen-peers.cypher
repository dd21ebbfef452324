// summary: Screening: events since a date against other firms (Company) of a home country by authorities of given jurisdictions; counts, counts by type, and the newest event ids.
// param home: str - ISO code of the screened firm's home country
// param jurisdictions: list[str] - ISO codes of the acting jurisdictions
// param since: str or null - YYYY[-MM[-DD]]; events that may be on or after it (undated events are left out when given)
// param exclude: str - id of the screened entity (not its own peer)
// param limit: int - at most this many event ids
// returns: events (count), firms (count), byType (list of {labels, count}), ids (newest event ids)
MATCH (c:Entity:Company {country: $home})<-[:TARGET]-(e:EnforcementEvent)
WHERE c.id <> $exclude
  AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date))))
  AND EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
WITH e, count(c) AS firmsHit, collect(c.id) AS firmIds
ORDER BY coalesce(e.date, '') DESC, e.id
WITH collect(e) AS events, collect(firmIds) AS firmLists
RETURN size(events) AS events,
       COUNT { UNWIND firmLists AS l UNWIND l AS f WITH DISTINCT f RETURN f } AS firms,
       COLLECT { UNWIND events AS e WITH labels(e) AS labels, count(*) AS n
                 RETURN {labels: labels, count: n} ORDER BY n DESC } AS byType,
       [e IN events[..$limit] | e.id] AS ids
