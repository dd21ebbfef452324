// summary: Every relationship with its type, properties and the element ids of its ends (streamed by `backup`).
// returns: start, end, type, props
MATCH (a)-[r]->(b)
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS props
