// summary: Link entities and events to the document that reports them, with the evidence sentence, its offsets and what resolution needs (the document's earlier reports were retracted first, so each link is new).
// access: write
// param rows: list of {id (entity or event id), doc, evidence, start, end, confidence, names: list[str] | null, nameKeys: list[str] | null, baseIds: list[str], mergeRule: str | null, reportedDate: str | null, reportedEffective: str | null, reportedStatus: str | null, inferredDate: str | null}
// returns: written (number of reports)
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
CALL (row) {
  MATCH (n:Entity {id: row.id}) RETURN n
  UNION
  MATCH (n:EnforcementEvent {id: row.id}) RETURN n
}
CREATE (n)-[r:REPORTED_IN]->(d)
SET r.evidence = row.evidence, r.start = row.start, r.end = row.end, r.confidence = row.confidence,
    r.names = row.names, r.nameKeys = row.nameKeys, r.baseIds = row.baseIds, r.mergeRule = row.mergeRule,
    r.reportedDate = row.reportedDate, r.reportedEffective = row.reportedEffective, r.reportedStatus = row.reportedStatus,
    r.inferredDate = row.inferredDate
RETURN count(r) AS written
