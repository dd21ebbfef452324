// summary: Recompute events' confidence and number of corroborating sources from the documents that report them.
// param ids: list[str] - event ids
// returns: refreshed (number of events)
UNWIND $ids AS id
MATCH (e:EnforcementEvent {id: id})
CALL (e) {
  MATCH (e)-[r:REPORTED_IN]->(:Document)
  RETURN count(r) AS sources, max(r.confidence) AS confidence
}
SET e.sourceCount = sources, e.confidence = confidence
RETURN count(e) AS refreshed
