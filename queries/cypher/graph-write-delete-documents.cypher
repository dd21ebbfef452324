// summary: Delete document nodes (after their facts were retracted).
// access: destructive
// param docIds: list[str] - ids of the documents
// returns: deleted (number of documents)
UNWIND $docIds AS docId
MATCH (d:Document {id: docId})
DETACH DELETE d
RETURN count(*) AS deleted
