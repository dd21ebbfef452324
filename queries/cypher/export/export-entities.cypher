// summary: One page of entities for the RDF export, in id order, with their labels (reports come with their documents); with filters, only entities of selected events.
// param after: str - the last id of the previous page ("" for the first page)
// param limit: int - page size
// param since: str or null - keep events dated on or after this ISO date (partial dates count when they may be)
// param type: str or null - keep events of this ontology class
// param events: list[str] or null - keep only these events (by id)
// param changedSince: datetime or null - keep only nodes recorded (changed) at or after this time
// returns: entity (map of properties), labels
MATCH (n:Entity)
WHERE n.id > $after
  AND ($changedSince IS NULL OR n.recordedAt >= $changedSince)
  AND (($since IS NULL AND $type IS NULL AND $events IS NULL)
       OR EXISTS { MATCH (n)<--(e:EnforcementEvent)
                   WHERE ($type IS NULL OR $type IN labels(e)) AND ($events IS NULL OR e.id IN $events)
                     AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date)))) })
WITH n ORDER BY n.id LIMIT $limit
// times as ISO text: the driver's decoding of temporal values cost more than the rest of the export
RETURN n {.*, recordedAt: toString(n.recordedAt)} AS entity, labels(n) AS labels
ORDER BY n.id
