// summary: One document's properties by id.
// param id: str - the document id
// returns: document (map) - no row when the id is unknown
MATCH (d:Document {id: $id})
RETURN d {.*} AS document
