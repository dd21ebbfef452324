// summary: The shortest links (at most {{hops}} entity-to-entity step(s)) between two entities through events and their agents, targets and laws (places are not traversed).
// template hops: 1..4 - entity-to-entity steps, each two relationships (entity - event - entity); instances api-paths-1 .. api-paths-4
// param from: str - id of the first entity
// param to: str - id of the second entity (a different one)
// param cap: int - at most this many paths
// returns: nodes (list of maps with labels), edges (list of {source, target, type}); no row when they are not linked within the limit
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:AGENT|TARGET|UNDER_LAW*..{{hops*2}}]-(b))
WITH p LIMIT $cap
RETURN [n IN nodes(p) | n {.id, .name, .country, .date, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r)}] AS edges
