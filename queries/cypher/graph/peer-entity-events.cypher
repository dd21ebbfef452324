// summary: The events whose peer buckets depend on these entities: those they are a target or an agent of.
// param ids: list[str] - entity ids (whose country or firm label changed)
// returns: id (event id, once each)
UNWIND $ids AS id
MATCH (:Entity {id: id})<-[:TARGET|AGENT]-(e:EnforcementEvent)
RETURN DISTINCT e.id AS id
