// summary: Merge entity nodes by id with their ontology labels (one row per entity; reports are written apart).
// access: write
// param rows: list of {id, labels: list[str] (from the ontology), name, country, wikidata, externalIds: list[str]}
// returns: written (number of entities)
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
ON CREATE SET n.name = row.name
SET n:$(row.labels)
SET n.country = coalesce(n.country, row.country),
    n.wikidata = coalesce(n.wikidata, row.wikidata),
    n.externalIds = reduce(acc = coalesce(n.externalIds, []), x IN row.externalIds |
                           CASE WHEN x IN acc THEN acc ELSE acc + x END)
RETURN count(n) AS written
