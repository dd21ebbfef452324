// summary: The ids among the given ones that name an entity (to tell an unknown id from an absent link).
// param ids: list[str] - entity ids
// returns: id
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id
