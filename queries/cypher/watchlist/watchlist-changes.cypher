// summary: Events against watched entities learned since a time (record time: the earliest ingestion of a document that reports them) or dated since a date (valid time), oldest record first.
// param ids: list[str] - the watched entity ids
// param since: datetime or null - record time: events first reported at or after it
// param sinceDate: str or null - valid time: events dated on or after it (YYYY[-MM[-DD]]; undated events left out)
// param limit: int - at most this many
// returns: event (map: id, date, datePrecision, labels), entity (map: id, name, country, labels), recordedAt
MATCH (x:Entity)<-[:TARGET]-(e:EnforcementEvent)
WHERE x.id IN $ids
  AND ($sinceDate IS NULL OR (e.date IS NOT NULL AND e.date >= left($sinceDate, size(e.date))))
CALL (e) {
  MATCH (e)-[:REPORTED_IN]->(d:Document)
  RETURN min(d.ingestedAt) AS recordedAt
}
WITH x, e, recordedAt
WHERE $since IS NULL OR recordedAt >= $since
RETURN e {.id, .date, .datePrecision, labels: labels(e)} AS event, x {.id, .name, .country, labels: labels(x)} AS entity,
       recordedAt
ORDER BY recordedAt, e.id, x.id
LIMIT $limit
