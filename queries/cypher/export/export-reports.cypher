// summary: The reports (REPORTED_IN with evidence) that a page of documents makes, for the RDF export, in document then node order; with filters, only reports of selected events and their entities.
// param docIds: list[str] - the documents of one export page
// param since: str or null - keep events dated on or after this ISO date (partial dates count when they may be)
// param type: str or null - keep events of this ontology class
// param events: list[str] or null - keep only these events (by id)
// returns: doc, id (node id), labels, evidence, start, end, confidence
UNWIND $docIds AS docId
MATCH (:Document {id: docId})<-[r:REPORTED_IN]-(n)
WHERE (n:EnforcementEvent
       AND ($type IS NULL OR $type IN labels(n)) AND ($events IS NULL OR n.id IN $events)
       AND ($since IS NULL OR (n.date IS NOT NULL AND n.date >= left($since, size(n.date)))))
   OR (n:Entity
       AND (($since IS NULL AND $type IS NULL AND $events IS NULL)
            OR EXISTS { MATCH (n)<--(e:EnforcementEvent)
                        WHERE ($type IS NULL OR $type IN labels(e)) AND ($events IS NULL OR e.id IN $events)
                          AND ($since IS NULL OR (e.date IS NOT NULL AND e.date >= left($since, size(e.date)))) }))
RETURN docId AS doc, n.id AS id, labels(n) AS labels, r.evidence AS evidence, r.start AS start, r.end AS end,
       r.confidence AS confidence
ORDER BY doc, id
