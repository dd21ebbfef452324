// summary: The reports of a page of entities or events (for a delta export, where a changed node comes with all its reports), in node then document order.
// param ids: list[str] - the entity or event ids of one export page
// returns: doc, id (node id), labels, evidence, start, end, confidence
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Entity {id: id}) RETURN n
  UNION
  MATCH (n:EnforcementEvent {id: id}) RETURN n
}
MATCH (n)-[r:REPORTED_IN]->(d:Document)
RETURN d.id AS doc, n.id AS id, labels(n) AS labels, r.evidence AS evidence, r.start AS start, r.end AS end,
       r.confidence AS confidence
ORDER BY id, doc
