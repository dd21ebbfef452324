// summary: Documents ingested (first or again with new content) at or after a time, oldest first then by id (keyset pages), with the events and entities they report.
// param since: datetime - the time to look from (with a time zone)
// param afterAt: datetime or null - ingestion time of the last item of the previous page (null for the first page)
// param afterId: str - document id of the last item of the previous page
// param limit: int - page size
// returns: document (map), events (list of maps with labels), entities (list of maps with labels)
MATCH (d:Document)
WHERE d.ingestedAt >= $since
  AND ($afterAt IS NULL OR d.ingestedAt > $afterAt OR (d.ingestedAt = $afterAt AND d.id > $afterId))
WITH d ORDER BY d.ingestedAt, d.id LIMIT $limit
RETURN d {.id, .title, .url, .source, .published, .ingestedAt} AS document,
       COLLECT { MATCH (d)<-[:REPORTED_IN]-(e:EnforcementEvent)
                 RETURN e {.id, .date, .datePrecision, labels: labels(e)} ORDER BY e.id } AS events,
       COLLECT { MATCH (d)<-[:REPORTED_IN]-(x:Entity)
                 RETURN x {.id, .name, .country, labels: labels(x)} ORDER BY x.id } AS entities
ORDER BY document.ingestedAt, document.id
