// summary: What the given documents' reports of the given entities hold now (after the documents were written again), to compare with what was retracted: an entity whose reports are the same needs no recompute.
// param docIds: list[str] - the documents written again
// param ids: list[str] - entity ids
// returns: id, doc, props (the report's properties)
UNWIND $docIds AS docId
MATCH (:Document {id: docId})<-[r:REPORTED_IN]-(n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id, docId AS doc, properties(r) AS props
