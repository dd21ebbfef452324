// summary: Stamp recordedAt on entities whose reports were retracted and written back unchanged (their summary stands): the retraction left tombstones for those reports, so deltas by record time (export --changed-since) must send the entities and their reports again.
// access: write
// param ids: list[str] - entity ids
// returns: stamped (number of entities)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
SET n.recordedAt = datetime.transaction()
RETURN count(n) AS stamped
