// summary: Retractions at or after a time, still true now: documents removed, events and entities no document reports any more, and reports a changed or removed document withdrew; optionally only those about some ids; oldest first (keyset pages).
// param since: datetime - the time to look from (with a time zone)
// param ids: list[str] or null - only retractions of these entity or event ids, or of their reports (null: all)
// param afterAt: datetime or null - removal time of the last item of the previous page (null for the first page)
// param afterKey: str - kind, id and document of the last item of the previous page, joined by '|'
// param limit: int - page size
// returns: kind (document, entity, event or report), id, document (a report's document), removedAt, documentGone (a report's document was removed, not changed), key (the paging key)
MATCH (t:Tombstone)
WHERE t.removedAt >= $since
  AND ($ids IS NULL OR t.removedId IN $ids)
  // an assessment's tombstone is for deltas of the linked data (its event says the change here)
  AND t.removedKind <> 'assessment'
WITH t, t.removedKind + '|' + t.removedId + '|' + coalesce(t.removedFrom, '') AS key
WHERE ($afterAt IS NULL OR t.removedAt > $afterAt OR (t.removedAt = $afterAt AND key > $afterKey))
  // still retracted: not re-ingested, re-reported or re-created since
  AND CASE t.removedKind
        WHEN 'document' THEN NOT EXISTS { MATCH (:Document {id: t.removedId}) }
        WHEN 'event' THEN NOT EXISTS { MATCH (:EnforcementEvent {id: t.removedId}) }
        WHEN 'entity' THEN NOT EXISTS { MATCH (:Entity {id: t.removedId}) }
        // a report of a fact that is itself gone is said by the fact's own tombstone
        ELSE (EXISTS { MATCH (:Entity {id: t.removedId}) } OR EXISTS { MATCH (:EnforcementEvent {id: t.removedId}) })
             AND NOT EXISTS { MATCH (:Document {id: t.removedFrom})<-[:REPORTED_IN]-(n) WHERE n.id = t.removedId }
      END
  // the same retraction written again later (a report withdrawn twice) is listed once, at its latest
  AND NOT EXISTS { MATCH (later:Tombstone {removedId: t.removedId})
                   WHERE later.removedAt > t.removedAt AND later.removedKind = t.removedKind
                     AND coalesce(later.removedFrom, '') = coalesce(t.removedFrom, '') }
WITH t, key ORDER BY t.removedAt, key LIMIT $limit
RETURN t.removedKind AS kind, t.removedId AS id, t.removedFrom AS document, t.removedAt AS removedAt,
       t.removedFrom IS NOT NULL AND NOT EXISTS { MATCH (:Document {id: t.removedFrom}) } AS documentGone, key
ORDER BY removedAt, key
