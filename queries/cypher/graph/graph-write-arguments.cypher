// summary: Merge event arguments (agent, target, location, law) as relationships typed from the ontology, recording which documents support each and the probability each document that judged it gave; `probability` is the highest of those.
// access: write
// param rows: list of {event: str, entity: str, type: str (an ontology relation type), docs: list[str], scoredDocs: list[str] (the documents of docs that judged it), scores: list[float] (their probabilities, same order)}
// returns: written (number of argument rows)
UNWIND $rows AS row
MATCH (e:EnforcementEvent {id: row.event})
MATCH (x:Entity {id: row.entity})
MERGE (e)-[a:$(row.type)]->(x)
WITH a, row, coalesce(a.probabilitySources, []) AS had, coalesce(a.probabilities, []) AS gave
// a document's new judgement replaces its old one (the writer retracts a document before writing it again)
WITH a, row, [i IN range(0, size(had) - 1) WHERE NOT had[i] IN row.scoredDocs] AS keep, had, gave
WITH a, row, [i IN keep | had[i]] + row.scoredDocs AS judged, [i IN keep | gave[i]] + row.scores AS scores
SET a.sources = coalesce(a.sources, []) + [d IN row.docs WHERE NOT d IN coalesce(a.sources, [])],
    a.probabilitySources = CASE WHEN size(judged) = 0 THEN null ELSE judged END,
    a.probabilities = CASE WHEN size(scores) = 0 THEN null ELSE scores END,
    a.probability = reduce(best = null, p IN scores | CASE WHEN best IS NULL OR p > best THEN p ELSE best END)
RETURN count(a) AS written
