// summary: Whether the NameKey migration has work, read from Neo4j's count store (so it costs the same at any size): the number of entities, of HAS_NAME_KEY links, and whether a migration was left under way.
// returns: entities, links, pending (a Migration node 'name-keys' exists)
CALL () { MATCH (n:Entity) RETURN count(n) AS entities }
CALL () { MATCH ()-[r:HAS_NAME_KEY]->() RETURN count(r) AS links }
RETURN entities, links, EXISTS { MATCH (:Migration {name: 'name-keys'}) } AS pending
