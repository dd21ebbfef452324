// summary: Store entities' kept newest events (recentEvents, recentRoles, recentDates: one entry per (event, role) pair) and newest sources (recentSources, recentSourceDates), as ingest/graph/recent.py merged them.
// access: write
// param rows: list of {id: str, events: list[str], roles: list[str], dates: list[str], sources: list[str], sourceDates: list[str]}
// returns: written (number of entities)
UNWIND $rows AS row
MATCH (x:Entity {id: row.id})
SET x.recentEvents = row.events, x.recentRoles = row.roles, x.recentDates = row.dates,
    x.recentSources = row.sources, x.recentSourceDates = row.sourceDates
RETURN count(x) AS written
