// summary: One entity's newest events (any role; in an agent or target role only where its probability passes the bound) and every revision of the laws involved: those the events were taken under, those of the countries whose authorities acted in them, and the entity itself when it is a law.
// param id: str - the entity id
// param limit: int - how many of its newest events to return
// param judged: list[str] - the relationship types that carry the argument model's probability (agent, target)
// param minArgumentProbability: float or null - an event counts only where the entity's judged role has at least this probability (its unjudged roles, location and law, always count); null: no bound
// param keepUnscored: bool - with a bound, a judged role without a probability (rules alone, or written before probabilities were kept) still counts
// returns: entity (map with labels), events (event ids, newest first, undated last), eventCount (of the events that pass), revisions (LawRevision ids, by id); no row when unknown
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)<-[r:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
  WHERE NOT type(r) IN $judged OR $minArgumentProbability IS NULL OR (r.probability IS NULL AND $keepUnscored)
        OR r.probability >= $minArgumentProbability
  WITH DISTINCT e ORDER BY coalesce(e.date, '') DESC, e.id
  RETURN count(e) AS eventCount, collect(e)[..$limit] AS events
}
CALL (n, events) {
  UNWIND events AS e
  OPTIONAL MATCH (e)-[:UNDER_LAW]->(law:Law)
  OPTIONAL MATCH (e)-[:AGENT]->(agent:Entity)
  RETURN collect(DISTINCT law) AS laws, collect(DISTINCT agent.country) AS countries
}
CALL (n, laws, countries) {
  MATCH (law:Law)
  WHERE law = n OR law IN laws OR law.country IN countries
  MATCH (lr:LawRevision)-[:UNDER_LAW]->(law)
  RETURN collect(DISTINCT lr.id) AS revisions
}
RETURN n {.id, .name, .country, labels: labels(n)} AS entity, [e IN events | e.id] AS events, eventCount,
       revisions
