// summary: Merge event arguments (agent, target, location, law) as relationships typed from the ontology, recording which documents support each.
// param rows: list of {event: str, entity: str, type: str (an ontology relation type), doc: str}
// returns: written (number of argument rows)
UNWIND $rows AS row
MATCH (e:EnforcementEvent {id: row.event})
MATCH (x:Entity {id: row.entity})
MERGE (e)-[a:$(row.type)]->(x)
SET a.sources = CASE WHEN row.doc IN coalesce(a.sources, []) THEN a.sources
                     ELSE coalesce(a.sources, []) + row.doc END
RETURN count(a) AS written
