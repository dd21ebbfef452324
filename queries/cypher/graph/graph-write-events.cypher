// summary: Merge event nodes by id with their ontology labels (one row per event; reports are written apart; the date is chosen across reports when events are refreshed).
// access: write
// param rows: list of {id, type (the event class), labels: list[str] (from the ontology), date, datePrecision, effectiveDate, effectivePrecision}
// returns: written (number of events)
UNWIND $rows AS row
MERGE (e:EnforcementEvent {id: row.id})
SET e:$(row.labels), e.eventType = row.type
SET e.date = coalesce(e.date, row.date), e.datePrecision = coalesce(e.datePrecision, row.datePrecision),
    e.effectiveDate = coalesce(row.effectiveDate, e.effectiveDate),
    e.effectivePrecision = coalesce(row.effectivePrecision, e.effectivePrecision)
RETURN count(e) AS written
