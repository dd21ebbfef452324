// summary: Recompute entities' kept newest events and sources from all their events and reports, as the profile orders them (top-k, not a sort of everything): recentEvents, recentRoles, recentDates - the first `keep` (event, role) pairs by date newest first (undated last), then event id, then role; recentSources, recentSourceDates - the first `keepSources` reporting documents by publication date newest first (undated first), then id. For entities whose lists the change alone cannot update, the start-up migration, and tests.
// access: write
// param ids: list[str] - entity ids
// param keep: int - how many (event, role) pairs to keep
// param keepSources: int - how many documents to keep
// returns: refreshed (number of entities)
UNWIND $ids AS id
MATCH (x:Entity {id: id})
CALL (x) {
  MATCH (x)<-[r:AGENT|TARGET|LOCATION|UNDER_LAW]-(e:EnforcementEvent)
  WITH e, type(r) AS role ORDER BY coalesce(e.date, '') DESC, e.id, role
  LIMIT $keep
  RETURN collect(e.id) AS events, collect(role) AS roles, collect(coalesce(e.date, '')) AS dates
}
CALL (x) {
  MATCH (x)-[:REPORTED_IN]->(d:Document)
  WITH d ORDER BY d.published DESC, d.id
  LIMIT $keepSources
  RETURN collect(d.id) AS sources, collect(coalesce(toString(d.published), '~')) AS sourceDates
}
SET x.recentEvents = events, x.recentRoles = roles, x.recentDates = dates,
    x.recentSources = sources, x.recentSourceDates = sourceDates
RETURN count(x) AS refreshed
