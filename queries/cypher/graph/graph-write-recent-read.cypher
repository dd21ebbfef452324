// summary: What the writer needs to update the kept newest events and sources of the entities a change affects (ingest/graph/recent.py): the entities among `ids` and those linked to an event among `ids`, each with its kept lists, the current (date, event, role) pairs of the changed events it is an argument of, and the (publication date, document) of the changed documents that report it. Reads the changed events' arguments and the changed documents' reports, never a hub's other events or reports.
// param ids: list[str] - ids of the entities and events the group touched (written or withdrawn)
// param docIds: list[str] - ids of the documents whose reports the group wrote or retracted
// returns: id, events, roles, dates, sources, sourceDates (the kept lists, null when none), fresh (list of {date: date or "", event, role}), freshSources (list of {date: publication date or "~", document})
CALL () {
  UNWIND $ids AS id
  MATCH (x:Entity {id: id})
  RETURN x, [] AS fresh, [] AS freshSources
  UNION ALL
  UNWIND $ids AS id
  MATCH (e:EnforcementEvent {id: id})-[r:AGENT|TARGET|LOCATION|UNDER_LAW]->(x:Entity)
  RETURN x, collect({date: coalesce(e.date, ''), event: e.id, role: type(r)}) AS fresh, [] AS freshSources
  UNION ALL
  UNWIND $docIds AS docId
  MATCH (d:Document {id: docId})<-[:REPORTED_IN]-(x:Entity)
  RETURN x, [] AS fresh, collect({date: coalesce(toString(d.published), '~'), document: d.id}) AS freshSources
}
WITH x, collect(fresh) AS events, collect(freshSources) AS sources
RETURN x.id AS id, x.recentEvents AS events, x.recentRoles AS roles, x.recentDates AS dates,
       x.recentSources AS sources, x.recentSourceDates AS sourceDates,
       reduce(all = [], l IN events | all + l) AS fresh, reduce(all = [], l IN sources | all + l) AS freshSources
