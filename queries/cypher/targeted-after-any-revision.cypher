// summary: Foreign companies targeted by events of a kind (e.g. Raid) dated on or after a revision of a law; foreign = the company's country differs from the acting authority's.
// param eventType: str - the ontology class of the enforcement events (e.g. "Raid")
// param law: str - the law's name or one of its aliases (e.g. "Counter-Espionage Law")
// returns: company (id), name, country, event (id), date, agentCountry, revision (id), revisionDate
MATCH (lr:LawRevision)-[:UNDER_LAW]->(law:Law)
WHERE law.name = $law OR $law IN coalesce(law.aliases, [])
MATCH (ev:EnforcementEvent)-[:TARGET]->(c:Company)
WHERE $eventType IN labels(ev)
  AND ev.date IS NOT NULL AND lr.date IS NOT NULL
  AND ev.date >= lr.date
MATCH (ev)-[:AGENT]->(ag:Actor)
WHERE c.country IS NOT NULL AND ag.country IS NOT NULL AND c.country <> ag.country
RETURN DISTINCT c.id AS company, c.name AS name, c.country AS country, ev.id AS event, ev.date AS date,
       ag.country AS agentCountry, lr.id AS revision, lr.date AS revisionDate
ORDER BY company, event, revision
