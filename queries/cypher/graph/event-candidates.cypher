// summary: Events in the graph of the same kind that share a target (for a law revision, a law) with new event reports and have a compatible date (equal, or one a refinement of the other; any date for an undated report): the candidates for cross-source merging. Found by seeks of the relationship indexes on `joinKey` ("<eventType>|<entity id>|<event date, or empty>", kept by graph-write-refresh-events), so the cost follows the candidates, not how many events a hub firm or law has: per anchor, an exact seek for each date the report's date refines (a year, a month, or none: undated events) and a prefix seek for the events whose date refines it (or equals it).
// param rows: list of {key: str, type: str (an ontology event class), rel: "TARGET" | "UNDER_LAW", anchors: list[str] (entity ids), date: str | null}
// returns: key, id, date, countries (home countries of the event's agents)
UNWIND $rows AS row
UNWIND row.anchors AS anchor
WITH row, row.type + '|' + anchor + '|' AS base, coalesce(row.date, '') AS d
// dates are partial ISO dates (4, 7 or 10 characters): the ones this date refines are its first 4 and
// 7 characters, and none at all (undated events); each seek only on the row's relationship type
WITH row, [n IN [0, 4, 7] WHERE n < size(d) | base + left(d, n)] AS exact, base + d AS prefix
WITH row, CASE row.rel WHEN 'TARGET' THEN exact ELSE [] END AS targetExact,
     CASE row.rel WHEN 'TARGET' THEN [prefix] ELSE [] END AS targetPrefix,
     CASE row.rel WHEN 'UNDER_LAW' THEN exact ELSE [] END AS lawExact,
     CASE row.rel WHEN 'UNDER_LAW' THEN [prefix] ELSE [] END AS lawPrefix
// the hints ask for seeks: a plain index hint is met by a scan of the whole index too, one hit per keyed
// relationship of the type, which is what full CI runs measured now and then (a plan cached in another state)
CALL (targetExact, targetPrefix, lawExact, lawPrefix) {
  UNWIND targetExact AS k
  MATCH (e:EnforcementEvent)-[r:TARGET]->(:Entity)
  USING INDEX SEEK r:TARGET(joinKey)
  WHERE r.joinKey = k
  RETURN e
  UNION
  UNWIND targetPrefix AS p
  MATCH (e:EnforcementEvent)-[r:TARGET]->(:Entity)
  USING INDEX SEEK r:TARGET(joinKey)
  WHERE r.joinKey STARTS WITH p
  RETURN e
  UNION
  UNWIND lawExact AS k
  MATCH (e:EnforcementEvent)-[r:UNDER_LAW]->(:Entity)
  USING INDEX SEEK r:UNDER_LAW(joinKey)
  WHERE r.joinKey = k
  RETURN e
  UNION
  UNWIND lawPrefix AS p
  MATCH (e:EnforcementEvent)-[r:UNDER_LAW]->(:Entity)
  USING INDEX SEEK r:UNDER_LAW(joinKey)
  WHERE r.joinKey STARTS WITH p
  RETURN e
}
WITH DISTINCT row, e
WHERE EXISTS { (e)-[:REPORTED_IN]->(:Document) }
RETURN row.key AS key, e.id AS id, e.date AS date,
       COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL RETURN DISTINCT a.country } AS countries
ORDER BY key, id
