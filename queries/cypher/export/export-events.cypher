// summary: One page of events for the RDF export, in id order, with their labels and arguments (reports come with their documents), filtered by date and type.
// param after: str - the last id of the previous page ("" for the first page)
// param limit: int - page size
// param since: str or null - keep events dated on or after this ISO date (partial dates count when they may be)
// param type: str or null - keep events of this ontology class
// param events: list[str] or null - keep only these events (by id)
// param changedSince: datetime or null - keep only nodes recorded (changed) at or after this time
// returns: event (map of properties), labels, arguments (list of {type, entity, sources: number of documents, probability: the argument model's (null: not judged), judgedBy: the documents that judged it})
MATCH (e:EnforcementEvent)
WHERE e.id > $after
  AND ($changedSince IS NULL OR e.recordedAt >= $changedSince)
  AND ($type IS NULL OR $type IN labels(e))
  AND ($events IS NULL OR e.id IN $events)
  AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date))))
WITH e ORDER BY e.id LIMIT $limit
// times as ISO text: the driver's decoding of temporal values cost more than the rest of the export
RETURN e {.*, recordedAt: toString(e.recordedAt)} AS event, labels(e) AS labels,
       COLLECT { MATCH (e)-[a]->(x:Entity)
                 RETURN {type: type(a), entity: x.id, sources: size(coalesce(a.sources, [])), probability: a.probability,
                         judgedBy: a.probabilitySources}
                 ORDER BY type(a), x.id } AS arguments
ORDER BY e.id
