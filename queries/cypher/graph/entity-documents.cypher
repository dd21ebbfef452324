// summary: The documents that report the given entities, with their stored extraction (to re-derive their facts).
// param ids: list[str] - entity ids
// returns: id, extraction (JSON string)
UNWIND $ids AS entityId
MATCH (:Entity {id: entityId})-[:REPORTED_IN]->(d:Document)
RETURN DISTINCT d.id AS id, d.extraction AS extraction
ORDER BY id
