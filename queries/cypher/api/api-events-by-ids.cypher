// summary: Events by id, in the order given, with their arguments and sources (the projection every event list of the API shares).
// param ids: list[str] - event ids
// returns: event (map with labels, agents, targets (each with probability: the argument model's, null when not judged), locations, laws, sources)
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:EnforcementEvent {id: $ids[i]})
RETURN e {.id, .date, .datePrecision, .status, .effectiveDate, .effectivePrecision, .confidence, .sourceCount,
          labels: labels(e),
          agents: [(e)-[a:AGENT]->(x:Entity) | x {.id, .name, .country, labels: labels(x), probability: a.probability}],
          targets: [(e)-[a:TARGET]->(x:Entity) | x {.id, .name, .country, labels: labels(x), probability: a.probability}],
          locations: [(e)-[:LOCATION]->(x:Entity) | x {.id, .name, .country, labels: labels(x)}],
          laws: [(e)-[:UNDER_LAW]->(x:Entity) | x {.id, .name, .country, labels: labels(x)}],
          sources: COLLECT { MATCH (e)-[r:REPORTED_IN]->(d:Document)
                             RETURN {document: d.id, title: d.title, url: d.url, source: d.source,
                                     published: d.published, evidence: r.evidence, start: r.start, end: r.end,
                                     confidence: r.confidence} ORDER BY d.published, d.id }} AS event
ORDER BY i
