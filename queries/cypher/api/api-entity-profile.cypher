// summary: One entity's profile: properties, its events as a timeline (newest first, any role; with an argument bound, a judged role only where its probability passes), the entities it shares events with (among its newest 500 (event, role) pairs), and the 20 newest documents that name it. The newest 500 and 20 are the lists the writer keeps on the entity (recentEvents, recentSources; ingest/graph/recent.py): 520 nodes read by id, not every event and report of a hub; an entity without the lists yet (a migration under way), or `scan`, takes them from all its events and reports (a top-k). The count is counted apart (relationship degree).
// param id: str - the entity id
// param timelineLimit: int - how many of its newest events to return (at most 500)
// param linkedLimit: int - how many linked entities to return
// param scan: bool - read the newest events from all the entity's events, not the kept lists (the reference the lists are checked against)
// param judged: list[str] - the relationship types that carry the argument model's probability (agent, target)
// param minArgumentProbability: float or null - an (event, role) counts only where the role, if judged, has at least this probability; so do the linked entities' roles; null: no bound (and the event count is the degree)
// param keepUnscored: bool - with a bound, a judged role without a probability (rules alone, or written before probabilities were kept) still counts
// returns: entity (map), labels, eventCount, timeline (list of maps), linked (list of maps), sources (list of maps); no row when unknown
MATCH (n:Entity {id: $id})
CALL (n) {
  WITH n WHERE n.recentEvents IS NOT NULL AND NOT $scan
  UNWIND range(0, size(n.recentEvents) - 1) AS i
  MATCH (e:EnforcementEvent {id: n.recentEvents[i]})
  WITH i, e, n.recentRoles[i] AS role ORDER BY i
  RETURN collect([e, role]) AS newest500
  UNION ALL
  WITH n WHERE n.recentEvents IS NULL OR $scan
  MATCH (n)<-[r:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
  WITH e, type(r) AS role ORDER BY coalesce(e.date, '') DESC, e.id, role
  LIMIT 500
  RETURN collect([e, role]) AS newest500
}
WITH n, reduce(a = [], l IN collect(newest500) | a + l) AS pairs
// the argument filter: the entity's own judged role in each of its newest events must pass
WITH n, CASE WHEN $minArgumentProbability IS NULL THEN pairs ELSE COLLECT {
  UNWIND range(0, size(pairs) - 1) AS i
  WITH i, pairs[i][0] AS e, pairs[i][1] AS role
  WHERE NOT role IN $judged
     OR EXISTS { MATCH (e)-[r]->(n) WHERE type(r) = role
                   AND ((r.probability IS NULL AND $keepUnscored) OR r.probability >= $minArgumentProbability) }
  RETURN [e, role] ORDER BY i } END AS pairs
CALL (n) {
  WITH n WHERE n.recentSources IS NOT NULL AND NOT $scan
  UNWIND range(0, size(n.recentSources) - 1) AS i
  MATCH (n)-[r:REPORTED_IN]->(d:Document {id: n.recentSources[i]})
  WITH i, d, r ORDER BY i
  RETURN collect([d, r]) AS newest20
  UNION ALL
  WITH n WHERE n.recentSources IS NULL OR $scan
  MATCH (n)-[r:REPORTED_IN]->(d:Document)
  WITH d, r ORDER BY d.published DESC, d.id LIMIT 20
  RETURN collect([d, r]) AS newest20
}
WITH n, pairs, reduce(a = [], l IN collect(newest20) | a + l) AS reports
WITH n, pairs[..$timelineLimit] AS newest, [x IN pairs | x[0]] AS recent, reports
RETURN n {.*, recentEvents: null, recentRoles: null, recentDates: null, recentSources: null, recentSourceDates: null}
         AS entity, labels(n) AS labels,
       CASE WHEN $minArgumentProbability IS NULL THEN COUNT { (n)<-[:AGENT|TARGET|LOCATION|UNDER_LAW]-() }
            ELSE COUNT { MATCH (n)<-[r:AGENT|TARGET|LOCATION|UNDER_LAW]-()
                         WHERE NOT type(r) IN $judged OR (r.probability IS NULL AND $keepUnscored)
                               OR r.probability >= $minArgumentProbability } END AS eventCount,
       COLLECT {
         UNWIND newest AS x
         WITH x[0] AS e, x[1] AS role
         RETURN {id: e.id, date: e.date, sourceCount: e.sourceCount, labels: labels(e), role: role,
                 agents: [(e)-[r:AGENT]->(a:Entity) | a {.id, .name, .country, labels: labels(a), probability: r.probability}],
                 targets: [(e)-[r:TARGET]->(t:Entity) | t {.id, .name, .country, labels: labels(t), probability: r.probability}]}
       } AS timeline,
       COLLECT {
         UNWIND recent AS e
         MATCH (e)-[r:AGENT|TARGET|LOCATION|UNDER_LAW]->(m:Entity)
         WHERE m <> n AND (NOT type(r) IN $judged OR $minArgumentProbability IS NULL
                           OR (r.probability IS NULL AND $keepUnscored) OR r.probability >= $minArgumentProbability)
         WITH m, count(DISTINCT e) AS shared, collect(DISTINCT type(r)) AS roles
         ORDER BY shared DESC, m.id
         LIMIT $linkedLimit
         RETURN m {.id, .name, .country, labels: labels(m), shared: shared, roles: roles}
       } AS linked,
       COLLECT {
         UNWIND reports AS x
         WITH x[0] AS d, x[1] AS r
         RETURN {document: d.id, title: d.title, url: d.url, source: d.source, published: d.published,
                 evidence: r.evidence, start: r.start, end: r.end, confidence: r.confidence}
       } AS sources
