// summary: One node by the kind of its IRI (entity, event or document) and its id, for a dereferenced IRI: its labels, properties, event arguments and the reports of it.
// param kind: str - the IRI kind: entity, event or document
// param id: str - the node id
// returns: labels, node (map of properties), arguments (list of {type, entity, sources: number of documents, probability: the argument model's (null: not judged), judgedBy: the documents that judged it}), reports (list of {doc, id, labels, evidence, start, end, confidence}); no row when unknown
CALL () {
  MATCH (n:Entity {id: $id}) WHERE $kind = 'entity' RETURN n
  UNION
  MATCH (n:EnforcementEvent {id: $id}) WHERE $kind = 'event' RETURN n
  UNION
  MATCH (n:Document {id: $id}) WHERE $kind = 'document' RETURN n
}
RETURN labels(n) AS labels, n {.*} AS node,
       COLLECT { MATCH (n:EnforcementEvent)-[a]->(x:Entity)
                 RETURN {type: type(a), entity: x.id, sources: size(coalesce(a.sources, [])), probability: a.probability,
                         judgedBy: a.probabilitySources}
                 ORDER BY type(a), x.id } AS arguments,
       COLLECT { MATCH (n)-[r:REPORTED_IN]->(d:Document)
                 RETURN {doc: d.id, id: n.id, labels: labels(n), evidence: r.evidence, start: r.start, end: r.end,
                         confidence: r.confidence}
                 ORDER BY d.id } AS reports
