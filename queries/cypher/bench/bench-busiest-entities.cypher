// summary: The entities with the most events (agencies, places, hub firms), busiest first: the hardest profiles and agent filters.
// param limit: int - how many
// returns: id, events
MATCH (n:Entity)
WITH n, COUNT { (n)<--(:EnforcementEvent) } AS events
RETURN n.id AS id, events
ORDER BY events DESC, id
LIMIT $limit
