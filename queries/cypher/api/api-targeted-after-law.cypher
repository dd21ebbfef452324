// summary: Firms (Company) that suffered an event of a type on or after a law revision's basis date in that law's jurisdiction, one row per (law, firm) with the qualifying events and their sources; foreign = the firm's home country differs from the acting jurisdiction. Laws are taken one at a time in id order and stop when the page is full; each law's events come from the composite index (eventType, date), so the work follows the events of that type since that law's date, not every event of every law.
// param eventType: str - an ontology event class (e.g. "Raid")
// param laws: list - {id, name, country, labels, revision, basisDate, after} in id order, only those at or after the cursor's law; `country` null: the law applies in every jurisdiction; `after` is the latest day the basis date may stand for (YYYY-MM-DD, "99" for unknown parts)
// param foreign: bool - true: only firms foreign to the acting jurisdiction
// param afterLaw: str or null - law id of the last row of the previous page (null for the first page)
// param afterFirm: str - firm id of the last row of the previous page
// param minArgumentProbability: float or null - an agent or target counts only when its probability (the argument model's) is at least this: the firm must pass as the event's target, and an agent that does not pass is neither listed nor used for the jurisdiction; null: no bound
// param keepUnscored: bool - with a bound, an agent or target without a probability (rules alone, or written before probabilities were kept) still counts
// param limit: int - page size
// returns: law (map), firm (map), foreign, firstDate, events (list of maps with agents (each with probability), targetProbability (the firm's as this event's target), jurisdiction and sources)
UNWIND $laws AS l
CALL (l) {
  MATCH (ev:EnforcementEvent)
  USING INDEX ev:EnforcementEvent(eventType, date)
  // the least date string that may qualify: "2023" only when the law's day is 2023-01-01, "2023-05" only from a 1st
  WHERE ev.eventType = $eventType
    AND ev.date >= CASE WHEN l.after ENDS WITH '-01-01' THEN left(l.after, 4)
                        WHEN l.after ENDS WITH '-01' THEN left(l.after, 7) ELSE l.after END
  WITH ev, CASE size(ev.date) WHEN 4 THEN ev.date + '-01-01' WHEN 7 THEN ev.date + '-01' ELSE ev.date END AS earliest
  WHERE earliest >= l.after
  // under a bound, an agent that does not pass does not act: the location's country stands in when none does
  WITH ev, [(ev)-[r:AGENT]->(a:Entity)
            WHERE a.country IS NOT NULL
              AND ($minArgumentProbability IS NULL OR (r.probability IS NULL AND $keepUnscored)
                   OR r.probability >= $minArgumentProbability) | a.country] AS agentCountries
  WITH ev, CASE WHEN size(agentCountries) > 0 THEN agentCountries
                ELSE [(ev)-[:LOCATION]->(p:Entity) WHERE p.country IS NOT NULL | p.country] END AS jurisdictions
  UNWIND jurisdictions AS j
  WITH DISTINCT ev, j
  WHERE coalesce(l.country, '') = '' OR j = l.country
  MATCH (ev)-[t:TARGET]->(c:Company)
  WHERE ($afterLaw IS NULL OR l.id > $afterLaw OR c.id > $afterFirm)
    AND ($minArgumentProbability IS NULL OR (t.probability IS NULL AND $keepUnscored)
         OR t.probability >= $minArgumentProbability)
  WITH c, ev, j, t.probability AS p, (c.country IS NOT NULL AND c.country <> j) AS foreign
  WHERE foreign OR NOT $foreign
  WITH c, collect({ev: ev, j: j, p: p}) AS hits, max(foreign) AS foreign
  ORDER BY c.id LIMIT $limit
  RETURN c, hits, foreign
}
WITH l, c, hits, foreign LIMIT $limit
UNWIND hits AS h
WITH l, c, foreign, h.ev AS ev, collect(h.j) AS js, max(h.p) AS p ORDER BY ev.date, ev.id
WITH l, c, foreign,
     collect(ev {.id, .date, .datePrecision, labels: labels(ev), jurisdiction: js[0], targetProbability: p,
                 agents: [(ev)-[r:AGENT]->(a:Entity)
                          WHERE $minArgumentProbability IS NULL OR (r.probability IS NULL AND $keepUnscored)
                                OR r.probability >= $minArgumentProbability |
                          a {.id, .name, .country, labels: labels(a), probability: r.probability}],
                 sources: COLLECT { MATCH (ev)-[r:REPORTED_IN]->(d:Document)
                                    RETURN {document: d.id, title: d.title, url: d.url, source: d.source,
                                            published: d.published, evidence: r.evidence, start: r.start,
                                            end: r.end, confidence: r.confidence} ORDER BY d.published, d.id }})
       AS events
RETURN l AS law, c {.id, .name, .country, labels: labels(c)} AS firm, foreign, events[0].date AS firstDate, events
ORDER BY law.id, firm.id
