// summary: Laws (all, or the one named by id, name or alias, case-insensitive) with every LawRevision event that revises them, and the documents that report each revision.
// param law: str or null - a law's id, name or alias; null for every law that has a revision
// returns: law (map with labels), revisions (list of {id, date, effectiveDate, sources})
MATCH (law:Law)
WHERE $law IS NULL OR law.id = $law OR toLower(law.name) = toLower($law)
   OR any(a IN coalesce(law.aliases, []) WHERE toLower(a) = toLower($law))
MATCH (lr:LawRevision)-[:UNDER_LAW]->(law)
WITH law, lr ORDER BY lr.id
WITH law, collect(lr {.id, .date, .effectiveDate,
       sources: COLLECT { MATCH (lr)-[r:REPORTED_IN]->(d:Document)
                          RETURN {document: d.id, title: d.title, url: d.url, source: d.source,
                                  published: d.published, evidence: r.evidence, start: r.start, end: r.end,
                                  confidence: r.confidence} ORDER BY d.published, d.id }}) AS revisions
RETURN law {.id, .name, .country, labels: labels(law)} AS law, revisions
ORDER BY law.id
