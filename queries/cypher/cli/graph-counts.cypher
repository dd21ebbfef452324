// summary: Node counts per label and relationship counts per type (tombstones of removed nodes, kept for deltas, not counted).
// returns: kind ("nodes" | "relationships"), name (label or type), count
MATCH (n) WHERE NOT n:Tombstone
UNWIND labels(n) AS name
RETURN 'nodes' AS kind, name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationships' AS kind, type(r) AS name, count(*) AS count
