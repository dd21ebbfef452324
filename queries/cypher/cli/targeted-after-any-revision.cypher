// summary: Foreign companies targeted by events of a kind dated on or after ANY dated revision of a law (plain string comparison of dates); the API's /questions/targeted-after-law applies the stricter rules (latest revision, certain dates, jurisdiction). Kept as the reference the SPARQL test mirrors.
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
