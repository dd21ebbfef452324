// summary: One step of an entity neighbourhood: for each given entity, its newest events (any role; in an agent or target role only where its probability passes the bound) with all their arguments and the probability of each.
// param ids: list[str] - entity ids of the frontier
// param perEntity: int - at most this many events per entity, newest first
// param judged: list[str] - the relationship types that carry the argument model's probability (agent, target)
// param minArgumentProbability: float or null - an event is followed from an entity only where the entity's judged role has at least this probability (its unjudged roles, location and law, always count); null: no bound
// param keepUnscored: bool - with a bound, a judged role without a probability (rules alone, or written before probabilities were kept) still counts
// returns: entity (map with labels), events (list of {id, date, labels, arguments: list of {type, entity, probability}}; probability null when not judged)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
CALL (n) {
  MATCH (n)<-[r:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
  WHERE NOT type(r) IN $judged OR $minArgumentProbability IS NULL OR (r.probability IS NULL AND $keepUnscored)
        OR r.probability >= $minArgumentProbability
  WITH DISTINCT e ORDER BY coalesce(e.date, '') DESC, e.id LIMIT $perEntity
  RETURN collect(e {.id, .date, labels: labels(e),
                    arguments: [(e)-[r:AGENT|TARGET|LOCATION|UNDER_LAW]->(x:Entity) |
                                {type: type(r), probability: r.probability,
                                 entity: x {.id, .name, .country, labels: labels(x)}}]}) AS events
}
RETURN n {.id, .name, .country, labels: labels(n)} AS entity, events
ORDER BY entity.id
