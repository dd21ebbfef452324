// summary: The content hash and extractor fingerprint of each given document already in the graph (to skip unchanged documents).
// param ids: list[str] - document ids
// returns: id, contentHash, extractorVersion
UNWIND $ids AS docId
MATCH (d:Document {id: docId})
RETURN d.id AS id, d.contentHash AS contentHash, d.extractorVersion AS extractorVersion
