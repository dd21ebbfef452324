// summary: One entity's profile: properties, its events as a timeline (newest first, any role), the entities it shares events with, and the documents that name it. Of a hub's events only the newest 500 (or $timelineLimit) are kept (a top-k, not a sort of every event) and the count is counted apart, so memory does not grow with the hub.
// param id: str - the entity id
// param timelineLimit: int - how many of its newest events to return
// param linkedLimit: int - how many linked entities to return
// returns: entity (map), labels, eventCount, timeline (list of maps), linked (list of maps), sources (list of maps); no row when unknown
MATCH (n:Entity {id: $id})
CALL (n) {
  MATCH (n)<-[r:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
  WITH e, type(r) AS role ORDER BY coalesce(e.date, '') DESC, e.id, role
  LIMIT CASE WHEN $timelineLimit > 500 THEN $timelineLimit ELSE 500 END
  RETURN collect([e, role]) AS all
}
WITH n, all[..$timelineLimit] AS newest, [x IN all[..500] | x[0]] AS recent
RETURN n {.*} AS entity, labels(n) AS labels,
       COUNT { (n)<-[:AGENT|TARGET|LOCATION|UNDER_LAW]-() } AS eventCount,
       COLLECT {
         UNWIND newest AS x
         WITH x[0] AS e, x[1] AS role
         RETURN {id: e.id, date: e.date, sourceCount: e.sourceCount, labels: labels(e), role: role,
                 agents: [(e)-[:AGENT]->(a:Entity) | a {.id, .name, .country, labels: labels(a)}],
                 targets: [(e)-[:TARGET]->(t:Entity) | t {.id, .name, .country, labels: labels(t)}]}
       } AS timeline,
       COLLECT {
         UNWIND recent AS e
         MATCH (e)-[r:AGENT|TARGET|LOCATION|UNDER_LAW]->(m:Entity)
         WHERE m <> n
         WITH m, count(DISTINCT e) AS shared, collect(DISTINCT type(r)) AS roles
         ORDER BY shared DESC, m.id
         LIMIT $linkedLimit
         RETURN m {.id, .name, .country, labels: labels(m), shared: shared, roles: roles}
       } AS linked,
       COLLECT {
         MATCH (n)-[r:REPORTED_IN]->(d:Document)
         WITH d, r ORDER BY d.published DESC, d.id LIMIT 20
         RETURN {document: d.id, title: d.title, url: d.url, source: d.source, published: d.published,
                 evidence: r.evidence, start: r.start, end: r.end, confidence: r.confidence}
       } AS sources
