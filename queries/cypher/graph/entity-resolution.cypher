// summary: How an entity was resolved: its members (base ids), the merges that made it and the names each document used.
// param id: str - an entity id, or the base id of one of its members
// returns: id, name, type labels, memberIds, merges, reports (doc, names, mergeRule)
MATCH (n:Entity)
WHERE n.id = $id OR $id IN coalesce(n.memberIds, [])
RETURN n.id AS id, n.name AS name, labels(n) AS labels, coalesce(n.memberIds, [n.id]) AS memberIds,
       coalesce(n.merges, []) AS merges,
       COLLECT { MATCH (n)-[r:REPORTED_IN]->(d:Document)
                 RETURN {doc: d.id, names: r.names, baseIds: r.baseIds, mergeRule: r.mergeRule} AS report
                 ORDER BY d.id } AS reports
ORDER BY id
LIMIT 1
