// summary: The current id of an entity that resolution merged away (its old id is kept among the survivor's memberIds).
// param id: str - an entity id that names no entity any more
// returns: id (the surviving entity's id); no row when no entity ever had it
MATCH (n:Entity)
WHERE $id IN coalesce(n.memberIds, [])
RETURN n.id AS id
ORDER BY id
LIMIT 1
