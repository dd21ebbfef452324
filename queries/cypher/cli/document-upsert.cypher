// summary: Write documents in one batch, one node each, keyed by id (properties replaced).
// access: write
// param rows: list of {id: str, props: map} - the documents and their properties
// returns: written (number of documents)
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d = row.props, d.id = row.id
RETURN count(d) AS written
