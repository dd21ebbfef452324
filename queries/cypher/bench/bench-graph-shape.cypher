// summary: What a benchmark graph must hold before anything is timed on it: events, the dated ones, the reported ones (REPORTED_IN evidence) and argument relationships with their sources.
// returns: events, dated, reported, arguments, sourced
CALL () {
  MATCH (e:EnforcementEvent)
  RETURN count(e) AS events, count(e.date) AS dated,
         count(CASE WHEN EXISTS { (e)-[:REPORTED_IN]->(:Document) } THEN 1 END) AS reported
}
CALL () {
  MATCH (:EnforcementEvent)-[a]->(:Entity)
  WHERE type(a) <> 'REPORTED_IN'
  RETURN count(a) AS arguments, count(CASE WHEN size(coalesce(a.sources, [])) > 0 THEN 1 END) AS sourced
}
RETURN events, dated, reported, arguments, sourced
