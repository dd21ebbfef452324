// summary: Every event against each of some entities (any date), with when we first learned of it (the earliest ingestion of a document that reports it), for a watchlist's monitoring state.
// param ids: list[str] - entity ids
// returns: entity (id), events (list of maps: id, learnedAt; by id)
UNWIND $ids AS id
MATCH (x:Entity {id: id})
RETURN x.id AS entity,
       COLLECT { MATCH (x)<-[:TARGET]-(e:EnforcementEvent)
                 RETURN {id: e.id, learnedAt: COLLECT { MATCH (e)-[:REPORTED_IN]->(d:Document)
                                                        RETURN d.ingestedAt ORDER BY d.ingestedAt LIMIT 1 }[0]} AS ev
                 ORDER BY ev.id } AS events
