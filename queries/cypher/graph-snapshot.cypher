// summary: Every node and relationship with its properties, to compare two graphs (tests, small graphs only).
// returns: kind ("node" | "relationship"), key (ids), labels (labels or [type]), props
MATCH (n)
RETURN 'node' AS kind, n.id AS key, labels(n) AS labels, properties(n) AS props
UNION ALL
MATCH (a)-[r]->(b)
RETURN 'relationship' AS kind, a.id + ' -> ' + b.id AS key, [type(r)] AS labels, properties(r) AS props
