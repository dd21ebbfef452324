// summary: One event by id with its arguments (the documents that state each, its probability and the probability each document that judged it gave), and every document that reports it with the evidence sentence.
// param id: str - the event id
// returns: event (map with labels, arguments, sources, reportedDates: the date each report gives, inferredDates: the date each report's story suggests where its text gives none); no row when unknown
MATCH (e:EnforcementEvent {id: $id})
RETURN e {.id, .date, .datePrecision, .status, .effectiveDate, .effectivePrecision, .confidence, .sourceCount,
          labels: labels(e),
          arguments: COLLECT { MATCH (e)-[a:AGENT|TARGET|LOCATION|UNDER_LAW]->(x:Entity)
                               RETURN {type: type(a), documents: coalesce(a.sources, []), probability: a.probability,
                                       judgedBy: coalesce(a.probabilitySources, []),
                                       probabilities: coalesce(a.probabilities, []),
                                       entity: x {.id, .name, .country, labels: labels(x)}}
                               ORDER BY type(a), x.id },
          sources: COLLECT { MATCH (e)-[r:REPORTED_IN]->(d:Document)
                             RETURN {document: d.id, title: d.title, url: d.url, source: d.source,
                                     published: d.published, evidence: r.evidence, start: r.start, end: r.end,
                                     confidence: r.confidence} ORDER BY d.published, d.id },
          reportedDates: COLLECT { MATCH (e)-[r:REPORTED_IN]->(d:Document) WHERE r.reportedDate IS NOT NULL
                                   RETURN {value: r.reportedDate, document: d.id} ORDER BY d.id },
          inferredDates: COLLECT { MATCH (e)-[r:REPORTED_IN]->(d:Document) WHERE r.inferredDate IS NOT NULL
                                   RETURN {value: r.inferredDate, document: d.id} ORDER BY d.id }} AS event
