// summary: Delete up to a limit of the tombstones of removals before a time (one bounded batch; run until it deletes fewer than the limit).
// access: destructive
// param before: datetime - tombstones of removals strictly before this time go
// param limit: int - the most tombstones deleted in this transaction
// returns: deleted (number of tombstones)
MATCH (t:Tombstone)
WHERE t.removedAt < $before AND t.removedKind <> 'compacted'
WITH t LIMIT $limit
DELETE t
RETURN count(*) AS deleted
