// summary: One document's metadata and its stored extraction, which holds the text the evidence offsets refer to.
// param id: str - the document id
// returns: document (map: id, title, url, source, published, extraction as JSON text); no row when the id is unknown
MATCH (d:Document {id: $id})
RETURN d {.id, .title, .url, .source, .published, .extraction} AS document
