// summary: Migration for graphs written before events carried `eventType`: set it from the event's class label, in batches of 10,000 events (its own transactions), so the composite index (eventType, date) covers every dated event. Idempotent: a graph already migrated only pays the scan.
// access: write
// autocommit: true
// param types: list[str] - the ontology's event classes, most specific first
// returns: migrated (number of events given an eventType)
MATCH (e:EnforcementEvent)
WHERE e.eventType IS NULL
CALL (e) {
  WITH e, [t IN $types WHERE t IN labels(e)] AS classes
  WHERE classes <> []
  SET e.eventType = classes[0]
  RETURN count(*) AS n
} IN TRANSACTIONS OF 10000 ROWS
RETURN coalesce(sum(n), 0) AS migrated
