// summary: The firms (Company) these events target: their per-firm exposure follows the events' dates and agents.
// param ids: list[str] - event ids
// returns: id (firm id, once each)
UNWIND $ids AS id
MATCH (:EnforcementEvent {id: id})-[:TARGET]->(c:Entity:Company)
RETURN DISTINCT c.id AS id
