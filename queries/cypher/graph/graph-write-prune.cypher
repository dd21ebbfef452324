// summary: Delete the given entities and events that no document reports any more (and the NameKey nodes only they held).
// access: destructive
// param ids: list[str] - ids of entities and events whose reports changed
// returns: deleted (number of nodes)
UNWIND $ids AS id
CALL (id) {
  MATCH (n:EnforcementEvent {id: id}) RETURN n
  UNION
  MATCH (n:Entity {id: id}) RETURN n
}
WITH n WHERE NOT EXISTS { (n)-[:REPORTED_IN]->(:Document) }
// a tombstone per node removed, for deltas by record time (export --changed-since)
CREATE (:Tombstone {removedKind: CASE WHEN n:Entity THEN 'entity' ELSE 'event' END, removedId: n.id,
                    removedAt: datetime.transaction()})
// its name key nodes go too when no other entity holds them
WITH n
CALL (n) {
  MATCH (n)-[h:HAS_NAME_KEY]->(k:NameKey)
  DELETE h
  WITH k WHERE NOT EXISTS { (k)<-[:HAS_NAME_KEY]-(:Entity) }
  DELETE k
}
DETACH DELETE n
RETURN count(*) AS deleted
