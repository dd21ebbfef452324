// summary: One page of actors (Company, Person, Organization, GovernmentBody) for the FollowTheMoney export, in id order, with the types of the events against them and the URLs of the documents that report them.
// param after: str - the last id of the previous page ("" for the first page)
// param limit: int - page size
// returns: entity (map: id, name, aliases, country, labels), targetedBy (list of event label lists), urls (list of document URLs)
MATCH (n:Entity)
WHERE n.id > $after AND (n:Company OR n:Person OR n:Organization OR n:GovernmentBody)
WITH n ORDER BY n.id LIMIT $limit
RETURN n {.id, .name, .country, aliases: coalesce(n.aliases, []), labels: labels(n)} AS entity,
       COLLECT { MATCH (n)<-[:TARGET]-(e:EnforcementEvent) RETURN labels(e) } AS targetedBy,
       COLLECT { MATCH (n)-[:REPORTED_IN]->(d:Document) WHERE d.url IS NOT NULL
                 RETURN DISTINCT d.url ORDER BY d.url LIMIT 20 } AS urls
ORDER BY entity.id
