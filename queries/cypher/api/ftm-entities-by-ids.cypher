// summary: Actors by id for the FollowTheMoney projection (the /match answers), with the types of the events against them and the URLs of the documents that report them.
// param ids: list[str] - entity ids
// returns: entity (map: id, name, aliases, country, labels), targetedBy (list of event label lists), urls (list of document URLs)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n {.id, .name, .country, aliases: coalesce(n.aliases, []), labels: labels(n)} AS entity,
       COLLECT { MATCH (n)<-[:TARGET]-(e:EnforcementEvent) RETURN labels(e) } AS targetedBy,
       COLLECT { MATCH (n)-[:REPORTED_IN]->(d:Document) WHERE d.url IS NOT NULL
                 RETURN DISTINCT d.url ORDER BY d.url LIMIT 20 } AS urls
