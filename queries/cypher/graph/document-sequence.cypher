// summary: The sequence number of each given document already in the graph (0 for documents written before sequences existed).
// param ids: list[str] - document ids
// returns: id, sequence
UNWIND $ids AS docId
MATCH (d:Document {id: docId})
RETURN d.id AS id, coalesce(d.sequence, 0) AS sequence
