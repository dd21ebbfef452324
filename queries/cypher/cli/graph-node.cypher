// summary: One entity or event by id, with its labels, properties, arguments and the documents that report it (to inspect the graph).
// param id: str - the entity or event id
// returns: labels, props (map), arguments (list of {type, entity, sources}), reports (list of {doc, evidence, start, end, confidence, names}); no row when unknown
CALL {
  MATCH (n:Entity {id: $id}) RETURN n
  UNION
  MATCH (n:EnforcementEvent {id: $id}) RETURN n
}
RETURN labels(n) AS labels, n {.*} AS props,
       COLLECT { MATCH (n)-[a]->(x:Entity) RETURN {type: type(a), entity: x.id, sources: a.sources}
                 ORDER BY type(a), x.id } AS arguments,
       COLLECT { MATCH (n)-[r:REPORTED_IN]->(d:Document)
                 RETURN {doc: d.id, evidence: r.evidence, start: r.start, end: r.end,
                         confidence: r.confidence, names: r.names} ORDER BY d.id } AS reports
