// summary: Create one batch of relationships from a backup between restored nodes (types checked against the ontology by the caller).
// access: write
// param rows: list[map] - {start, end, type, props}, with the new element ids of both ends
// returns: created
UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.start
MATCH (b) WHERE elementId(b) = row.end
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS created
