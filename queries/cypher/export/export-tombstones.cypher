// summary: What was removed from the graph at or after a time (documents, entities, events, reports and argument assessments), for a delta export; oldest first.
// param since: datetime - the time to look from (with a time zone)
// returns: kind (document, entity, event, report or assessment), id (a report's: its subject's; an assessment's: its event's), doc (a report's document; an assessment's entity), role (an assessment's relationship type), removedAt
MATCH (t:Tombstone)
WHERE t.removedAt >= $since AND t.removedKind <> 'compacted'
RETURN t.removedKind AS kind, t.removedId AS id, t.removedFrom AS doc, t.removedRole AS role, t.removedAt AS removedAt
ORDER BY removedAt, kind, id, doc
