// summary: One entity's newest events (any role) and every revision of the laws involved: those the events were taken under, those of the countries whose authorities acted in them, and the entity itself when it is a law.
// param id: str - the entity id
// param limit: int - how many of its newest events to return
// returns: entity (map with labels), events (event ids, newest first, undated last), eventCount, revisions (LawRevision ids, by id); no row when unknown
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)<-[:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
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
