// summary: Merge entities by id with their ontology labels, and link each to the document that reports it.
// param rows: list of {id, labels: list[str] (from the ontology), name, names: list[str], country, wikidata, externalIds: list[str], confidence, doc, evidence, start, end}
// returns: written (number of entity reports)
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MERGE (n:Entity {id: row.id})
ON CREATE SET n.name = row.name
SET n:$(row.labels)
SET n.country = coalesce(n.country, row.country),
    n.wikidata = coalesce(n.wikidata, row.wikidata),
    n.externalIds = reduce(acc = coalesce(n.externalIds, []), x IN row.externalIds |
                           CASE WHEN x IN acc THEN acc ELSE acc + x END)
MERGE (n)-[r:REPORTED_IN]->(d)
SET r.evidence = row.evidence, r.start = row.start, r.end = row.end,
    r.confidence = row.confidence, r.names = row.names
RETURN count(r) AS written
