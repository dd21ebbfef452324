// summary: What screening's peer summaries depend on of these entities (their country and whether they are a firm), read before a group writes them, so that a change can re-derive their events.
// param ids: list[str] - entity ids
// returns: id, country (or null), company (has the Company label)
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN n.id AS id, n.country AS country, n:Company AS company
