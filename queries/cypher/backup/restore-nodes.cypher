// summary: Create one batch of nodes from a backup (labels checked against the ontology by the caller); returns their new element ids.
// access: write
// param rows: list[map] - {key, labels, props} per node
// returns: key (the id in the backup), id (the new element id)
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.props
RETURN row.key AS key, elementId(n) AS id
