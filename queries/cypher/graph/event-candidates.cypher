// summary: Events in the graph of the same kind that share a target (for a law revision, a law) with new event reports: the candidates for cross-source merging.
// param rows: list of {key: str, type: str (an ontology event class), rel: "TARGET" | "UNDER_LAW", anchors: list[str] (entity ids)}
// returns: key, id, date, shared (number of anchors in common), countries (home countries of the event's agents)
UNWIND $rows AS row
MATCH (e:EnforcementEvent)-[r]->(x:Entity)
WHERE type(r) = row.rel AND x.id IN row.anchors AND row.type IN labels(e)
  AND EXISTS { (e)-[:REPORTED_IN]->(:Document) }
WITH row, e, count(DISTINCT x) AS shared
RETURN row.key AS key, e.id AS id, e.date AS date, shared,
       COLLECT { MATCH (e)-[:AGENT]->(a:Entity) WHERE a.country IS NOT NULL RETURN DISTINCT a.country } AS countries
ORDER BY key, id
