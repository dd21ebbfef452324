// summary: Merge event arguments (agent, target, location, law) as relationships typed from the ontology, recording which documents support each.
// access: write
// param rows: list of {event: str, entity: str, type: str (an ontology relation type), docs: list[str]}
// returns: written (number of argument rows)
UNWIND $rows AS row
MATCH (e:EnforcementEvent {id: row.event})
MATCH (x:Entity {id: row.entity})
MERGE (e)-[a:$(row.type)]->(x)
SET a.sources = coalesce(a.sources, []) + [d IN row.docs WHERE NOT d IN coalesce(a.sources, [])]
RETURN count(a) AS written
