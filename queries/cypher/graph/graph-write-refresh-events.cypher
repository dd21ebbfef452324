// summary: Bring events' date and effective date (each the most precise, best-corroborated reported one), status (a reversal, else a confirmation, else a denial, else reported), confidence, number of corroborating sources and per-date report counts up to date, and the join keys (`joinKey`: "<eventType>|<entity id>|<date or empty>") of its target and law relationships, which event-candidates seeks. Events in `ids` are recomputed from every report (after reports were withdrawn; for repair). Events the documents in `docIds` report are updated from the counts kept on the node plus those documents' reports alone, which must all be new in this transaction; an event without kept counts yet (new, or from an older graph) is recomputed. Stamps recordedAt (the time of the change, for deltas).
// access: write
// param ids: list[str] - event ids to recompute from all their reports
// param docIds: list[str] - documents whose reports were all written in this transaction ([] for a recompute only)
// returns: refreshed (number of events)
CALL () {
  UNWIND $ids AS id
  MATCH (e:EnforcementEvent {id: id})-[r:REPORTED_IN]->(:Document)
  RETURN e, r, true AS full
  UNION ALL
  UNWIND $docIds AS docId
  MATCH (:Document {id: docId})<-[r:REPORTED_IN]-(e:EnforcementEvent)
  WHERE e.reportedDateCounts IS NOT NULL AND NOT e.id IN $ids
  RETURN e, r, false AS full
  UNION ALL
  UNWIND $docIds AS docId
  MATCH (:Document {id: docId})<-[:REPORTED_IN]-(e:EnforcementEvent)
  WHERE e.reportedDateCounts IS NULL AND NOT e.id IN $ids
  WITH DISTINCT e
  MATCH (e)-[r:REPORTED_IN]->(:Document)
  RETURN e, r, true AS full
}
// the reports grouped by the dates they give: a hub event's many reports carry a handful of dates
WITH e, full, r.reportedDate AS d, r.reportedEffective AS f, r.reportedStatus AS st, count(r) AS n, max(r.confidence) AS c
WITH e, full, sum(n) AS sources, max(c) AS confidence,
     collect(CASE WHEN d IS NOT NULL THEN {d: d, n: n} END) AS dates,
     collect(CASE WHEN f IS NOT NULL THEN {d: f, n: n} END) AS effectives,
     collect(DISTINCT st) AS statuses
// what the reports add to: nothing when recomputed, else the counts the node keeps (its status stands
// for the statuses seen so far: the first of the order below among them)
WITH e, CASE WHEN full THEN sources ELSE e.sourceCount + sources END AS sources,
     CASE WHEN full OR e.confidence IS NULL OR confidence > e.confidence THEN confidence ELSE e.confidence END AS confidence,
     CASE WHEN full OR e.status IS NULL THEN statuses ELSE statuses + e.status END AS statuses,
     CASE WHEN full THEN [] ELSE [i IN range(0, size(e.reportedDates) - 1)
                                  | {d: e.reportedDates[i], n: e.reportedDateCounts[i]}] END + dates AS dates,
     CASE WHEN full THEN [] ELSE [i IN range(0, size(e.reportedEffectives) - 1)
                                  | {d: e.reportedEffectives[i], n: e.reportedEffectiveCounts[i]}] END + effectives AS effectives
WITH e, sources, confidence, statuses,
     COLLECT { UNWIND dates AS x WITH x.d AS d, sum(x.n) AS n RETURN {d: d, n: n} AS t ORDER BY t.d } AS dates,
     COLLECT { UNWIND effectives AS x WITH x.d AS d, sum(x.n) AS n RETURN {d: d, n: n} AS t ORDER BY t.d } AS effectives
// a date's support: the reports whose date equals it, refines it or is refined by it
WITH e, sources, confidence, statuses, dates, effectives,
     head(COLLECT { UNWIND dates AS x
                    WITH x.d AS d, reduce(s = 0, o IN dates |
                           s + CASE WHEN o.d STARTS WITH x.d OR x.d STARTS WITH o.d THEN o.n ELSE 0 END) AS support
                    RETURN d ORDER BY support DESC, size(d) DESC, d LIMIT 1 }) AS best
// a law revision's effective date, chosen the same way (kept when no report gives one: older graphs)
WITH e, sources, confidence, statuses, dates, effectives, best,
     coalesce(head(COLLECT { UNWIND effectives AS x
                             WITH x.d AS d, reduce(s = 0, o IN effectives |
                                    s + CASE WHEN o.d STARTS WITH x.d OR x.d STARTS WITH o.d THEN o.n ELSE 0 END)
                                    AS support
                             RETURN d ORDER BY support DESC, size(d) DESC, d LIMIT 1 }), e.effectiveDate) AS effective
SET e.recordedAt = datetime.transaction(), e.sourceCount = sources, e.confidence = confidence, e.date = best,
    e.datePrecision = CASE size(best) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    e.effectiveDate = effective,
    e.effectivePrecision = CASE size(effective) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    e.status = head([s IN ['reversed', 'confirmed', 'denied', 'reported'] WHERE s IN statuses]),
    e.reportedDates = [t IN dates | t.d], e.reportedDateCounts = [t IN dates | t.n],
    e.reportedEffectives = [t IN effectives | t.d], e.reportedEffectiveCounts = [t IN effectives | t.n]
// the join keys event-candidates seeks, on the event's own target and law relationships (a handful)
WITH e
CALL (e) {
  MATCH (e)-[a:TARGET|UNDER_LAW]->(x:Entity)
  WITH a, e.eventType + '|' + x.id + '|' + coalesce(e.date, '') AS key
  WHERE a.joinKey IS NULL OR a.joinKey <> key
  SET a.joinKey = key
}
RETURN count(e) AS refreshed
