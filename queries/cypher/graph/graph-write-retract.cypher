// summary: Retract what documents contributed (their reports and their support of event arguments) before they are written again or removed.
// access: destructive
// param docIds: list[str] - ids of the documents
// returns: touched (ids of the entities and events that lost a report)
UNWIND $docIds AS docId
MATCH (:Document {id: docId})<-[r:REPORTED_IN]-(n)
CALL (n, docId) {
  MATCH (n:EnforcementEvent)-[a]->(:Entity)
  WHERE docId IN a.sources
  SET a.sources = [s IN a.sources WHERE s <> docId]
  WITH a WHERE size(a.sources) = 0
  DELETE a
}
// a tombstone per report withdrawn, for deltas by record time (export --changed-since)
CREATE (:Tombstone {removedKind: 'report', removedId: n.id, removedFrom: docId, removedAt: datetime.transaction()})
DELETE r
RETURN collect(DISTINCT n.id) AS touched
