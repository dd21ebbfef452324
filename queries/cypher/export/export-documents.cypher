// summary: One page of documents for the RDF export, in id order (keyset pagination); with filters, only documents that report a selected event or one of its entities.
// param after: str - the last id of the previous page ("" for the first page)
// param limit: int - page size
// param since: str or null - keep events dated on or after this ISO date (partial dates count when they may be)
// param type: str or null - keep events of this ontology class
// param events: list[str] or null - keep only these events (by id)
// param changedSince: datetime or null - keep only nodes recorded (changed) at or after this time
// returns: document (map of properties)
MATCH (d:Document)
WHERE d.id > $after
  AND ($changedSince IS NULL OR d.recordedAt >= $changedSince)
  AND (($since IS NULL AND $type IS NULL AND $events IS NULL)
       OR EXISTS { MATCH (d)<-[:REPORTED_IN]-(e:EnforcementEvent)
                   WHERE ($type IS NULL OR $type IN labels(e)) AND ($events IS NULL OR e.id IN $events)
                     AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date)))) }
       OR EXISTS { MATCH (d)<-[:REPORTED_IN]-(:Entity)<--(e:EnforcementEvent)
                   WHERE ($type IS NULL OR $type IN labels(e)) AND ($events IS NULL OR e.id IN $events)
                     AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date)))) })
// times as ISO text: the driver's decoding of temporal values cost more than the rest of the export
RETURN d {.*, published: toString(d.published), ingestedAt: toString(d.ingestedAt),
          recordedAt: toString(d.recordedAt)} AS document
ORDER BY d.id
LIMIT $limit
