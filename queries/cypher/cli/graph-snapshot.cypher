// summary: Every node and relationship with its properties, to compare two graphs (tests, small graphs only).
// returns: kind ("node" | "relationship"), key (ids; a counter's name; "key:" + a name key node's key), labels (labels or [type]), props
// (record times and tombstones are when, not what: left out so that equal graphs compare equal)
MATCH (n) WHERE NOT n:Tombstone
RETURN 'node' AS kind, coalesce(n.id, n.name, 'key:' + n.key) AS key, labels(n) AS labels, n {.*, recordedAt: null} AS props
UNION ALL
MATCH (a)-[r]->(b)
RETURN 'relationship' AS kind, coalesce(a.id, 'key:' + a.key) + ' -> ' + coalesce(b.id, 'key:' + b.key) AS key, [type(r)] AS labels, properties(r) AS props
