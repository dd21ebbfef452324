// summary: One page of events for the FollowTheMoney export, in id order, with their actors, places, laws and the documents (URL, evidence) that report them.
// param after: str - the last id of the previous page ("" for the first page)
// param limit: int - page size
// returns: event (map: id, date, labels), agents, targets (lists of {id, name, country, labels}), places, laws (lists of {name, country}), reports (list of {url, evidence, published})
MATCH (e:EnforcementEvent)
WHERE e.id > $after
WITH e ORDER BY e.id LIMIT $limit
RETURN e {.id, .date, labels: labels(e)} AS event,
       [(e)-[:AGENT]->(x:Entity) | x {.id, .name, .country, labels: labels(x)}] AS agents,
       [(e)-[:TARGET]->(x:Entity) | x {.id, .name, .country, labels: labels(x)}] AS targets,
       [(e)-[:LOCATION]->(x:Entity) | x {.name, .country}] AS places,
       [(e)-[:UNDER_LAW]->(x:Entity) | x {.name, .country}] AS laws,
       COLLECT { MATCH (e)-[r:REPORTED_IN]->(d:Document)
                 RETURN {url: d.url, evidence: r.evidence, published: d.published} ORDER BY d.id LIMIT 20 } AS reports
ORDER BY event.id
