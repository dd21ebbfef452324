// summary: Whether the kept-newest-events migration has work, at the same cost at any size on a graph in step: whether there are entities (count store), whether any entity keeps its newest events and sources (the first one found: every entity does once migrated), and whether a migration was left under way.
// returns: entities, kept (an entity has recentSources, set with recentEvents), pending (a Migration node 'recent-events' exists)
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
RETURN entities,
       EXISTS { MATCH (n:Entity) WHERE n.recentSources IS NOT NULL } AS kept,
       EXISTS { MATCH (:Migration {name: 'recent-events'}) } AS pending
