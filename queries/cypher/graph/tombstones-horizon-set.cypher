// summary: Record that removals before a time may have lost their tombstones (a delta must not start earlier); the mark only moves forward.
// access: write
// param before: datetime - the compaction's cutoff
// returns: horizon (the earliest time a delta can start from)
MERGE (h:Tombstone {removedKind: 'compacted'})
SET h.removedAt = CASE WHEN h.removedAt IS NULL OR h.removedAt < $before THEN $before ELSE h.removedAt END
RETURN h.removedAt AS horizon
