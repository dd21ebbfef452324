// summary: Retract what documents contributed (their reports, their support of event arguments and the probability they gave each, with a tombstone per report and per assessment withdrawn) before they are written again or removed; returns what each withdrawn entity report held, so the writer can tell an entity whose reports came back unchanged (a re-derived or rewritten document) from one that really lost a report.
// access: destructive
// param docIds: list[str] - ids of the documents
// returns: touched (ids of the entities and events that lost a report), reports (one {id, doc, props} per withdrawn entity report)
UNWIND $docIds AS docId
MATCH (:Document {id: docId})<-[r:REPORTED_IN]-(n)
CALL (n, docId) {
  MATCH (n:EnforcementEvent)-[a]->(x:Entity)
  WHERE docId IN a.sources
  SET a.sources = [s IN a.sources WHERE s <> docId]
  // a tombstone per assessment this document took part in (its value may change or go; the event,
  // stamped by the refresh, restates the assessments that stand), for deltas by record time
  FOREACH (_ IN CASE WHEN docId IN coalesce(a.probabilitySources, []) THEN [1] ELSE [] END |
    CREATE (:Tombstone {removedKind: 'assessment', removedId: n.id, removedFrom: x.id, removedRole: type(a),
                        removedAt: datetime.transaction()}))
  // the argument's probability: the highest of the documents that still judge it (null when none does)
  WITH a, coalesce(a.probabilitySources, []) AS had, coalesce(a.probabilities, []) AS gave
  WITH a, had, gave, [i IN range(0, size(had) - 1) WHERE had[i] <> docId] AS keep
  WITH a, [i IN keep | had[i]] AS judged, [i IN keep | gave[i]] AS scores
  SET a.probabilitySources = CASE WHEN size(judged) = 0 THEN null ELSE judged END,
      a.probabilities = CASE WHEN size(scores) = 0 THEN null ELSE scores END,
      a.probability = reduce(best = null, p IN scores | CASE WHEN best IS NULL OR p > best THEN p ELSE best END)
  WITH a WHERE size(a.sources) = 0
  DELETE a
}
// a tombstone per report withdrawn, for deltas by record time (export --changed-since)
CREATE (:Tombstone {removedKind: 'report', removedId: n.id, removedFrom: docId, removedAt: datetime.transaction()})
WITH n, docId, r, CASE WHEN n:Entity THEN {id: n.id, doc: docId, props: properties(r)} END AS report
DELETE r
RETURN collect(DISTINCT n.id) AS touched, collect(report) AS reports
