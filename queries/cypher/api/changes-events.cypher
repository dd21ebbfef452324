// summary: Events we learned of at or after a time (record time: the earliest ingestion of a document reporting them), optionally also dated on or after a date (valid time) and against some entities; oldest record first then by id (keyset pages).
// param since: datetime - record time to look from (with a time zone)
// param sinceDate: str or null - valid time: only events dated on or after it (YYYY[-MM[-DD]]; undated ones left out)
// param ids: list[str] or null - only events against one of these entities (null: any event)
// param afterAt: datetime or null - record time of the last item of the previous page (null for the first page)
// param afterId: str - event id of the last item of the previous page
// param limit: int - page size
// returns: event (map with labels), targets (list of entity maps with labels), recordedAt, documents (ids of the documents reporting it)
MATCH (d:Document)
WHERE d.ingestedAt >= $since
MATCH (e:EnforcementEvent)-[:REPORTED_IN]->(d)
WITH DISTINCT e
WHERE ($sinceDate IS NULL OR (e.date IS NOT NULL AND e.date >= left($sinceDate, size(e.date))))
  AND ($ids IS NULL OR EXISTS { MATCH (e)-[:TARGET]->(x:Entity) WHERE x.id IN $ids })
CALL (e) {
  MATCH (e)-[:REPORTED_IN]->(doc:Document)
  RETURN min(doc.ingestedAt) AS recordedAt, collect(doc.id) AS documents
}
WITH e, recordedAt, documents
WHERE recordedAt >= $since
  AND ($afterAt IS NULL OR recordedAt > $afterAt OR (recordedAt = $afterAt AND e.id > $afterId))
WITH e, recordedAt, documents ORDER BY recordedAt, e.id LIMIT $limit
RETURN e {.id, .date, .datePrecision, labels: labels(e)} AS event,
       COLLECT { MATCH (e)-[:TARGET]->(x:Entity) RETURN x {.id, .name, .country, labels: labels(x)} ORDER BY x.id }
         AS targets,
       recordedAt, documents
ORDER BY recordedAt, event.id
