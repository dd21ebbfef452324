// summary: Merge events by id with their ontology labels, and link each to the document that reports it with the evidence.
// param rows: list of {id, labels: list[str] (from the ontology), date, datePrecision, effectiveDate, effectivePrecision, confidence, doc, evidence, start, end}
// returns: written (number of event reports)
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MERGE (e:EnforcementEvent {id: row.id})
SET e:$(row.labels)
SET e.date = row.date, e.datePrecision = row.datePrecision,
    e.effectiveDate = coalesce(row.effectiveDate, e.effectiveDate),
    e.effectivePrecision = coalesce(row.effectivePrecision, e.effectivePrecision)
MERGE (e)-[r:REPORTED_IN]->(d)
SET r.evidence = row.evidence, r.start = row.start, r.end = row.end, r.confidence = row.confidence
RETURN count(r) AS written
