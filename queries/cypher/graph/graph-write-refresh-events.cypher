// summary: Recompute events' date and effective date (each the most precise, best-corroborated reported one), confidence and number of corroborating sources from the documents that report them. Stamps recordedAt (the time of the change, for deltas).
// access: write
// param ids: list[str] - event ids
// returns: refreshed (number of events)
UNWIND $ids AS id
MATCH (e:EnforcementEvent {id: id})
CALL (e) {
  MATCH (e)-[r:REPORTED_IN]->(:Document)
  RETURN count(r) AS sources, max(r.confidence) AS confidence, collect(r.reportedDate) AS dates,
         collect(r.reportedEffective) AS effectives
}
// a date's support: the reports whose date equals it, refines it or is refined by it
WITH e, sources, confidence, effectives,
     head(COLLECT { UNWIND dates AS d
                    WITH d, size([x IN dates WHERE x STARTS WITH d OR d STARTS WITH x]) AS support
                    RETURN d ORDER BY support DESC, size(d) DESC, d LIMIT 1 }) AS best
// a law revision's effective date, chosen the same way (kept when no report gives one: older graphs)
WITH e, sources, confidence, best,
     coalesce(head(COLLECT { UNWIND effectives AS d
                             WITH d, size([x IN effectives WHERE x STARTS WITH d OR d STARTS WITH x]) AS support
                             RETURN d ORDER BY support DESC, size(d) DESC, d LIMIT 1 }), e.effectiveDate) AS effective
SET e.recordedAt = datetime.transaction(), e.sourceCount = sources, e.confidence = confidence, e.date = best,
    e.datePrecision = CASE size(best) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    e.effectiveDate = effective,
    e.effectivePrecision = CASE size(effective) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END
RETURN count(e) AS refreshed
