// summary: How many events each anchor of an /events question has (its relationship degree, O(1) per entity) and how many events the graph holds (the count store): what api.services.anchored weighs to walk the date index or expand from the anchor.
// param agent: str or null - entity id or exact name of an acting authority
// param target: str or null - entity id or exact name of a target
// param law: str or null - entity id or exact name of a law
// returns: agent, target, law (int or null: events of the entities so named, null when not asked), events (int)
CALL () {
  MATCH (e:EnforcementEvent)
  RETURN count(e) AS events
}
CALL () {
  OPTIONAL MATCH (x:Entity) WHERE x.id = $agent OR x.name = $agent
  RETURN sum(COUNT { (x)<-[:AGENT]-() }) AS agent
}
CALL () {
  OPTIONAL MATCH (x:Entity) WHERE x.id = $target OR x.name = $target
  RETURN sum(COUNT { (x)<-[:TARGET]-() }) AS target
}
CALL () {
  OPTIONAL MATCH (x:Entity) WHERE x.id = $law OR x.name = $law
  RETURN sum(COUNT { (x)<-[:UNDER_LAW]-() }) AS law
}
RETURN CASE WHEN $agent IS NULL THEN null ELSE agent END AS agent,
       CASE WHEN $target IS NULL THEN null ELSE target END AS target,
       CASE WHEN $law IS NULL THEN null ELSE law END AS law, events
