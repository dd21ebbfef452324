// summary: Delete document nodes (after their facts were retracted).
// access: destructive
// param docIds: list[str] - ids of the documents
// returns: deleted (number of documents)
UNWIND $docIds AS docId
MATCH (d:Document {id: docId})
// a tombstone per document removed, for deltas by record time (export --changed-since)
CREATE (:Tombstone {removedKind: 'document', removedId: d.id, removedAt: datetime.transaction()})
DETACH DELETE d
RETURN count(*) AS deleted
