// summary: Every event against each of some entities (ids only, any date), for a watchlist's monitoring state.
// param ids: list[str] - entity ids
// returns: entity (id), events (list of event ids, sorted)
UNWIND $ids AS id
MATCH (x:Entity {id: id})
RETURN x.id AS entity, COLLECT { MATCH (x)<-[:TARGET]-(e:EnforcementEvent) RETURN e.id ORDER BY e.id } AS events
