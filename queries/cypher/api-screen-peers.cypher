// summary: Screening: events against other firms (Company) of a home country by authorities of given jurisdictions, split by a date (counted: on or after it; earlier; undated); counts and the newest counted event ids.
// param home: str - ISO code of the screened firm's home country
// param jurisdictions: list[str] - ISO codes of the acting jurisdictions
// param since: str or null - YYYY[-MM[-DD]]; with null every event is counted
// param exclude: str - id of the screened entity (not its own peer; "" when it is not in the graph)
// param limit: int - at most this many event ids
// returns: events (counted), firms (firms hit by counted events), earlier, undated (left-out counts), ids (newest counted event ids)
MATCH (c:Entity:Company {country: $home})<-[:TARGET]-(e:EnforcementEvent)
WHERE c.id <> $exclude
  AND EXISTS { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IN $jurisdictions }
WITH e, collect(c.id) AS firmIds,
     CASE WHEN $since IS NULL THEN 'counted'
          WHEN e.date IS NULL THEN 'undated'
          WHEN e.date >= left($since, size(e.date)) THEN 'counted'
          ELSE 'earlier' END AS window
ORDER BY coalesce(e.date, '') DESC, e.id
WITH collect({e: e, firms: firmIds, window: window}) AS rows
WITH rows, [x IN rows WHERE x.window = 'counted'] AS counted
RETURN size(counted) AS events,
       COUNT { UNWIND counted AS x UNWIND x.firms AS f WITH DISTINCT f RETURN f } AS firms,
       size([x IN rows WHERE x.window = 'earlier']) AS earlier,
       size([x IN rows WHERE x.window = 'undated']) AS undated,
       [x IN counted[..$limit] | x.e.id] AS ids
