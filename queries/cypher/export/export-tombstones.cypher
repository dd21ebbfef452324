// summary: What was removed from the graph at or after a time (documents, entities, events and reports), for a delta export; oldest first.
// param since: datetime - the time to look from (with a time zone)
// returns: kind (document, entity, event or report), id (a report's: its subject's), doc (a report's document), removedAt
MATCH (t:Tombstone)
WHERE t.removedAt >= $since AND t.removedKind <> 'compacted'
RETURN t.removedKind AS kind, t.removedId AS id, t.removedFrom AS doc, t.removedAt AS removedAt
ORDER BY removedAt, kind, id, doc
