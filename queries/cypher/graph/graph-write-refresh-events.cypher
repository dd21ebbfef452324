// summary: Recompute events' date and effective date (each the most precise, best-corroborated reported one), status (a reversal, else a confirmation, else a denial, else reported), confidence and number of corroborating sources from the documents that report them. Stamps recordedAt (the time of the change, for deltas).
// access: write
// param ids: list[str] - event ids
// returns: refreshed (number of events)
UNWIND $ids AS id
MATCH (e:EnforcementEvent {id: id})
// the reports grouped by the dates they give, so each date's support is a sum over the distinct
// dates (a hub event's thousands of reports carry a handful of them): linear in the reports,
// where comparing every report's date with every other's was quadratic
CALL (e) {
  MATCH (e)-[r:REPORTED_IN]->(:Document)
  WITH r.reportedDate AS d, r.reportedEffective AS f, r.reportedStatus AS st, count(r) AS n, max(r.confidence) AS c
  RETURN sum(n) AS sources, max(c) AS confidence,
         collect(CASE WHEN d IS NOT NULL THEN {d: d, n: n} END) AS dates,
         collect(CASE WHEN f IS NOT NULL THEN {d: f, n: n} END) AS effectives,
         collect(DISTINCT st) AS statuses
}
// a date's support: the reports whose date equals it, refines it or is refined by it
WITH e, sources, confidence, effectives, statuses,
     head(COLLECT { UNWIND dates AS x
                    WITH x.d AS d, reduce(s = 0, o IN dates |
                           s + CASE WHEN o.d STARTS WITH x.d OR x.d STARTS WITH o.d THEN o.n ELSE 0 END) AS support
                    RETURN d ORDER BY support DESC, size(d) DESC, d LIMIT 1 }) AS best
// a law revision's effective date, chosen the same way (kept when no report gives one: older graphs)
WITH e, sources, confidence, statuses, best,
     coalesce(head(COLLECT { UNWIND effectives AS x
                             WITH x.d AS d, reduce(s = 0, o IN effectives |
                                    s + CASE WHEN o.d STARTS WITH x.d OR x.d STARTS WITH o.d THEN o.n ELSE 0 END)
                                    AS support
                             RETURN d ORDER BY support DESC, size(d) DESC, d LIMIT 1 }), e.effectiveDate) AS effective
SET e.recordedAt = datetime.transaction(), e.sourceCount = sources, e.confidence = confidence, e.date = best,
    e.datePrecision = CASE size(best) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    e.effectiveDate = effective,
    e.effectivePrecision = CASE size(effective) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    e.status = head([s IN ['reversed', 'confirmed', 'denied', 'reported'] WHERE s IN statuses])
RETURN count(e) AS refreshed
