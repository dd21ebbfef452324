// summary: Events in the graph of the same kind that share a target (for a law revision, a law) with new event reports and have a compatible date (equal, or one a refinement of the other; any date for an undated report): the candidates for cross-source merging. Found by seeks of the relationship indexes on `joinKey` ("<eventType>|<entity id>|<event date, or empty>", kept by graph-write-refresh-events), so the cost follows the candidates, not how many events a hub firm or law has: per anchor, an exact seek for each date the report's date refines (its proper prefixes; the empty one finds undated events) and a prefix seek for the events whose date refines it.
// param rows: list of {key: str, type: str (an ontology event class), rel: "TARGET" | "UNDER_LAW", anchors: list[str] (entity ids), date: str | null}
// returns: key, id, date, countries (home countries of the event's agents)
UNWIND $rows AS row
UNWIND row.anchors AS anchor
WITH row, row.type + '|' + anchor + '|' AS base, coalesce(row.date, '') AS d
WITH row, [i IN range(0, size(d) - 1) | base + left(d, i)] AS exact, base + d AS prefix
CALL (row, exact, prefix) {
  UNWIND exact AS k
  MATCH (e:EnforcementEvent)-[r:TARGET]->(:Entity)
  USING INDEX r:TARGET(joinKey)
  WHERE row.rel = 'TARGET' AND r.joinKey = k
  RETURN e
  UNION
  MATCH (e:EnforcementEvent)-[r:TARGET]->(:Entity)
  USING INDEX r:TARGET(joinKey)
  WHERE row.rel = 'TARGET' AND r.joinKey STARTS WITH prefix
  RETURN e
  UNION
  UNWIND exact AS k
  MATCH (e:EnforcementEvent)-[r:UNDER_LAW]->(:Entity)
  USING INDEX r:UNDER_LAW(joinKey)
  WHERE row.rel = 'UNDER_LAW' AND r.joinKey = k
  RETURN e
  UNION
  MATCH (e:EnforcementEvent)-[r:UNDER_LAW]->(:Entity)
  USING INDEX r:UNDER_LAW(joinKey)
  WHERE row.rel = 'UNDER_LAW' AND r.joinKey STARTS WITH prefix
  RETURN e
}
WITH DISTINCT row, e
WHERE EXISTS { (e)-[:REPORTED_IN]->(:Document) }
RETURN row.key AS key, e.id AS id, e.date AS date,
       COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL RETURN DISTINCT a.country } AS countries
ORDER BY key, id
