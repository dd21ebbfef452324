// summary: One step of the bounded path search (api/services/pathfinder.py): for each entity of `ids`, its events through agent, target and law relationships (places are not walked) and each event's other entities through those relationships. Degree-aware: an entity with more than `cap` such events (a hub) is walked through its newest ones only (the kept recentEvents list, ingest/graph/recent.py), from either side, so a hub costs at most 500 events and the walk stays symmetric. At most `rows` rows.
// param ids: list[str] - the entities to step from
// param cap: int - an entity with more events than this is linked through its kept newest events only
// param rows: int - at most this many rows (the search stops when a step would need more)
// param targets: list[str] - when `final`, only rows reaching one of these entities (the other side's search) are returned
// param final: bool - the last step the hop limit allows: only links that meet the other side matter
// returns: from, to (entity maps with labels), event (map with labels), fromRole, toRole (relationship types, event to entity)
UNWIND $ids AS id
MATCH (x:Entity {id: id})
WITH x, COUNT { (x)<-[:AGENT|TARGET|UNDER_LAW]-() } > $cap AS hub
CALL (x, hub) {
  WITH x WHERE NOT hub
  MATCH (x)<-[r:AGENT|TARGET|UNDER_LAW]-(e:EnforcementEvent)
  RETURN e, type(r) AS fromRole
  UNION
  WITH x WHERE hub
  UNWIND coalesce(x.recentEvents, []) AS eventId
  WITH DISTINCT x, eventId
  MATCH (x)<-[r:AGENT|TARGET|UNDER_LAW]-(e:EnforcementEvent {id: eventId})
  RETURN e, type(r) AS fromRole
}
MATCH (e)-[s:AGENT|TARGET|UNDER_LAW]->(y:Entity)
WHERE y <> x AND (NOT $final OR y.id IN $targets)
WITH x, e, fromRole, s, y, COUNT { (y)<-[:AGENT|TARGET|UNDER_LAW]-() } > $cap AS far
// a hub on the far side too is reached only through its newest events: those no later than its last kept one
WHERE NOT far OR coalesce(e.date, '') > y.recentDates[-1]
   OR (coalesce(e.date, '') = y.recentDates[-1] AND e.id <= y.recentEvents[-1])
RETURN x {.id, .name, .country, .date, labels: labels(x)} AS from, e {.id, .name, .country, .date, labels: labels(e)} AS event, fromRole, type(s) AS toRole,
       y {.id, .name, .country, .date, labels: labels(y)} AS to
LIMIT $rows
