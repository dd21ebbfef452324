// summary: Node counts per label and relationship counts per type.
// returns: kind ("nodes" | "relationships"), name (label or type), count
MATCH (n)
UNWIND labels(n) AS name
RETURN 'nodes' AS kind, name, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'relationships' AS kind, type(r) AS name, count(*) AS count
