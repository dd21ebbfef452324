// summary: Every node with its labels and properties, keyed by its element id (streamed by `backup`).
// returns: key, labels, props
MATCH (n)
RETURN elementId(n) AS key, labels(n) AS labels, properties(n) AS props
