// summary: One step of an entity neighbourhood: for each given entity, its newest events (any role) with all their arguments.
// param ids: list[str] - entity ids of the frontier
// param perEntity: int - at most this many events per entity, newest first
// returns: entity (map with labels), events (list of {id, date, labels, arguments: list of {type, entity}})
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)<-[:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
  WITH e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT $perEntity
  RETURN collect(e {.id, .date, labels: labels(e),
                    arguments: [(e)-[r:AGENT|TARGET|LOCATION|UNDER_LAW]->(x:Entity) |
                                {type: type(r), entity: x {.id, .name, .country, labels: labels(x)}}]}) AS events
}
RETURN n {.id, .name, .country, labels: labels(n)} AS entity, events
ORDER BY entity.id
